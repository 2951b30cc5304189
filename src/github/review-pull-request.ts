/** One pull request review: read the PR, mark findings against its diff, plan, post. Shared by the Action and --github-pr. */
import type { FilterMode, MarkedFinding } from '../diff/filter.js';
import { markFindings } from '../diff/filter.js';
import type { FileDiff } from '../diff/parse.js';
import { fileDiffFromGitHub } from '../diff/parse.js';
import type { AnalysisResult, Finding } from '../model/finding.js';
import { docsUrl } from '../report/docs-url.js';
import { composeReview } from '../report/review.js';
import type { ExistingComment, ExistingReview, ReviewPlan } from '../report/github-review/plan.js';
import type { RuleInfo } from '../report/github-review/comment-body.js';
import { planReview } from '../report/github-review/plan.js';
import type { CreateRetry, PostResult } from '../report/github-review/post.js';
import { applyPlan } from '../report/github-review/post.js';
import type { Suggestion } from '../report/suggestion.js';
import { isSuggestionInDiff, suggestionForFix } from '../report/suggestion.js';
import { readSourceText } from '../fix/files.js';
import type { ReviewClient } from './client.js';
import { httpFailure, isWriteForbidden } from './client.js';
import { localDiff } from './local-diff.js';
import type { PullRequestRef } from './pull-request.js';
import { GITHUB_FILE_CAP, listComments, listFiles, listReviews } from './pull-request.js';

/** Where a pull request's files are read from. */
export interface FilesRequest {
  client: ReviewClient;
  pr: PullRequestRef;
  /** The review's commit (`pull_request.head.sha`). */
  headSha: string;
  /** Base commit, to read the diff locally when GitHub cannot list every file. */
  baseSha?: string | undefined;
  /** Files the pull request changes, when known (GitHub lists at most 3000). */
  changedFiles?: number | undefined;
  /** The repository's working copy (for a local diff). */
  workspace: string;
  log: (message: string) => void;
}

/**
 * What is known of the pull request's files, read once before the analysis (which then runs on the changed
 * files) and used again by the review.
 */
export type PullRequestFiles =
  /** The diff; `complete` is false when GitHub's cap cut the list and git could not give the rest. */
  | { kind: 'read'; diff: FileDiff[]; note: string | undefined; complete: boolean }
  /** The token may not list the files and git cannot give the diff: the review can only be read-only. */
  | { kind: 'unreadable'; reason: string }
  /** GitHub failed (after the client's retries and timeouts). */
  | { kind: 'failed'; reason: string };

/** What to review. */
export interface ReviewRequest {
  client: ReviewClient;
  pr: PullRequestRef;
  /** The review's commit (`pull_request.head.sha`). */
  headSha: string;
  /** The pull request's files, as readPullRequestFiles read them. */
  files: PullRequestFiles;
  result: AnalysisResult;
  /** Repository-relative path of the analysed root ('' for the repository root). */
  rootPrefix: string;
  /** The repository's working copy (for the texts of suggestions). */
  workspace: string;
  mode: FilterMode;
  maxComments: number;
  /** A unique id of this run, hidden in the review so that a review GitHub made behind a failure is found. */
  runId: string;
  /** How a review creation that may have reached GitHub is tried again. */
  retry: CreateRetry;
  /** Template of the rule pages linked from comments (see report/docs-url.ts). */
  docsTemplate: string;
  log: (message: string) => void;
}

/** What the review did: posted, not allowed to write (read-only token), or stopped by GitHub failing. */
export type ReviewOutcome =
  | { kind: 'posted'; marked: MarkedFinding[]; plan: ReviewPlan; posted: PostResult }
  | { kind: 'read-only'; marked: MarkedFinding[]; plan: ReviewPlan; reason: string }
  /** `marked` is undefined when GitHub failed before the diff was known. */
  | { kind: 'failed'; marked: MarkedFinding[] | undefined; reason: string };

/**
 * Reads the pull request's files: GitHub's list, completed from git past GitHub's cap. A token that may not
 * list them is helped by git; GitHub failing (after the client's retries and timeouts) gives `failed`, never
 * a throw, so the caller can still analyse the whole project.
 */
