/**
 * The diff-aware CLI paths outside Actions:
 * - `review-bot --diff <base-ref>`: keep the findings of `git diff <merge-base>...HEAD`;
 * - `review-bot --github-pr <owner/repo#n>`: post the pull-request review from any CI
 *   (token from GITHUB_TOKEN, `--api-url` for GitHub Enterprise).
 */
import { relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import type { FilterMode } from './diff/filter.js';
import { FILTER_MODES, isFilterMode, markFindings } from './diff/filter.js';
import { cliTarget } from './cli-target.js';
import { createClient } from './github/client.js';
import { parsePullRequestRef } from './github/event.js';
import { gitRoot, headCommit, localDiff } from './github/local-diff.js';
import { getPullRequest } from './github/pull-request.js';
import { reviewPullRequest, selectedFindings } from './github/review-pull-request.js';
import { UserError } from './model/errors.js';
import type { AnalysisResult } from './model/finding.js';
import { severityRank } from './model/severity.js';
import { analyse } from './pipeline.js';

/** Help lines for the options this module adds. */
export const GITHUB_HELP = `  --diff <base-ref>      Report only findings on lines changed since <base-ref> (git diff <merge-base>...HEAD)
  --filter-mode <mode>   With --diff or --github-pr: ${FILTER_MODES.join(', ')} (default: added)
  --github-pr <o/r#n>    Post the review on pull request owner/repo#n (token from GITHUB_TOKEN)
  --api-url <url>        GitHub API root for --github-pr (default: GITHUB_API_URL or https://api.github.com)
  --max-comments <n>     With --github-pr: most inline comments in one review (default: 30)
`;

/** Checks a --filter-mode value. */
export function parseFilterMode(value: string | undefined): FilterMode {
  const mode = value ?? 'added';
  if (!isFilterMode(mode))
    throw new UserError(`--filter-mode: expected one of ${FILTER_MODES.join(', ')}, got "${mode}"`);
  return mode;
}

/** The result narrowed to the findings of `git diff <merge-base>...HEAD` in the repository around `root`. */
export function scopeToLocalDiff(
  result: AnalysisResult,
  root: string,
  baseRef: string,
  mode: FilterMode = 'added',
): AnalysisResult {
  const repository = gitRoot(root);
  if (repository === undefined) throw new UserError(`--diff: ${root} is not inside a git repository`);
  const diff = localDiff(repository, baseRef);
  const rootPrefix = relative(repository, resolve(root)).split(sep).join('/');
  const marked = markFindings(result.findings, diff, { mode, rootPrefix });
  return { ...result, findings: marked.filter((m) => m.selected).map((m) => m.finding) };
}

/** True when the arguments ask for --github-pr (which runs asynchronously). */
export function wantsGitHubPr(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === '--github-pr' || arg.startsWith('--github-pr='));
}

/** Where output goes. */
export interface GitHubIo {
  out(text: string): void;
  err(text: string): void;
}

/** `review-bot --github-pr owner/repo#n [paths]`: analyse, then post the review; returns the exit code. */
export async function githubPrMain(
  argv: readonly string[],
  io: GitHubIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'github-pr': { type: 'string' },
        'api-url': { type: 'string' },
        'filter-mode': { type: 'string' },
        'max-comments': { type: 'string', default: '30' },
        'fail-on': { type: 'string', default: 'error' },
        project: { type: 'string' },
        config: { type: 'string' },
        rule: { type: 'string', multiple: true },
        disable: { type: 'string', multiple: true },
        debug: { type: 'boolean', default: false },
      },
    });
    const ref = parsePullRequestRef(values['github-pr'] ?? '');
    const mode = parseFilterMode(values['filter-mode']);
    const maxComments = Number(values['max-comments']);
    if (!Number.isInteger(maxComments) || maxComments < 0)
      throw new UserError(`--max-comments: expected a whole number, got "${values['max-comments']}"`);
    const failOn = values['fail-on'];
    if (failOn !== 'error' && failOn !== 'warning' && failOn !== 'info' && failOn !== 'never')
      throw new UserError(`--fail-on: expected error, warning, info or never, got "${failOn}"`);
    const token = env['GITHUB_TOKEN'] ?? env['GH_TOKEN'] ?? '';
    if (token === '')
      throw new UserError('--github-pr: set GITHUB_TOKEN to a token that may write pull request reviews');
    const target = cliTarget(positionals, values.project);
    const { result, view } = analyse({ ...target, config: values.config, only: values.rule, disable: values.disable });
    const workspace = gitRoot(view.root) ?? view.root;
    const client = createClient({
      token,
      baseUrl: values['api-url'] ?? env['GITHUB_API_URL'] ?? 'https://api.github.com',
      fast: env['REVIEW_BOT_TEST_FAST_RETRY'] === '1',
      log: (m) => {
        io.err(`review-bot: ${m}\n`);
      },
    });
    const pr = await getPullRequest(client, ref);
    const checkedOut = headCommit(workspace);
    if (checkedOut !== undefined && checkedOut !== pr.headSha) {
      io.err(
        `review-bot: warning: HEAD is ${checkedOut.slice(0, 12)} but the pull request's head is ${pr.headSha.slice(0, 12)}; line numbers may not match\n`,
      );
    }
    const outcome = await reviewPullRequest({
      client,
      pr: ref,
      headSha: pr.headSha,
      baseSha: pr.baseSha,
      changedFiles: pr.changedFiles,
      result,
      rootPrefix: relative(workspace, view.root).split(sep).join('/'),
      workspace,
      mode,
      maxComments,
      log: (m) => {
        io.err(`review-bot: ${m}\n`);
      },
    });
    io.out(`${outcome.plan.summary}\n`);
    if (outcome.posted === undefined) {
      io.err(
        `review-bot: cannot write to ${values['github-pr'] ?? ''} (${outcome.writeError ?? 'forbidden'}); the review is printed above\n`,
      );
    } else {
      const p = outcome.posted;
      io.err(
        `review-bot: ${p.created ? `posted a review with ${p.comments} inline comments` : 'nothing new to post'}${p.updated ? ', updated the latest review' : ''}${p.deleted > 0 ? `, deleted ${p.deleted} outdated comments` : ''}${p.replied > 0 ? `, replied in ${p.replied} threads` : ''}${p.reviewUrl === undefined ? '' : `: ${p.reviewUrl}`}\n`,
      );
    }
    const judged = selectedFindings(outcome.marked);
    return failOn !== 'never' && judged.some((f) => severityRank(f.severity) <= severityRank(failOn)) ? 1 : 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.err(`review-bot: ${error instanceof UserError ? '' : 'error: '}${message}\n`);
    return 2;
  }
}
