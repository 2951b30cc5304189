#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UserError } from './model/errors.js';
import type { AnalysisResult } from './model/finding.js';
import type { Severity } from './model/severity.js';
import { severityRank } from './model/severity.js';
import { TOOL } from './meta.js';
import { analyse } from './pipeline.js';
import { FORMATS, isFormat, render } from './report/index.js';
import { cliTarget } from './cli-target.js';
import type { CliTarget } from './cli-target.js';
import { loadConfig, validateConfig } from './config/config.js';
import { effectiveConfig } from './config/effective.js';
import { analysedRoot, relativePathOf } from './load/project.js';
import type { BulkOutcome } from './suppress/apply.js';
import { SUPPRESSIONS_FILE_NAME } from './suppress/bulk.js';
import type { BulkUpdate } from './suppress/bulk.js';
import { RULES } from '../rules/index.js';
import { resolve } from 'node:path';
import { GITHUB_HELP, githubPrMain, parseFilterMode, scopeToLocalDiff, wantsGitHubPr } from './cli-github.js';

const HELP = `Usage: review-bot [options] [paths...]

Reviews a TypeScript/JavaScript project and prints what it finds.
With no path, the current folder is reviewed. One folder: that folder is the
project. Files or several folders: the project is the current folder (or
--project's), and only findings in those paths are reported.

Options:
  --project <tsconfig>   Load the project from this tsconfig.json (its folder is the root)
  --format <name>        Output format: ${FORMATS.join(', ')} (default: stylish)
  --rule <id>            Run only this rule (repeatable; enables experimental rules)
  --disable <id>         Do not run this rule (repeatable)
  --config <file>        Configuration file (default: .review-bot.json in the root)
  --fail-on <level>      Exit 1 when a finding is at or above: error, warning, info, never (default: error)
  --output <file>        Write the report to a file instead of standard output
  --quiet                Report errors only
  --print-config         Print the effective configuration as JSON (with a file: how ignore/tests/generated class it)
  --suppress-all         Accept every current finding: add them to the suppressions file
  --suppress-rule <id>   Accept the current findings of this rule (repeatable)
  --prune-suppressions   Remove suppressions that match no finding any more
  --suppressions-location <file>
                         Suppressions file (default: review-bot-suppressions.json in the root)
${GITHUB_HELP}  --debug                Print stack traces of internal errors
  --help                 Show this help
  --version              Show the version

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above --fail-on,
2 bad input (missing path, broken tsconfig or config, unparsable source) or an
internal error (a rule that crashed; the other rules still ran).
`;

type FailOn = Severity | 'never';

/** Runs the CLI and returns its exit code. */
export function main(argv: readonly string[], io: Io = processIo()): number {
  let debug = argv.includes('--debug');
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        project: { type: 'string' },
        format: { type: 'string', default: 'stylish' },
        rule: { type: 'string', multiple: true },
        disable: { type: 'string', multiple: true },
        config: { type: 'string' },
        'fail-on': { type: 'string', default: 'error' },
        output: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        'print-config': { type: 'boolean', default: false },
        'suppress-all': { type: 'boolean', default: false },
        'suppress-rule': { type: 'string', multiple: true },
        'prune-suppressions': { type: 'boolean', default: false },
        'suppressions-location': { type: 'string' },
        diff: { type: 'string' },
        'filter-mode': { type: 'string' },
        debug: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
        version: { type: 'boolean', default: false },
      },
    });
    debug = values.debug;
    if (values.help) return (io.out(HELP), 0);
    if (values.version) return (io.out(`${TOOL.version}\n`), 0);
    const format = values.format;
    if (!isFormat(format)) throw new UserError(`--format: unknown format "${format}" (known: ${FORMATS.join(', ')})`);
    const failOn = parseFailOn(values['fail-on']);
    const target = cliTarget(positionals, values.project);
    if (values['print-config']) return (io.out(printConfig(target, values.config)), 0);
    const progress = io.progress();
    const {
      result: analysed,
      parseProblems,
      view,
      bulk,
    } = analyse({
      ...target,
      config: values.config,
      only: values.rule,
      disable: values.disable,
      onProgress: progress.update,
      suppressionsLocation: values['suppressions-location'],
      suppressionsUpdate: bulkUpdate(values['suppress-all'], values['suppress-rule'], values['prune-suppressions']),
    });
    progress.done();
    io.err(bulkNote(bulk, values['suppressions-location']));
    const result =
      values.diff === undefined
        ? analysed
        : scopeToLocalDiff(analysed, view.root, values.diff, parseFilterMode(values['filter-mode']));
    for (const problem of parseProblems) {
      io.err(
        `review-bot: ${problem.file}:${String(problem.line)}:${String(problem.column)}: cannot parse: ${problem.message} (file skipped)\n`,
      );
    }
    if (debug) {
      const slowest = Object.entries(result.timings).sort(([, a], [, b]) => b - a);
      io.err(`review-bot: rule timings (ms): ${slowest.map(([id, ms]) => `${id} ${String(ms)}`).join(', ')}\n`);
    }
    for (const failure of result.failures) {
      const where = failure.file === undefined ? '' : ` on ${failure.file}`;
      io.err(`review-bot: rule ${failure.ruleId} crashed${where}: ${describe(failure.error)}\n`);
      if (debug && failure.error instanceof Error && failure.error.stack !== undefined)
        io.err(`${failure.error.stack}\n`);
    }
    const shown = values.quiet
      ? { ...result, findings: result.findings.filter((f) => f.severity === 'error') }
      : result;
    const text = render(format, shown, { color: values.output === undefined && io.color });
    if (values.output === undefined) io.out(text);
    else writeFileSync(values.output, text);
    if (parseProblems.length > 0 || result.failures.length > 0) return 2;
    return failsOn(shown, failOn) ? 1 : 0;
  } catch (error) {
    if (error instanceof UserError || isArgError(error)) {
      io.err(`review-bot: ${describe(error)}\n`);
      if (debug && error instanceof Error && error.stack !== undefined) io.err(`${error.stack}\n`);
      return 2;
    }
    io.err(`review-bot: internal error: ${describe(error)}${debug ? '' : ' (run with --debug for the stack trace)'}\n`);
    if (debug && error instanceof Error && error.stack !== undefined) io.err(`${error.stack}\n`);
    return 2;
  }
}

