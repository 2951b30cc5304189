/** The CLI's diff-aware paths: --diff against a real git repository, --github-pr against the fake GitHub API. */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { localDiff } from '../../src/github/local-diff.js';
import { gitExecutable } from '../../src/shell/git.js';
import type { Io } from '../../src/cli.js';
import type { FakeFile } from './fake-github.js';
import { FakeGitHub, forbiddenFault } from './fake-github.js';
import { githubFiles as githubFilesOf } from './pull-files.js';
import { EXPERIMENTAL_RULES_CONFIG } from '../experimental-rules.js';
import { BUILT_CLI, compileCacheOn } from '../support/built-cli.js';
import { gitIn } from '../support/git.js';

// Each case runs the analyser in a child process (a few seconds each); a busy machine may need more.
vi.setConfig({ testTimeout: 240_000 });

const execFileAsync = promisify(execFile);

/** The feature branch's change as GitHub lists it: src/new.ts added, whose line 2 throws an Error without a message. */
const NEW_FILE: FakeFile[] = [
  {
    filename: 'src/new.ts',
    status: 'added',
    patch: '@@ -0,0 +1,3 @@\n+export function fail(): never {\n+  throw new Error();\n+}',
    additions: 3,
  },
];

/** The feature branch opened as pull request acme/widgets#`number` on the fake GitHub. */
function featurePull(number: number): ReturnType<FakeGitHub['addPull']> {
  return gh.addPull({ owner: 'acme', repo: 'widgets', number, headSha: head, baseSha: base, files: NEW_FILE });
}

/** Retries and write spacing in milliseconds: the same waits as on GitHub, a thousand times shorter. */
const FAST = { retryUnitMs: 1, writeSpacingMs: 0 };

let temp: string;
let ws: string;
let gh: FakeGitHub;
let base: string;
let head: string;

/** Runs git in the workspace. */
function git(...args: string[]): string {
  return gitIn(ws, temp, args);
}

/** Captures output. */
function capture(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    color: false,
    progress: () => ({ update: () => undefined, done: () => undefined }),
  };
}

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), 'review-bot-cli-github-'));
  ws = join(temp, 'repo');
  mkdirSync(join(ws, 'src'), { recursive: true });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(ws, '.review-bot.json'), EXPERIMENTAL_RULES_CONFIG);
  writeFileSync(
    join(ws, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', noEmit: true },
      include: ['src'],
    }),
  );
  writeFileSync(join(ws, 'src/util.ts'), 'export function one(): number {\n  return 1;\n}\n');
  writeFileSync(
    join(ws, 'src/old.ts'),
    "import { one } from './util.js';\nimport { one as uno } from './util.js';\nexport const two = one() + 1;\n",
  );
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  base = git('rev-parse', 'HEAD');
  git('checkout', '-q', '-b', 'feature');
  writeFileSync(join(ws, 'src/new.ts'), 'export function fail(): never {\n  throw new Error();\n}\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'feature');
  head = git('rev-parse', 'HEAD');
  gh = new FakeGitHub();
  await gh.start();
}, 120_000);

afterAll(async () => {
  await gh.stop();
  rmSync(temp, { recursive: true, force: true });
});

describe('review-bot --diff <base-ref>', () => {
  it('keeps only findings on lines changed since the merge base', async () => {
    const all = capture();
    await main([ws, '--format', 'json', '--fail-on', 'never'], all, { env: {} });
    const scoped = capture();
    const code = await main([ws, '--format', 'json', '--fail-on', 'never', '--diff', 'main'], scoped, { env: {} });
    expect(code).toBe(0);
    const files = (text: string[]): string[] =>
      (JSON.parse(text.join('')) as { findings: { file: string; line: number }[] }).findings.map(
        (f) => `${f.file}:${f.line}`,
      );
    expect(files(all.stdout).some((f) => f.startsWith('src/old.ts'))).toBe(true);
    const places = files(scoped.stdout);
    expect(places).toContain('src/new.ts:2');
    expect(places.every((f) => f.startsWith('src/new.ts:'))).toBe(true);
  });

  it('reviews a folder inside the repository, even where git is set to print paths from the folder it runs in', async () => {
    git('config', 'diff.relative', 'true');
    try {
      const io = capture();
      const args = ['--config', join(ws, '.review-bot.json'), '--format', 'json', '--fail-on', 'never'];
      const code = await main([join(ws, 'src'), ...args, '--diff', 'main'], io, { env: {} });
      expect(code).toBe(0);
      const places = (JSON.parse(io.stdout.join('')) as { findings: { file: string; line: number }[] }).findings.map(
        (f) => `${f.file}:${f.line}`,
      );
      expect(places).toContain('new.ts:2');
      expect(places.every((f) => f.startsWith('new.ts:'))).toBe(true);
    } finally {
      git('config', '--unset', 'diff.relative');
    }
  });

  it('runs the same in the built command, whose engine runs git as the tests of the source do', async () => {
    const args = [ws, '--format', 'json', '--fail-on', 'never', '--diff', 'main'];
    const io = capture();
    expect(await main(args, io, { env: {} })).toBe(0);
    const run = await execFileAsync(process.execPath, [BUILT_CLI, ...args], {
      encoding: 'utf8',
      env: compileCacheOn(),
    });
    expect(run.stdout).toBe(io.stdout.join(''));
    expect(run.stderr).toBe(io.stderr.join(''));
  });

  it('says so when the base ref does not exist', async () => {
    const io = capture();
    expect(await main([ws, '--diff', 'no-such-branch'], io, { env: {} })).toBe(2);
    expect(io.stderr.join('')).toMatch(/--diff: git diff no-such-branch\.\.\.HEAD failed/);
  });
});

