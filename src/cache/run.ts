import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ts } from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import { RULES } from '../../rules/index.js';
import { compareFindings } from '../analyse/run-rules.js';
import type { ConfiguredRule } from '../analyse/run-rules.js';
import { configurableMetas, loadConfig, suppressionSeverity, validateConfig } from '../config/config.js';
import type { Config } from '../config/config.js';
import { compileGlobs } from '../config/glob.js';
import { loadProject, relativePathOf } from '../load/project.js';
import type { ParseProblem } from '../load/project.js';
import { TOOL } from '../meta.js';
import type { AnalysisResult, RuleFailure } from '../model/finding.js';
import type { ProjectView } from '../model/project-view.js';
import { analyse, analyseView, configureRules } from '../pipeline.js';
import type { PipelineOptions } from '../pipeline.js';
import { applySuppressions } from '../suppress/apply.js';
import type { BulkOutcome } from '../suppress/apply.js';
import { suppressionsPath } from '../suppress/bulk.js';
import type { CachedResult, CacheEntry } from './entry.js';
import { CACHE_FORMAT } from './entry.js';
import { cacheKey, currentHashes, currentlyGlobal, describeFiles, hashText, ruleVersion } from './inputs.js';
import type { KeyInputs } from './inputs.js';
import { planCachedRun } from './plan.js';
import type { CachePlan } from './plan.js';
import { cacheFileFor, readCache, writeCache } from './store.js';

/** What a cached analysis gives the shells: what `analyse` gives, minus the loaded project (a cache hit never loads it). */
export interface CachedAnalysis {
  result: AnalysisResult;
  /** The analysed root (what the shells use the view for). */
  root: string;
  parseProblems: ParseProblem[];
  /** Lines for the user: a cache file that was ignored, or could not be written. */
  notes: string[];
  /** How the cache was used: `hit` (nothing loaded), `partial` (some files re-analysed) or `full`. */
  plan: CachePlan['kind'];
  /** What the bulk suppressions file did this run. */
  bulk: BulkOutcome;
}

/**
 * `analyse` with a cache in `location`: when nothing the findings depend on
 * changed, the stored result is returned without loading the project or
 * building the type checker; when some files changed, file rules run on those
 * files and the files that import them; otherwise everything runs. The result
 * is written back for the next run. Findings equal those of `analyse`.
 */
export function analyseWithCache(options: PipelineOptions, location: string): CachedAnalysis {
  const prepared = prepare(options);
  if (prepared === undefined) {
    return { ...analyse(options), notes: [], plan: 'full' };
  }
  const { root, config, rules, key } = prepared;
  const tool = toolBuild();
  const file = cacheFileFor(location, root);
  const read = readCache(file, tool);
  const notes = read.note === undefined ? [] : [read.note];
  const known = read.entry === undefined ? [] : Object.keys(read.entry.files);
  const plan = planCachedRun(read.entry, {
    key,
    hashes: currentHashes(root, known),
    isGlobal: (f) => currentlyGlobal(root, f),
  });
  if (plan.kind === 'hit') {
    const stored = fromCache(plan.result, rules);
    const suppressed = suppress(stored.result, storedTexts(root, plan.result.reportedFiles), root, config, options);
    return { ...stored, ...suppressed, root, notes, plan: 'hit' };
  }
  options.onProgress?.('review-bot: loading the project…');
  const { view, parseProblems } = loadProject({
    path: options.path,
    project: options.project,
    settings: config.settings,
    tests: config.tests,
    generated: config.generated,
  });
  const reported = withoutIgnored(view, config);
  const partial = plan.kind === 'partial' ? partialRun(view, config, rules, options, plan, reported) : undefined;
  const run = partial ?? fullRun(view, config, rules, options, reported);
  // Asked after the rules: a file the compiler read and skipped while building the program for them is known by now.
  const problems = parseProblems();
  const result = { ...run.result, unparsedFiles: problems.map((p) => p.file) };
  const reportedFiles = reported === undefined ? view.files : [...reported];
  const entry: CacheEntry = {
    format: CACHE_FORMAT,
    tool,
    key,
    files: describeFiles(view.root, view.project.getSourceFiles(), view.project.getCompilerOptions()),
    localRules: run.localRules,
    result: toCache(
      result,
      reportedFiles.map((f) => view.relativePath(f)),
      problems,
    ),
  };
  const written = writeCache(file, entry);
  if (written !== undefined) notes.push(written);
  const texts = new Map(reportedFiles.map((f) => [view.relativePath(f), f.compilerNode]));
  return {
    ...suppress(result, texts, view.root, config, options),
    root: view.root,
    parseProblems: problems,
    notes,
    plan: partial === undefined ? 'full' : 'partial',
  };
}

