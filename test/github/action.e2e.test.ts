/**
 * End to end: the bundle built from the sources, run as the Actions runner
 * runs it (`node dist/action.js` with GITHUB_* and INPUT_* variables), against
 * a fake GitHub API on a loopback port, on a real git repository. Also checks
 * that the committed dist/ is exactly what the sources build to.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { analyse } from '../../src/pipeline.js';
import { fingerprintOfComment } from '../../src/report/github-review/marker.js';
import type { FakeFile, FakePull } from './fake-github.js';
import { FakeGitHub, badGatewayFault, forbiddenFault, secondaryRateLimitFault } from './fake-github.js';
import { pullRequestEvent, pushEvent } from './events.js';
import { githubFiles as githubFilesOf } from './pull-files.js';
import { EXPERIMENTAL_RULES_CONFIG } from '../experimental-rules.js';
import { gitIn } from '../support/git.js';

// Each case runs the analyser in a child process (a few seconds each); a busy machine may need more.
vi.setConfig({ testTimeout: 240_000 });

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const OWNER = 'acme';
const REPO = 'widgets';

let temp: string;
let built: string;
let ws: string;
let gh: FakeGitHub;
let base: string;
let head1: string;

/** Runs git in the workspace. */
function git(...args: string[]): string {
  return gitIn(ws, temp, args);
}

/** Writes files into the workspace and commits them. */
function commit(files: Record<string, string>, message: string): string {
  for (const [path, text] of Object.entries(files)) writeFileSync(join(ws, path), text);
  git('add', '-A');
  git('commit', '-q', '-m', message);
  return git('rev-parse', 'HEAD');
}

/** The files of base..head as GitHub's "list pull request files" gives them (patch = hunks only). */
function githubFiles(from: string, to: string): FakeFile[] {
  return githubFilesOf(git('diff', '--find-renames', '--src-prefix=a/', '--dst-prefix=b/', from, to));
}

/** New-side lines added between two commits, per file (an oracle independent of src/diff). */
function addedLines(from: string, to: string): Set<string> {
  const out = new Set<string>();
  let file = '';
  let line = 0;
  for (const text of git('diff', '-U0', '--src-prefix=a/', '--dst-prefix=b/', from, to).split('\n')) {
    if (text.startsWith('+++ ')) file = text.slice(6);
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (hunk !== null) line = Number(hunk[1]);
    else if (text.startsWith('+') && !text.startsWith('+++')) out.add(`${file}:${line++}`);
  }
  return out;
}

interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Runs the built Action as the runner does. */
async function runAction(
  eventName: string,
  payload: unknown,
  inputs: Record<string, string> = {},
  extraEnv: Record<string, string> = {},
): Promise<ActionRun> {
  const dir = mkdtempSync(join(temp, 'run-'));
  const eventPath = join(dir, 'event.json');
  const outputPath = join(dir, 'output.txt');
  const summaryPath = join(dir, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(payload));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: temp,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_API_URL: gh.url,
    GITHUB_SERVER_URL: 'https://github.test',
    GITHUB_WORKSPACE: ws,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_RUN_ID: '42',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SHA: '0'.repeat(40),
    RUNNER_TEMP: dir,
    'INPUT_GITHUB-TOKEN': 'ghs_faketoken',
    INPUT_PATH: '.',
    INPUT_PROJECT: '',
    INPUT_CONFIG: '',
    'INPUT_FILTER-MODE': 'added',
    'INPUT_FAIL-ON': 'never',
    'INPUT_MAX-COMMENTS': '30',
    'INPUT_SARIF-FILE': '',
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  Object.assign(env, extraEnv);
  let code = 0;
  let stdout: string;
  let stderr: string;
  try {
    ({ stdout, stderr } = await run(process.execPath, [join(built, 'action.js')], {
      cwd: ws,
      env,
      // GitHub's own pace (waits in seconds) on a machine running several analyses side by side.
      timeout: 200_000,
      maxBuffer: 64 * 1024 * 1024,
    }));
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    code = typeof e.code === 'number' ? e.code : 1;
    stdout = e.stdout ?? '';
    stderr = e.stderr ?? '';
  }
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(outputPath, 'utf8')),
    summary: readFileSync(summaryPath, 'utf8'),
  };
}

/** Parses the runner's GITHUB_OUTPUT file (`name<<delimiter` blocks). */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (match?.[1] === undefined || match[2] === undefined) continue;
    const value: string[] = [];
    for (i += 1; i < lines.length && lines[i] !== match[2]; i += 1) value.push(lines[i] ?? '');
    out[match[1]] = value.join('\n');
  }
  return out;
}

