/**
 * The GitHub Action: action inputs -> analysis -> one pull-request review, or
 * annotations and a job summary when there is no pull request or the token
 * cannot write.
 */
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import * as core from '@actions/core';
import {
  EXIT,
  analyseForShell,
  apiUrlOf,
  exitCodeOf,
  failingFindings,
  fatalNotice,
  requireToken,
} from '../shell/core.js';
import type { Env, Notice } from '../shell/core.js';
import type { Settings } from '../shell/options.js';
import { optionsOf, readSettings } from '../shell/options.js';
import type { Finding } from '../model/finding.js';
import { chooseAnnotations } from '../report/annotations.js';
import { docsUrlTemplate } from '../report/docs-url.js';
import { composeReview } from '../report/review.js';
import { toSarif } from '../report/sarif.js';
import type { ClientTiming } from './client.js';
import { createClient } from './client.js';
import { readRunEvent } from './event.js';
import { gitRoot, headCommit } from './local-diff.js';
import { reviewPullRequest, selectedFindings } from './review-pull-request.js';

/** GitHub refuses a job summary over 1 MiB. */
const SUMMARY_LIMIT = 1024 * 1024 - 4096;

/** What the workflow gives besides inputs: the runner's environment, and the client's pace (tests pass their own). */
export interface ActionContext {
  env: Env;
  timing?: ClientTiming | undefined;
}

/** The Action's inputs, read from the runner's INPUT_* variables through the table of inputs. */
function readInputs(env: Env): Settings {
  const raw = Object.fromEntries(
    optionsOf('action').map((o) => [o.name, (env[`INPUT_${o.name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()]),
  );
  return readSettings(raw, (name) => name);
}

/** Runs the Action and returns its exit code (see shell/core.ts); a stopping error is one error line. */
export async function runAction(context: ActionContext = { env: process.env }): Promise<number> {
  try {
    return await run(context);
  } catch (error) {
    core.error(fatalNotice(error, false).message);
    return EXIT.problems;
  }
}

/** The Action's steps. */
async function run(context: ActionContext): Promise<number> {
  const env = context.env;
  const inputs = readInputs(env);
  const workspace = resolve(env['GITHUB_WORKSPACE'] ?? process.cwd());
  const event = readRunEvent(env);
  const analysis = analyseForShell({
    path: resolve(workspace, inputs.path),
    project: inputs.project === undefined ? undefined : resolve(workspace, inputs.project),
    files: [],
    config: inputs.config === undefined ? undefined : resolve(workspace, inputs.config),
    only: [],
    disable: [],
  });
  const { result, root } = analysis;
  const docsTemplate = docsUrlTemplate(inputs.docsUrl, env);
  // Paths on GitHub are relative to the repository root: the git root around the project (actions/checkout
  // may use a `path:`), else the workspace.
  const repoRoot = repositoryRoot(root) ?? workspace;
  for (const notice of analysis.notices) emit(notice, repoRoot, root);
  const rootPrefix = repoPath(repoRoot, root, '');
  const toRepo = (finding: Finding): Finding => ({ ...finding, file: repoPath(repoRoot, root, finding.file) });
  core.info(`review-bot: ${result.findings.length} findings in ${result.fileCount} files`);
  core.setOutput('findings', result.findings.length);
  if (inputs.sarifFile !== undefined) {
    const target = resolve(workspace, inputs.sarifFile);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(
      target,
      `${JSON.stringify(
        toSarif(
          { ...result, findings: result.findings.map(toRepo), suppressed: result.suppressed?.map(toRepo) },
          docsTemplate,
        ),
        null,
        2,
      )}\n`,
    );
    core.setOutput('sarif-file', target);
  }

  let judged: Finding[] = result.findings.map(toRepo);
  if (event.pullRequest === undefined) {
    core.info(`review-bot: event "${event.name}" has no pull request: annotations and job summary only`);
    annotate(judged);
    await writeSummary(env, composeReview(result, { findings: judged }));
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
      token: requireToken(inputs.token, env, 'github-token'),
      baseUrl: apiUrlOf(undefined, env),
      timeoutMs: inputs.requestTimeoutMs,
      retries: inputs.retries,
      timing: context.timing,
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
      docsTemplate,
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
        env,
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
      await writeSummary(env, `${outcome.plan.summary}\n\n_review-bot ${did.join('; ')}._\n`);
    }
  }
  const failing = failingFindings(judged, inputs.failOn).length;
  if (failing > 0) core.error(`review-bot: ${failing} findings at or above "${inputs.failOn}"`);
  return exitCodeOf({ failing, problems: analysis.problems, githubFailed: false });
}

/** A notice as a workflow command, its place made repository-relative. */
function emit(notice: Notice, repoRoot: string, root: string): void {
  const place =
    notice.file === undefined
      ? {}
      : { file: repoPath(repoRoot, root, notice.file), startLine: notice.line, startColumn: notice.column };
  if (notice.level === 'error') core.error(notice.message, place);
  else if (notice.level === 'warning') core.warning(notice.message, place);
  else core.notice(notice.message, place);
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
async function writeSummary(env: Env, markdown: string): Promise<void> {
  if ((env['GITHUB_STEP_SUMMARY'] ?? '') === '') return;
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
