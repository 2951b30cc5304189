import { join, relative, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileDiffFromGitHub } from '../diff/parse.js';
import type { PullRequestFiles } from '../github/review-pull-request.js';
import { readSettings } from './options.js';
import { pullRequestModeLine, pullRequestScope } from './pull-request-scope.js';
import type { ScopeRequest } from './pull-request-scope.js';

const ROOT = join(sep, 'work', 'repo', 'app');

/** The files of a pull request GitHub listed in full. */
function listed(...files: [name: string, status: string][]): PullRequestFiles {
  const diff = files.map(([filename, status]) => fileDiffFromGitHub({ filename, status, patch: '@@ -0,0 +1 @@\n+x' }));
  return { kind: 'read', diff, note: undefined, complete: true };
}

/** A request for the analysed root `app/` of the repository, in pull-request mode. */
function request(files: PullRequestFiles | undefined, extra: Partial<ScopeRequest> = {}): ScopeRequest {
  return { scope: 'changed', mode: 'added', files, root: ROOT, rootPrefix: 'app', ...extra };
}

const WARNING_END = '; analysing the whole project so that no finding is lost';

describe('pullRequestScope', () => {
  it('gives the added, modified and renamed files inside the analysed root, as absolute paths', () => {
    const files = listed(
      ['app/src/a.ts', 'added'],
      ['app/src/b.ts', 'modified'],
      ['app/src/c.ts', 'renamed'],
      ['app/src/gone.ts', 'removed'],
      ['docs/readme.md', 'modified'],
      ['application/x.ts', 'added'],
    );
    expect(pullRequestScope(request(files))).toEqual({
      changed: [join(ROOT, 'src/a.ts'), join(ROOT, 'src/b.ts'), join(ROOT, 'src/c.ts')],
      notice: undefined,
    });
  });

  it('takes every file at the repository root, and none when nothing changed in the root', () => {
    const files = listed(['src/a.ts', 'modified'], ['docs/readme.md', 'added']);
    expect(pullRequestScope(request(files, { rootPrefix: '' })).changed).toEqual([
      join(ROOT, 'src/a.ts'),
      join(ROOT, 'docs/readme.md'),
    ]);
    expect(pullRequestScope(request(files))).toEqual({ changed: [], notice: undefined });
  });

  it('analyses the whole project, silently, with scope all, filter-mode nofilter, or no connection to ask', () => {
    const files = listed(['app/src/a.ts', 'added']);
    const whole = { changed: undefined, notice: undefined };
    expect(pullRequestScope(request(files, { scope: 'all' }))).toEqual(whole);
    expect(pullRequestScope(request(files, { mode: 'nofilter' }))).toEqual(whole);
    expect(pullRequestScope(request(undefined))).toEqual(whole);
  });

  it('analyses the whole project, with a warning, when the changed files are unknown or incomplete', () => {
    const failed = pullRequestScope(request({ kind: 'failed', reason: "reading the pull request's files: 502 Bad" }));
    expect(failed).toEqual({
      changed: undefined,
      notice: {
        level: 'warning',
        message: `the pull request's changed files are unknown (reading the pull request's files: 502 Bad)${WARNING_END}`,
      },
    });
    const unreadable = pullRequestScope(request({ kind: 'unreadable', reason: 'forbidden; and git cannot' }));
    expect(unreadable.notice?.message).toBe(
      `the pull request's changed files are unknown (forbidden; and git cannot)${WARNING_END}`,
    );
    const cut: PullRequestFiles = { kind: 'read', diff: [], note: 'cut', complete: false };
    expect(pullRequestScope(request(cut))).toEqual({
      changed: undefined,
      notice: {
        level: 'warning',
        message: `GitHub lists only the first 3000 files of the pull request and git cannot give the rest${WARNING_END}`,
      },
    });
  });

  it('maps any repository path under the root back to that path relative to the root', () => {
    const segment = fc.stringMatching(/^[\w.-]{1,8}$/).filter((s) => s !== '.' && s !== '..');
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (parts) => {
        const path = parts.join('/');
        const { changed } = pullRequestScope(request(listed([`app/${path}`, 'modified'])));
        expect(changed?.map((file) => relative(ROOT, file).split(sep).join('/'))).toEqual([path]);
      }),
    );
  });

  it('words the pull-request mode line with the number of files', () => {
    expect([pullRequestModeLine([]), pullRequestModeLine(['a']), pullRequestModeLine(['a', 'b'])]).toEqual([
      'pull-request mode: reporting on 0 changed files',
      'pull-request mode: reporting on 1 changed file',
      'pull-request mode: reporting on 2 changed files',
    ]);
  });
});

describe('the scope input', () => {
  it('is changed by default, all when asked, and anything else is named as given', () => {
    expect([readSettings({}, (n) => n).scope, readSettings({ scope: 'all' }, (n) => n).scope]).toEqual([
      'changed',
      'all',
    ]);
    expect(() => readSettings({ scope: 'everything' }, (n) => `--${n}`)).toThrow(
      '--scope: expected changed or all, got "everything"',
    );
  });
});
