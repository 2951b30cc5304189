/**
 * What the three shells share after reading their inputs: one decision of what fails, one exit-code
 * policy, one wording of the problems a run meets. The shells only choose where the words go.
 *
 * Exit codes (README "Exit codes"):
 * - 0: nothing at or above `fail-on`;
 * - 1: a finding at or above `fail-on`;
 * - 2: bad input (options, paths, tsconfig, configuration), a file that could not be parsed, a rule that
 *      crashed, or an internal error; the rest was still analysed and reported;
 * - 3: GitHub failed (after retries and timeouts) and the review was not posted or only partly; every
 *      finding was still delivered (standard output, or the job summary and annotations).
 * When several apply, the highest code wins: 2 before 3 before 1.
 */
import { resolve } from 'node:path';
import type { ParseProblem } from '../load/project.js';
import { UserError } from '../model/errors.js';
import type { AnalysisResult, Finding, RuleFailure } from '../model/finding.js';
import { severityRank } from '../model/severity.js';
import type { FixRun, FixScope } from '../fix/run-fix.js';
import { fastCacheHit } from '../cache/fast.js';
import { cacheRefusal } from '../cache/origin.js';
import type { CachedAnalysis } from '../cache/fast.js';
import type { PipelineOptions, PipelineResult } from '../pipeline.js';
import type { BulkOutcome } from '../suppress/apply.js';
import type { BulkUpdate } from '../suppress/bulk.js';
import type { FailOn } from './options.js';
import { checkedUrl } from './options.js';
import { forTerminal } from '../report/escape/terminal.js';

/** The exit codes. */
export const EXIT = { clean: 0, findings: 1, problems: 2, github: 3 } as const;

/** A problem or note to show, with the place it is about; each shell renders it its own way. */
export interface Notice {
  level: 'error' | 'warning' | 'notice';
  message: string;
  file?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
}

/** The findings at or above `fail-on`. */
export function failingFindings(findings: readonly Finding[], failOn: FailOn): Finding[] {
  if (failOn === 'never') return [];
  const limit = severityRank(failOn);
  return findings.filter((f) => severityRank(f.severity) <= limit);
}

/** What happened in a run, as far as the exit code cares. */
export interface RunOutcome {
  /** Findings at or above `fail-on`. */
  failing: number;
  /** Files that could not be parsed plus rules that crashed. */
  problems: number;
  /** GitHub failed, so the review was not (fully) posted. */
  githubFailed: boolean;
}

/** The exit code of a run (see the module comment). */
export function exitCodeOf(outcome: RunOutcome): number {
  if (outcome.problems > 0) return EXIT.problems;
  if (outcome.githubFailed) return EXIT.github;
  return outcome.failing > 0 ? EXIT.findings : EXIT.clean;
}

/** What the bulk suppressions file did: written, or holding entries that --prune-suppressions would drop. */
function bulkNotices(bulk: BulkOutcome): Notice[] {
  const count = (n: number): string => `${String(n)} suppression${n === 1 ? '' : 's'}`;
  if (bulk.written) return [{ level: 'notice', message: `wrote ${count(bulk.entries)} to ${bulk.display}` }];
  if (bulk.unmatched === 0) return [];
  const [verb, them] = bulk.unmatched === 1 ? ['matches', 'it'] : ['match', 'them'];
  return [
    {
      level: 'notice',
      message: `${count(bulk.unmatched)} in ${bulk.display} ${verb} no finding any more; remove ${them} with --prune-suppressions`,
    },
  ];
}

/**
 * One notice per file left out: an error for a file that could not be parsed
 * (it counts as a problem, exit 2), a warning for one skipped by a budget
 * (too deep, too large, minified: a note, the run's outcome is unchanged),
 * and a warning for one the tsconfig lists that does not exist.
 */
function parseProblemNotices(problems: readonly ParseProblem[]): Notice[] {
  return problems.map((p): Notice => {
    if (p.kind === 'missing') return { level: 'warning', message: `not found, though ${p.message}`, file: p.file };
    if (p.kind === 'skipped') return { level: 'warning', message: `skipped: ${p.message}`, file: p.file };
    return {
      level: 'error',
      message: `cannot parse: ${p.message} (file skipped)`,
      file: p.file,
      line: p.line,
      column: p.column,
    };
  });
}