export async function readPullRequestFiles(request: FilesRequest): Promise<PullRequestFiles> {
  try {
    return { kind: 'read', ...(await pullRequestDiff(request)) };
  } catch (error) {
    if (error instanceof CannotReadPullRequest) return { kind: 'unreadable', reason: error.message };
    if (!isGitHubFailure(error)) throw error;
    return { kind: 'failed', reason: `reading the pull request's files: ${reasonOf(error)}` };
  }
}

/**
 * Plans the review of the pull request's files and posts it. A token that cannot write gives `read-only`;
 * GitHub failing (after the client's retries and timeouts) gives `failed`, never a throw, so the caller
 * can still deliver every finding.
 */
export async function reviewPullRequest(request: ReviewRequest): Promise<ReviewOutcome> {
  const files = request.files;
  if (files.kind === 'failed') return { kind: 'failed', marked: undefined, reason: files.reason };
  if (files.kind === 'unreadable') {
    // Nothing to match findings against: the project's findings, nothing written.
    const marked = markFindings(request.result.findings, [], { mode: 'nofilter', rootPrefix: request.rootPrefix });
    return { kind: 'read-only', marked, plan: plan(request, marked, [], [], undefined, 0), reason: files.reason };
  }
  const { diff, note } = files;
  const marked = markFindings(request.result.findings, diff, { mode: request.mode, rootPrefix: request.rootPrefix });
  let existing: [ExistingComment[], ExistingReview[]];
  try {
    existing = await readExisting(request);
  } catch (error) {
    // A token that cannot even read the review comments cannot write them either.
    if (isWriteForbidden(error))
      return { kind: 'read-only', marked, plan: plan(request, marked, [], [], note), reason: reasonOf(error) };
    return failed(error, marked, "reading the pull request's reviews");
  }
  const [comments, reviews] = existing;
  const planned = plan(request, marked, comments, reviews, note, request.maxComments, suggestionsIn(request, diff));
  try {
    const posted = await applyPlan(request.client, request.pr, planned, request.retry, request.log);
    return { kind: 'posted', marked, plan: planned, posted };
  } catch (error) {
    if (isWriteForbidden(error)) return { kind: 'read-only', marked, plan: planned, reason: reasonOf(error) };
    return failed(error, marked, 'posting the review');
  }
}

/** The plan of the review. */
function plan(
  request: ReviewRequest,
  marked: readonly MarkedFinding[],
  comments: readonly ExistingComment[],
  reviews: readonly ExistingReview[],
  note: string | undefined,
  maxComments = request.maxComments,
  suggestionFor?: (marked: MarkedFinding) => Suggestion | undefined,
): ReviewPlan {
  return planReview({
    marked,
    comments,
    reviews,
    commitId: request.headSha,
    maxComments,
    renderReview: (findings: readonly Finding[]) => composeReview(request.result, { findings }),
    failedRules: new Set(request.result.failures.map((f) => f.ruleId)),
    note,
    runId: request.runId,
    ruleInfo: ruleInfoOf(request.result, request.docsTemplate),
    suggestionFor,
  });
}

/**
 * The suggestion of each finding of the pull request that has a safe fix: from the file's text in the
 * working copy (what was analysed), offered only when every line it replaces is commentable in the
 * file's diff. Findings the filter mode leaves out get none: only reported findings are fixed.
 */
function suggestionsIn(
  request: ReviewRequest,
  diff: readonly FileDiff[],
): (marked: MarkedFinding) => Suggestion | undefined {
  const patched = new Map(diff.filter((f) => f.hasPatch && f.status !== 'removed').map((f) => [f.path, f]));
  return (marked) => {
    const fix = marked.finding.fix;
    const file = patched.get(marked.path);
    if (fix === undefined || file === undefined || !marked.selected) return undefined;
    const text = readSourceText(request.workspace, marked.path);
    const suggestion = text === undefined ? undefined : suggestionForFix(fix, marked.finding.file, text);
    return suggestion !== undefined && isSuggestionInDiff(suggestion, file.visibleLines) ? suggestion : undefined;
  };
}

/** The `failed` outcome of a GitHub error; any other error is a bug and is thrown on. */
function failed(error: unknown, marked: MarkedFinding[] | undefined, doing: string): ReviewOutcome {
  if (!isGitHubFailure(error)) throw error;
  return { kind: 'failed', marked, reason: `${doing}: ${reasonOf(error)}` };
}

