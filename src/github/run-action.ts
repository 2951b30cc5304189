/**
 * The GitHub Action: action inputs -> analysis -> one pull-request review, or
 * annotations and a job summary when there is no pull request or the token
 * cannot write.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import * as core from '@actions/core';
import {
  EXIT,
  analyseForShell,
  cacheLine,
  apiUrlOf,
  exitCodeOf,
  failingFindings,
  fatalNotice,
  requireToken,
} from '../shell/core.js';
import type { Env, Notice } from '../shell/core.js';
import type { Settings } from '../shell/options.js';
import { optionsOf, readSettings } from '../shell/options.js';
import type { AnalysisResult, Finding } from '../model/finding.js';
import type { Annotation, AnnotationRoom } from '../report/annotations.js';
import { ANNOTATIONS_PER_LEVEL, chooseAnnotations } from '../report/annotations.js';
import { docsUrlTemplate } from '../report/docs-url.js';
import { composeReview } from '../report/review.js';
import { toSarif } from '../report/sarif.js';
import type { ClientTiming, Connection } from './client.js';
import { connect } from './client.js';
import type { PullRequestTarget } from './event.js';
import { readRunEvent } from './event.js';
import { gitRoot, headCommit } from './local-diff.js';
import type { PullRequestFiles, ReviewOutcome } from './review-pull-request.js';
import { readPullRequestFiles, reviewPullRequest, selectedFindings } from './review-pull-request.js';
import { analysedRoot } from '../load/root.js';
import { UserError } from '../model/errors.js';
import type { PullRequestScope } from '../shell/pull-request-scope.js';
import { pullRequestModeLine, pullRequestScope } from '../shell/pull-request-scope.js';
import type { PostResult } from '../report/github-review/post.js';

/** GitHub refuses a job summary over 1 MiB. */
const SUMMARY_LIMIT = 1024 * 1024 - 4096;
/** Room kept in the summary for what happened after it was written. */
const SUMMARY_RESERVE = 2048;

/** What the workflow gives besides inputs: the runner's environment, and the client's pace (tests pass their own). */
export interface ActionContext {
  env: Env;
  timing?: ClientTiming | undefined;
}

/** Where a workflow command points. */
type Place = core.AnnotationProperties;

/** Workflow-command annotations, counted per level: GitHub shows at most 10 of each per step. */
class Annotations {
  private readonly shown = { error: 0, warning: 0, notice: 0 };

  /** Emits one annotation. */
  add(level: Annotation['level'], message: string, place: Place = {}): void {
    this.shown[level] += 1;
    if (level === 'error') core.error(message, place);
    else if (level === 'warning') core.warning(message, place);
    else core.notice(message, place);
  }