/** One notice per rule that crashed (the other rules still ran). */
function ruleFailureNotices(failures: readonly RuleFailure[]): Notice[] {
  return failures.map((f) => ({
    level: 'error',
    message: `rule ${f.ruleId} crashed${f.file === undefined ? '' : ` on ${f.file}`}: ${describeError(f.error)}`,
  }));
}

/** What an error stopping the run means: bad input (named in one line) or an internal error. */
export function fatalNotice(error: unknown, debug: boolean): Notice {
  if (error instanceof UserError || isArgError(error)) return { level: 'error', message: describeError(error) };
  const hint = debug ? '' : ' (run with --debug for the stack trace)';
  return { level: 'error', message: `internal error: ${describeError(error)}${hint}` };
}

/** The message of an error, never "null" or "[object Object]". */
function describeError(error: unknown): string {
  if (error instanceof Error) return error.message === '' ? error.name : error.message;
  if (typeof error === 'string') return error;
  try {
    const json: unknown = JSON.stringify(error);
    return typeof json === 'string' ? json : String(error);
  } catch {
    return String(error);
  }
}

/** The stack of an error, when it has one. */
export function stackOf(error: unknown): string | undefined {
  return error instanceof Error ? error.stack : undefined;
}

/** node:util parseArgs throws TypeErrors with an ERR_PARSE_ARGS_* code for bad flags. */
function isArgError(error: unknown): error is Error {
  return (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('ERR_PARSE_ARGS')
  );
}

/** Renders a notice as one line on standard error: `review-bot: file:line:column: message`. */
export function noticeLine(notice: Notice): string {
  const place =
    notice.file === undefined
      ? ''
      : `${notice.file}${notice.line === undefined ? '' : `:${String(notice.line)}`}${notice.column === undefined ? '' : `:${String(notice.column)}`}: `;
  // File names and messages quote the repository: shown, never interpreted by the terminal or the runner.
  return `review-bot: ${forTerminal(place)}${notice.level === 'warning' ? 'warning: ' : ''}${forTerminal(notice.message)}\n`;
}

/** What a shell asks of the analysis: the project to load, the rules, where progress goes. */
export interface AnalysisRequest {
  path: string;
  project: string | undefined;
  files: readonly string[];
  config: string | undefined;
  only: readonly string[];
  disable: readonly string[];
  onProgress?: ((message: string) => void) | undefined;
  /** Apply safe fixes (`write`) or only work them out (`dry-run`). */
  fix?: 'write' | 'dry-run' | undefined;
  /** The findings the shell reports (`--diff`, `--quiet`): with `fix`, only those are fixed; all by default. */
  fixScope?: FixScope | undefined;
  /** Merge in the findings of the project's own ESLint. */
  eslint?: boolean | undefined;
  /** With --cache: the cache location. */
  cache?: string | undefined;
  /**
   * With --cache: the fast check already missed on this command line (the quick path's, src/hit.ts), so the
   * run goes to the full check at once. Skipping it never changes a result: it can only say "hit" sooner.
   */
  fastCheckMissed?: boolean | undefined;
  /**
   * Pull-request mode: the files the change adds or modifies (absolute paths), when only findings in them
   * will be shown. The rules then run on what those files need and report on them alone; their findings are
   * those of a whole run narrowed to the files. Runs with --fix, --cache and suppression updates still
   * analyse the whole project (which they work on), then report on the files alone.
   */
  changedFiles?: readonly string[] | undefined;
  /** The bulk suppressions file (default: review-bot-suppressions.json in the root). */
  suppressionsLocation?: string | undefined;
  /** Rewrite the suppressions file from this run. */
  suppressionsUpdate?: BulkUpdate | undefined;
}

/** The analysis of a shell's target, with the problems it met worded once. */
export interface ShellAnalysis {
  result: AnalysisResult;
  /** The analysed root (absolute). */
  root: string;
  /** Files that could not be parsed, then rules that crashed. */
  notices: Notice[];
  /** How many problems decide exit code 2. */
  problems: number;
  /** The errors of the rules that crashed, for --debug stack traces. */
  errors: unknown[];
  /** What --fix or --fix-dry-run did (the result is then the analysis of the fixed texts). */
  fixed?: FixRun | undefined;
  /** With --cache: how the cache served the run (`hit`: nothing changed, nothing loaded; `partial`; `full`). */
  cache?: CachedAnalysis['plan'] | undefined;
}