/**
 * The suppress stage, as `analyse` runs it after the rules: the cache stores
 * findings before suppression, so an edited suppression comment or
 * suppressions file takes effect at once, with or without a cache hit.
 */
function suppress(
  result: AnalysisResult,
  files: ReadonlyMap<string, ts.SourceFile>,
  root: string,
  config: Config,
  options: PipelineOptions,
): { result: AnalysisResult; bulk: BulkOutcome } {
  const registry = options.registry ?? RULES;
  const bulkPath = suppressionsPath(root, options.suppressionsLocation);
  return applySuppressions(result, {
    files,
    knownRules: new Set(configurableMetas(registry).map((m) => m.id)),
    severity: suppressionSeverity(config),
    bulkPath,
    bulkDisplay: relativePathOf(root, bulkPath),
    update: undefined,
  });
}

/** The analysed files left after the configuration's `ignore`; undefined (all) when it ignores nothing. */
function withoutIgnored(view: ProjectView, config: Config): ReadonlySet<SourceFile> | undefined {
  const ignore = config.ignore ?? [];
  if (ignore.length === 0) return undefined;
  const ignored = compileGlobs(ignore);
  return new Set(view.files.filter((file) => !ignored.matches(view.relativePath(file))));
}

/** An empty file: what a file without the `review-bot-` prefix gives the suppress stage (it can hold no directive). */
const NO_DIRECTIVES = ts.createSourceFile('empty.ts', '', ts.ScriptTarget.Latest);

/**
 * The reported files as the suppress stage reads them on a cache hit, without
 * loading the project: a file whose text has a `review-bot-` comment prefix is
 * parsed alone (comments need no types); any other file holds no directive.
 */
function storedTexts(root: string, files: readonly string[]): Map<string, ts.SourceFile> {
  const texts = new Map<string, ts.SourceFile>();
  for (const file of files) {
    const path = join(root, file);
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      // unreadable now: it holds no directive this run
    }
    texts.set(
      file,
      text.includes('review-bot-') ? ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true) : NO_DIRECTIVES,
    );
  }
  return texts;
}

/** The run's root, configuration, rules and cache key, computed without loading the project; undefined when the cache does not apply. */
function prepare(
  options: PipelineOptions,
): { root: string; config: Config; rules: ConfiguredRule[]; key: string } | undefined {
  if ((options.files ?? []).length > 0) return undefined; // narrowed reports are not cached
  const located = locate(options);
  if (located === undefined) return undefined; // let `analyse` report the bad path
  const registry = options.registry ?? RULES;
  const known = new Set(registry.map((r) => r.meta.id));
  const named = [...(options.only ?? []), ...(options.disable ?? [])];
  if (named.some((id) => !known.has(id))) return undefined; // let `analyse` report the unknown rule
  const loaded = loadConfig(located.root, options.config);
  const config: Config = { ...loaded, rules: { ...loaded.rules, ...options.inlineRules } };
  validateConfig(config, registry);
  const rules = configureRules(registry, config, options);
  const inputs: KeyInputs = {
    tool: toolBuild(),
    // The whole configuration: `ignore`, `tests` and `generated` change what the rules look at and report on.
    config,
    rules: rules.map((r) => ({
      id: r.rule.meta.id,
      severity: r.severity,
      options: r.options,
      meta: ruleVersion(r.rule.meta),
    })),
    selection: { only: options.only ?? [], disable: options.disable ?? [], known: registry.map((r) => r.meta.id) },
  };
  return { ...located, config, rules, key: cacheKey(inputs, located.root, located.tsconfig) };
}