  /** How many more of each level GitHub will show. */
  room(): AnnotationRoom {
    const left = (n: number): number => Math.max(0, ANNOTATIONS_PER_LEVEL - n);
    return { error: left(this.shown.error), warning: left(this.shown.warning), notice: left(this.shown.notice) };
  }
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

/**
 * The Action's steps. On a pull request, its files are read first: the analysis then covers the files it
 * changes (pull-request mode; the whole project with `scope: all`, or when the files cannot be read). Every
 * finding is delivered before the review is posted: SARIF (when asked) and the job summary with the review of
 * every finding come first. Then the review is posted; if GitHub refuses (read-only token) or fails, the
 * findings of the pull request become annotations as well.
 */
async function run(context: ActionContext): Promise<number> {
  const env = context.env;
  const inputs = readInputs(env);
  const workspace = resolve(env['GITHUB_WORKSPACE'] ?? process.cwd());
  const event = readRunEvent(env);
  const target = {
    path: resolve(workspace, inputs.path),
    project: inputs.project === undefined ? undefined : resolve(workspace, inputs.project),
  };
  // Paths on GitHub are relative to the repository root: the git root around the project (actions/checkout
  // may use a `path:`), else the workspace.
  const targetRoot = analysedRoot(target);
  const repoRoot = (await repositoryRoot(targetRoot)) ?? workspace;
  const log = (m: string): void => {
    core.info(`review-bot: ${m}`);
  };
  const pr = event.pullRequest;
  const opened = pr === undefined ? undefined : await openPullRequest(pr, inputs, context, targetRoot, repoRoot, log);
  const scope = opened?.scope;
  const analysis = await analyseForShell({
    eslint: inputs.eslint,
    ...target,
    files: [],
    config: inputs.config === undefined ? undefined : resolve(workspace, inputs.config),
    only: [],
    disable: [],
    cache: inputs.cache === undefined ? undefined : resolve(workspace, inputs.cache),
    suppressionsLocation:
      inputs.suppressionsLocation === undefined ? undefined : resolve(workspace, inputs.suppressionsLocation),
    changedFiles: scope?.changed,
  });
  const { result, root } = analysis;
  const docsTemplate = docsUrlTemplate(inputs.docsUrl, env);
  const shown = new Annotations();
  for (const notice of [...(scope?.notice === undefined ? [] : [scope.notice]), ...analysis.notices])
    emit(shown, notice, repoRoot, root);
  const everyFinding = result.findings.map((f) => ({ ...f, file: repoPath(repoRoot, root, f.file) }));
  if (analysis.cache !== undefined) core.info(`review-bot: cache: ${cacheLine(analysis.cache)}`);
  core.info(`review-bot: ${result.findings.length} findings in ${result.fileCount} files`);
  core.setOutput('findings', result.findings.length);
  if (inputs.sarifFile !== undefined) {
    const suppressed = result.suppressed?.map((f) => ({ ...f, file: repoPath(repoRoot, root, f.file) }));
    writeSarif(resolve(workspace, inputs.sarifFile), { ...result, findings: everyFinding, suppressed }, docsTemplate);
  }
  await writeSummary(env, composeReview(result, { findings: everyFinding, maxPlaces: Number.POSITIVE_INFINITY }));

  // Bad input that stopped the connection is said now that every finding is delivered.
  if (opened?.kind === 'refused') throw opened.error;
  if (pr === undefined || opened === undefined) {
    core.info(`review-bot: event "${event.name}" has no pull request: annotations and job summary only`);
    core.setOutput('new-findings', everyFinding.length);
    core.setOutput('review-url', '');
    const code = verdict(shown, everyFinding, inputs, analysis.problems, false);
    annotate(shown, everyFinding);
    return code;
  }
  const checkedOut = await headCommit(repoRoot);
  if (checkedOut !== undefined && checkedOut !== pr.headSha) {
    shown.add(
      'warning',
      `the checked-out commit ${checkedOut.slice(0, 12)} is not the pull request's head ${pr.headSha.slice(0, 12)}: line numbers may not match. Check out with "ref: \${{ github.event.pull_request.head.sha }}".`,
    );
  }
  const outcome = await reviewPullRequest({
    client: opened.github.client,
    pr,
    headSha: pr.headSha,
    files: opened.files,
    result,
    rootPrefix: repoPath(repoRoot, root, ''),
    workspace: repoRoot,
    mode: inputs.filterMode,
    maxComments: inputs.maxComments,
    runId: [
      env['GITHUB_RUN_ID'] ?? 'local',
      env['GITHUB_RUN_ATTEMPT'] ?? '1',
      pr.headSha.slice(0, 12),
      String(process.pid),
      randomUUID().slice(0, 8),
    ].join('.'),
    retry: opened.github.retry,
    docsTemplate,
    log,
  });
  const judged = outcome.marked === undefined ? everyFinding : selectedFindings(outcome.marked);
  core.setOutput('new-findings', judged.length);
  await reportOutcome(env, shown, outcome, judged);
  const code = verdict(shown, judged, inputs, analysis.problems, outcome.kind === 'failed');
  if (outcome.kind !== 'posted') annotate(shown, judged);
  return code;
}

/** A pull request before the analysis: connected, its files read, or the bad input that prevents a connection. */
type OpenedPullRequest =
  | { kind: 'connected'; github: Connection; files: PullRequestFiles; scope: PullRequestScope }
  /** A token or API URL that cannot be used: raised once every finding is delivered (the whole project is analysed). */
  | { kind: 'refused'; error: UserError; scope: PullRequestScope };

/** Connects to GitHub and reads the pull request's files, then decides what the analysis covers. */
async function openPullRequest(
  pr: PullRequestTarget,
  inputs: Settings,
  context: ActionContext,
  root: string,
  repoRoot: string,
  log: (message: string) => void,
): Promise<OpenedPullRequest> {
  /** What the analysis covers, said in the log in pull-request mode. */
  const scopeOf = (files: PullRequestFiles | undefined): PullRequestScope => {
    const rootPrefix = repoPath(repoRoot, root, '');
    const scope = pullRequestScope({ scope: inputs.scope, mode: inputs.filterMode, files, root, rootPrefix });
    if (scope.changed !== undefined) log(pullRequestModeLine(scope.changed));
    return scope;
  };
  const github = await openGitHub(inputs, context, log);
  if (github instanceof UserError) return { kind: 'refused', error: github, scope: scopeOf(undefined) };
  const files = await readPullRequestFiles({
    client: github.client,
    pr,
    headSha: pr.headSha,
    baseSha: pr.baseSha,
    changedFiles: pr.changedFiles,
    workspace: repoRoot,
    log,
  });
  return { kind: 'connected', github, files, scope: scopeOf(files) };
}

/**
 * The client for the pull request, or the bad input (token, API URL) that prevents one: the caller raises it
 * once every finding is delivered.
 */
async function openGitHub(
  inputs: Settings,
  context: ActionContext,
  log: (message: string) => void,
): Promise<Connection | UserError> {
  try {
    return await connect({
      token: requireToken(inputs.token, context.env, 'github-token'),
      baseUrl: apiUrlOf(undefined, context.env),
      timeoutMs: inputs.requestTimeoutMs,
      retries: inputs.retries,
      timing: context.timing,
      log,
    });
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
}

/** Says what the review did: the URL and a line in the summary, or annotations and why the review is missing. */
async function reportOutcome(
  env: Env,
  shown: Annotations,
  outcome: ReviewOutcome,
  judged: readonly Finding[],
): Promise<void> {
  if (outcome.kind === 'posted') {
    const did = postedSummary(outcome.posted);
    core.setOutput('review-url', outcome.posted.reviewUrl ?? outcome.plan.latestReview?.htmlUrl ?? '');
    core.info(`review-bot: ${judged.length} findings in this pull request; ${did}`);
    await appendSummary(env, `\n_review-bot ${did}._\n`);
    return;
  }
  core.setOutput('review-url', '');
  const why =
    outcome.kind === 'read-only'
      ? `review-bot cannot write to this pull request (${outcome.reason}); this is expected for pull requests from forks on the pull_request event. The findings are shown as annotations and in the job summary.`
      : `GitHub failed (${outcome.reason}); the review was not posted. Every finding is in the job summary, the most severe as annotations.`;
  shown.add(outcome.kind === 'read-only' ? 'warning' : 'error', why);
  await appendSummary(env, `\n_${why}_\n`);
}

/** What posting did, in one line. */
function postedSummary(posted: PostResult): string {
  return [
    posted.created
      ? `posted a review with ${posted.comments} inline comments${posted.movedToBody ? ' (GitHub could not place some comments: all findings were moved into the review body)' : ''}`
      : 'posted no new review (nothing new)',
    posted.updated ? 'updated the latest review' : '',
    posted.deleted > 0 ? `deleted ${posted.deleted} comments whose finding is gone` : '',
    posted.replied > 0 ? `replied "resolved" in ${posted.replied} threads` : '',
    posted.failed > 0 ? `${posted.failed} updates of earlier comments failed (see the log)` : '',
  ]
    .filter((s) => s !== '')
    .join('; ');
}

/** The exit code, with one error line when findings fail the step. */
function verdict(
  shown: Annotations,
  judged: readonly Finding[],
  inputs: Settings,
  problems: number,
  githubFailed: boolean,
): number {
  const failing = failingFindings(judged, inputs.failOn).length;
  if (failing > 0) shown.add('error', `review-bot: ${failing} findings at or above "${inputs.failOn}"`);
  return exitCodeOf({ failing, problems, githubFailed });
}

/** Writes the SARIF log and names it in the outputs. */
function writeSarif(target: string, result: AnalysisResult, docsTemplate: string): void {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${JSON.stringify(toSarif(result, docsTemplate), null, 2)}\n`);
  core.setOutput('sarif-file', target);
}

/** A notice as a workflow command, its place made repository-relative. */
function emit(shown: Annotations, notice: Notice, repoRoot: string, root: string): void {
  const place =
    notice.file === undefined
      ? {}
      : { file: repoPath(repoRoot, root, notice.file), startLine: notice.line, startColumn: notice.column };
  shown.add(notice.level, notice.message, place);
}

/** Emits the most severe findings as annotations, in the room the step has left. */
function annotate(shown: Annotations, findings: readonly Finding[]): void {
  const { annotations, omitted } = chooseAnnotations(findings, (f) => f.file, shown.room());
  for (const a of annotations) {
    const properties = {
      title: a.title,
      file: a.file,
      startLine: a.startLine,
      endLine: a.endLine,
      startColumn: a.startColumn,
      endColumn: a.endColumn,
    };
    shown.add(a.level, a.message, properties);
  }
  if (omitted > 0)
    core.info(
      `review-bot: ${omitted} more findings are listed in the job summary (GitHub shows at most 10 annotations of each level per step)`,
    );
}

/** Bytes the job summary holds so far (GitHub refuses one over 1 MiB). */
let summaryBytes = 0;

/**
 * Writes the job summary (when the runner provides one), cut under GitHub's 1 MiB limit with room kept
 * for the line appendSummary adds.
 */
async function writeSummary(env: Env, markdown: string): Promise<void> {
  const path = env['GITHUB_STEP_SUMMARY'] ?? '';
  if (path === '') return;
  const text = cutToBytes(markdown, SUMMARY_LIMIT - SUMMARY_RESERVE);
  summaryBytes = Buffer.byteLength(text);
  await core.summary.addRaw(text).write();
}

/** Adds to the job summary what happened after it was written. */
async function appendSummary(env: Env, markdown: string): Promise<void> {
  if ((env['GITHUB_STEP_SUMMARY'] ?? '') === '') return;
  const text = cutToBytes(markdown, SUMMARY_LIMIT - summaryBytes);
  summaryBytes += Buffer.byteLength(text);
  await core.summary.addRaw(text).write();
}

/** The text cut to at most `limit` UTF-8 bytes, saying so when cut. */
function cutToBytes(text: string, limit: number): string {
  if (Buffer.byteLength(text) <= limit) return text;
  const note = `\n\n… (cut at GitHub's 1 MiB job summary limit)\n`;
  return `${Buffer.from(text)
    .subarray(0, Math.max(0, limit - Buffer.byteLength(note)))
    .toString('utf8')
    .replace(/\uFFFD*$/, '')}${note}`;
}

/** Repository-relative POSIX path of a path relative to the analysed root. */
function repoPath(repoRoot: string, root: string, file: string): string {
  return relative(repoRoot, resolve(realOrSelf(root), file))
    .split(sep)
    .join('/');
}

/** The git root containing the analysed root (real paths), or undefined. */
async function repositoryRoot(root: string): Promise<string | undefined> {
  const top = await gitRoot(root);
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
