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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const DEMO = join(ROOT, 'fixtures', 'provider-tree');

/**
 * The built command as installed: `dist/cli.js` in a folder of its own (with
 * the repository's node_modules), so its `.compile-cache/` is this test's.
 */
function install(): { folder: string; cache: string; cli: string } {
  const folder = mkdtempSync(join(tmpdir(), 'review-bot-compile-cache-'));
  mkdirSync(join(folder, 'dist'));
  copyFileSync(join(ROOT, 'dist', 'cli.js'), join(folder, 'dist', 'cli.js'));
  cpSync(join(ROOT, 'dist', 'chunks'), join(folder, 'dist', 'chunks'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(folder, 'node_modules'));
  return { folder, cache: join(folder, '.compile-cache'), cli: join(folder, 'dist', 'cli.js') };
}

/** One run of the command on the demo: exit code and both outputs. */
function review(
  cli: string,
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const inherited = { ...process.env };
  delete inherited['NODE_DISABLE_COMPILE_CACHE'];
  const run = spawnSync(process.execPath, [cli, DEMO, '--format', 'json', '--fail-on', 'never'], {
    encoding: 'utf8',
    env: { ...inherited, ...env },
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

  it('is written by the first run (TypeScript and ts-morph’s helpers), kept by the next, and changes nothing', () => {
    expect(review(installed.cli)).toEqual(plain);
    const written = entries(installed.cache);
    // One entry for each CommonJS file of a megabyte or more: ts-morph's TypeScript and its common helpers.
    expect(written.size).toBe(2);
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

describe.runIf(ownCache)('the compile cache, for a file rewritten in place', () => {
  it('compiles the new text (a new entry), even at the same length', () => {
    const folder = mkdtempSync(join(tmpdir(), 'review-bot-compile-cache-rewrite-'));
    const cache = join(folder, '.compile-cache');
    const large = join(folder, 'large.cjs');
    // Over the size the cache takes (a megabyte of text), and equal in length before and after the rewrite.
    const text = (value: string): string => `module.exports = '${value}';\n/*${'x'.repeat(1_100_000)}*/\n`;
    const script = join(folder, 'load.ts');
    writeFileSync(
      script,
      [
        `import { createRequire } from 'node:module';`,
        `import { installCompileCache } from ${JSON.stringify(join(ROOT, 'src/shell/compile-cache.ts'))};`,
        `installCompileCache(${JSON.stringify(cache)});`,
        `process.stdout.write(String(createRequire(import.meta.url)(${JSON.stringify(large)})));`,
      ].join('\n'),
    );
    const load = (): string => {
      const inherited = { ...process.env };
      delete inherited['NODE_DISABLE_COMPILE_CACHE'];
      const run = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [script], { encoding: 'utf8', env: inherited });
      if (run.status !== 0) throw new Error(run.stderr);
      return run.stdout;
    };
    try {
      writeFileSync(large, text('before'));
      expect(load()).toBe('before');
      expect(load()).toBe('before'); // from the entry the first run wrote
      expect(entries(cache).size).toBe(1);
      writeFileSync(large, text('after!'));
      expect(load()).toBe('after!');
      expect(entries(cache).size).toBe(2);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
