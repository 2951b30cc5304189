import { resolve } from 'node:path';
import type { SourceFile } from 'ts-morph';
import { RULES } from '../rules/index.js';
import { runRules } from './analyse/run-rules.js';
import type { ConfiguredRule } from './analyse/run-rules.js';
import { configurableMetas, loadConfig, suppressionSeverity, validateConfig } from './config/config.js';
import { compileGlobs } from './config/glob.js';
import { applySuppressions } from './suppress/apply.js';
import { parseDirectives } from './suppress/directives.js';
import type { BulkOutcome } from './suppress/apply.js';
import { suppressionsPath } from './suppress/bulk.js';
import { SUPPRESSION_META } from './suppress/meta.js';
import type { BulkUpdate } from './suppress/bulk.js';
import type { Config } from './config/config.js';
import { UserError } from './model/errors.js';
import type { AnalysisResult } from './model/finding.js';
import type { ProjectView } from './model/project-view.js';
import type { AnyRule } from './model/rule.js';
import { leftOutFiles, loadProject } from './load/project.js';
import { analysedRoot } from './load/root.js';
import type { ParseProblem } from './load/project.js';

/** What to analyse and with which rules. */
export interface PipelineOptions {
  /** Folder to analyse (default: the current folder). */
  path: string;
  /** Explicit tsconfig.json. */
  project?: string | undefined;
  /** Explicit configuration file (default: `.review-bot.json` in the root). */
  config?: string | undefined;
  /** Run only these rules (enables experimental ones too). */
  only?: readonly string[] | undefined;
  /** Never run these rules. */
  disable?: readonly string[] | undefined;
  /** Report only on these files (relative to the current folder or absolute); all when empty. */
  files?: readonly string[] | undefined;
  /**
   * Pull-request mode: the files a change adds or modifies (absolute paths). Rules then report only on those
   * of them the run reports on (file rules run on them alone), with the same findings there as a whole run;
   * an empty list reports on nothing. Undefined: no change to narrow to.
   */
  changed?: readonly string[] | undefined;
  /** Rules to choose from (tests pass their own); the registry by default. */
  registry?: readonly AnyRule[] | undefined;
  /** Called as rules start, for a progress line. */
  onProgress?: ((message: string) => void) | undefined;
  /** Rule settings laid over the configuration file's (tests use it for rule options). */
  inlineRules?: Config['rules'] | undefined;
  /** Texts (by path relative to the analysed root) laid over the files on disk: how --fix re-analyses fixed files. */
  overlay?: ReadonlyMap<string, string> | undefined;
  /** The bulk suppressions file, or a folder holding it (default: review-bot-suppressions.json in the root). */
  suppressionsLocation?: string | undefined;
  /** `--suppress-all`, `--suppress-rule` or `--prune-suppressions`: rewrite the suppressions file from this run. */
  suppressionsUpdate?: BulkUpdate | undefined;
}

/** The analysis, the folder its paths are relative to, and the files that could not be parsed. */
export interface PipelineResult {
  result: AnalysisResult;
  /** The analysed root (absolute); every path in the result is relative to it. */
  root: string;
  /**
   * The source files analysed, relative to the root (files left out are in `parseProblems`); in pull-request
   * mode, the changed ones (the rules parse of the others only what they need).
   */
  files: string[];
  parseProblems: ParseProblem[];
  /** What the bulk suppressions file did this run. */
  bulk: BulkOutcome;
}

/** load -> analyse -> suppress. Filtering by diff and reporting are separate stages. */
export function analyse(options: PipelineOptions): PipelineResult {
  const registry = options.registry ?? RULES;
  checkRuleIds(registry, options.only ?? [], '--rule');
  checkRuleIds(registry, options.disable ?? [], '--disable');
  if (options.suppressionsUpdate?.kind === 'suppress-rules')
    checkRuleIds(
      [...registry, { meta: SUPPRESSION_META, run: () => [] }],
      options.suppressionsUpdate.rules,
      '--suppress-rule',
    );
  const root = analysedRoot(options);
  const loaded = loadConfig(root, options.config);
  const config: Config = { ...loaded, rules: { ...loaded.rules, ...options.inlineRules } };
  validateConfig(config, registry);
  options.onProgress?.('review-bot: loading the project…');
  const { view, parseProblems } = loadProject({
    path: options.path,
    project: options.project,
    settings: config.settings,
    tests: config.tests,
    generated: config.generated,
    // Pull-request mode: what the rules need of the other files is parsed when they ask for it.
    focus: options.changed,
  });
  for (const [file, text] of options.overlay ?? [])
    view.project.getSourceFile(resolve(view.root, file))?.replaceWithText(text);
  const reportedFiles = withoutIgnored(
    view,
    config,
    narrowToChange(view, selectFiles(view, options.files ?? []), options.changed),
  );
  const run = analyseView(view, config, { ...options, registry, reportedFiles });
  // Asked after the rules: a file the compiler read and skipped while building the program for them is known by now.
  const problems = parseProblems();
  const analysed = { ...run, unparsedFiles: leftOutFiles(problems) };
  const bulkPath = suppressionsPath(view.root, options.suppressionsLocation);
  const { result, bulk } = applySuppressions(analysed, {
    files: new Map(
      (reportedFiles === undefined ? view.files : [...reportedFiles]).map((f) => [
        view.relativePath(f),
        parseDirectives(f.compilerNode),
      ]),
    ),
    knownRules: new Set(configurableMetas(registry).map((m) => m.id)),
    severity: suppressionSeverity(config),
    bulkPath,
    bulkDisplay: view.relativePath(bulkPath),
    update: options.suppressionsUpdate,
  });
  return {
    result,
    root: view.root,
    files: (options.changed === undefined ? view.files : [...(reportedFiles ?? [])]).map((f) => view.relativePath(f)),
    parseProblems: problems,
    bulk,
  };
}

