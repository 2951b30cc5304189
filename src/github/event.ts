/** Reads what a workflow run is about from the runner's environment and event payload. */
import { readFileSync } from 'node:fs';
import { UserError } from '../model/errors.js';

/** The pull request a run reviews. */
export interface PullRequestTarget {
  owner: string;
  repo: string;
  number: number;
  /** The commit the review is about (`pull_request.head.sha`). */
  headSha: string;
  baseSha: string | undefined;
  /** `owner/name` of the head repository; differs from the base for fork pull requests. */
  headRepo: string | undefined;
  /** Files the pull request changes, as the event says (GitHub lists at most 3000). */
  changedFiles: number | undefined;
}

/** What the run was triggered by. */
export interface RunEvent {
  name: string;
  /** Set on `pull_request` and `pull_request_target` events. */
  pullRequest: PullRequestTarget | undefined;
  /** `GITHUB_SHA` or the pushed commit. */
  sha: string | undefined;
}

/** Reads GITHUB_EVENT_NAME, GITHUB_EVENT_PATH and GITHUB_REPOSITORY. */
export function readRunEvent(env: NodeJS.ProcessEnv): RunEvent {
  const name = env['GITHUB_EVENT_NAME'] ?? '';
  const path = env['GITHUB_EVENT_PATH'];
  let payload: unknown = {};
  if (path !== undefined && path !== '') {
    try {
      payload = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new UserError(
        `cannot read the event payload ${path}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  const pr = get(payload, 'pull_request');
  const isPullRequestEvent =
    name === 'pull_request' || name === 'pull_request_target' || (name === '' && pr !== undefined);
  return {
    name,
    pullRequest:
      isPullRequestEvent && pr !== undefined ? pullRequestOf(payload, pr, env['GITHUB_REPOSITORY']) : undefined,
    sha: env['GITHUB_SHA'] ?? str(get(payload, 'after')),
  };
}

/** The pull request target from the payload. */
function pullRequestOf(payload: unknown, pr: unknown, repository: string | undefined): PullRequestTarget {
  const full =
    str(get(get(get(pr, 'base'), 'repo'), 'full_name')) ??
    str(get(get(payload, 'repository'), 'full_name')) ??
    repository ??
    '';
  const [owner, repo] = full.split('/');
  const number = num(get(pr, 'number')) ?? num(get(payload, 'number'));
  const headSha = str(get(get(pr, 'head'), 'sha'));
  if (
    owner === undefined ||
    repo === undefined ||
    owner === '' ||
    repo === '' ||
    number === undefined ||
    headSha === undefined
  ) {
    throw new UserError('the pull_request event payload lacks the repository, number or head sha');
  }
  return {
    owner,
    repo,
    number,
    headSha,
    baseSha: str(get(get(pr, 'base'), 'sha')),
    headRepo: str(get(get(get(pr, 'head'), 'repo'), 'full_name')),
    changedFiles: num(get(pr, 'changed_files')),
  };
}

/** Parses `owner/repo#123`. */
export function parsePullRequestRef(text: string): { owner: string; repo: string; number: number } {
  const match = /^([\w.-]+)\/([\w.-]+)#(\d+)$/.exec(text.trim());
  if (match?.[1] === undefined || match[2] === undefined || match[3] === undefined) {
    throw new UserError(`--github-pr: expected owner/repo#number, got "${text}"`);
  }
  return { owner: match[1], repo: match[2], number: Number(match[3]) };
}

/** A property of an object, or undefined. */
function get(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
  const descriptor: PropertyDescriptor | undefined = Object.getOwnPropertyDescriptor(value, key);
  const found: unknown = descriptor?.value;
  return found;
}

/** The value if it is a non-empty string. */
function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The value if it is a number. */
function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
