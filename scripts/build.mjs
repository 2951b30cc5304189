#!/usr/bin/env node
// Builds the committed bundles:
//   dist/cli.cjs    — the `review-bot` command's entry (src/bin.ts): installs the compile cache
//                     (src/shell/compile-cache.ts), then loads dist/engine.cjs. CommonJS, as Node starts it
//                     fastest (an ES module entry started Node's ES module loader: 10 ms of every run).
//   dist/engine.cjs — the command itself (src/engine.ts), a CommonJS bundle so that the compile cache covers it
//                     (Node 20 caches no ES module's compiled code: 35–55 ms of every run went to compiling our own
//                     ES module chunks). Packages stay external (node_modules is present where it runs), the
//                     CommonJS ones loaded with `require` (see REQUIRED_PACKAGES), ts-morph from dist/vendor. What
//                     only some runs need (the compiler, ts-morph, the rules, the GitHub client) is behind
//                     `import()`s, which esbuild turns into modules initialised on first use: a cache hit, --help and
//                     --version load none of it.
//   dist/hit.cjs    — the quick path (src/hit.ts): the same command without what only an analysis needs (every
//                     `import()` becomes a stop, `quickPath`), 84 kB. The entry loads it instead of the engine for a
//                     local run with `--cache` (src/bin.ts): a run the cache serves as it is reads, deserialises and
//                     runs a sixth of the code; any other run stops before printing anything and the entry runs the
//                     engine.
//   dist/vendor/    — ts-morph, @ts-morph/common and the TypeScript they carry, minified, one file each (see
//                     `vendorTsMorph`): read, decoded and deserialised at the start of every run that parses code.
//   dist/action.js  — the GitHub Action; fully bundled (the runner has no node_modules). ts-morph and
//                     TypeScript are CommonJS, so the ESM bundle gets a real `require` from createRequire.
// The engine, the quick path and the Action carry their build id (`writeStamped`): the engine's and the quick path's
// is one, so that either serves what the other stored.
// The output is deterministic: same sources, same bytes (tested by test/github/action.e2e.test.ts).
// Usage: node scripts/build.mjs [--outdir <folder>]   (default: dist)
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
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

/**
 * Required packages the command loads from dist/vendor (`vendorTsMorph`) rather than node_modules: the path
 * `require`d, relative to dist/engine.cjs.
 */
const VENDORED = new Map([['ts-morph', './vendor/ts-morph.cjs']]);

/**
 * For dist/hit.cjs: every `import()` (of the engine's modules: the pipeline, the compiler and the rules, the fixer,
 * the GitHub client, ESLint; and of packages) becomes a module whose first use calls `needEngine`
 * (src/shell/quick-path.ts), which records that the run needs the engine and throws: the quick path then drops
 * what the run meant to print, and the entry runs the engine (src/hit.ts, src/bin.ts).
 */
const quickPath = {
  name: 'quick-path',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, namespace: 'needs-engine' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'needs-engine' }, () => ({
      contents: `import { needEngine } from './src/shell/quick-path.ts';\nneedEngine();\n`,
      loader: 'ts',
      resolveDir: ROOT,
    }));
  },
};

