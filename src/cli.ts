#!/usr/bin/env node
/** The `review-bot` command: argv -> settings (src/shell/options.ts) -> a local review or --github-pr -> exit code. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { TOOL } from './meta.js';
import { render } from './report/index.js';
import { cliTarget } from './cli-target.js';
import { changedFilesOf, readLocalDiffOf, scopeToLocalDiff } from './cli-diff.js';
import type { CliTarget } from './cli-target.js';
import type { ClientTiming } from './github/client.js';
import type { Env } from './shell/core.js';
import type { AnalysisResult } from './model/finding.js';
import {
  EXIT,
  analyseForShell,
  loadEngine,
  exitCodeOf,
  failingFindings,
  fatalNotice,
  logAnalysis,
  noticeLine,
  stackOf,
} from './shell/core.js';
import type { OptionSpec, Settings } from './shell/options.js';
import { optionsOf, readSettings } from './shell/options.js';
import { docsUrlTemplate } from './report/docs-url.js';
import { analysedRoot, relativePathOf } from './load/root.js';

/** The help text, its option lines made from the table of inputs. */
function helpText(): string {
  const lines = optionsOf('cli').map(helpLine);
  return `Usage: review-bot [options] [paths...]

Reviews a TypeScript/JavaScript project and prints what it finds.
With no path, the current folder is reviewed. One folder: that folder is the
project. Files or several folders: the project is the current folder (or
--project's), and only findings in those paths are reported.

Options:
${lines.join('\n')}

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above --fail-on,
2 bad input (missing path, broken tsconfig or config, unparsable source) or an
internal error (a rule that crashed; the other rules still ran), 3 GitHub
failed and the review was not posted (--github-pr; the review is printed).
`;
}

/** One option line of the help: `  --name <value>   help (default: x)`. */
function helpLine(option: OptionSpec): string {
  const name = `--${option.name}${option.value === undefined ? '' : ` ${option.value}`}`;
  const fallback = option.default === undefined ? '' : ` (default: ${option.default})`;
  return `  ${name.padEnd(28)} ${option.help}${fallback}`;
}

/** The table of inputs in node:util parseArgs's shape. */
function parseArgsTable(): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(
    optionsOf('cli').map((o) => [o.name, o.multiple === true ? { type: o.type, multiple: true } : { type: o.type }]),
  );
}

/** What the command line cannot give: the environment and the client's pace (tests pass their own). */
export interface CliContext {
  env: Env;
  timing?: ClientTiming | undefined;
  /** The quick path's fast check of the cache already missed on this command line (src/hit.ts). */
  fastCheckMissed?: boolean | undefined;
}

/** Runs the command and returns its exit code. */
export async function main(
  argv: readonly string[],
  io: Io = processIo(),
  context: CliContext = { env: process.env },
): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: parseArgsTable() });
    const settings = readSettings(values, (name) => `--${name}`);
    debug = settings.debug;
    if (settings.help) return (io.out(helpText()), EXIT.clean);
    if (settings.version) return (io.out(`${TOOL.version}\n`), EXIT.clean);
    const target = cliTarget(positionals, settings.project);
    if (settings.printConfig) return (io.out(await printConfig(target, settings.config)), EXIT.clean);
    if (settings.githubPr !== undefined)
      return await (await import('./cli-github.js')).reviewPullRequestFromCli(settings, target, io, context);
    return await reviewLocally(settings, target, io, context);
  } catch (error) {
    io.err(noticeLine(fatalNotice(error, debug)));
    const stack = stackOf(error);
    if (debug && stack !== undefined) io.err(`${stack}\n`);
    return EXIT.problems;
  }
}

/** Analyses (fixing first with --fix), narrows to --diff, prints the report in --format (the diff with --fix-dry-run). */
async function reviewLocally(settings: Settings, target: CliTarget, io: Io, context: CliContext): Promise<number> {
  const progress = io.progress();
  /** What is reported of an analysis: narrowed to --diff, then to errors with --quiet. --fix fixes only that. */
  const reading = settings.diff === undefined ? undefined : readLocalDiffOf(analysedRoot(target), settings.diff);
  if (reading !== undefined && settings.cache === undefined) {
    // git works in its own processes meanwhile (a run the cache may serve loads no engine).
    reading.catch(() => undefined); // awaited just below
    await loadEngine();
  }
  const diff = await reading;
  const reported = (result: AnalysisResult): AnalysisResult => {
    const scoped = diff === undefined ? result : scopeToLocalDiff(result, diff, settings.filterMode);
    return settings.quiet ? { ...scoped, findings: scoped.findings.filter((f) => f.severity === 'error') } : scoped;
  };
  const analysis = await analyseForShell({
    ...target,
    changedFiles: diff === undefined ? undefined : changedFilesOf(diff, settings.filterMode),
    config: settings.config,
    only: settings.only,
    disable: settings.disable,
    onProgress: progress.update,
    fix: settings.fix,
    fixScope:
      settings.diff === undefined && !settings.quiet ? undefined : (pipeline) => reported(pipeline.result).findings,
    eslint: settings.eslint,
    cache: settings.cache,
    fastCheckMissed: context.fastCheckMissed,
    suppressionsLocation: settings.suppressionsLocation,
    suppressionsUpdate: settings.suppressionsUpdate,
  });
  progress.done();
  const shown = reported(analysis.result);
  logAnalysis(
    (text) => {
      io.err(text);
    },
    analysis,
    settings.debug,
  );
  const text =
    settings.fix === 'dry-run'
      ? (analysis.fixed?.diff ?? '')
      : render(settings.format, shown, {
          color: settings.output === undefined && io.color,
          docsTemplate: docsUrlTemplate(settings.docsUrl, context.env),
        });
  if (settings.output === undefined) io.out(text);
  else writeFileSync(settings.output, text);
  const failing = failingFindings(shown.findings, settings.failOn).length;
  return exitCodeOf({ failing, problems: analysis.problems, githubFailed: false });
}

/** The effective configuration as JSON (`--print-config`); a named file is classed by the globs. */
async function printConfig(target: CliTarget, explicit: string | undefined): Promise<string> {
  const [{ loadConfig, validateConfig }, { effectiveConfig }, { RULES }] = await Promise.all([
    import('./config/config.js'),
    import('./config/effective.js'),
    import('../rules/index.js'),
  ]);
  const root = analysedRoot(target);
  const config = loadConfig(root, explicit);
  validateConfig(config, RULES);
  const [file] = target.files;
  const printed = effectiveConfig(config, RULES, file === undefined ? undefined : relativePathOf(root, resolve(file)));
  return `${JSON.stringify(printed, null, 2)}\n`;
}

/** Where the CLI writes; tests pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  color: boolean;
  progress(): { update: (message: string) => void; done: () => void };
}

/** Standard output and error; a progress line on a terminal when a run takes over a second. */
export function processIo(): Io {
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