/** Runs the pipeline for a shell: with fixes applied first when asked, and the project's ESLint merged in when asked. */
export async function analyseForShell(request: AnalysisRequest): Promise<ShellAnalysis> {
  const options: PipelineOptions = {
    path: request.path,
    project: request.project,
    files: request.files,
    config: request.config,
    only: request.only,
    disable: request.disable,
    onProgress: request.onProgress,
    suppressionsLocation: request.suppressionsLocation,
    suppressionsUpdate: request.suppressionsUpdate,
    changed: wholeProjectNeeded(request) ? undefined : request.changedFiles,
  };
  // A cache hit the fast check serves loads nothing more; anything else loads the engine (the compiler, the
  // rules) here, so that such a hit, --help and --version never pay for it.
  const wanted = cacheLocationOf(request);
  // A cache file committed with the code is neither read nor written (src/cache/origin.ts).
  const refusal = wanted === undefined ? undefined : await cacheRefusal(options, wanted);
  const cache = refusal === undefined ? wanted : undefined;
  const checked = cache !== undefined && request.fastCheckMissed !== true;
  const fast = checked ? fastCacheHit(options, cache) : undefined;
  if (checked) lastFastCheck = fast === undefined ? 'miss' : 'hit';
  const { fixed, base } =
    fast === undefined ? await analyseFully(request, options, cache) : { fixed: undefined, base: fast };
  const { result: analysed, root, parseProblems } = base;
  const bulk = 'bulk' in base ? base.bulk : undefined;
  const overlay = request.fix === 'dry-run' ? fixedTexts(fixed) : undefined;
  const paths = request.files.map((file) => resolve(file));
  const eslint =
    request.eslint === true
      ? await (await import('../eslint/merge.js')).withEslint(analysed, root, { overlay, paths })
      : { result: analysed };
  // Pull-request mode reports on the changed files alone, whether the pipeline ran on them (which it narrows
  // itself) or on the whole project (--fix, --cache): the same findings either way, the project's ESLint's too.
  const result =
    request.changedFiles === undefined ? eslint.result : narrowedTo(eslint.result, root, request.changedFiles);
  const notes: Notice[] = [
    ...(refusal === undefined ? [] : [{ level: 'warning' as const, message: refusal }]),
    ...base.notes.map((message): Notice => ({ level: 'notice', message })),
    ...(eslint.note === undefined ? [] : [{ level: 'warning' as const, message: eslint.note }]),
  ];
  return {
    result,
    root,
    notices: [
      ...(bulk === undefined ? [] : bulkNotices(bulk)),
      ...parseProblemNotices(parseProblems),
      ...ruleFailureNotices(result.failures),
      ...notes,
      ...(fixed === undefined ? [] : fixed.notices),
    ],
    problems: parseProblems.filter((p) => p.kind === 'unparsed').length + result.failures.length,
    errors: result.failures.map((f) => f.error),
    fixed: fixed?.run,
    cache: 'plan' in base ? base.plan : undefined,
  };
}

/** What the last fast check of the cache (src/cache/fast.ts) found; undefined until one ran. */
let lastFastCheck: 'hit' | 'miss' | undefined;

/** What the last fast check of the cache found in this process, if one ran (the quick path tells the engine: src/hit.ts). */
export function lastFastCheckOutcome(): 'hit' | 'miss' | undefined {
  return lastFastCheck;
}

/** Loads the engine (the compiler, ts-morph, the rules) now, as `analyseForShell` would on a run the cache does not serve. */
export async function loadEngine(): Promise<void> {
  await import('../pipeline.js');
}

/** The result with only the findings (and suppressed findings) in the given files (absolute paths). */
function narrowedTo(result: AnalysisResult, root: string, files: readonly string[]): AnalysisResult {
  const kept = new Set(files.map((file) => resolve(file)));
  const inFiles = (finding: Finding): boolean => kept.has(resolve(root, finding.file));
  const narrowed: AnalysisResult = { ...result, findings: result.findings.filter(inFiles) };
  if (result.suppressed !== undefined) narrowed.suppressed = result.suppressed.filter(inFiles);
  return narrowed;
}