/** Turns `import { x } from 'pkg'` of a REQUIRED_PACKAGES package into a property of `require('pkg')` (kept external). */
const requireCommonJsPackages = {
  name: 'require-commonjs-packages',
  setup(build) {
    // A vendored package's path, as the facade requires it: kept as written (relative to dist/engine.cjs).
    build.onResolve({ filter: /^\.\/vendor\// }, (args) => ({ path: args.path, external: true }));
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

/**
 * `const m = require(pkg); export const { a, b, ... } = m;` with the package's export names as installed (its
 * vendored copy's path for a VENDORED package: the same code).
 */
function esmFacadeOf(name) {
  const names = Object.keys(createRequire(join(ROOT, 'package.json'))(name)).filter(
    (key) => /^[A-Za-z_$][\w$]*$/.test(key) && key !== 'default',
  );
  const path = VENDORED.get(name) ?? name;
  return `const m = require(${JSON.stringify(path)});\nexport const { ${names.join(', ')} } = m;\nexport default m;\n`;
}

/**
 * Writes ts-morph, @ts-morph/common and @ts-morph/common's TypeScript, as installed, into `out`/vendor, minified
 * (identifiers too, as in dist/action.js), ASCII only, each requiring the next by its vendored path. Every run that
 * parses code loads the three: 13 MB as installed, 7 MB here. On this 2-core machine that took 0.33 s of a small
 * package's 0.8 s run (about 2 ms a megabyte to read and decode, and @ts-morph/common, which holds the `lib` files'
 * text, has a few non-ASCII characters there, so Node decoded its 3 MB as UTF-8 into a two-byte string); vendored,
 * 0.23 s. Each file keeps its module's code at the top level (esbuild's entry point), where V8 compiles it eagerly
 * and the compile cache (src/shell/compile-cache.ts) holds it. The small packages @ts-morph/common needs
 * (minimatch, tinyglobby, path-browserify) and ts-morph's code-block-writer are bundled in, so the command needs
 * nothing of them installed. The engine's build id covers these files (`stampInputs`).
 */
async function vendorTsMorph(out) {
  const vendor = join(out, 'vendor');
  rmSync(vendor, { recursive: true, force: true }); // nothing left of another version's files
  mkdirSync(vendor, { recursive: true });
  const fromRoot = createRequire(join(ROOT, 'package.json'));
  const tsMorph = fromRoot.resolve('ts-morph');
  const common = createRequire(tsMorph).resolve('@ts-morph/common');
  const typescript = createRequire(common).resolve('./typescript');
  const options = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    charset: 'ascii',
    legalComments: 'none',
    logLevel: 'warning',
    external: ['source-map-support', '@microsoft/typescript-etw'],
  };
  /** Resolves `specifier` (as the package requires it) to the vendored file beside. */
  const vendored = (specifier, file) => ({
    name: `vendored-${file}`,
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`) }, () => ({
        path: `./${file}`,
        external: true,
      }));
    },
  });
  // Each file requires the next by its vendored path: ts-morph, its common helpers, their TypeScript.
  const files = [
    [tsMorph, 'ts-morph.cjs', [vendored('@ts-morph/common', 'ts-morph-common.cjs')]],
    [common, 'ts-morph-common.cjs', [vendored('./typescript', 'typescript.cjs'), editedCommon(common, vendor)]],
    [typescript, 'typescript.cjs', []],
  ];
  for (const [entry, file, plugins] of files)
    await esbuild({ ...options, absWorkingDir: ROOT, entryPoints: [entry], outfile: join(vendor, file), plugins });
}

/**
 * The plugin that gives the vendored @ts-morph/common its edits (`libFilesOnDemand`, `declarationsWithoutDocs`):
 * each replaces text that must occur exactly once in the package's code, and the build fails when one no longer
 * does (a new version of the package changed it).
 */
function editedCommon(common, vendor) {
  const libFiles = libFilesOnDemand(common, vendor);
  /** `source` with the one occurrence of `from` replaced by `to`. */
  const once = (source, from, to) => {
    const at = source.indexOf(from);
    if (at < 0 || source.indexOf(from, at + 1) >= 0)
      throw new Error(`@ts-morph/common changed: expected one ${JSON.stringify(from)} in ${common}`);
    return source.slice(0, at) + to + source.slice(at + from.length);
  };
  return {
    name: 'edited-ts-morph-common',
    setup(build) {
      build.onLoad({ filter: /ts-morph-common\.js$/ }, (args) => {
        if (args.path !== common) throw new Error(`@ts-morph/common changed: loaded from ${args.path}, not ${common}`);
        const source = readFileSync(args.path, 'utf8');
        return { contents: declarationsWithoutDocs(libFiles(source, once), once), loader: 'js' };
      });
    },
  };
}

/**
 * @ts-morph/common carries the text of TypeScript's 108 `lib` files (2.9 MB) in its code, and every ts-morph
 * `Project` maps them all at creation. Loading that code cost 55 ms of every start (V8 deserialising the strings from
 * the compile cache), yet only a run that builds the type checker reads a lib, and then only the few its `lib` and
 * `target` name. So the vendored copy keeps only their names: each lib's text is written to `vendor/lib/<name>` (here)
 * and read from there the first time the compiler asks for it. The returned edit of @ts-morph/common's code puts the
 * names in place of the texts, and makes its file system map each lib's path to the entry, whose `text` is read on
 * demand.
 */
function libFilesOnDemand(common, vendor) {
  const libFiles = createRequire(join(ROOT, 'package.json'))(common).getLibFiles();
  const folder = join(vendor, 'lib');
  mkdirSync(folder, { recursive: true });
  for (const { fileName, text } of libFiles) writeFileSync(join(folder, fileName), text);
  const names = JSON.stringify(libFiles.map(({ fileName }) => fileName));
  const onDemand = `const libFiles = ${names}.map((fileName) => {
    let text;
    return { fileName, get text() {
      return text ??= require("node:fs").readFileSync(require("node:path").join(__dirname, "lib", fileName), "utf8");
    } };
});
`;
  return (source, once) => {
    const start = source.indexOf('const libFiles = [');
    const end = source.indexOf('\nfunction getLibFiles() {');
    if (start < 0 || end < start)
      throw new Error(`@ts-morph/common changed: no libFiles array before getLibFiles in ${common}`);
    const edited = source.slice(0, start) + onDemand + source.slice(end);
    return once(
      once(
        edited,
        'this.#libFileMap.set(this.getStandardizedAbsolutePath(libFolderPath + "/" + libFile.fileName), libFile.text);',
        'this.#libFileMap.set(this.getStandardizedAbsolutePath(libFolderPath + "/" + libFile.fileName), libFile);',
      ),
      'return this.#libFileMap.get(filePath);',
      'return this.#libFileMap.get(filePath)?.text;',
    );
  };
}

/**
 * `source` (@ts-morph/common's code) made to parse the declaration files the compiler reads on its own while it
 * builds the program (the `lib` files, the dependencies' `.d.ts`) as `tsc` parses them: without their JSDoc
 * comments (TypeScript's `JSDocParsingMode.ParseForTypeErrors`, which `tsc` sets since TypeScript 5.3). In a
 * declaration file JSDoc carries no type (only a JavaScript file's does, and that mode still parses those), so the
 * checker's answers are the same; what it saves is the parse of the comments (4,829 in the `lib` files an ES2022
 * target reads). The project's own files, parsed by the loader before any build, keep every comment: the rules read
 * them. Three edits: a flag, which ts-morph's compiler host sets while it reads a file the compiler asks for, and
 * its document registry's parse of a declaration file read so in that mode.
 */
function declarationsWithoutDocs(source, once) {
  source = once(
    source,
    `            return sourceFileContainer.addOrGetSourceFileFromFilePathSync(filePath, {
                markInProject: false,
                scriptKind: undefined,
            });`,
    `            readByCompiler = true;
            try {
                return sourceFileContainer.addOrGetSourceFileFromFilePathSync(filePath, {
                    markInProject: false,
                    scriptKind: undefined,
                });
            } finally {
                readByCompiler = false;
            }`,
  );
  source = once(
    source,
    'const newSourceFile = createCompilerSourceFile(fileName, scriptSnapshot, compilationSettings.target, version, true, scriptKind);',
    `const newSourceFile = createCompilerSourceFile(fileName, scriptSnapshot, readByCompiler && /\\.d\\.(?:[cm]?ts|[^./]+\\.ts)$/.test(fileName)
            ? { languageVersion: compilationSettings.target ?? ts__namespace.ScriptTarget.Latest, jsDocParsingMode: ts__namespace.JSDocParsingMode.ParseForTypeErrors }
            : compilationSettings.target, version, true, scriptKind);`,
  );
  return once(
    source,
    "var ts = require('./typescript');",
    "var ts = require('./typescript');\nlet readByCompiler = false;",
  );
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

/** What the build writes where a bundle's own build id goes (src/cache/fast.ts, `__REVIEW_BOT_BUILD__`). */
export const BUILD_PLACEHOLDER = '<review-bot build id>';

/**
 * A bundle's build id: the hash of its code, with the placeholder where the id goes, and of what else it runs
 * with (`stampInputs`). Any change to the code changes it, so a cache entry of another build is never trusted,
 * and the command need not read and hash its own code at every run.
 */
export function buildIdOf(texts) {
  return createHash('sha256').update(texts.join('\u0000')).digest('hex').slice(0, 16);
}

/** What the engine runs with, besides its own code, as its build id covers them: its entry and dist/vendor, by path. */
export function stampInputs(out) {
  const vendored = readdirSync(join(out, 'vendor'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(out, join(entry.parentPath, entry.name)).split(sep).join('/'));
  return ['cli.cjs', ...vendored.sort()].map((path) => `${path}\u0000${readFileSync(join(out, path), 'utf8')}`);
}

/**
 * Writes each of `bundles` (`[file, text]`) with their one build id, the hash of their texts and `others`, in
 * place of the placeholder, which must occur exactly once in each.
 */
function writeStamped(bundles, others) {
  const id = buildIdOf([...bundles.map(([, text]) => text), ...others]);
  for (const [file, text] of bundles) {
    const parts = text.split(BUILD_PLACEHOLDER);
    if (parts.length !== 2) throw new Error(`${file}: the build id's placeholder occurs ${parts.length - 1} times`);
    writeFileSync(file, parts.join(id));
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
    define: {
      __REVIEW_BOT_RULE_METAS__: JSON.stringify(await ruleMetasJson()),
      __REVIEW_BOT_BUILD__: JSON.stringify(BUILD_PLACEHOLDER),
    },
  };
  // The split ES module build and the ES module entry of earlier versions.
  for (const old of ['chunks', 'cli.js']) rmSync(join(out, old), { recursive: true, force: true });
  await vendorTsMorph(out);
  // Both CommonJS: the one ES module feature our code uses that CommonJS lacks is the running file's URL.
  const commonJs = {
    format: 'cjs',
    banner: { js: "'use strict';\nconst __rbImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  };
  await esbuild({
    ...common,
    ...commonJs,
    entryPoints: [join(ROOT, 'src/bin.ts')],
    outfile: join(out, 'cli.cjs'),
    packages: 'external',
    define: { ...common.define, 'import.meta.url': '__rbImportMetaUrl' },
  });
  const commandBundle = async (entry, file, plugins) =>
    esbuild({
      ...common,
      ...commonJs,
      write: false,
      entryPoints: [join(ROOT, entry)],
      outfile: join(out, file),
      packages: 'external',
      define: {
        ...common.define,
        'import.meta.url': '__rbImportMetaUrl',
      },
      plugins: [...plugins, requireCommonJsPackages],
    });
  const engine = await commandBundle('src/engine.ts', 'engine.cjs', []);
  const quick = await commandBundle('src/hit.ts', 'hit.cjs', [quickPath]);
  writeStamped(
    [
      [join(out, 'engine.cjs'), engine.outputFiles[0].text],
      [join(out, 'hit.cjs'), quick.outputFiles[0].text],
    ],
    stampInputs(out),
  );
  const action = await esbuild({
    ...common,
    write: false,
    entryPoints: [join(ROOT, 'src/action.ts')],
    outfile: join(out, 'action.js'),
    banner: { js: ESM_REQUIRE_BANNER },
  });
  writeStamped([[join(out, 'action.js'), action.outputFiles[0].text]], []);
  return out;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const index = process.argv.indexOf('--outdir');
  const outdir = index >= 0 ? process.argv[index + 1] : undefined;
  await build(outdir); // silent on success: `npm start` prints only the review
}
