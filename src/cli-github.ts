/**
 * The diff-aware CLI paths outside Actions:
 * - `review-bot --diff <base-ref>`: keep the findings of `git diff <merge-base>...HEAD`;
 * - `review-bot --github-pr <owner/repo#n>`: post the pull-request review from any CI
 *   (token from GITHUB_TOKEN, `--api-url` for GitHub Enterprise).
 */
import { relative, resolve, sep } from 'node:path';
import type { FilterMode } from './diff/filter.js';
import { markFindings } from './diff/filter.js';
import type { CliContext, Io } from './cli.js';
import type { CliTarget } from './cli-target.js';
import { createClient } from './github/client.js';
import { parsePullRequestRef } from './github/event.js';
import { gitRoot, headCommit, localDiff } from './github/local-diff.js';
import { getPullRequest } from './github/pull-request.js';
import { reviewPullRequest, selectedFindings } from './github/review-pull-request.js';
import { UserError } from './model/errors.js';
import type { AnalysisResult } from './model/finding.js';
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

/** The result narrowed to the findings of `git diff <merge-base>...HEAD` in the repository around `root`. */
export function scopeToLocalDiff(
  result: AnalysisResult,
  root: string,
  baseRef: string,
  mode: FilterMode,
): AnalysisResult {
  const repository = gitRoot(root);
  if (repository === undefined) throw new UserError(`--diff: ${root} is not inside a git repository`);
  const diff = localDiff(repository, baseRef);
  const rootPrefix = relative(repository, resolve(root)).split(sep).join('/');
  const marked = markFindings(result.findings, diff, { mode, rootPrefix });
  return { ...result, findings: marked.filter((m) => m.selected).map((m) => m.finding) };
}

/** `review-bot --github-pr owner/repo#n [paths]`: analyse, then post the review; returns the exit code. */
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
  const analysis = analyseForShell({
    ...target,
    config: settings.config,
    only: settings.only,
    disable: settings.disable,
  });
  logAnalysis(
    (text) => {
      io.err(text);
    },
    analysis,
    settings.debug,
  );
  const log = (message: string): void => {
    io.err(noticeLine({ level: 'notice', message }));
  };
  const workspace = gitRoot(analysis.root) ?? analysis.root;
  const client = createClient({
    token,
    baseUrl,
    timeoutMs: settings.requestTimeoutMs,
    retries: settings.retries,
    timing: context.timing,
    log,
  });
  const pr = await getPullRequest(client, ref);
  const checkedOut = headCommit(workspace);
  if (checkedOut !== undefined && checkedOut !== pr.headSha) {
    io.err(
      noticeLine({
        level: 'warning',
        message: `HEAD is ${checkedOut.slice(0, 12)} but the pull request's head is ${pr.headSha.slice(0, 12)}; line numbers may not match`,
      }),
    );
  }
  const outcome = await reviewPullRequest({
    client,
    pr: ref,
    headSha: pr.headSha,
    baseSha: pr.baseSha,
    changedFiles: pr.changedFiles,
    result: analysis.result,
    rootPrefix: relative(workspace, analysis.root).split(sep).join('/'),
    workspace,
    mode: settings.filterMode,
    maxComments: settings.maxComments,
    docsTemplate: docsUrlTemplate(settings.docsUrl, context.env),
    log,
  });
  io.out(`${outcome.plan.summary}\n`);
  if (outcome.posted === undefined)
    log(`cannot write to ${name} (${outcome.writeError ?? 'forbidden'}); the review is printed above`);
  else log(postedSummary(outcome.posted));
  const failing = failingFindings(selectedFindings(outcome.marked), settings.failOn).length;
  return exitCodeOf({ failing, problems: analysis.problems, githubFailed: false });
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