/** True when a run must cover the whole project even in pull-request mode: it fixes, caches or rewrites suppressions. */
function wholeProjectNeeded(request: AnalysisRequest): boolean {
  return request.fix !== undefined || request.cache !== undefined || request.suppressionsUpdate !== undefined;
}

/** The fixed texts of a dry run, by relative path (what ESLint lints instead of the files on disk). */
function fixedTexts(fixed: { run: FixRun } | undefined): ReadonlyMap<string, string> | undefined {
  return fixed === undefined ? undefined : new Map(fixed.run.outcome.changes.map((c) => [c.file, c.after]));
}

/** The pipeline's analysis (with fixes applied first, or through the cache in `cache`), loading the engine. */
async function analyseFully(
  request: AnalysisRequest,
  options: PipelineOptions,
  cache: string | undefined,
): Promise<{
  fixed: { run: FixRun; notices: Notice[] } | undefined;
  base: (PipelineResult & { notes: string[] }) | CachedAnalysis;
}> {
  const { analyse } = await import('../pipeline.js');
  if (request.fix !== undefined) {
    const { fixSummary, runFix } = await import('../fix/run-fix.js');
    const run = runFix((overlay) => analyse({ ...options, overlay }), {
      write: request.fix === 'write',
      scope: request.fixScope,
    });
    const notices = fixNotices(fixSummary(run, request.fix === 'write'), run);
    return { fixed: { run, notices }, base: { ...run.pipeline, notes: [] } };
  }
  if (cache === undefined) return { fixed: undefined, base: { ...analyse(options), notes: [] } };
  const { analyseWithCache } = await import('../cache/run.js');
  return { fixed: undefined, base: analyseWithCache(options, cache) };
}

/** The cache a run reads and writes: --cache's, unless it fixes files or rewrites the suppressions file. */
function cacheLocationOf(request: AnalysisRequest): string | undefined {
  return request.fix === undefined && request.suppressionsUpdate === undefined ? request.cache : undefined;
}

/** What fixing did, and the files left alone because they changed on disk meanwhile. */
function fixNotices(summary: string, fixed: FixRun): Notice[] {
  return [
    { level: 'notice', message: summary },
    ...fixed.changedMeanwhile.map((file): Notice => ({
      level: 'warning',
      message: 'changed on disk while it was being fixed: left alone',
      file,
    })),
  ];
}

/** The token for GitHub: the one given, else GITHUB_TOKEN, else GH_TOKEN; `flag` names where it is set. */
export function requireToken(given: string | undefined, env: Env, flag: string): string {
  const token = given ?? env['GITHUB_TOKEN'] ?? env['GH_TOKEN'] ?? '';
  if (token === '') throw new UserError(`${flag}: set GITHUB_TOKEN to a token that may write pull request reviews`);
  return token;
}

/** The API root: the setting, else GITHUB_API_URL, else github.com's; credentials in it are refused. */
export function apiUrlOf(given: string | undefined, env: Env): string {
  if (given !== undefined) return given;
  const fromEnv = env['GITHUB_API_URL'] ?? '';
  return fromEnv === '' ? 'https://api.github.com' : checkedUrl(fromEnv, 'GITHUB_API_URL');
}

/** Environment variables, as a parameter (tests pass their own). */
export type Env = Readonly<Record<string, string | undefined>>;

/** How the cache served a run, in words. */
export function cacheLine(plan: CachedAnalysis['plan']): string {
  if (plan === 'hit') return 'hit: nothing changed, the findings of the last run';
  if (plan === 'partial') return 'partial: the changed files and those that import them analysed again';
  return 'miss: everything analysed, the cache written';
}

/** Writes the analysis's notices, one line each (and, with --debug, rule timings and stack traces). */
export function logAnalysis(err: (text: string) => void, analysis: ShellAnalysis, debug: boolean): void {
  for (const notice of analysis.notices) err(noticeLine(notice));
  if (!debug) return;
  if (analysis.cache !== undefined) err(`review-bot: cache: ${cacheLine(analysis.cache)}\n`);
  const slowest = Object.entries(analysis.result.timings).sort(([, a], [, b]) => b - a);
  err(`review-bot: rule timings (ms): ${slowest.map(([id, ms]) => `${id} ${String(ms)}`).join(', ')}\n`);
  for (const error of analysis.errors) {
    const stack = stackOf(error);
    if (stack !== undefined) err(`${stack}\n`);
  }
}
