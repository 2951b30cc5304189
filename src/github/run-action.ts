/**
 * The GitHub Action: action inputs -> analysis -> one pull-request review, or
 * annotations and a job summary when there is no pull request or the token
 * cannot write.
 */
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import * as core from '@actions/core';
import type { FilterMode } from '../diff/filter.js';
import { FILTER_MODES, isFilterMode } from '../diff/filter.js';
import { UserError } from '../model/errors.js';
import type { Finding } from '../model/finding.js';
import type { Severity } from '../model/severity.js';
import { severityRank } from '../model/severity.js';
import { analyse } from '../pipeline.js';
import { chooseAnnotations } from '../report/annotations.js';
import { composeReview } from '../report/review.js';
import { toSarif } from '../report/sarif.js';
import { createClient } from './client.js';
import { readRunEvent } from './event.js';
import { gitRoot, headCommit } from './local-diff.js';
import { reviewPullRequest, selectedFindings } from './review-pull-request.js';

/** The Action's inputs (see action.yml). */
export interface ActionInputs {
  token: string;
  path: string;
  project: string | undefined;
  config: string | undefined;
  filterMode: FilterMode;
  failOn: Severity | 'never';
  maxComments: number;
  sarifFile: string | undefined;
}

/** GitHub refuses a job summary over 1 MiB. */
const SUMMARY_LIMIT = 1024 * 1024 - 4096;

/** Reads and checks the inputs. */
export function readInputs(): ActionInputs {
  const mode = core.getInput('filter-mode') || 'added';
  if (!isFilterMode(mode))
    throw new UserError(`filter-mode: expected one of ${FILTER_MODES.join(', ')}, got "${mode}"`);
  const failOn = core.getInput('fail-on') || 'error';
  if (failOn !== 'error' && failOn !== 'warning' && failOn !== 'info' && failOn !== 'never') {
    throw new UserError(`fail-on: expected error, warning, info or never, got "${failOn}"`);
  }
  const max = core.getInput('max-comments') || '30';
  const maxComments = Number(max);
  if (!Number.isInteger(maxComments) || maxComments < 0)
    throw new UserError(`max-comments: expected a whole number, got "${max}"`);
  return {
    token: core.getInput('github-token'),
    path: core.getInput('path') || '.',
    project: core.getInput('project') || undefined,
    config: core.getInput('config') || undefined,
    filterMode: mode,
    failOn,
    maxComments,
    sarifFile: core.getInput('sarif-file') || undefined,
  };
}

/** Runs the Action; failures are reported through core.setFailed. */
export async function runAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    await run(env);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}