/** True for an error of a request to GitHub (an HTTP status, or a timeout or network error Octokit reports as one). */
export function isGitHubFailure(error: unknown): boolean {
  return httpFailure(error) !== undefined;
}

/** What GitHub answered, in a few words. */
export function reasonOf(error: unknown): string {
  const failure = httpFailure(error);
  if (failure === undefined) return error instanceof Error ? error.message : String(error);
  return `${String(failure.status)} ${failure.message}`;
}

/** Title, rationale and page of each rule that ran, from the result's metadata. */
function ruleInfoOf(result: AnalysisResult, docsTemplate: string): (ruleId: string) => RuleInfo | undefined {
  const info = new Map(
    result.rulesMeta.map((m) => [
      m.id,
      { title: m.title, rationale: m.rationale, docsUrl: docsUrl(m.id, docsTemplate), messages: m.messages },
    ]),
  );
  return (ruleId) => info.get(ruleId);
}

/** The token may not read the pull request's files and git cannot give the diff either. */
class CannotReadPullRequest extends Error {
  override readonly name = 'CannotReadPullRequest';
}

/** The pull request's files as GitHub lists them, completed from git when GitHub's 3000-file cap cut the list. */
async function pullRequestDiff(
  request: FilesRequest,
): Promise<{ diff: FileDiff[]; note: string | undefined; complete: boolean }> {
  let files: Awaited<ReturnType<typeof listFiles>>;
  try {
    files = await listFiles(request.client, request.pr);
  } catch (error) {
    if (!isWriteForbidden(error)) throw error;
    const reason = httpFailure(error)?.message ?? 'forbidden';
    request.log(`cannot list the pull request's files (${reason}); reading the diff from git`);
    try {
      if (request.baseSha === undefined) throw new Error('the base commit is unknown', { cause: error });
      const diff = await localDiff(request.workspace, request.baseSha, request.headSha);
      return { diff, note: undefined, complete: true };
    } catch (gitError) {
      throw new CannotReadPullRequest(
        `${reason}; and git cannot give the diff: ${gitError instanceof Error ? gitError.message : String(gitError)}`,
        { cause: gitError },
      );
    }
  }
  const diff = files.map(fileDiffFromGitHub);
  const capped =
    files.length >= GITHUB_FILE_CAP && (request.changedFiles === undefined || request.changedFiles > files.length);
  if (!capped) return { diff, note: undefined, complete: true };
  const listed = new Set(diff.map((f) => f.path));
  if (request.baseSha !== undefined) {
    try {
      const extra = (await localDiff(request.workspace, request.baseSha, request.headSha)).filter(
        (f) => !listed.has(f.path),
      );
      return {
        diff: [...diff, ...extra],
        note: `GitHub lists only the first ${GITHUB_FILE_CAP} files of a pull request; the other ${extra.length} changed files were read from git.`,
        complete: true,
      };
    } catch (error) {
      request.log(
        `cannot read the rest of the diff from git: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  const total = request.changedFiles === undefined ? 'more' : String(request.changedFiles);
  return {
    diff,
    note: `This pull request changes ${total} files; GitHub lists only the first ${GITHUB_FILE_CAP}, so findings in the others are not part of this review (fetch the base commit to include them).`,
    complete: false,
  };
}

/** The review comments and reviews already on the pull request. */
async function readExisting(request: ReviewRequest): Promise<[ExistingComment[], ExistingReview[]]> {
  const comments = await listComments(request.client, request.pr);
  let reviews: ExistingReview[] = [];
  try {
    reviews = await listReviews(request.client, request.pr);
  } catch (error) {
    // The comments carry the fingerprints that prevent duplicates; without the reviews only the body's list is unknown.
    if (isWriteForbidden(error) || httpFailure(error) === undefined) throw error;
    request.log(
      `cannot list the pull request's reviews (${httpFailure(error)?.message ?? ''}); continuing without them`,
    );
  }
  return [comments, reviews];
}

/** Findings of this pull request (for annotations when the review cannot be posted). */
export function selectedFindings(marked: readonly MarkedFinding[]): Finding[] {
  return marked.filter((m) => m.selected).map((m) => ({ ...m.finding, file: m.path }));
}
