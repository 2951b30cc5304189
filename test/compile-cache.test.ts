import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCacheOn } from './support/built-cli.js';

const ROOT = join(import.meta.dirname, '..');
const DEMO = join(ROOT, 'fixtures', 'provider-tree');

/**
 * The built command as installed: `dist/cli.cjs`, `dist/engine.cjs`,
 * `dist/hit.cjs` and `dist/vendor/` in a folder of their own (with the
 * repository's node_modules), so its `.compile-cache/` is this test's.
 */
function install(): { folder: string; cache: string; cli: string } {
  const folder = mkdtempSync(join(tmpdir(), 'review-bot-compile-cache-'));
  mkdirSync(join(folder, 'dist'));
  for (const name of ['cli.cjs', 'engine.cjs', 'hit.cjs'])
    copyFileSync(join(ROOT, 'dist', name), join(folder, 'dist', name));
  cpSync(join(ROOT, 'dist', 'vendor'), join(folder, 'dist', 'vendor'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(folder, 'node_modules'));
  return { folder, cache: join(folder, '.compile-cache'), cli: join(folder, 'dist', 'cli.cjs') };
}

/** One run of the command on the demo: exit code and both outputs. */
function review(
  cli: string,
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [cli, DEMO, '--format', 'json', '--fail-on', 'never'], {
    encoding: 'utf8',
    env: compileCacheOn(env),
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The cache's entries: name -> SHA-256 of the bytes. */
function entries(cache: string): Map<string, string> {
  let names: string[];
  try {
    names = readdirSync(cache);
  } catch {
    return new Map();
  }
  return new Map(
    names.map((name) => [
      name,
      createHash('sha256')
        .update(readFileSync(join(cache, name)))
        .digest('hex'),
    ]),
  );
}

// Node 22.1+ keeps its own compile cache (module.enableCompileCache), laid out its own way: these checks are of
// the cache review-bot keeps on Node 20, the version this repository's CI and `npm run bench` run on.
const ownCache = typeof Reflect.get(Module, 'enableCompileCache') !== 'function';

describe.runIf(ownCache)('the compile cache of the built command', () => {
  let installed: ReturnType<typeof install>;
  let plain: ReturnType<typeof review>;
  beforeAll(() => {
    installed = install();
    plain = review(installed.cli, { NODE_DISABLE_COMPILE_CACHE: '1' });
  });
  afterAll(() => {
    rmSync(installed.folder, { recursive: true, force: true });
  });

  it('is off under NODE_DISABLE_COMPILE_CACHE, and the review is the demo’s', () => {
    expect(plain.status).toBe(0);
    expect(plain.stderr).toBe('');
    expect(JSON.parse(plain.stdout)).toHaveProperty('findings');
    expect(entries(installed.cache).size).toBe(0);
  });

  it('is written by the first run (TypeScript, ts-morph, our engine), kept by the next, and changes nothing', () => {
    expect(review(installed.cli)).toEqual(plain);
    const written = entries(installed.cache);
    // One entry for each CommonJS file of 64 KiB or more: the command's own dist/engine.cjs and the three of
    // dist/vendor (ts-morph, @ts-morph/common, without the lib files' text 120 kB, and TypeScript).
    expect(written.size).toBe(4);
    for (const name of written.keys()) expect(name).toMatch(/^[0-9a-f]{40}$/);
    expect(review(installed.cli)).toEqual(plain);
    expect(entries(installed.cache)).toEqual(written);
  });

  it('drops an entry V8 rejects, and the run is the same', () => {
    review(installed.cli);
    const [name] = [...entries(installed.cache).keys()];
    if (name === undefined) throw new Error('no entry to spoil');
    writeFileSync(join(installed.cache, name), Buffer.alloc(4096, 7));
    expect(review(installed.cli)).toEqual(plain);
    expect(entries(installed.cache).has(name)).toBe(false);
    // The next run compiles that file afresh and writes its entry again.
    expect(review(installed.cli)).toEqual(plain);
    expect(entries(installed.cache).has(name)).toBe(true);
  });

  it('is skipped where the folder cannot be made, and the run is the same', () => {
    rmSync(installed.cache, { recursive: true, force: true });
    // A file where the folder would be: no entry can be read or written (as for a read-only install, even as root).
    writeFileSync(installed.cache, 'not a folder');
    expect(review(installed.cli)).toEqual(plain);
    expect(readFileSync(installed.cache, 'utf8')).toBe('not a folder');
  });
});

describe.runIf(ownCache)('the compile cache, for files it did not write', () => {
  const folder = mkdtempSync(join(tmpdir(), 'review-bot-compile-cache-files-'));
  const cache = join(folder, '.compile-cache');
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });
  // Over the size the cache takes (64 KiB of text); `value` is the module's one export.
  const padding = `/*${'x'.repeat(300_000)}*/\n`;
  const commonJs = (value: string): string => `module.exports = { value: '${value}' };\n${padding}`;
  const esm = (value: string): string => `export const value = '${value}';\n${padding}`;
  // The cache as the built command has it, run by plain Node: a loader such as tsx's would read and translate
  // modules its own way, and hide what Node's loader does with them.
  const script = join(folder, 'load.mjs');
  buildSync({
    entryPoints: [join(ROOT, 'src/shell/compile-cache.ts')],
    outfile: join(folder, 'compile-cache.mjs'),
    format: 'esm',
    platform: 'node',
    logLevel: 'warning',
  });
  writeFileSync(
    script,
    [
      `import { createRequire } from 'node:module';`,
      `import { installCompileCache } from './compile-cache.mjs';`,
      `installCompileCache(${JSON.stringify(cache)});`,
      `const loaded = createRequire(import.meta.url)(process.argv[2] ?? '');`,
      `process.stdout.write(loaded.value);`,
    ].join('\n'),
  );
  /** Requires a file in a child process with the cache installed; its export, or the error. */
  const load = (path: string): string => {
    const run = spawnSync(process.execPath, [script, path], { encoding: 'utf8', env: compileCacheOn() });
    return run.status === 0 ? run.stdout : `failed: ${run.stderr}`;
  };
  /** A package folder with its package.json and one large module. */
  const packageWith = (name: string, type: string | undefined, file: string, text: string): string => {
    const dir = join(folder, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify(type === undefined ? { name } : { name, type }));
    writeFileSync(join(dir, file), text);
    return join(dir, file);
  };

  it('compiles the new text (a new entry) of a file rewritten in place, even at the same length', () => {
    const large = packageWith('rewritten', undefined, 'large.cjs', commonJs('before'));
    expect(load(large)).toBe('before');
    expect(load(large)).toBe('before'); // from the entry the first run wrote
    const before = entries(cache).size;
    writeFileSync(large, commonJs('after!'));
    expect(load(large)).toBe('after!');
    expect(entries(cache).size).toBe(before + 1);
  });

  it('caches a large CommonJS .js file, and leaves ES modules to Node, whatever their package says', () => {
    const plain = packageWith('plain', undefined, 'large.js', commonJs('common'));
    const typed = packageWith('typed', 'module', 'large.js', esm('typed'));
    // No `type`: Node tells an ES module by its syntax, which must not fail as CommonJS here.
    const detected = packageWith('detected', undefined, 'large.js', esm('detected'));
    const before = entries(cache).size;
    expect(load(plain)).toBe('common');
    expect(entries(cache).size).toBe(before + 1);
    expect(load(typed)).toBe('typed');
    expect(load(detected)).toBe('detected');
    expect(load(plain)).toBe('common');
  });

  it('reads a large module’s text exactly, ASCII or not, first run and cached', () => {
    const ascii = packageWith('ascii', 'commonjs', 'large.js', commonJs('plain text'));
    const accented = packageWith('accented', undefined, 'large.js', commonJs('café ☃ 𝒳'));
    for (let run = 0; run < 2; run++) {
      expect(load(ascii)).toBe('plain text');
      expect(load(accented)).toBe('café ☃ 𝒳');
    }
  });
});