/** The effective configuration as JSON; a named file is classed by the globs. */
function printConfig(target: CliTarget, explicit: string | undefined): string {
  const root = analysedRoot(target);
  const config = loadConfig(root, explicit);
  validateConfig(config, RULES);
  const [file] = target.files;
  const printed = effectiveConfig(config, RULES, file === undefined ? undefined : relativePathOf(root, resolve(file)));
  return `${JSON.stringify(printed, null, 2)}\n`;
}

/** The suppressions file update the flags ask for, if any; they exclude each other. */
function bulkUpdate(all: boolean, rules: readonly string[] | undefined, prune: boolean): BulkUpdate | undefined {
  const asked = [all, rules !== undefined, prune].filter(Boolean).length;
  if (asked > 1)
    throw new UserError('--suppress-all, --suppress-rule and --prune-suppressions cannot be used together');
  if (all) return { kind: 'suppress-all' };
  if (rules !== undefined) return { kind: 'suppress-rules', rules };
  return prune ? { kind: 'prune' } : undefined;
}

/** A line about the suppressions file: what was written, or what --prune-suppressions would drop. */
function bulkNote(bulk: BulkOutcome, location: string | undefined): string {
  const name = location ?? SUPPRESSIONS_FILE_NAME;
  const count = (n: number): string => `${String(n)} suppression${n === 1 ? '' : 's'}`;
  if (bulk.written) return `review-bot: wrote ${count(bulk.entries)} to ${name}\n`;
  if (bulk.unmatched > 0)
    return `review-bot: ${count(bulk.unmatched)} in ${name} match no finding any more; remove them with --prune-suppressions\n`;
  return '';
}

function parseFailOn(value: string): FailOn {
  if (value === 'error' || value === 'warning' || value === 'info' || value === 'never') return value;
  throw new UserError(`--fail-on: expected error, warning, info or never, got "${value}"`);
}

/** True when a finding is at or above the --fail-on level. */
function failsOn(result: AnalysisResult, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return result.findings.some((f) => severityRank(f.severity) <= severityRank(failOn));
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

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Where the CLI writes; tests pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  color: boolean;
  progress(): { update: (message: string) => void; done: () => void };
}

/** Standard output and error; a progress line on a terminal when a run takes over a second. */
function processIo(): Io {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    color: process.stdout.isTTY && process.env['NO_COLOR'] === undefined,
    progress: () => {
      const started = Date.now();
      let shown = false;
      return {
        update: (message) => {
          if (!process.stderr.isTTY || Date.now() - started < 1000) return;
          shown = true;
          process.stderr.write(`\r\u001b[K${message}`);
        },
        done: () => {
          if (shown) process.stderr.write('\r\u001b[K');
        },
      };
    },
  };
}

if (process.argv[1] !== undefined && /(?:^|[\\/])(?:cli\.[cm]?[jt]s|review-bot)$/.test(process.argv[1])) {
  const argv = process.argv.slice(2);
  if (wantsGitHubPr(argv))
    void githubPrMain(argv, processIo()).then((code) => {
      process.exitCode = code;
    });
  else process.exitCode = main(argv);
}
