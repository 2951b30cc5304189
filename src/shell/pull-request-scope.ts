/**
 * What a pull-request review (`--github-pr`, the Action) analyses. By default the files the pull request adds
 * or modifies (pull-request mode: the review only ever shows findings in them, and their findings are those of
 * a whole run narrowed to them). The whole project with `scope: all`, with `filter-mode: nofilter` (every
 * finding belongs to the review), and whenever the changed files are not known for sure: no finding is lost.
 */
import { resolve } from 'node:path';
import type { FilterMode } from '../diff/filter.js';
import type { PullRequestFiles } from '../github/review-pull-request.js';
import { GITHUB_FILE_CAP } from '../github/pull-request.js';
import type { Notice } from './core.js';
import type { Scope } from './options.js';

/** The files to analyse, and why the whole project is analysed when the changed files were asked for. */
export interface PullRequestScope {
  /** The changed files (absolute paths), or undefined for the whole project. */
  changed: string[] | undefined;
  /** Says why the whole project is analysed in place of the changed files. */
  notice: Notice | undefined;
}

/** What the analysis of a pull-request review covers. */
export interface ScopeRequest {
  scope: Scope;
  mode: FilterMode;
  /** The pull request's files; undefined when GitHub could not even be asked (the shell reports why). */
  files: PullRequestFiles | undefined;
  /** The analysed root (absolute). */
  root: string;
  /** The analysed root relative to the repository, with `/` separators ('' for the repository root). */
  rootPrefix: string;
}

/** The whole project, for the reason given (none: nothing to say). */
function wholeProject(reason?: string): PullRequestScope {
  const message = `${reason ?? ''}; analysing the whole project so that no finding is lost`;
  return { changed: undefined, notice: reason === undefined ? undefined : { level: 'warning', message } };
}

/** The files a pull-request review analyses (see the module comment). */
export function pullRequestScope(request: ScopeRequest): PullRequestScope {
  const { files } = request;
  if (request.scope === 'all' || request.mode === 'nofilter' || files === undefined) return wholeProject();
  if (files.kind !== 'read') return wholeProject(`the pull request's changed files are unknown (${files.reason})`);
  if (!files.complete)
    return wholeProject(
      `GitHub lists only the first ${String(GITHUB_FILE_CAP)} files of the pull request and git cannot give the rest`,
    );
  const changed = files.diff
    .filter((file) => file.status !== 'removed')
    .flatMap((file) => {
      const inRoot = pathInRoot(file.path, request.rootPrefix);
      return inRoot === undefined ? [] : [resolve(request.root, inRoot)];
    });
  return { changed, notice: undefined };
}

/** A repository-relative path relative to the analysed root instead; undefined outside the root. */
function pathInRoot(path: string, rootPrefix: string): string | undefined {
  if (rootPrefix === '') return path;
  return path.startsWith(`${rootPrefix}/`) ? path.slice(rootPrefix.length + 1) : undefined;
}

/** The line a shell logs in pull-request mode. */
export function pullRequestModeLine(changed: readonly string[]): string {
  return `pull-request mode: reporting on ${String(changed.length)} changed ${changed.length === 1 ? 'file' : 'files'}`;
}