/** Runs the configured rules over an already loaded project. */
export function analyseView(
  view: ProjectView,
  config: Config,
  options: Pick<PipelineOptions, 'only' | 'disable' | 'onProgress'> & {
    registry: readonly AnyRule[];
    reportedFiles?: ReadonlySet<SourceFile> | undefined;
  },
): AnalysisResult {
  return runRules({
    view,
    rules: configureRules(options.registry, config, options),
    reportedFiles: options.reportedFiles,
    securityRulesKnown: options.registry.filter((r) => r.meta.category === 'security').map((r) => r.meta.id),
    onProgress: options.onProgress,
  });
}

/** Applies defaults, the configuration file, --rule and --disable. */
export function configureRules(
  registry: readonly AnyRule[],
  config: Config,
  options: Pick<PipelineOptions, 'only' | 'disable'>,
): ConfiguredRule[] {
  const only = new Set(options.only ?? []);
  const disabled = new Set(options.disable ?? []);
  const out: ConfiguredRule[] = [];
  for (const rule of registry) {
    const id = rule.meta.id;
    if (disabled.has(id) || (only.size > 0 && !only.has(id))) continue;
    const setting = config.rules[id];
    let severity = rule.meta.defaultSeverity;
    let options: Record<string, unknown> = {};
    let enabled = rule.meta.stability === 'stable' || only.has(id);
    if (typeof setting === 'string') {
      if (setting === 'off') enabled = false;
      else {
        severity = setting;
        enabled = true;
      }
    } else if (setting !== undefined) {
      if (setting.severity === 'off') enabled = false;
      else {
        enabled = true;
        if (setting.severity !== undefined) severity = setting.severity;
      }
      options = setting.options ?? {};
    }
    if (enabled) out.push({ rule, severity, options });
  }
  return out;
}

function checkRuleIds(registry: readonly AnyRule[], ids: readonly string[], flag: string): void {
  const known = new Set(registry.map((r) => r.meta.id));
  for (const id of ids) if (!known.has(id)) throw new UserError(`${flag}: unknown rule "${id}"`);
}

/** The files to report on without those the configuration's `ignore` names; undefined (all) when nothing is left out. */
function withoutIgnored(
  view: ProjectView,
  config: Config,
  selected: ReadonlySet<SourceFile> | undefined,
): ReadonlySet<SourceFile> | undefined {
  const ignore = config.ignore ?? [];
  if (ignore.length === 0) return selected;
  const ignored = compileGlobs(ignore);
  const candidates = selected === undefined ? view.files : [...selected];
  return new Set(candidates.filter((file) => !ignored.matches(view.relativePath(file))));
}

/** The selected files (all when undefined) that the change touches; the selection itself when there is no change. */
function narrowToChange(
  view: ProjectView,
  selected: ReadonlySet<SourceFile> | undefined,
  changed: readonly string[] | undefined,
): ReadonlySet<SourceFile> | undefined {
  if (changed === undefined) return selected;
  const paths = new Set(changed.map((p) => resolve(p)));
  if (selected === undefined) return new Set(view.filesAt(paths));
  return new Set([...selected].filter((file) => paths.has(file.getFilePath())));
}

/** The files to report on, from paths given on the command line. */
function selectFiles(view: ProjectView, paths: readonly string[]): ReadonlySet<SourceFile> | undefined {
  if (paths.length === 0) return undefined;
  const absolute = paths.map((p) => resolve(p));
  const selected = new Set<SourceFile>();
  for (const file of view.files) {
    const path = file.getFilePath();
    if (absolute.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`))) selected.add(file);
  }
  if (selected.size === 0)
    throw new UserError(`none of the given paths is a source file of the project: ${paths.join(', ')}`);
  return selected;
}
