#!/usr/bin/env node
// Builds the committed bundles:
//   dist/cli.js     — the `review-bot` command's entry (src/bin.ts): installs the compile cache
//                     (src/shell/compile-cache.ts), then loads dist/engine.cjs.
//   dist/engine.cjs — the command itself (src/engine.ts), a CommonJS bundle so that the compile cache covers it
//                     (Node 20 caches no ES module's compiled code: 35–55 ms of every run went to compiling our own
//                     ES module chunks). Packages stay external (node_modules is present where it runs), the
//                     CommonJS ones loaded with `require` (see REQUIRED_PACKAGES). What only some runs need (the
//                     compiler, ts-morph, the rules, the GitHub client) is behind `import()`s, which esbuild turns
//                     into modules initialised on first use: a cache hit, --help and --version load none of it.
//   dist/action.js  — the GitHub Action; fully bundled (the runner has no node_modules). ts-morph and
//                     TypeScript are CommonJS, so the ESM bundle gets a real `require` from createRequire.
// The output is deterministic: same sources, same bytes (tested by test/github/action.e2e.test.ts).
// Usage: node scripts/build.mjs [--outdir <folder>]   (default: dist)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build as esbuild } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const ESM_REQUIRE_BANNER = [
  "import { createRequire as __rbCreateRequire } from 'node:module';",
  "import { fileURLToPath as __rbFileURLToPath } from 'node:url';",
  "import { dirname as __rbDirname } from 'node:path';",
  'const require = __rbCreateRequire(import.meta.url);',
  'const __filename = __rbFileURLToPath(import.meta.url);',
  'const __dirname = __rbDirname(__filename);',
].join('\n');

/**
 * CommonJS packages the engine loads through a module of ours, with `require` (kept external): ts-morph's exports
 * named once (ESM_FACADES), Ajv on first use (LAZY_CLASSES). Never through Node's ES module loader, which would scan
 * ts-morph (and the TypeScript it re-exports) with its CommonJS export lexer before running a line: 0.17 s a run.
 */
const REQUIRED_PACKAGES = /^(?:ts-morph|ajv)$/;

/** Turns `import { x } from 'pkg'` of a REQUIRED_PACKAGES package into a property of `require('pkg')` (kept external). */
const requireCommonJsPackages = {
  name: 'require-commonjs-packages',
  setup(build) {
    build.onResolve({ filter: REQUIRED_PACKAGES }, (args) =>
      args.namespace === 'required-package'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'required-package' },
    );
    build.onLoad({ filter: /.*/, namespace: 'required-package' }, (args) => ({
      contents: ESM_FACADES.has(args.path)
        ? esmFacadeOf(args.path)
        : LAZY_CLASSES.has(args.path)
          ? lazyFacadeOf(args.path, LAZY_CLASSES.get(args.path))
          : `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

/**
 * Required packages imported by many of our modules: each gets one module that names the package's exports
 * once. A CommonJS wrapper would be converted for every importing module (esbuild's `__toESM` copies each of
 * ts-morph's 538 exports into a fresh object per importer: about 35 ms and 13 MiB at every start).
 */
const ESM_FACADES = new Set(['ts-morph']);

/**
 * Required packages a run needs only sometimes, by the classes imported from them: the package is loaded when
 * one is first constructed. Ajv validates a configuration file (src/config/validate.ts): loading it took about
 * 30 ms of every run, with or without such a file.
 */
const LAZY_CLASSES = new Map([['ajv', ['Ajv']]]);

/** `export class X { constructor(...a) { return new (require(pkg).X)(...a); } }` for each class named. */
function lazyFacadeOf(name, classes) {
  const load = `let m;\nconst load = () => (m ??= require(${JSON.stringify(name)}));\n`;
  return (
    load +
    classes
      .map((c) => `export class ${c} {\n  constructor(...args) {\n    return new (load().${c})(...args);\n  }\n}\n`)
      .join('')
  );
}

/** `const m = require(pkg); export const { a, b, ... } = m;` with the package's export names as installed. */
function esmFacadeOf(name) {
  const names = Object.keys(createRequire(join(ROOT, 'package.json'))(name)).filter(
    (key) => /^[A-Za-z_$][\w$]*$/.test(key) && key !== 'default',
  );
  return `const m = require(${JSON.stringify(name)});\nexport const { ${names.join(', ')} } = m;\nexport default m;\n`;
}

/**
 * The metadata reporters read of every rule (`RuleMetaOfRun`: id, title, rationale, description, default
 * severity, category, stability, message templates), in the registry's order, as JSON: taken from the rules
 * themselves by bundling rules/index.ts and importing it here (our own code; nothing of a reviewed project).
 */
async function ruleMetasJson() {
  const scratch = mkdtempSync(join(ROOT, 'node_modules', '.review-bot-build-'));
  try {
    const file = join(scratch, 'rules.mjs');
    const bundled = await esbuild({
      absWorkingDir: ROOT,
      entryPoints: [join(ROOT, 'rules/index.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      write: false,
      logLevel: 'warning',
    });
    writeFileSync(file, bundled.outputFiles[0].text);
    const { RULES } = await import(pathToFileURL(file).href);
    const metas = RULES.map(({ meta }) => {
      const { id, title, rationale, description, defaultSeverity, category, stability, messages } = meta;
      return { id, title, rationale, description, defaultSeverity, category, stability, messages };
    });
    return JSON.stringify(metas);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Builds both bundles into `outdir` (absolute or relative to the repository root). */
export async function build(outdir = 'dist') {
  const out = resolve(ROOT, outdir);
  mkdirSync(out, { recursive: true });
  const common = {
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    sourcemap: false,
    logLevel: 'warning',
    // Packages that are optional at run time (TypeScript probes for them inside try/catch).
    external: ['source-map-support', '@microsoft/typescript-etw'],
    // What reports read of each rule, as code: a cache hit that loads no rule renders with these (src/cache/fast.ts).
    define: { __REVIEW_BOT_RULE_METAS__: JSON.stringify(await ruleMetasJson()) },
  };
  rmSync(join(out, 'chunks'), { recursive: true, force: true }); // the split ES module build of earlier versions
  await esbuild({
    ...common,
    entryPoints: [join(ROOT, 'src/bin.ts')],
    outfile: join(out, 'cli.js'),
    packages: 'external',
  });
  await esbuild({
    ...common,
    format: 'cjs',
    entryPoints: [join(ROOT, 'src/engine.ts')],
    outfile: join(out, 'engine.cjs'),
    packages: 'external',
    // The one ES module feature our code uses that CommonJS lacks: the running file's URL (src/cache/fast.ts).
    define: { ...common.define, 'import.meta.url': '__rbImportMetaUrl' },
    banner: { js: "'use strict';\nconst __rbImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [requireCommonJsPackages],
  });
  await esbuild({
    ...common,
    entryPoints: [join(ROOT, 'src/action.ts')],
    outfile: join(out, 'action.js'),
    banner: { js: ESM_REQUIRE_BANNER },
  });
  return out;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const index = process.argv.indexOf('--outdir');
  const outdir = index >= 0 ? process.argv[index + 1] : undefined;
  await build(outdir); // silent on success: `npm start` prints only the review
}