/** The Action's steps. */
async function run(env: NodeJS.ProcessEnv): Promise<void> {
  const inputs = readInputs();
  const workspace = resolve(env['GITHUB_WORKSPACE'] ?? process.cwd());
  const event = readRunEvent(env);
  const { result, view, parseProblems } = analyse({
    path: resolve(workspace, inputs.path),
    project: inputs.project === undefined ? undefined : resolve(workspace, inputs.project),
    config: inputs.config === undefined ? undefined : resolve(workspace, inputs.config),
  });
  // Paths on GitHub are relative to the repository root: the git root around the project (actions/checkout
  // may use a `path:`), else the workspace.
  const repoRoot = repositoryRoot(view.root) ?? workspace;
  for (const problem of parseProblems)
    core.warning(
      problem.kind === 'skipped' ? `skipped: ${problem.message}` : `cannot parse: ${problem.message} (file skipped)`,
      {
        file: repoPath(repoRoot, view.root, problem.file),
        startLine: problem.line,
      },
    );
  for (const failure of result.failures)
    core.warning(
      `rule ${failure.ruleId} failed${failure.file === undefined ? '' : ` on ${failure.file}`}: ${failure.error instanceof Error ? failure.error.message : String(failure.error)}`,
    );
  const rootPrefix = repoPath(repoRoot, view.root, '');
  const toRepo = (finding: Finding): Finding => ({ ...finding, file: repoPath(repoRoot, view.root, finding.file) });
  core.info(`review-bot: ${result.findings.length} findings in ${result.fileCount} files`);
  core.setOutput('findings', result.findings.length);
  if (inputs.sarifFile !== undefined) {
    const target = resolve(workspace, inputs.sarifFile);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(
      target,
      `${JSON.stringify(toSarif({ ...result, findings: result.findings.map(toRepo) }), null, 2)}\n`,
    );
    core.setOutput('sarif-file', target);
  }

  let judged: Finding[] = result.findings.map(toRepo);
  if (event.pullRequest === undefined) {
    core.info(`review-bot: event "${event.name}" has no pull request: annotations and job summary only`);
    annotate(judged);
    await writeSummary(composeReview(result, { findings: judged }));
    core.setOutput('new-findings', judged.length);
    core.setOutput('review-url', '');
  } else {
    const pr = event.pullRequest;
    const checkedOut = headCommit(repoRoot);
    if (checkedOut !== undefined && checkedOut !== pr.headSha) {
      core.warning(
        `the checked-out commit ${checkedOut.slice(0, 12)} is not the pull request's head ${pr.headSha.slice(0, 12)}: line numbers may not match. Check out with "ref: \${{ github.event.pull_request.head.sha }}".`,
      );
    }
    const client = createClient({
      token: inputs.token || (env['GITHUB_TOKEN'] ?? ''),
      baseUrl: env['GITHUB_API_URL'] ?? 'https://api.github.com',
      fast: env['REVIEW_BOT_TEST_FAST_RETRY'] === '1',
      log: (m) => {
        core.info(m);
      },
    });
    const outcome = await reviewPullRequest({
      client,
      pr,
      headSha: pr.headSha,
      baseSha: pr.baseSha,
      changedFiles: pr.changedFiles,
      result,
      rootPrefix,
      workspace: repoRoot,
      mode: inputs.filterMode,
      maxComments: inputs.maxComments,
      runId: [
        env['GITHUB_RUN_ID'] ?? 'local',
        env['GITHUB_RUN_ATTEMPT'] ?? '1',
        pr.headSha.slice(0, 12),
        String(process.pid),
      ].join('.'),
      log: (m) => {
        core.info(m);
      },
    });
    judged = selectedFindings(outcome.marked);
    core.setOutput('new-findings', judged.length);
    if (outcome.posted === undefined) {
      core.warning(
        `review-bot cannot write to this pull request (${outcome.writeError ?? 'forbidden'}); this is expected for pull requests from forks on the pull_request event. The findings are shown as annotations and in the job summary.`,
      );
      annotate(judged);
      core.setOutput('review-url', '');
      await writeSummary(
        `${composeReview(result, { findings: judged })}\n_review-bot could not post this review on the pull request: the token is read-only (${outcome.writeError ?? 'forbidden'})._\n`,
      );
    } else {
      const posted = outcome.posted;
      core.setOutput('review-url', posted.reviewUrl ?? outcome.plan.latestReview?.htmlUrl ?? '');
      const did = [
        posted.created
          ? `posted a review with ${posted.comments} inline comments${posted.movedToBody ? ' (GitHub could not place some comments: all findings were moved into the review body)' : ''}`
          : 'posted no new review (nothing new)',
        posted.updated ? 'updated the latest review' : '',
        posted.deleted > 0 ? `deleted ${posted.deleted} comments whose finding is gone` : '',
        posted.replied > 0 ? `replied "resolved" in ${posted.replied} threads` : '',
        posted.failed > 0 ? `${posted.failed} updates of earlier comments failed (see the log)` : '',
      ].filter((s) => s !== '');
      core.info(`review-bot: ${judged.length} findings in this pull request; ${did.join('; ')}`);
      await writeSummary(`${outcome.plan.summary}\n\n_review-bot ${did.join('; ')}._\n`);
    }
  }
  const failing = judged.filter(
    (f) => inputs.failOn !== 'never' && severityRank(f.severity) <= severityRank(inputs.failOn),
  );
  if (failing.length > 0) core.setFailed(`review-bot: ${failing.length} findings at or above "${inputs.failOn}"`);
}

/** Emits the most severe findings as annotations. */
function annotate(findings: readonly Finding[]): void {
  const { annotations, omitted } = chooseAnnotations(findings, (f) => f.file);
  for (const a of annotations) {
    const properties = {
      title: a.title,
      file: a.file,
      startLine: a.startLine,
      endLine: a.endLine,
      startColumn: a.startColumn,
      endColumn: a.endColumn,
    };
    if (a.level === 'error') core.error(a.message, properties);
    else if (a.level === 'warning') core.warning(a.message, properties);
    else core.notice(a.message, properties);
  }
  if (omitted > 0)
    core.info(
      `review-bot: ${omitted} more findings are listed in the job summary (GitHub shows at most 10 annotations of each level per step)`,
    );
}

/** Writes the job summary (when the runner provides one), cut under GitHub's 1 MiB limit. */
async function writeSummary(markdown: string): Promise<void> {
  if ((process.env['GITHUB_STEP_SUMMARY'] ?? '') === '') return;
  let text = markdown;
  if (Buffer.byteLength(text) > SUMMARY_LIMIT)
    text = `${Buffer.from(text)
      .subarray(0, SUMMARY_LIMIT)
      .toString('utf8')
      .replace(/\uFFFD*$/, '')}\n\n… (cut at GitHub's 1 MiB job summary limit)\n`;
  await core.summary.addRaw(text).write();
}

/** Repository-relative POSIX path of a path relative to the analysed root. */
function repoPath(repoRoot: string, root: string, file: string): string {
  return relative(repoRoot, resolve(realOrSelf(root), file))
    .split(sep)
    .join('/');
}

/** The git root containing the analysed root (real paths), or undefined. */
function repositoryRoot(root: string): string | undefined {
  const top = gitRoot(root);
  if (top === undefined) return undefined;
  const real = realOrSelf(top);
  const inside = relative(real, realOrSelf(root));
  return inside.startsWith('..') || isAbsolute(inside) ? undefined : real;
}

/** The real path (symlinks resolved), or the path itself when it cannot be resolved. */
function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