/** A pull request event for a pull request of the fake, checked against the webhook schema. */
function eventFor(pull: FakePull, headRepo?: string): Record<string, unknown> {
  const { payload, errors } = pullRequestEvent({
    owner: OWNER,
    repo: REPO,
    number: pull.number,
    headSha: pull.headSha,
    baseSha: pull.baseSha,
    changedFiles: pull.files.length,
    ...(headRepo === undefined ? {} : { headRepo }),
  });
  expect(errors).toEqual([]);
  return payload;
}

/** Requests that wrote to a pull request (comment deletions have no pull request number: all are counted). */
function writesTo(pull: FakePull): string[] {
  return gh
    .writes()
    .filter((r) => r.path.includes(`/pulls/${pull.number}/`) || r.path.includes('/pulls/comments/'))
    .map((r) => `${r.method} ${r.path} ${r.status}`);
}

/** Top-level bot comments of a pull request. */
function botComments(pull: FakePull): FakePull['comments'] {
  return pull.comments.filter((c) => c.inReplyToId === undefined && fingerprintOfComment(c.body) !== undefined);
}

/** Fingerprints commented more than once. */
function duplicates(pull: FakePull): string[] {
  const fps = botComments(pull).map((c) => fingerprintOfComment(c.body) ?? '');
  return fps.filter((fp, i) => fps.indexOf(fp) !== i);
}

/** `path:line` of the findings an `added` review must comment inline, from the engine and an independent diff reading. */
function expectedInline(from: string, to: string): string[] {
  const added = addedLines(from, to);
  const { result } = analyse({ path: ws });
  return result.findings
    .map((f) => `${f.file}:${f.line}`)
    .filter((place) => added.has(place))
    .sort();
}

const INDEX_V1 = `import { double } from './util.js';
import { double as twice } from './util.js';

const LIMIT = 10;

export function quadruple(value: number): number {
  if (value > 1000) {
    throw new Error();
  }
  return double(double(value));
}
`;

const INDEX_V2 = `import { double } from './util.js';
import { double as twice } from './util.js';

export function quadruple(value: number): number {
  if (value > 1000) {
    throw new Error(\`value \${value} is over 1000\`);
  }
  return double(double(value));
}
`;

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), 'review-bot-action-'));
  built = join(temp, 'dist');
  const { build } = (await import(join(ROOT, 'scripts/build.mjs'))) as { build: (outdir: string) => Promise<string> };
  await build(built);
  ws = join(temp, 'repo');
  execFileSync('mkdir', ['-p', join(ws, 'src')]);
  git('init', '-q', '-b', 'main');
  base = commit(
    {
      'tsconfig.json': JSON.stringify(
        {
          compilerOptions: {
            target: 'es2022',
            module: 'nodenext',
            moduleResolution: 'nodenext',
            strict: true,
            noEmit: true,
          },
          include: ['src'],
        },
        null,
        2,
      ),
      // The repository names the experimental rules it wants, as a team adopting them would.
      '.review-bot.json': EXPERIMENTAL_RULES_CONFIG,
      'src/util.ts': 'export function double(value: number): number {\n  return value * 2;\n}\n',
      // A finding that is already on the base branch: not part of the pull request.
      'src/old.ts':
        "import { double } from './util.js';\nimport { double as again } from './util.js';\n\nexport const eight = double(4);\n",
      'src/index.ts':
        "import { double } from './util.js';\n\nexport function quadruple(value: number): number {\n  return double(double(value));\n}\n",
    },
    'base',
  );
  git('checkout', '-q', '-b', 'feature');
  head1 = commit({ 'src/index.ts': INDEX_V1 }, 'feature');
  gh = new FakeGitHub();
  await gh.start();
}, 180_000);

afterAll(async () => {
  await gh.stop();
  rmSync(temp, { recursive: true, force: true });
});

describe('dist/', () => {
  it('is exactly what the sources build to (run `npm run build` and commit dist/)', () => {
    // Every file, in every folder (dist/vendor), by path relative to the folder.
    const files = (dir: string): string[] =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((name) => statSync(join(dir, name)).isFile())
        .sort();
    // The same files (none left from an earlier build, none missing), each byte for byte.
    expect(files(join(ROOT, 'dist'))).toEqual(files(built));
    for (const name of files(built)) {
      const fresh = readFileSync(join(built, name));
      const committed = readFileSync(join(ROOT, 'dist', name));
      expect(committed.equals(fresh), `dist/${name} differs from a fresh build`).toBe(true);
    }
  });

  it('carries the TypeScript standard library, which ts-morph loads from memory', () => {
    const text = readFileSync(join(built, 'action.js'), 'utf8');
    expect(text).toContain('lib.es2022.d.ts');
    expect(text).toContain('interface Array<T>');
  });

  it('has no absolute paths of the build machine', () => {
    const text = readFileSync(join(built, 'action.js'), 'utf8');
    expect(text.includes(ROOT)).toBe(false);
  });
});

let pull: FakePull;

