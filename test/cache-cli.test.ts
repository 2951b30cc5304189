/**
 * The built command (dist/cli.cjs, which test/github/action.e2e.test.ts checks
 * against a fresh build) with --cache: a run with nothing changed is served
 * from the cache by the quick path (dist/hit.cjs) without loading the engine,
 * TypeScript, ts-morph or the rules, and prints what a run without the cache
 * prints; a run the quick path cannot serve is the engine's, as if the quick
 * path had not run.
 */
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILT_CLI } from './support/built-cli.js';
import { gitIn } from './support/git.js';

const ROOT = join(import.meta.dirname, '..');
/** The build's stamping of its bundles (scripts/build.mjs, `writeStamped`). */
const { BUILD_PLACEHOLDER, buildIdOf, stampInputs } = (await import(join(ROOT, 'scripts/build.mjs'))) as {
  BUILD_PLACEHOLDER: string;
  buildIdOf: (texts: readonly string[]) => string;
  stampInputs: (out: string) => string[];
};
const scratch = mkdtempSync(join(tmpdir(), 'review-bot-cache-cli-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/**
 * Preloaded into the command: names, at exit, every compiler, rule engine or validator package it loaded, from
 * node_modules or as the build vendors them (dist/vendor: ts-morph and its TypeScript, scripts/build.mjs), and
 * `node:child_process` if loaded (git's: a run that starts no git does not pay for loading it); and, on a
 * line of its own, which of the command's bundles it loaded, in order.
 */
const WATCH = join(scratch, 'loaded.cjs');
writeFileSync(
  WATCH,
  `process.on('exit', () => {
  const heavy = Object.keys(require.cache).filter((p) => /[\\\\/](typescript|ts-morph|@ts-morph|ajv|vendor)[\\\\/]/.test(p));
  const git = process.moduleLoadList.includes('NativeModule child_process') ? ['node:child_process'] : [];
  process.stderr.write('loaded: ' + JSON.stringify([...heavy.map((p) => p.replace(/.*(node_modules|dist)[\\\\/]/, '')), ...git]) + '\\n');
  const bundles = Object.keys(require.cache).filter((p) => /[\\\\/]dist[\\\\/][a-z]+\\.cjs$/.test(p));
  process.stderr.write('bundles: ' + JSON.stringify(bundles.map((p) => p.replace(/.*[\\\\/]/, ''))) + '\\n');
});
`,
);

/**
 * The one string literal of 16 hex digits in `text` that is the build id of `text` and `stamped` (each with the
 * placeholder in its place) and `others`.
 */
function buildIdIn(text: string, others: readonly string[], stamped: readonly string[] = []): string {
  const literals = [...new Set([...text.matchAll(/"([0-9a-f]{16})"/g)].map((match) => match[1] ?? ''))];
  const unstamped = (id: string, code: string): string => code.replace(`"${id}"`, JSON.stringify(BUILD_PLACEHOLDER));
  const ids = literals.filter(
    (id) => buildIdOf([unstamped(id, text), ...stamped.map((code) => unstamped(id, code)), ...others]) === id,
  );
  if (ids.length !== 1) throw new Error(`no build id: ${String(ids.length)} literals hash to themselves`);
  return ids[0] ?? '';
}

function review(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return reviewWith({}, ...args);
}

/** `review` with these environment variables changed. */
function reviewWith(
  env: Record<string, string>,
  ...args: string[]
): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['-r', WATCH, BUILT_CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1', ...env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The packages a run loaded, from the preload's line. */
function loaded(stderr: string): string[] {
  const line = /^loaded: (.*)$/m.exec(stderr)?.[1];
  if (line === undefined) throw new Error(`no loaded line in: ${stderr}`);
  return JSON.parse(line) as string[];
}

/** The command's bundles a run loaded, in order, from the preload's line. */
function bundles(stderr: string): string[] {
  const line = /^bundles: (.*)$/m.exec(stderr)?.[1];
  if (line === undefined) throw new Error(`no bundles line in: ${stderr}`);
  return JSON.parse(line) as string[];
}

/** What a run printed on standard error, without the preload's lines. */
function ownErr(stderr: string): string {
  return stderr.replace(/^(loaded|bundles): .*\n/gm, '');
}

describe('review-bot --cache, built', () => {
  const project = join(scratch, 'provider-tree');
  cpSync(join(ROOT, 'fixtures', 'provider-tree'), project, { recursive: true });
  // Without the demo's configuration file: what a project without one loads is part of what is checked.
  rmSync(join(project, '.review-bot.json'));
  const args = [project, '--format', 'json', '--fail-on', 'never'];
  const cacheFlags = ['--cache', '--cache-location', join(scratch, 'cache'), '--debug'];
  const cached = [...args, ...cacheFlags];

  it('serves a run with nothing changed without loading the compiler, and prints what an uncached run prints', () => {
    const uncached = review(...args);
    expect(uncached.status).toBe(0);
    expect(bundles(uncached.stderr)).toEqual(['cli.cjs', 'engine.cjs']);
    expect(loaded(uncached.stderr)).toEqual([
      'vendor/ts-morph.cjs',
      'vendor/ts-morph-common.cjs',
      'vendor/typescript.cjs',
    ]);
    // Nor does a run without a configuration file load the configuration's validator (scripts/build.mjs).
    expect(loaded(uncached.stderr).filter((path) => path.startsWith('ajv/'))).toEqual([]);

    const first = review(...cached);
    expect(first.stderr).toContain('review-bot: cache: miss');
    // The quick path could not serve it, said nothing, and the engine ran the command.
    expect(bundles(first.stderr)).toEqual(['cli.cjs', 'hit.cjs', 'engine.cjs']);
    expect(ownErr(first.stderr).match(/review-bot: cache:/g)).toEqual(['review-bot: cache:']);
    expect(first.stdout).toBe(uncached.stdout);

    const second = review(...cached);
    expect(second.stderr).toContain('review-bot: cache: hit');
    expect(loaded(second.stderr)).toEqual([]);
    expect(bundles(second.stderr)).toEqual(['cli.cjs', 'hit.cjs']);
    expect(second.stdout).toBe(uncached.stdout);
    expect(second.status).toBe(uncached.status);
    expect(JSON.parse(second.stdout)).toHaveProperty('findings');

    // The review and SARIF show each rule's title and rationale: from the build's embedded metadata on a hit.
    for (const format of ['review', 'sarif']) {
      const expected = review(project, '--format', format, '--fail-on', 'never').stdout;
      const served = review(project, '--format', format, '--fail-on', 'never', ...cacheFlags);
      expect(served.stderr).toContain('review-bot: cache: hit');
      expect(loaded(served.stderr)).toEqual([]);
      expect(bundles(served.stderr)).toEqual(['cli.cjs', 'hit.cjs']);
      expect(served.stdout).toBe(expected);
    }
  });

  it('loads the compiler again once a file changed', () => {
    writeFileSync(join(project, 'src', 'added-later.ts'), 'export const later = 1;\n');
    const run = review(...cached);
    expect(run.stderr).not.toContain('review-bot: cache: hit');
    expect(loaded(run.stderr)).toContain('vendor/typescript.cjs');
    expect(run.stdout).toBe(review(...args).stdout);
  });

  it('serves no hit once a file the tsconfig lists, missing when the cache was written, is there', () => {
    const listed = join(scratch, 'listed');
    mkdirSync(join(listed, 'src'), { recursive: true });
    writeFileSync(join(listed, 'tsconfig.json'), JSON.stringify({ files: ['src/a.ts', 'src/b.ts'] }));
    writeFileSync(join(listed, 'src', 'a.ts'), 'export const a = 1;\n');
    const options = [listed, '--cache', '--cache-location', join(scratch, 'listed-cache')];
    review(...options);
    // The fast check cannot see a listed file come: it is not offered the record (the full check's key names it).
    expect(loaded(review(...options).stderr)).toContain('vendor/typescript.cjs');
    writeFileSync(join(listed, 'src', 'b.ts'), "import { a } from './a';\nconst unused = a;\n");
    const run = review(...options);
    expect(run.stdout).toBe(review(listed).stdout);
    expect(run.stdout).toContain('The variable `unused` is declared but never read.');
  });

  it('runs in the engine, as if the quick path had not run, what the quick path cannot finish', () => {
    review(...cached); // the cache holds this project as it is: each run below passes the fast check
    // Without --debug, whose stack traces name the bundle that ran.
    const flags = ['--cache', '--cache-location', join(scratch, 'cache')];
    const withoutCache = (run: readonly string[]): ReturnType<typeof review> =>
      review(...run.filter((arg) => arg !== '--cache'));
    const cases: [run: string[], bundles: string[]][] = [
      // What only the engine carries (the configuration's validator, the rules): the quick path prints nothing.
      [
        [project, '--print-config', ...flags],
        ['cli.cjs', 'hit.cjs', 'engine.cjs'],
      ],
      // What it reads before any analysis, as the engine does: a bad command line, --version.
      [
        [project, '--bogus', ...flags],
        ['cli.cjs', 'hit.cjs'],
      ],
      [
        [project, '--format', 'nonesuch', ...flags],
        ['cli.cjs', 'hit.cjs'],
      ],
      [
        ['--version', ...flags],
        ['cli.cjs', 'hit.cjs'],
      ],
      // Not taken to the quick path: --diff (the engine would run git again on a miss) and --github-pr.
      [
        [project, '--diff', 'HEAD', ...flags],
        ['cli.cjs', 'engine.cjs'],
      ],
      [
        [project, '--diff=HEAD', ...flags],
        ['cli.cjs', 'engine.cjs'],
      ],
    ];
    for (const [run, expected] of cases) {
      const served = review(...run);
      const plain = withoutCache(run);
      expect(bundles(served.stderr)).toEqual(expected);
      expect({ ...served, stderr: ownErr(served.stderr) }).toEqual({ ...plain, stderr: ownErr(plain.stderr) });
    }
    expect(review(project, '--bogus', ...flags).status).toBe(2);
  });

  it('trusts no entry of another build of the command, nor of one edited after its build', () => {
    const installed = join(scratch, 'installed');
    mkdirSync(join(installed, 'dist'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(installed, 'node_modules'));
    // ts-morph and TypeScript, as the build vendors them: the engine names their versions, which its hash covers.
    symlinkSync(join(ROOT, 'dist', 'vendor'), join(installed, 'dist', 'vendor'));
    const command = (name: string): string => join(installed, 'dist', name);
    const flags = [...args, '--cache', '--cache-location', join(scratch, 'cache-of-builds'), '--debug'];
    const run = (): string => spawnSync(process.execPath, [command('cli.cjs'), ...flags], { encoding: 'utf8' }).stderr;
    const names = ['cli.cjs', 'engine.cjs', 'hit.cjs'];
    for (const name of names) copyFileSync(join(ROOT, 'dist', name), command(name));
    expect(run()).toContain('review-bot: cache: miss');
    // Another build: another build id (in both bundles, which carry one), in code of the same size.
    const [engine, hit] = ['engine.cjs', 'hit.cjs'].map((name) => readFileSync(command(name), 'utf8'));
    const id = buildIdIn(engine ?? '', stampInputs(join(ROOT, 'dist')), [hit ?? '']);
    expect(run()).toContain('review-bot: cache: hit');
    const another = id.replace(/^./, (first) => (first === '0' ? '1' : '0'));
    writeFileSync(command('engine.cjs'), (engine ?? '').replace(id, another));
    writeFileSync(command('hit.cjs'), (hit ?? '').replace(id, another));
    expect(run()).toContain('review-bot: cache: miss');
    // Edited after the build, its id unchanged.
    for (const name of names) {
      expect(run()).toContain('review-bot: cache: hit');
      appendFileSync(command(name), '\n// edited\n');
      expect(run()).toContain('review-bot: cache: miss');
    }
  });

  it('carries its build id: the hash of its code, its entry and what it vendors, so any rebuild changing a byte has another', () => {
    const dist = join(ROOT, 'dist');
    const [engine, hit] = ['engine.cjs', 'hit.cjs'].map((name) => readFileSync(join(dist, name), 'utf8'));
    const id = buildIdIn(engine ?? '', stampInputs(dist), [hit ?? '']);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    // The quick path carries the same id, and its code is part of it.
    expect(hit).toContain(JSON.stringify(id));
    expect(() => buildIdIn(engine ?? '', stampInputs(dist), [`${hit ?? ''}\n`])).toThrow(/no build id/);
    // Any other entry, or vendored file, and the engine's id is no longer its hash.
    expect(() => buildIdIn(engine ?? '', [...stampInputs(dist), 'vendor/other.cjs\u0000'], [hit ?? ''])).toThrow(
      /no build id/,
    );
    const action = readFileSync(join(dist, 'action.js'), 'utf8');
    expect(buildIdIn(action, [])).toMatch(/^[0-9a-f]{16}$/);
    expect(() => buildIdIn(`${action}\n`, [])).toThrow(/no build id/);
  });

  it("in a git work tree, reads git's index rather than starting git, and refuses an entry committed with the code", () => {
    const repository = join(scratch, 'in-git');
    cpSync(join(ROOT, 'fixtures', 'provider-tree'), repository, { recursive: true });
    const home = join(scratch, 'git-home');
    mkdirSync(home, { recursive: true });
    for (const step of [
      ['init', '-q'],
      ['add', '.'],
      ['commit', '-qm', 'the demo'],
    ])
      gitIn(repository, home, step);
    const location = join(repository, '.review-bot-cache');
    const flags = [repository, '--format', 'json', '--fail-on', 'never', '--cache', '--cache-location', location];
    const uncached = review(repository, '--format', 'json', '--fail-on', 'never');
    expect(review(...flags, '--debug').stderr).toContain('review-bot: cache: miss');
    const hit = review(...flags, '--debug');
    expect(ownErr(hit.stderr)).toBe(
      'review-bot: cache: hit: nothing changed, the findings of the last run\nreview-bot: rule timings (ms): \n',
    );
    expect(bundles(hit.stderr)).toEqual(['cli.cjs', 'hit.cjs']);
    expect(loaded(hit.stderr)).toEqual([]); // neither the compiler nor node:child_process: no git started
    expect(hit.stdout).toBe(uncached.stdout);

    const [name] = readdirSync(location);
    const file = join(location, name ?? '');
    gitIn(repository, home, ['add', '-f', file]);
    // Told from the index alone: with no git on PATH, the entry is still refused, and no git is started.
    const refused = reviewWith({ PATH: '' }, ...flags);
    expect(ownErr(refused.stderr)).toMatch(
      /^review-bot: warning: cache .* not used: git tracks it or a folder on its path, /,
    );
    expect(loaded(refused.stderr)).not.toContain('node:child_process');
    expect(refused.stdout).toBe(uncached.stdout);
    // With GIT_DIR set, only git can say which index counts: without git, the cache is not used.
    gitIn(repository, home, ['rm', '-q', '--cached', file]);
    expect(ownErr(review(...flags).stderr)).toBe('');
    const steered = reviewWith({ PATH: '', GIT_DIR: join(repository, '.git') }, ...flags);
    expect(ownErr(steered.stderr)).toMatch(
      /^review-bot: warning: cache .* not used: git could not say whether it is tracked /,
    );
    expect(steered.stdout).toBe(uncached.stdout);
  });

  it('prints its version and help without loading the compiler', () => {
    for (const flag of ['--version', '--help']) {
      const run = review(flag);
      expect(run.status).toBe(0);
      expect(loaded(run.stderr)).toEqual([]);
    }
  });
});
