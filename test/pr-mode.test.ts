import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { main } from '../src/cli.js';
import { analyse } from '../src/pipeline.js';
import type { PipelineOptions } from '../src/pipeline.js';
import { FIXTURES, listFixtureCases } from './fixture-runner.js';
import type { FixtureCase } from './fixture-runner.js';
import type { FakeFile } from './github/fake-github.js';
import { FakeGitHub } from './github/fake-github.js';
import { githubFiles } from './github/pull-files.js';
import { gitIn } from './support/git.js';

// Pull-request mode runs file rules on the changed files only and gives project rules what they need; its
// findings must be exactly those of a whole run narrowed to the changed files (fingerprints included). Each
// fixture with more than one source file is reviewed whole, then twice in pull-request mode: once with every
// other file changed, once with the rest, so that every file is reviewed as changed next to unchanged ones.
// Every such fixture of a project rule and of the whole default rule set takes part; a file rule, which the
// engine runs file by file either way, takes part with its first two.
describe('pull-request mode gives the findings of a whole run narrowed to the changed files', () => {
  for (const fixture of representativeFixtures()) {
    const options = optionsOf(fixture);
    it(`${fixture.ruleId ?? 'project'}/${fixture.name}`, () => {
      const whole = analyse(options);
      expect(whole.files.length).toBeGreaterThan(1);
      const halves = [whole.files.filter((_, i) => i % 2 === 0), whole.files.filter((_, i) => i % 2 === 1)];
      for (const changed of halves) {
        const run = analyse({ ...options, changed: changed.map((file) => join(whole.root, file)) });
        expect(run.result.findings, `changed: ${changed.join(', ')}`).toEqual(
          whole.result.findings.filter((f) => changed.includes(f.file)),
        );
      }
    });
  }

  it('reports nothing and reviews no file when the change touches no source file', () => {
    const fixture = join(FIXTURES, 'provider-tree');
    const whole = analyse({ path: fixture });
    expect(whole.result.findings.length).toBeGreaterThan(0);
    const none = analyse({ path: fixture, changed: [join(fixture, 'README.md')] });
    expect(none.result.findings).toEqual([]);
    expect(none.result.fileCount).toBe(0);
  });
});

/** The fixtures with more than one source file: all of project rules and project fixtures, the first two of file rules. */
function representativeFixtures(): FixtureCase[] {
  const taken = new Map<string, number>();
  return listFixtureCases().filter((fixture) => {
    if (sourceFilesUnder(fixture.dir) < 2) return false;
    const scope = RULES.find((r) => r.meta.id === fixture.ruleId)?.meta.scope ?? 'project';
    if (scope === 'project' || fixture.ruleId === undefined) return true;
    const count = taken.get(fixture.ruleId) ?? 0;
    taken.set(fixture.ruleId, count + 1);
    return count < 2;
  });
}

/** How many TypeScript or JavaScript sources a folder holds outside node_modules (declaration files excluded). */
function sourceFilesUnder(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'expected.fixed') continue;
    if (entry.isDirectory()) count += sourceFilesUnder(join(dir, entry.name));
    else if (/\.[cm]?[jt]sx?$/.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) count++;
  }
  return count;
}

/** The options the fixture test runs a fixture with: only its rule and its options.json, or every default rule. */
function optionsOf(fixture: FixtureCase): PipelineOptions {
  if (fixture.ruleId === undefined) return { path: fixture.dir };
  const optionsPath = join(fixture.dir, 'options.json');
  const parsed: unknown = existsSync(optionsPath) ? JSON.parse(readFileSync(optionsPath, 'utf8')) : {};
  const ruleOptions = typeof parsed === 'object' && parsed !== null ? Object.fromEntries(Object.entries(parsed)) : {};
  return { path: fixture.dir, only: [fixture.ruleId], inlineRules: { [fixture.ruleId]: { options: ruleOptions } } };
}