/** The analysed root and tsconfig as the loader will find them, or undefined when the path is not usable. */
function locate(options: PipelineOptions): { root: string; tsconfig: string | undefined } | undefined {
  const target = resolve(options.project ?? options.path);
  if (!existsSync(target)) return undefined;
  if (options.project !== undefined) {
    if (!statSync(target).isDirectory()) return { root: dirname(target), tsconfig: target };
    return { root: target, tsconfig: join(target, 'tsconfig.json') };
  }
  if (!statSync(target).isDirectory()) return undefined;
  const tsconfig = join(target, 'tsconfig.json');
  return { root: target, tsconfig: existsSync(tsconfig) ? tsconfig : undefined };
}

/** Runs every rule on every file, one rule at a time, noting which file rules read project-wide data. */
function fullRun(
  view: ProjectView,
  config: Config,
  rules: readonly ConfiguredRule[],
  options: PipelineOptions,
  reported: ReadonlySet<SourceFile> | undefined,
): { result: AnalysisResult; localRules: string[] } {
  return runEach(view, config, rules, options, () => reported, reported);
}

/**
 * Runs project rules (and file rules that read project-wide data) everywhere,
 * local file rules on dirty files, and adds the stored findings; undefined
 * when a local rule turned out to read project-wide data (run everything).
 */
function partialRun(
  view: ProjectView,
  config: Config,
  rules: readonly ConfiguredRule[],
  options: PipelineOptions,
  plan: Extract<CachePlan, { kind: 'partial' }>,
  reported: ReadonlySet<SourceFile> | undefined,
): { result: AnalysisResult; localRules: string[] } | undefined {
  const dirty = new Set(
    view.files.filter((f) => plan.dirty.has(view.relativePath(f)) && (reported === undefined || reported.has(f))),
  );
  const run = runEach(view, config, rules, options, (id) => (plan.localRules.has(id) ? dirty : reported), reported);
  const kept = new Set(run.localRules);
  // A rule that was local and now read project-wide data ran on the dirty files only: run everything instead.
  if ([...plan.localRules].some((id) => rules.some((r) => r.rule.meta.id === id) && !kept.has(id))) return undefined;
  const findings = [...run.result.findings, ...plan.reused].sort(compareFindings);
  return { result: { ...run.result, findings }, localRules: run.localRules };
}

/**
 * Runs the rules one at a time through the pipeline (so findings, ranges and
 * fingerprints are made exactly as in a whole run), each on the files
 * `filesFor` gives (all when undefined). A file rule is local when it read no
 * project-wide data (`memo`, `publicApi`, name-wide references) during the run.
 */
function runEach(
  view: ProjectView,
  config: Config,
  rules: readonly ConfiguredRule[],
  options: PipelineOptions,
  filesFor: (ruleId: string) => ReadonlySet<SourceFile> | undefined,
  reported: ReadonlySet<SourceFile> | undefined,
): { result: AnalysisResult; localRules: string[] } {
  const registry = options.registry ?? RULES;
  const tracked = trackProjectReads(view);
  const results: AnalysisResult[] = [];
  const localRules: string[] = [];
  for (const configured of rules) {
    const id = configured.rule.meta.id;
    tracked.reset();
    results.push(
      analyseView(tracked.view, config, {
        registry,
        only: [id],
        reportedFiles: filesFor(id),
        onProgress: options.onProgress,
      }),
    );
    if (configured.rule.meta.scope === 'file' && !tracked.readProject()) localRules.push(id);
  }
  return {
    result: mergeResults(results, reported === undefined ? view.files.length : reported.size, registry),
    localRules,
  };
}

