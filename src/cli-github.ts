/**
 * `review-bot --github-pr <owner/repo#n>`: post the pull-request review from any CI (token from GITHUB_TOKEN,
 * `--api-url` for GitHub Enterprise). `--diff` is in cli-diff.ts, which loads no GitHub client.
 */
import { randomUUID } from 'node:crypto';
import type { CliContext, Io } from './cli.js';
import type { CliTarget } from './cli-target.js';
import type { ReviewClient } from './github/client.js';
import { connect } from './github/client.js';
import { parsePullRequestRef } from './github/event.js';
import { gitRoot, headCommit } from './github/local-diff.js';
import type { PullRequestHead, PullRequestRef } from './github/pull-request.js';
import { getPullRequest } from './github/pull-request.js';
import type { PullRequestFiles, ReviewOutcome } from './github/review-pull-request.js';
import {
  isGitHubFailure,
  readPullRequestFiles,
  reasonOf,
  reviewPullRequest,
  selectedFindings,
} from './github/review-pull-request.js';
import { analysedRoot, relativePathOf } from './load/root.js';
import { pullRequestModeLine, pullRequestScope } from './shell/pull-request-scope.js';
import { composeReview } from './report/review.js';
import type { PostResult } from './report/github-review/post.js';
import { docsUrlTemplate } from './report/docs-url.js';
import {
  analyseForShell,
  apiUrlOf,
  exitCodeOf,
  failingFindings,
  logAnalysis,
  noticeLine,
  requireToken,
} from './shell/core.js';
import type { Settings } from './shell/options.js';

/**
 * `review-bot --github-pr owner/repo#n [paths]`: read the pull request, analyse (its changed files by
 * default: see shell/pull-request-scope.ts), then post the review; returns the exit code.
 */
export async function reviewPullRequestFromCli(
  settings: Settings,
  target: CliTarget,
  io: Io,
  context: CliContext,
): Promise<number> {
  const name = settings.githubPr ?? '';
  const ref = parsePullRequestRef(name);
  const token = requireToken(undefined, context.env, '--github-pr');
  const baseUrl = apiUrlOf(settings.apiUrl, context.env);
  const err = (text: string): void => {
    io.err(text);
  };
  const log = (message: string): void => {
    err(noticeLine({ level: 'notice', message }));
  };
  const root = analysedRoot(target);
  const workspace = (await gitRoot(root)) ?? root;
  const rootPrefix = relativePathOf(workspace, root);
  const { client, retry } = await connect({
    token,
    baseUrl,
    timeoutMs: settings.requestTimeoutMs,
    retries: settings.retries,
    timing: context.timing,
    log,
  });
  const read = await readPullRequest(client, ref, workspace, log);
  const files: PullRequestFiles = read.kind === 'read' ? read.files : read;
  const scope = pullRequestScope({ scope: settings.scope, mode: settings.filterMode, files, root, rootPrefix });
  if (scope.notice !== undefined) err(noticeLine(scope.notice));
  if (scope.changed !== undefined) log(pullRequestModeLine(scope.changed));
  const analysis = await analyseForShell({
    ...target,
    config: settings.config,
    only: settings.only,
    disable: settings.disable,
    eslint: settings.eslint,
    suppressionsLocation: settings.suppressionsLocation,
    changedFiles: scope.changed,
  });
  logAnalysis(err, analysis, settings.debug);
  const outcome: ReviewOutcome =
    read.kind === 'failed'
      ? { kind: 'failed', marked: undefined, reason: read.reason }
      : await reviewPullRequest({
          client,
          pr: ref,
          headSha: read.head.headSha,
          files: read.files,
          result: analysis.result,
          rootPrefix,
          workspace,
          mode: settings.filterMode,
          maxComments: settings.maxComments,
          runId: `cli.${read.head.headSha.slice(0, 12)}.${randomUUID()}`,
          retry,
          docsTemplate: docsUrlTemplate(settings.docsUrl, context.env),
          log,
        });
  const judged = outcome.marked === undefined ? analysis.result.findings : selectedFindings(outcome.marked);
  if (outcome.kind === 'failed') {
    // Nothing is lost: the whole review of the findings goes to standard output.
    io.out(composeReview(analysis.result, { findings: judged, maxPlaces: Number.POSITIVE_INFINITY }));
    err(
      noticeLine({
        level: 'error',
        message: `GitHub failed (${outcome.reason}); the review of ${name} was not posted and is printed above`,
      }),
    );
  } else {
    io.out(`${outcome.plan.summary}\n`);
    if (outcome.kind === 'read-only') log(`cannot write to ${name} (${outcome.reason}); the review is printed above`);
    else log(postedSummary(outcome.posted));
  }
  const failing = failingFindings(judged, settings.failOn).length;
  return exitCodeOf({ failing, problems: analysis.problems, githubFailed: outcome.kind === 'failed' });
}

/** The pull request's head and files, or GitHub failing to give its head. */
type PullRequestRead =
  { kind: 'read'; head: PullRequestHead; files: PullRequestFiles } | { kind: 'failed'; reason: string };

/** Reads the pull request's head and base, then its files; warns when the checked-out commit is not its head. */
async function readPullRequest(
  client: ReviewClient,
  ref: PullRequestRef,
  workspace: string,
  log: (message: string) => void,
): Promise<PullRequestRead> {
  let head: PullRequestHead;
  try {
    head = await getPullRequest(client, ref);
  } catch (error) {
    if (!isGitHubFailure(error)) throw error;
    return { kind: 'failed', reason: `reading the pull request: ${reasonOf(error)}` };
  }
  const checkedOut = await headCommit(workspace);
  if (checkedOut !== undefined && checkedOut !== head.headSha)
    log(
      `warning: HEAD is ${checkedOut.slice(0, 12)} but the pull request's head is ${head.headSha.slice(0, 12)}; line numbers may not match`,
    );
  const files = await readPullRequestFiles({
    client,
    pr: ref,
    headSha: head.headSha,
    baseSha: head.baseSha,
    changedFiles: head.changedFiles,
    workspace,
    log,
  });
  return { kind: 'read', head, files };
}

/** What posting did, in one line. */
function postedSummary(p: PostResult): string {
  const did = [
    p.created ? `posted a review with ${p.comments} inline comments` : 'nothing new to post',
    p.updated ? 'updated the latest review' : '',
    p.deleted > 0 ? `deleted ${p.deleted} outdated comments` : '',
    p.replied > 0 ? `replied in ${p.replied} threads` : '',
  ].filter((s) => s !== '');
  return `${did.join(', ')}${p.reviewUrl === undefined ? '' : `: ${p.reviewUrl}`}`;
}