// `--github-pr` reads the pull request's files first and analyses only them: the review it posts must be the
// one a whole-project run (`--scope all`) posts. A real repository holds the provider-tree fixture: the pull
// request adds two of its files and edits a third, so findings stay outside the change on both sides.
describe('--github-pr in pull-request mode posts the review of a whole run', () => {
  const FAST = { retryUnitMs: 1, writeSpacingMs: 0 };
  const ADDED = ['src/errors.ts', 'src/lock.ts'];
  const EDITED = 'src/provider.ts';
  let temp: string;
  let ws: string;
  let gh: FakeGitHub;
  let files: FakeFile[];

  /** Runs git in the repository. */
  function git(...args: string[]): string {
    return gitIn(ws, temp, args);
  }

  beforeAll(async () => {
    temp = mkdtempSync(join(tmpdir(), 'review-bot-pr-mode-'));
    ws = join(temp, 'repo');
    cpSync(join(FIXTURES, 'provider-tree'), ws, { recursive: true });
    const edited = readFileSync(join(ws, EDITED), 'utf8');
    const added = ADDED.map((file) => [file, readFileSync(join(ws, file), 'utf8')] as const);
    // The base: without the added files, and without lines 140-290 of the edited one (the pull request adds them).
    for (const [file] of added) rmSync(join(ws, file));
    writeFileSync(
      join(ws, EDITED),
      edited
        .split('\n')
        .filter((_, i) => i < 139 || i >= 290)
        .join('\n'),
    );
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    const base = git('rev-parse', 'HEAD');
    for (const [file, text] of added) writeFileSync(join(ws, file), text);
    writeFileSync(join(ws, EDITED), edited);
    git('add', '-A');
    git('commit', '-q', '-m', 'head');
    const head = git('rev-parse', 'HEAD');
    files = githubFiles(git('diff', '--find-renames', '--src-prefix=a/', '--dst-prefix=b/', base, head));
    expect(files.map((f) => f.filename).sort()).toEqual([...ADDED, EDITED].sort());
    gh = new FakeGitHub();
    await gh.start();
    for (const number of [1, 2, 3, 4])
      gh.addPull({ owner: 'acme', repo: 'tree', number, headSha: head, baseSha: base, files });
  }, 120_000);

  afterAll(async () => {
    await gh.stop();
    rmSync(temp, { recursive: true, force: true });
  });

  /** Posts the review of pull request `n` with extra flags; returns what was posted and said. */
  async function review(n: number, flags: readonly string[]): Promise<Posted> {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const io = {
      out: (text: string) => stdout.push(text),
      err: (text: string) => stderr.push(text),
      color: false,
      progress: () => ({ update: () => undefined, done: () => undefined }),
    };
    const argv = ['--github-pr', `acme/tree#${String(n)}`, '--api-url', gh.url, '--fail-on', 'never', ...flags, ws];
    const code = await main(argv, io, { env: { GITHUB_TOKEN: 'ghp_test' }, timing: FAST });
    const pull = gh.pulls.get(`acme/tree#${String(n)}`);
    expect(code, stderr.join('')).toBe(0);
    expect(gh.violations).toEqual([]);
    expect(pull?.reviews).toHaveLength(1);
    return {
      comments: (pull?.comments ?? []).map((c) => ({
        path: c.path,
        line: c.line,
        startLine: c.startLine,
        body: c.body,
      })),
      body: withoutRunId(pull?.reviews[0]?.body ?? ''),
      stdout: withoutRunId(stdout.join('')),
      stderr: stderr.join(''),
    };
  }

  for (const mode of ['added', 'file']) {
    it(`--filter-mode ${mode}: the same comments and review body as --scope all`, async () => {
      const [first, second] = mode === 'added' ? [1, 2] : [3, 4];
      const changed = await review(first, ['--filter-mode', mode]);
      const all = await review(second, ['--filter-mode', mode, '--scope', 'all']);
      expect(changed.stderr).toContain('review-bot: pull-request mode: reporting on 3 changed files\n');
      expect(all.stderr).not.toContain('pull-request mode');
      expect(changed.comments).toEqual(all.comments);
      const project = analyse({ path: ws }).result;
      // Inline comments go to the lines the pull request adds: the added files, lines 140-290 of the edited one.
      const onAddedLines = project.findings.filter(
        (f) => ADDED.includes(f.file) || (f.file === EDITED && f.line >= 140 && f.line <= 290),
      );
      expect(onAddedLines.length).toBeGreaterThan(5);
      expect(changed.comments.map((c) => `${c.path}:${String(c.line)}`).sort()).toEqual(
        [...new Set(onAddedLines.map((f) => `${f.file}:${String(f.line)}`))].sort(),
      );
      // The one difference: the closing paragraph counts the files the run reported on.
      expect(all.body).toContain(`review-bot checked ${String(project.fileCount)} files`);
      expect(changed.body).toEqual(
        all.body.replace(`review-bot checked ${String(project.fileCount)} files`, 'review-bot checked 3 files'),
      );
      expect(changed.stdout).toEqual(
        all.stdout.replace(`review-bot checked ${String(project.fileCount)} files`, 'review-bot checked 3 files'),
      );
      // Both hold every finding of the changed files the mode selects, and none of the other files.
      const inChange = project.findings.filter((f) => [...ADDED, EDITED].includes(f.file));
      expect(inChange.length).toBeLessThan(project.findings.length);
      expect(changed.comments.every((c) => [...ADDED, EDITED].includes(c.path))).toBe(true);
      if (mode === 'file') {
        const shown = [changed.body, ...changed.comments.map((c) => `${c.path}:${String(c.line)}`)].join('\n');
        for (const f of inChange) expect(shown).toContain(`${f.file}:${String(f.line)}`);
      }
    });
  }
});

/** What one --github-pr run posted and printed, its run id taken out. */
interface Posted {
  comments: { path: string; line: number | null; startLine: number | undefined; body: string }[];
  body: string;
  stdout: string;
  stderr: string;
}

/** Text with the run id of the review's state line taken out (each run has its own). */
function withoutRunId(text: string): string {
  return text.replace(/<!-- review-bot:state run=[\w.-]+ /g, '<!-- review-bot:state run=* ');
}