/** One result from the per-rule results, in the order and shape of a whole run. */
function mergeResults(
  results: readonly AnalysisResult[],
  fileCount: number,
  registry: readonly { meta: { id: string; category: string } }[],
): AnalysisResult {
  return {
    findings: results.flatMap((r) => r.findings).sort(compareFindings),
    failures: results.flatMap((r) => r.failures),
    fileCount,
    unparsedFiles: [],
    rulesRun: results.flatMap((r) => r.rulesRun),
    rulesMeta: results.flatMap((r) => r.rulesMeta),
    securityRulesRun: results.flatMap((r) => r.securityRulesRun),
    securityRulesKnown: registry.filter((r) => r.meta.category === 'security').map((r) => r.meta.id),
    timings: Object.fromEntries(results.flatMap((r) => Object.entries(r.timings))),
  };
}

/**
 * A view that notes when a rule reads project-wide data: `memo` (a model of
 * every file), `publicApi`, or every occurrence of a name. A file rule that
 * does none of these sees only its file and, through the type checker, what
 * that file imports.
 */
function trackProjectReads(view: ProjectView): { view: ProjectView; reset(): void; readProject(): boolean } {
  let read = false;
  // A view that delegates everything else to the real one (its getters stay lazy).
  const tracked = Object.create(view, {
    memo: {
      value: <T>(key: string, build: () => T): T => {
        read = true;
        return view.memo(key, build);
      },
    },
    publicApi: {
      get: () => {
        read = true;
        return view.publicApi;
      },
    },
    references: {
      get: () => {
        const index = view.references;
        return {
          ...index,
          occurrences: (name: string) => {
            read = true;
            return index.occurrences(name);
          },
        };
      },
    },
  }) as ProjectView;
  return {
    view: tracked,
    reset: () => {
      read = false;
    },
    readProject: () => read,
  };
}

/** The analysis as stored: errors become their messages. */
function toCache(
  result: AnalysisResult,
  reportedFiles: readonly string[],
  parseProblems: readonly ParseProblem[],
): CachedResult {
  return {
    findings: result.findings,
    failures: result.failures.map((f) => ({
      ruleId: f.ruleId,
      ...(f.file === undefined ? {} : { file: f.file }),
      message: f.error instanceof Error ? f.error.message : String(f.error),
    })),
    fileCount: result.fileCount,
    reportedFiles: [...reportedFiles],
    unparsedFiles: result.unparsedFiles,
    rulesRun: result.rulesRun,
    securityRulesRun: result.securityRulesRun,
    securityRulesKnown: result.securityRulesKnown,
    parseProblems: [...parseProblems],
  };
}

/** The stored analysis as the shells expect it (no timings: nothing ran). */
function fromCache(
  stored: CachedResult,
  rules: readonly ConfiguredRule[],
): { result: AnalysisResult; parseProblems: ParseProblem[] } {
  const failures: RuleFailure[] = stored.failures.map((f) => ({
    ruleId: f.ruleId,
    file: f.file,
    error: new Error(f.message),
  }));
  const ran = new Set(stored.rulesRun);
  const rulesMeta = rules.map((r) => r.rule.meta).filter((meta) => ran.has(meta.id));
  const result: AnalysisResult = {
    findings: stored.findings,
    failures,
    fileCount: stored.fileCount,
    unparsedFiles: stored.unparsedFiles,
    rulesRun: stored.rulesRun,
    rulesMeta,
    securityRulesRun: stored.securityRulesRun,
    securityRulesKnown: stored.securityRulesKnown,
    timings: {},
  };
  return { result, parseProblems: stored.parseProblems };
}

/** The tool's name, version and build: a hash of the running code, so a rebuilt tool never trusts an older entry. */
function toolBuild(): string {
  let build = 'unknown';
  try {
    build = hashText(readFileSync(fileURLToPath(import.meta.url), 'utf8')).slice(0, 12);
  } catch {
    // the running code cannot be read: the version alone identifies the tool
  }
  return `${TOOL.name}@${TOOL.version}+${build}`;
}