describe('review-bot --github-pr <owner/repo#n>', () => {
  it('posts one review from outside Actions, and nothing on a re-run', async () => {
    const pull = featurePull(9);
    const io = capture();
    const context = { env: { GITHUB_TOKEN: 'ghp_test' }, timing: FAST };
    const code = await main(
      ['--github-pr', 'acme/widgets#9', '--api-url', gh.url, '--fail-on', 'never', ws],
      io,
      context,
    );
    expect(io.stderr.join('')).toMatch(/posted a review with \d+ inline comments/);
    expect(code).toBe(0);
    expect(pull.reviews).toHaveLength(1);
    const places = pull.comments.map((c) => `${c.path}:${c.line ?? 0}`);
    expect(places).toContain('src/new.ts:2');
    expect(places.every((p) => p.startsWith('src/new.ts:'))).toBe(true);
    const again = capture();
    await main(['--github-pr', 'acme/widgets#9', '--api-url', gh.url, ws], again, context);
    expect(pull.reviews).toHaveLength(1);
    expect(pull.comments).toHaveLength(places.length);
    expect(gh.violations).toEqual([]);
  });

  it('posts the same review from the built command, whose engine loads the GitHub client through its entry', async () => {
    const fromSource = featurePull(13);
    const built = featurePull(14);
    const env = { GITHUB_TOKEN: 'ghp_test' };
    const flags = ['--api-url', gh.url, '--fail-on', 'never', ws];
    const io = capture();
    expect(await main(['--github-pr', 'acme/widgets#13', ...flags], io, { env, timing: FAST })).toBe(0);
    // Asynchronously: this process serves the fake API meanwhile.
    const run = await execFileAsync(process.execPath, [BUILT_CLI, '--github-pr', 'acme/widgets#14', ...flags], {
      encoding: 'utf8',
      env: compileCacheOn(env),
    });
    // The same lines, but for the pull request and the review the fake numbered.
    const numbersOut = (text: string): string => text.replace(/pull\/1[34]#pullrequestreview-\d+/g, 'pull/N#R');
    expect(run.stderr).toMatch(/posted a review with \d+ inline comments/);
    expect(numbersOut(run.stderr)).toBe(numbersOut(io.stderr.join('')));
    expect(run.stdout).toBe(io.stdout.join(''));
    expect(built.reviews).toHaveLength(1);
    expect(built.comments.map((c) => [c.path, c.line, c.body])).toEqual(
      fromSource.comments.map((c) => [c.path, c.line, c.body]),
    );
    expect(gh.violations).toEqual([]);
  });

  it('a token that can read nothing: prints the review, writes nothing, does not crash', async () => {
    const pull = gh.addPull({
      owner: 'acme',
      repo: 'widgets',
      number: 10,
      headSha: head,
      baseSha: 'f'.repeat(40),
      files: [],
    });
    gh.inject({
      path: /\/pulls\/10\/files$/,
      status: 403,
      body: {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest',
        status: '403',
      },
    });
    gh.inject({ ...forbiddenFault(/\/pulls\/10\//) });
    const io = capture();
    const code = await main(['--github-pr', 'acme/widgets#10', '--api-url', gh.url, '--fail-on', 'never', ws], io, {
      env: { GITHUB_TOKEN: 'ghp_test' },
      timing: FAST,
    });
    expect(code).toBe(0);
    expect(io.stderr.join('')).toMatch(
      /cannot write to acme\/widgets#10 \(Resource not accessible by integration.*; and git cannot give the diff/,
    );
    expect(io.stdout.join('')).toContain('src/new.ts:2');
    expect(pull.reviews).toEqual([]);
    expect(gh.writes().filter((r) => r.path.includes('/pulls/10/'))).toEqual([]);
  });

  it('needs a token and a well-formed reference', async () => {
    const io = capture();
    expect(await main(['--github-pr', 'acme/widgets#9', ws], io, { env: {} })).toBe(2);
    expect(io.stderr.join('')).toMatch(/GITHUB_TOKEN/);
    expect(await main(['--github-pr', 'widgets-9', ws], io, { env: { GITHUB_TOKEN: 'x' } })).toBe(2);
  });
});

describe('review-bot --github-pr, inputs and problems worded as the CLI words them', () => {
  it('names a file that cannot be parsed, still posts the review of the rest, and exits 2', async () => {
    const pull = featurePull(11);
    writeFileSync(join(ws, 'src/broken.ts'), 'export const x = ;\n');
    try {
      const io = capture();
      const code = await main(['--github-pr', 'acme/widgets#11', '--api-url', gh.url, '--fail-on', 'never', ws], io, {
        env: { GITHUB_TOKEN: 'ghp_test' },
        timing: FAST,
      });
      expect(code).toBe(2);
      expect(io.stderr.filter((line) => line.includes('cannot parse'))).toEqual([
        'review-bot: src/broken.ts:1:18: cannot parse: Expression expected. (file skipped)\n',
      ]);
      expect(pull.reviews).toHaveLength(1);
    } finally {
      rmSync(join(ws, 'src/broken.ts'));
    }
  });

  it('refuses credentials in --api-url, redacted, without a request', async () => {
    const before = gh.log.length;
    const io = capture();
    const url = gh.url.replace('http://', 'http://x-access-token:ghp_secret123@');
    const code = await main(['--github-pr', 'acme/widgets#9', '--api-url', url, ws], io, {
      env: { GITHUB_TOKEN: 'ghp_test' },
    });
    expect(code).toBe(2);
    expect(io.stderr.join('')).toBe(
      `review-bot: --api-url: credentials in the URL are refused (http://***@${gh.url.slice('http://'.length)}); pass the token in GITHUB_TOKEN instead\n`,
    );
    expect(io.stderr.join('')).not.toContain('ghp_secret123');
    expect(gh.log.length).toBe(before);
  });

  it('checks --max-comments and --fail-on once, with the flag named as given', async () => {
    const io = capture();
    const env = { env: { GITHUB_TOKEN: 'ghp_test' } };
    expect(await main(['--github-pr', 'acme/widgets#9', '--max-comments', 'many', ws], io, env)).toBe(2);
    expect(await main(['--github-pr', 'acme/widgets#9', '--fail-on', 'loud', ws], io, env)).toBe(2);
    expect(io.stderr).toEqual([
      'review-bot: --max-comments: expected a whole number, got "many"\n',
      'review-bot: --fail-on: expected error, warning, info or never, got "loud"\n',
    ]);
  });
});

describe('review-bot --github-pr when GitHub fails', () => {
  it('prints the whole review, says what failed, and exits 3', async () => {
    gh.addPull({ owner: 'acme', repo: 'widgets', number: 12, headSha: head, baseSha: base, files: [] });
    gh.inject({ path: /\/pulls\/12/, status: 503, body: { message: 'Service Unavailable' }, times: Infinity });
    const io = capture();
    const code = await main(['--github-pr', 'acme/widgets#12', '--api-url', gh.url, '--retries', '1', ws], io, {
      env: { GITHUB_TOKEN: 'ghp_test' },
      timing: FAST,
    });
    expect(code).toBe(3);
    const all = capture();
    await main([ws, '--format', 'json'], all, { env: {} });
    const places = (JSON.parse(all.stdout.join('')) as { findings: { file: string; line: number }[] }).findings.map(
      (f) => `\`${f.file}:${f.line}\``,
    );
    expect(places.length).toBeGreaterThanOrEqual(2);
    for (const place of places) expect(io.stdout.join('')).toContain(place);
    expect(io.stderr.join('')).toMatch(
      /^review-bot: GitHub failed \(reading the pull request: 503 Service Unavailable\); the review of acme\/widgets#12 was not posted and is printed above$/m,
    );
    expect(io.stderr).toContain(
      "review-bot: warning: the pull request's changed files are unknown (reading the pull request: 503 Service Unavailable); analysing the whole project so that no finding is lost\n",
    );
  });

  it('listing the files fails: analyses the whole project, says so, prints every finding, and exits 3', async () => {
    const files = githubFiles(base, head);
    expect(files.map((f) => f.filename)).toEqual(['src/new.ts']);
    gh.addPull({ owner: 'acme', repo: 'widgets', number: 13, headSha: head, baseSha: base, files });
    gh.inject({ path: /\/pulls\/13\/files$/, status: 500, body: { message: 'Server Error' }, times: Infinity });
    const io = capture();
    const code = await main(
      ['--github-pr', 'acme/widgets#13', '--api-url', gh.url, '--retries', '1', '--fail-on', 'never', ws],
      io,
      { env: { GITHUB_TOKEN: 'ghp_test' }, timing: FAST },
    );
    expect(code).toBe(3);
    const stderr = io.stderr.join('');
    expect(stderr).toContain(
      "review-bot: warning: the pull request's changed files are unknown (reading the pull request's files: 500 Server Error); analysing the whole project so that no finding is lost\n",
    );
    expect(stderr).not.toContain('pull-request mode');
    const all = capture();
    await main([ws, '--format', 'json'], all, { env: {} });
    const places = (JSON.parse(all.stdout.join('')) as { findings: { file: string; line: number }[] }).findings.map(
      (f) => `\`${f.file}:${String(f.line)}\``,
    );
    expect(places.some((place) => place.startsWith('`src/old.ts:'))).toBe(true);
    for (const place of places) expect(io.stdout.join('')).toContain(place);
    expect(gh.violations).toEqual([]);
  });
});

describe('git is started by absolute path', () => {
  it('skips PATH entries inside the repository and any node_modules/.bin', () => {
    const fake = join(ws, 'node_modules', '.bin');
    const bin = join(ws, 'bin');
    mkdirSync(fake, { recursive: true });
    mkdirSync(bin, { recursive: true });
    for (const folder of [fake, bin])
      writeFileSync(join(folder, 'git'), '#!/bin/sh\ntouch "$0.ran"\n', { mode: 0o755 });
    const elsewhere = mkdtempSync(join(temp, 'tools-'));
    const other = join(elsewhere, 'node_modules', '.bin');
    mkdirSync(other, { recursive: true });
    writeFileSync(join(other, 'git'), '#!/bin/sh\n', { mode: 0o755 });
    const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    const path = [fake, bin, other, '.', '', dirname(real)].join(delimiter);
    expect(gitExecutable(ws, path)).toBe(join(dirname(real), 'git'));
    expect(gitExecutable(ws, [fake, bin].join(delimiter))).toBeUndefined();
  });

  it('says what failed and why', async () => {
    await expect(localDiff(ws, 'no-such-ref')).rejects.toThrow(
      /^git diff no-such-ref\.\.\.HEAD failed: fatal: ambiguous argument 'no-such-ref\.\.\.HEAD'/,
    );
  });
});

/** The files of two commits as GitHub's "list pull request files" gives them (patch = hunks only). */
function githubFiles(from: string, to: string): FakeFile[] {
  return githubFilesOf(git('diff', '--find-renames', '--src-prefix=a/', '--dst-prefix=b/', from, to));
}

/** A file importing `one` on line 1, then nine modules; the pull request edits line 2 and adds line 11. */
function farImports(head: boolean): string {
  const modules = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) =>
    i === 1 && head ? "import { v1, w1 } from './m1.js';" : `import { v${String(i)} } from './m${String(i)}.js';`,
  );
  const again = head ? ["import { one as uno } from './util.js';"] : [];
  const sum = head ? 'one() + uno()' : 'one()';
  return [
    "import { one } from './util.js';",
    ...modules,
    ...again,
    '',
    `export const sum: number = ${sum} + v1 + v2 + v3 + v4 + v5 + v6 + v7 + v8 + v9;`,
    '',
  ].join('\n');
}

const NEAR = `import { one } from './util.js';
import { one as uno } from './util.js';

export class Counter {
  private count = one();
  private spare = 0;

  next(): number {
    this.count += uno();
    return this.count;
  }
}
`;

describe('review-bot --github-pr: suggestions for safe fixes', () => {
  let suggestBase: string;
  let suggestHead: string;

  beforeAll(() => {
    git('checkout', '-q', '-b', 'suggest', head);
    for (let i = 1; i <= 9; i += 1)
      writeFileSync(
        join(ws, `src/m${String(i)}.ts`),
        `export const v${String(i)} = ${String(i)};\nexport const w${String(i)} = 0;\n`,
      );
    writeFileSync(join(ws, 'src/far.ts'), farImports(false));
    // A finding with a safe fix that is already on the base branch: never part of the pull request.
    writeFileSync(
      join(ws, 'src/legacy.ts'),
      "import { one } from './util.js';\nimport { v1 } from './m1.js';\n\nexport const x = v1;\n",
    );
    git('add', '-A');
    git('commit', '-q', '-m', 'suggest base');
    suggestBase = git('rev-parse', 'HEAD');
    writeFileSync(join(ws, 'src/far.ts'), farImports(true));
    writeFileSync(join(ws, 'src/near.ts'), NEAR);
    git('add', '-A');
    git('commit', '-q', '-m', 'suggest head');
    suggestHead = git('rev-parse', 'HEAD');
  });

  afterAll(() => {
    git('checkout', '-q', 'feature');
  });

  it('posts a suggestion on the lines a fix replaces when the diff shows them all, and none otherwise', async () => {
    const files = githubFiles(suggestBase, suggestHead);
    expect(files.map((f) => f.filename).sort()).toEqual(['src/far.ts', 'src/near.ts']);
    const pull = gh.addPull({
      owner: 'acme',
      repo: 'widgets',
      number: 40,
      headSha: suggestHead,
      baseSha: suggestBase,
      files,
    });
    const io = capture();
    const code = await main(['--github-pr', 'acme/widgets#40', '--api-url', gh.url, '--fail-on', 'never', ws], io, {
      env: { GITHUB_TOKEN: 'ghp_test' },
      timing: FAST,
    });
    expect(code).toBe(0);
    expect(gh.violations).toEqual([]);
    expect(pull.reviews).toHaveLength(1);
    const comment = (path: string, line: number): { startLine: number | undefined; suggestion: string | undefined } => {
      const found = pull.comments.find((c) => c.path === path && c.line === line);
      if (found === undefined) throw new Error(`no comment on ${path}:${String(line)}`);
      return { startLine: found.startLine, suggestion: /\n(`{3,}suggestion\n[^]*?\n?`{3,})\n/.exec(found.body)?.[1] };
    };
    // Line 2 is modified: the fix of the unused `w1` replaces that line only.
    expect(comment('src/far.ts', 2)).toEqual({
      startLine: undefined,
      suggestion: "```suggestion\nimport { v1 } from './m1.js';\n```",
    });
    // The duplicate on line 11 is merged into line 1, which the diff does not show: no suggestion.
    expect(comment('src/far.ts', 11)).toEqual({ startLine: undefined, suggestion: undefined });
    // A new file: the merge replaces lines 1 and 2 (one comment over both), the unused member's line is deleted.
    expect(comment('src/near.ts', 2)).toEqual({
      startLine: 1,
      suggestion: "```suggestion\nimport { one, one as uno } from './util.js';\n```",
    });
    expect(comment('src/near.ts', 6)).toEqual({ startLine: undefined, suggestion: '```suggestion\n```' });
    // GitHub was asked for the comment over lines 1-2 as GitHub expects it.
    const posted = gh.log.find((r) => r.method === 'POST' && r.path.endsWith('/pulls/40/reviews'));
    expect(JSON.stringify(posted?.body)).toContain('"path":"src/near.ts","start_line":1,"start_side":"RIGHT","line":2');
    expect(pull.comments.filter((c) => c.path === 'src/legacy.ts')).toEqual([]);
  });

  it('--fix with --diff fixes only the findings it reports, never those outside the diff', async () => {
    try {
      const io = capture();
      const code = await main([ws, '--fix', '--diff', suggestBase, '--fail-on', 'never'], io, { env: {} });
      expect(io.stderr.join('')).toMatch(/applied \d+ fixes in 2 files/);
      expect(code).toBe(0);
      expect(git('diff', '--name-only').split('\n').sort()).toEqual(['src/far.ts', 'src/near.ts']);
      // Without --diff the same run would fix the duplicate import on main and the unused import on the base.
      const all = capture();
      await main([ws, '--fix-dry-run', '--fail-on', 'never'], all, { env: {} });
      expect(all.stdout.join('')).toContain('--- a/src/legacy.ts');
      expect(all.stdout.join('')).toContain('--- a/src/old.ts');
    } finally {
      git('checkout', '--', '.');
    }
  });
});