describe('the Action on a pull request', () => {
  let expected: string[];

  it('posts exactly one review with inline comments on the added lines, most severe first', async () => {
    pull = gh.addPull({
      owner: OWNER,
      repo: REPO,
      number: 1,
      headSha: head1,
      baseSha: base,
      files: githubFiles(base, head1),
    });
    expected = expectedInline(base, head1);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(expected).toContain('src/index.ts:8'); // throw new Error() without a message
    const result = await runAction('pull_request', eventFor(pull));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(gh.violations).toEqual([]);
    expect(pull.reviews).toHaveLength(1);
    expect(pull.reviews[0]?.state).toBe('COMMENTED');
    expect(pull.reviews[0]?.commitId).toBe(head1);
    const places = botComments(pull)
      .map((c) => `${c.path}:${c.line ?? 0}`)
      .sort();
    expect(places).toEqual(expected);
    expect(places.some((p) => p.startsWith('src/old.ts'))).toBe(false);
    expect(result.outputs['review-url']).toMatch(/#pullrequestreview-\d+$/);
    // Pull-request mode: the analysis reports on the one changed file, as a whole run narrowed to it.
    expect(result.stdout).toContain('review-bot: pull-request mode: reporting on 1 changed file\n');
    expect(Number(result.outputs['findings'])).toBe(placesIn(['src/index.ts']).length);
    expect(Number(result.outputs['findings'])).toBeGreaterThan(Number(result.outputs['new-findings']));
    expect(Number(result.outputs['new-findings'])).toBe(botComments(pull).length);
    expect(pull.reviews[0]?.body).toMatch(/security|Security/);
    expect(result.summary).toContain('src/index.ts:8');
    // Added line 2 has two findings with safe fixes. The duplicate import merges into line 1 (a context line the
    // diff shows): its comment spans lines 1-2 and suggests their replacement. The unused import's suggestion
    // deletes line 2. No other finding has a fix.
    const suggestions = botComments(pull)
      .filter((c) => c.body.includes('```suggestion'))
      .map((c) => [c.startLine, c.line, /\n```suggestion\n([^`]*)```\n/.exec(c.body)?.[1]]);
    expect(suggestions).toEqual([
      [1, 2, "import { double, double as twice } from './util.js';\n"],
      [undefined, 2, ''],
    ]);
  });

  it('posts nothing on a re-run of the same commit', async () => {
    const before = writesTo(pull).length;
    const result = await runAction('pull_request', eventFor(pull));
    expect(result.code).toBe(0);
    expect(writesTo(pull).slice(before)).toEqual([]);
    expect(pull.reviews).toHaveLength(1);
    expect(duplicates(pull)).toEqual([]);
  });
});

// Independent pull requests of the same head commit, run side by side.
describe.concurrent('the Action on pull requests GitHub makes hard', () => {
  it('fork pull request: a 403 on writes gives annotations and a job summary, and writes nothing', async () => {
    const fork = gh.addPull({
      owner: OWNER,
      repo: REPO,
      number: 2,
      headSha: head1,
      baseSha: base,
      files: githubFiles(base, head1),
    });
    gh.inject(forbiddenFault(/\/pulls\/2\//));
    const result = await runAction('pull_request', eventFor(fork, 'contributor/widgets'), { 'fail-on': 'warning' });
    expect(fork.reviews).toEqual([]);
    expect(fork.comments).toEqual([]);
    expect(result.stdout).toMatch(/^::warning title=review-bot.*file=src\/index\.ts,line=8,/m);
    expect(result.stdout).not.toMatch(/file=src\/old\.ts/);
    expect(result.summary).toContain('src/index.ts:8');
    expect(result.summary.length).toBeGreaterThan(200);
    expect(result.code).toBe(1); // fail-on: warning still decides the run
    expect(gh.violations).toEqual([]);
  });

  it('retries a 502 and a secondary rate limit, then posts once', async () => {
    const flaky = gh.addPull({
      owner: OWNER,
      repo: REPO,
      number: 3,
      headSha: head1,
      baseSha: base,
      files: githubFiles(base, head1),
    });
    gh.inject(secondaryRateLimitFault(/\/pulls\/3\/files$/));
    gh.inject(badGatewayFault(/\/pulls\/3\/reviews$/, 'POST'));
    const start = gh.log.length;
    const result = await runAction('pull_request', eventFor(flaky));
    expect(result.code).toBe(0);
    const posts = gh.log.slice(start).filter((r) => r.method === 'POST' && r.path.endsWith('/pulls/3/reviews'));
    expect(posts.map((r) => r.status)).toEqual([502, 200]);
    const files = gh.log.slice(start).filter((r) => r.path.endsWith('/pulls/3/files'));
    expect(files.map((r) => r.status)).toEqual([403, 200]);
    expect(flaky.reviews).toHaveLength(1);
    expect(duplicates(flaky)).toEqual([]);
  });

  it('a 422 for a comment GitHub cannot place: posts the review once with the findings in its body', async () => {
    const odd = gh.addPull({
      owner: OWNER,
      repo: REPO,
      number: 5,
      headSha: head1,
      baseSha: base,
      files: githubFiles(base, head1),
    });
    gh.inject({
      method: 'POST',
      path: /\/pulls\/5\/reviews$/,
      status: 422,
      body: {
        message: 'Unprocessable Entity',
        errors: ['Line could not be resolved'],
        documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request',
        status: '422',
      },
    });
    const result = await runAction('pull_request', eventFor(odd));
    expect(result.code).toBe(0);
    expect(odd.reviews).toHaveLength(1);
    expect(odd.comments).toEqual([]);
    expect(odd.reviews[0]?.body).toContain('`src/index.ts:8`');
    expect(odd.reviews[0]?.body).toContain('GitHub could not place the comment');
    // The re-run knows those findings were reported in the body: nothing new.
    const before = writesTo(odd).length;
    await runAction('pull_request', eventFor(odd));
    expect(writesTo(odd).slice(before)).toEqual([]);
  });

  it('a pull request of 3000 files, one TypeScript file without a patch', async () => {
    const files = githubFiles(base, head1).map((f) => (f.filename === 'src/index.ts' ? { ...f, patch: undefined } : f));
    for (let i = files.length; i < 3000; i += 1)
      files.push({
        filename: `docs/page-${String(i).padStart(4, '0')}.md`,
        status: 'added',
        patch: '@@ -0,0 +1 @@\n+hello',
        additions: 1,
      });
    const big = gh.addPull({ owner: OWNER, repo: REPO, number: 4, headSha: head1, baseSha: base, files });
    const start = gh.log.length;
    const result = await runAction('pull_request', eventFor(big));
    expect(result.code).toBe(0);
    expect(gh.log.slice(start).filter((r) => r.path.endsWith('/pulls/4/files')).length).toBe(30);
    expect(gh.violations).toEqual([]);
    expect(big.reviews).toHaveLength(1);
    expect(big.comments).toEqual([]); // no line of a patch-less file can take a comment
    expect(big.reviews[0]?.body).toContain('`src/index.ts:8`');
    expect(big.reviews[0]?.body).toContain('GitHub shows this file without a diff');
  });
});

describe('the Action after new commits', () => {
  it('after a fixing commit: deletes the comment nobody answered, keeps the answered one with a reply', async () => {
    const answeredFinding = botComments(pull).find((c) => c.line === 8);
    const unanswered = botComments(pull).find((c) => c.line === 4);
    expect(answeredFinding).toBeDefined();
    expect(unanswered).toBeDefined();
    if (answeredFinding === undefined || unanswered === undefined) return;
    gh.reply(pull, answeredFinding.id, 'Good catch, fixing.');
    const head2 = commit({ 'src/index.ts': INDEX_V2 }, 'fix');
    gh.push(pull, head2, githubFiles(base, head2));
    const result = await runAction('pull_request', eventFor(pull));
    expect(result.code).toBe(0);
    expect(gh.violations).toEqual([]);
    const ids = pull.comments.map((c) => c.id);
    expect(ids).not.toContain(unanswered.id);
    expect(ids).toContain(answeredFinding.id);
    const replies = pull.comments.filter((c) => c.inReplyToId === answeredFinding.id);
    expect(replies.map((r) => r.user)).toEqual(['octocat', 'github-actions[bot]']);
    expect(replies[1]?.body).toMatch(/no longer reports/);
    expect(pull.reviews).toHaveLength(1); // nothing new: no new review
    expect(duplicates(pull)).toEqual([]);
    // And a re-run after that changes nothing.
    const before = writesTo(pull).length;
    await runAction('pull_request', eventFor(pull));
    expect(writesTo(pull).slice(before)).toEqual([]);
  });
});

describe('the Action on a push', () => {
  it('gives annotations, a job summary and SARIF, and calls no API', async () => {
    const { payload, errors } = pushEvent(OWNER, REPO, git('rev-parse', 'HEAD'));
    expect(errors).toEqual([]);
    const start = gh.log.length;
    const result = await runAction('push', payload, { 'sarif-file': 'out/review-bot.sarif' });
    expect(result.code).toBe(0);
    expect(gh.log.length).toBe(start);
    expect(result.stdout).toMatch(/^::warning title=review-bot.*file=src\/old\.ts/m);
    expect(result.summary).toMatch(/^(No security defects|Security was not checked|\d+ security)/);
    const sarif = JSON.parse(readFileSync(join(ws, 'out/review-bot.sarif'), 'utf8')) as {
      version: string;
      runs: { results: unknown[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results.length).toBe(Number(result.outputs['findings']));
    expect(result.outputs['sarif-file']).toBe(join(ws, 'out/review-bot.sarif'));
  });
});

describe('the Action with a cache (input cache, kept between runs as actions/cache keeps the folder)', () => {
  it('fills the cache, then serves the same findings from it with nothing changed', async () => {
    const { payload } = pushEvent(OWNER, REPO, git('rev-parse', 'HEAD'));
    const location = mkdtempSync(join(temp, 'cache-'));
    const inputs = { cache: 'true', 'cache-location': location };
    const plain = await runAction('push', payload, { 'sarif-file': 'out/plain.sarif' });
    const first = await runAction('push', payload, { ...inputs, 'sarif-file': 'out/first.sarif' });
    const second = await runAction('push', payload, { ...inputs, 'sarif-file': 'out/second.sarif' });
    expect([plain.code, first.code, second.code]).toEqual([0, 0, 0]);
    expect(first.stdout).toContain('review-bot: cache: miss: everything analysed, the cache written\n');
    expect(second.stdout).toContain('review-bot: cache: hit: nothing changed, the findings of the last run\n');
    expect(plain.stdout).not.toContain('review-bot: cache:');
    expect(readdirSync(location).length).toBeGreaterThan(0);
    // The same findings all three ways: the SARIF results, the annotations, the job summary, the outputs.
    const results = (file: string): string => JSON.stringify(sarifResults(file));
    expect(results('out/first.sarif')).toBe(results('out/plain.sarif'));
    expect(results('out/second.sarif')).toBe(results('out/plain.sarif'));
    expect(sarifResults('out/plain.sarif').length).toBeGreaterThan(0);
    expect(annotations(second.stdout)).toEqual(annotations(plain.stdout));
    expect(second.summary).toBe(plain.summary);
    expect(second.outputs['findings']).toBe(plain.outputs['findings']);
  });
});

describe('the Action with a cache committed with the code under review', () => {
  it('uses none of it: a forged entry without findings in the checkout leaves every finding reported', async () => {
    const { payload } = pushEvent(OWNER, REPO, git('rev-parse', 'HEAD'));
    const location = join(ws, '.review-bot-cache-forged');
    const inputs = { cache: 'true', 'cache-location': location, 'fail-on': 'never' };
    const plain = await runAction('push', payload, { 'fail-on': 'never' });
    expect((await runAction('push', payload, inputs)).stdout).toContain('review-bot: cache: miss');
    // What a pull request's author can compute and commit: the entry the run wrote, every finding taken out.
    const [name] = readdirSync(location);
    const file = join(location, name ?? '');
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { result: { findings: unknown[] } };
    writeFileSync(file, JSON.stringify({ ...entry, result: { ...entry.result, findings: [] } }));
    try {
      // Untracked, as actions/cache restores it, the entry is what the run serves.
      const served = await runAction('push', payload, inputs);
      expect(served.stdout).toContain('review-bot: cache: hit');
      expect(served.outputs['findings']).toBe('0');
      git('add', '-f', file);
      const committed = await runAction('push', payload, inputs);
      expect(committed.stdout).not.toContain('review-bot: cache:');
      expect(committed.stdout).toMatch(/^::warning::cache .* not used: git tracks it or a folder on its path, /m);
      expect(annotations(committed.stdout)).toEqual(annotations(plain.stdout));
      expect(committed.outputs['findings']).toBe(plain.outputs['findings']);
      expect(Number(plain.outputs['findings'])).toBeGreaterThan(0);
    } finally {
      git('rm', '-q', '--cached', '--ignore-unmatch', file);
      rmSync(location, { recursive: true, force: true });
    }
  });
});

/** `path:line` of every finding of the project at the pull request's head, from the engine in-process. */
function everyPlace(): string[] {
  return analyse({ path: ws }).result.findings.map((f) => `${f.file}:${f.line}`);
}

/** `path:line` of the findings of a whole run in the given files (what pull-request mode reports). */
function placesIn(files: readonly string[]): string[] {
  return everyPlace().filter((place) => files.some((file) => place.startsWith(`${file}:`)));
}

/** A result of a SARIF log, as far as these tests read it. */
interface SarifResult {
  ruleId: string;
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
}

/** The results of a SARIF file the Action wrote (path relative to the workspace). */
function sarifResults(file: string): SarifResult[] {
  const sarif = JSON.parse(readFileSync(join(ws, file), 'utf8')) as { runs: { results: SarifResult[] }[] };
  return sarif.runs[0]?.results ?? [];
}

/** `path:line` of a SARIF result. */
function sarifPlace(result: SarifResult): string {
  const location = result.locations[0]?.physicalLocation;
  return `${location?.artifactLocation.uri ?? ''}:${String(location?.region.startLine ?? 0)}`;
}

/** `path:line` of the results of a SARIF file the Action wrote, sorted. */
function sarifPlaces(file: string): string[] {
  return sarifResults(file).map(sarifPlace).sort();
}

/** Bot reviews that were submitted (a pending one is a review half made). */
function submittedReviews(pull: FakePull): FakePull['reviews'] {
  return pull.reviews.filter((r) => r.state !== 'PENDING');
}

/** The annotations a run emitted, as `level file:line`. */
function annotations(stdout: string): string[] {
  return [...stdout.matchAll(/^::(error|warning|notice) title=review-bot[^:]*?,file=([^,]+),line=(\d+)/gm)].map(
    (m) => `${m[1] ?? ''} ${m[2] ?? ''}:${m[3] ?? ''}`,
  );
}

// Whatever GitHub does, every finding reaches someone and no review is posted twice. Each case is its own
// pull request of the same head, run side by side; waits are GitHub's (seconds), so the timeout and the
// retries are set low.
describe.concurrent('fault matrix: the Action against a GitHub that fails', () => {
  beforeAll(() => {
    git('checkout', '-q', head1); // the head of every pull request below
  });
  // The faults below answer at once; a request timeout well above a loaded machine's slowest answer keeps them apart from the one stall test.
  const FAST_FAIL = { 'request-timeout': '10', retries: '1', 'fail-on': 'never' };

  /** A pull request of the feature branch, numbered `n`. */
  function pullNumbered(n: number): FakePull {
    return gh.addPull({
      owner: OWNER,
      repo: REPO,
      number: n,
      headSha: head1,
      baseSha: base,
      files: githubFiles(base, head1),
    });
  }

  /**
   * Checks that nothing was lost: the summary holds, in full and written before the outcome, every finding of
   * the pull request's files (pull-request mode), or of the whole project when its files could not be read.
   */
  function expectNothingLost(run: ActionRun, pull: FakePull, scope: 'changed' | 'all' = 'changed'): void {
    const places = scope === 'all' ? everyPlace() : placesIn(pull.files.map((f) => f.filename));
    expect(places.length).toBeGreaterThanOrEqual(scope === 'all' ? 4 : 3);
    for (const place of places) expect(run.summary, place).toContain(`\`${place}\``);
    if (scope === 'changed') expect(run.summary).not.toContain('src/old.ts');
    expect(run.summary).toMatch(/^(No security defects|Security was not checked|\d+ security)/);
    expect(submittedReviews(pull).length).toBeLessThanOrEqual(1);
    expect(duplicates(pull)).toEqual([]);
    expect(gh.violations).toEqual([]);
  }

  /** Checks a run that GitHub stopped: exit 3, the reason, annotations of the pull request's findings, no review. */
  function expectGitHubFailed(run: ActionRun, pull: FakePull, reason: RegExp, scope: 'changed' | 'all'): void {
    expectNothingLost(run, pull, scope);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^::error::GitHub failed \(/m);
    expect(run.stdout).toMatch(reason);
    expect(annotations(run.stdout)).toContain('warning src/index.ts:8');
    expect(run.summary).toMatch(
      /_GitHub failed \(.*\); the review was not posted\. Every finding is in the job summary/,
    );
    expect(submittedReviews(pull)).toEqual([]);
    expect(run.stdout).not.toContain('ghs_faketoken');
  }

  it('404 on listing the files', async () => {
    const pull = pullNumbered(20);
    gh.inject({ path: /\/pulls\/20\/files$/, status: 404, body: { message: 'Not Found' }, times: Infinity });
    const run = await runAction('pull_request', eventFor(pull), { ...FAST_FAIL, 'sarif-file': 'out/pull-20.sarif' });
    expectGitHubFailed(run, pull, /reading the pull request's files: 404 Not Found/, 'all');
    // The changed files are unknown: the whole project is analysed, said once, and SARIF holds every finding.
    expect(run.stdout).toContain(
      "::warning::the pull request's changed files are unknown (reading the pull request's files: 404 Not Found); analysing the whole project so that no finding is lost\n",
    );
    expect(run.stdout).not.toContain('pull-request mode');
    expect(Number(run.outputs['findings'])).toBe(everyPlace().length);
    expect(sarifPlaces('out/pull-20.sarif')).toEqual(everyPlace().sort());
  });

  it('500 on every request', async () => {
    const pull = pullNumbered(21);
    gh.inject({ path: /\/pulls\/21\//, status: 500, body: { message: 'Server Error' }, times: Infinity });
    const run = await runAction('pull_request', eventFor(pull), FAST_FAIL);
    expectGitHubFailed(run, pull, /500 Server Error/, 'all');
    expect(run.stdout).toMatch(
      /^::warning::the pull request's changed files are unknown \(.*500 Server Error\); analysing/m,
    );
  });

  it('422 on every attempt to create the review', async () => {
    const pull = pullNumbered(22);
    gh.inject({
      method: 'POST',
      path: /\/pulls\/22\/reviews$/,
      status: 422,
      body: { message: 'Unprocessable Entity', errors: ['Line could not be resolved'] },
      times: Infinity,
    });
    const run = await runAction('pull_request', eventFor(pull), FAST_FAIL);
    expectGitHubFailed(run, pull, /posting the review: 422 Unprocessable Entity/, 'changed');
  });

  it('secondary rate limits that never stop', async () => {
    const pull = pullNumbered(23);
    gh.inject({ ...secondaryRateLimitFault(/\/pulls\/23\/files$/), times: Infinity });
    const run = await runAction('pull_request', eventFor(pull), FAST_FAIL);
    expectGitHubFailed(run, pull, /secondary rate limit/, 'all');
  });

  it('a listing that stalls: every request times out', async () => {
    const pull = pullNumbered(24);
    gh.inject({ path: /\/pulls\/24\/files$/, status: 0, stall: true, times: Infinity });
    const run = await runAction('pull_request', eventFor(pull), { ...FAST_FAIL, 'request-timeout': '3' });
    expectGitHubFailed(run, pull, /timeout/i, 'all');
    // Two attempts (retries: 1), the first given up after 3 s, then a short wait: not held until the job's timeout.
    const attempts = gh.log.filter((r) => r.path.endsWith('/pulls/24/files')).map((r) => r.at);
    expect(attempts).toHaveLength(2);
    expect((attempts[1] ?? 0) - (attempts[0] ?? 0)).toBeLessThan(10_000);
  });

  it('three secondary rate limits on creating the review: waits, then posts once', async () => {
    const pull = pullNumbered(25);
    gh.inject({ ...secondaryRateLimitFault(/\/pulls\/25\/reviews$/), method: 'POST', times: 3 });
    const run = await runAction('pull_request', eventFor(pull), { 'fail-on': 'never', retries: '3' });
    expectNothingLost(run, pull);
    expect(run.code).toBe(0);
    expect(submittedReviews(pull)).toHaveLength(1);
  });

  it('a 502 after GitHub made the review: found by its run marker, not posted again', async () => {
    const pull = pullNumbered(26);
    gh.inject({ ...badGatewayFault(/\/pulls\/26\/reviews$/, 'POST'), afterAction: true });
    const run = await runAction('pull_request', eventFor(pull), { 'fail-on': 'never' });
    expectNothingLost(run, pull);
    expect(run.code).toBe(0);
    expect(pull.reviews).toHaveLength(1);
    expect(botComments(pull).length).toBe(expectedInline(base, head1).length);
    expect(run.outputs['review-url']).toMatch(/#pullrequestreview-\d+$/);
  });

  it('four 502s, each after GitHub made the review: still one review', async () => {
    const pull = pullNumbered(27);
    gh.inject({ ...badGatewayFault(/\/pulls\/27\/reviews$/, 'POST'), afterAction: true, times: 4 });
    const run = await runAction('pull_request', eventFor(pull), { 'fail-on': 'never' });
    expectNothingLost(run, pull);
    expect(run.code).toBe(0);
    expect(pull.reviews).toHaveLength(1);
  });

  it('a review half made (left pending) behind a 502: the pending one is removed and the review posted once', async () => {
    const pull = pullNumbered(28);
    gh.inject({ ...badGatewayFault(/\/pulls\/28\/reviews$/, 'POST'), afterAction: true, leavePending: true });
    const run = await runAction('pull_request', eventFor(pull), { 'fail-on': 'never' });
    expectNothingLost(run, pull);
    expect(run.code).toBe(0);
    expect(pull.reviews.map((r) => r.state)).toEqual(['COMMENTED']);
    expect(botComments(pull).length).toBe(expectedInline(base, head1).length);
  });

  it('creating the review stalls once: times out, looks, posts once', async () => {
    const pull = pullNumbered(29);
    gh.inject({ method: 'POST', path: /\/pulls\/29\/reviews$/, status: 0, stall: true });
    const run = await runAction('pull_request', eventFor(pull), { 'fail-on': 'never', 'request-timeout': '2' });
    expectNothingLost(run, pull);
    expect(run.code).toBe(0);
    expect(pull.reviews).toHaveLength(1);
  });

  it('403 on every write (read-only token) is not a failure: annotations, exit by fail-on', async () => {
    const pull = pullNumbered(30);
    gh.inject(forbiddenFault(/\/pulls\/30\//));
    const run = await runAction('pull_request', eventFor(pull), { 'fail-on': 'warning' });
    expectNothingLost(run, pull);
    expect(run.code).toBe(1);
    expect(annotations(run.stdout)).toContain('warning src/index.ts:8');
    expect(pull.reviews).toEqual([]);
  });

  it('credentials in GITHUB_API_URL are refused, redacted, before any request', async () => {
    const pull = pullNumbered(31);
    const before = gh.log.length;
    const run = await runAction(
      'pull_request',
      eventFor(pull),
      { 'fail-on': 'never' },
      {
        GITHUB_API_URL: gh.url.replace('http://', 'http://user:s3cret@'),
      },
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('::error::GITHUB_API_URL: credentials in the URL are refused (http://***@');
    expect(run.stdout + run.stderr).not.toContain('s3cret');
    expect(gh.log.slice(before).filter((r) => r.path.includes('/pulls/31'))).toEqual([]);
    for (const place of everyPlace()) expect(run.summary).toContain(`\`${place}\``);
  });
});

describe('the Action with a bulk suppressions file elsewhere (suppressions-location)', () => {
  it("reads it as the CLI's --suppressions-location does: its findings are kept out of the review", async () => {
    const location = join(ws, 'config', 'accepted.json');
    mkdirSync(join(ws, 'config'));
    try {
      const io = {
        out: () => undefined,
        err: () => undefined,
        color: false,
        progress: () => ({ update: () => undefined, done: () => undefined }),
      };
      const args = [ws, '--suppress-rule', 'error-without-message', '--suppressions-location', location];
      expect(await main(args, io, { env: {} })).toBe(0);
      const accepted = expectedInline(base, head1).filter((place) => place !== 'src/index.ts:8');
      expect(accepted.length).toBe(expectedInline(base, head1).length - 1);
      const pull = gh.addPull({
        owner: OWNER,
        repo: REPO,
        number: 50,
        headSha: head1,
        baseSha: base,
        files: githubFiles(base, head1),
      });
      const result = await runAction('pull_request', eventFor(pull), {
        'suppressions-location': 'config/accepted.json',
      });
      expect(result.code).toBe(0);
      expect(gh.violations).toEqual([]);
      const places = botComments(pull)
        .map((c) => `${c.path}:${c.line ?? 0}`)
        .sort();
      expect(places).toEqual(accepted);
      // Without the input the Action reads review-bot-suppressions.json in the root, which does not exist.
      const other = gh.addPull({ ...pull, number: 51, reviews: [], comments: [], commits: [head1] });
      await runAction('pull_request', eventFor(other));
      expect(botComments(other).map((c) => `${c.path}:${c.line ?? 0}`)).toContain('src/index.ts:8');
    } finally {
      rmSync(join(ws, 'config'), { recursive: true, force: true });
    }
  });
});

describe('the Action in pull-request mode (input scope)', () => {
  beforeAll(() => {
    git('checkout', '-q', head1);
  });

  it('scope changed: SARIF and summary of a whole run narrowed to the changed files; scope all: of the project; one review', async () => {
    const pullOf = (number: number): FakePull =>
      gh.addPull({ owner: OWNER, repo: REPO, number, headSha: head1, baseSha: base, files: githubFiles(base, head1) });
    const changedPull = pullOf(60);
    const allPull = pullOf(61);
    const changed = await runAction('pull_request', eventFor(changedPull), { 'sarif-file': 'out/changed.sarif' });
    const all = await runAction('pull_request', eventFor(allPull), { 'sarif-file': 'out/all.sarif', scope: 'all' });
    expect([changed.code, all.code]).toEqual([0, 0]);
    expect(gh.violations).toEqual([]);
    expect(changed.stdout).toContain('review-bot: pull-request mode: reporting on 1 changed file\n');
    expect(all.stdout).not.toContain('pull-request mode');
    // scope all: every finding of the project; scope changed: exactly the whole run's results in src/index.ts.
    const whole = sarifResults('out/all.sarif');
    expect(whole.map(sarifPlace).sort()).toEqual(everyPlace().sort());
    const narrowed = whole.filter((r) => sarifPlace(r).startsWith('src/index.ts:'));
    expect(narrowed.length).toBeGreaterThan(0);
    expect(narrowed.length).toBeLessThan(whole.length);
    expect(sarifResults('out/changed.sarif')).toEqual(narrowed);
    expect([changed.outputs['findings'], all.outputs['findings']]).toEqual([
      String(narrowed.length),
      String(whole.length),
    ]);
    expect(changed.summary).not.toContain('src/old.ts');
    expect(all.summary).toContain('`src/old.ts:');
    for (const place of narrowed.map(sarifPlace)) expect(changed.summary).toContain(`\`${place}\``);
    // The review is the same either way.
    const comments = (pull: FakePull): string[] =>
      botComments(pull).map((c) => `${c.path}:${String(c.line)} ${c.body}`);
    expect(comments(changedPull).length).toBeGreaterThan(0);
    expect(comments(changedPull)).toEqual(comments(allPull));
    expect(changed.outputs['new-findings']).toBe(all.outputs['new-findings']);
  });
});
