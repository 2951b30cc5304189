import { join } from 'node:path';
import { ts } from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import { RULES } from '../../rules/index.js';
import { compareFindings } from '../model/finding-text.js';
import type { ConfiguredRule } from '../analyse/run-rules.js';
import { configurableMetas, loadConfig, suppressionSeverity, validateConfig } from '../config/config.js';
import type { Config } from '../config/config.js';
import { compileGlobs } from '../config/glob.js';
import { leftOutFiles, loadProject } from '../load/project.js';
import type { ParseProblem } from '../load/project.js';
import type { AnalysisResult } from '../model/finding.js';
import type { ProjectView } from '../model/project-view.js';
import { analyse, analyseView, configureRules } from '../pipeline.js';
import type { PipelineOptions } from '../pipeline.js';
import type { Directive } from '../suppress/directives.js';
import { parseDirectives } from '../suppress/directives.js';
import { mayHoldDirectives } from '../suppress/meta.js';
import type { CachedResult, CacheEntry, FastState, Watched } from './entry.js';
import { CACHE_FORMAT } from './entry.js';
import type { CachedAnalysis, SuppressChoices } from './fast.js';
import { fastKeyOf, locateCached, served, suppressed, toolBuild } from './fast.js';
import { currentHashes, currentlyGlobal, projectFileText, ruleVersion } from './inputs.js';
import type { KeyInputs } from './inputs.js';
import { cacheKey, describeFiles } from './project-files.js';
import { planCachedRun } from './plan.js';
import type { CachePlan } from './plan.js';
import { cacheFileFor, readCache, writeCache } from './store.js';

/**
 * `analyse` with a cache in `location`: when nothing the findings depend on
 * changed, the stored result is returned without loading the project or
 * building the type checker; when some files changed, file rules run on those
 * files and the files that import them; otherwise everything runs. The result
 * is written back for the next run. Findings equal those of `analyse`.
 */
export function analyseWithCache(options: PipelineOptions, location: string): CachedAnalysis {
  const prepared = prepare(options, location);
  if (prepared === undefined) {
    return { ...analyse(options), notes: [], plan: 'full' };
  }
  const { root, config, rules, key, fast, suppress } = prepared;
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
    // Served here, not by the fast check (fast.ts): what it reads changed in a way the findings do not depend on
    // (a new file beside the sources but outside the tsconfig's list), or a suppression comment was to be read.
    // Recording what it reads now lets the next run be served there.
    if (read.entry !== undefined && fast !== undefined && read.entry.fast?.key !== fast.key) {
      const written = writeCache(file, { ...read.entry, fast });
      if (written !== undefined) notes.push(written);
    }
    const directives = storedDirectives(root, plan.result.reportedFiles);
    const metas = (options.registry ?? RULES).map((rule) => rule.meta);
    return { ...served(plan.result, metas, directives, root, suppress, options), root, notes, plan: 'hit' };
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
  const result = { ...run.result, unparsedFiles: leftOutFiles(problems) };
  const reportedFiles = reported === undefined ? view.files : [...reported];
  const entry: CacheEntry = {
    format: CACHE_FORMAT,
    tool,
    key,
    files: describeFiles(view.root, view.project.getSourceFiles(), view.project.getCompilerOptions()),
    localRules: run.localRules,
    ...(fast === undefined ? {} : { fast }),
    result: toCache(
      result,
      reportedFiles.map((f) => view.relativePath(f)),
      problems,
    ),
  };
  const written = writeCache(file, entry);
  if (written !== undefined) notes.push(written);
  const directives = new Map(reportedFiles.map((f) => [view.relativePath(f), parseDirectives(f.compilerNode)]));
  return {
    ...suppressed(result, directives, view.root, suppress, options),
    root: view.root,
    parseProblems: problems,
    notes,
    plan: partial === undefined ? 'full' : 'partial',
  };
}

/** What the suppress stage takes from the rules and the configuration: the ids a comment may name, the severity of `suppression`. */
function suppressInputs(options: PipelineOptions, config: Config): SuppressChoices {
  return {
    knownRules: configurableMetas(options.registry ?? RULES).map((m) => m.id),
    severity: suppressionSeverity(config),
  };
}

/** The analysed files left after the configuration's `ignore`; undefined (all) when it ignores nothing. */
function withoutIgnored(view: ProjectView, config: Config): ReadonlySet<SourceFile> | undefined {
  const ignore = config.ignore ?? [];
  if (ignore.length === 0) return undefined;
  const ignored = compileGlobs(ignore);
  return new Set(view.files.filter((file) => !ignored.matches(view.relativePath(file))));
}

/**
 * The directives of the reported files on a cache hit, without loading the
 * project: a file whose text may hold one is parsed alone (comments need no
 * types); any other file holds none.
 */
function storedDirectives(root: string, files: readonly string[]): Map<string, readonly Directive[]> {
  const directives = new Map<string, readonly Directive[]>();
  for (const file of files) {
    // The names come from the cache file: only a regular file under the root is read (gone: no directive).
    const text = projectFileText(root, file) ?? '';
    directives.set(
      file,
      mayHoldDirectives(text)
        ? parseDirectives(ts.createSourceFile(join(root, file), text, ts.ScriptTarget.Latest, true))
        : [],
    );
  }
  return directives;
}

/**
 * The run's root, configuration, rules and cache key, computed without
 * loading the project; undefined when the cache does not apply. `fast` is
 * what a later run can check without the compiler (fast.ts), when the file
 * list depends only on what is under the root and the run is the command's.
 */
function prepare(
  options: PipelineOptions,
  location: string,
):
  | {
      root: string;
      config: Config;
      rules: ConfiguredRule[];
      key: string;
      fast: FastState | undefined;
      suppress: SuppressChoices;
    }
  | undefined {
  if ((options.files ?? []).length > 0) return undefined; // narrowed reports are not cached
  const located = locateCached(options);
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
  const { key, watched } = cacheKey(inputs, located.root, located.tsconfig);
  const commands = options.registry === undefined && options.inlineRules === undefined && options.overlay === undefined;
  const suppress = suppressInputs(options, config);
  const fast = watched !== undefined && commands ? fastState(options, located, watched, suppress, location) : undefined;
  return { ...located, config, rules, key, fast, suppress };
}

/** What fast.ts checks and serves a hit with, as of now; undefined when a watched folder links out of the project. */
function fastState(
  options: PipelineOptions,
  located: { root: string; tsconfig: string | undefined },
  watched: Watched,
  suppress: SuppressChoices,
  location: string,
): FastState | undefined {
  const key = fastKeyOf(options, located, watched, location);
  if (key === undefined) return undefined;
  return { key, watched, knownRules: [...suppress.knownRules], suppressionSeverity: suppress.severity ?? null };
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
 * project-wide data (`memo`, `publicApi`, name-wide references, other files by
 * their text or path) during the run.
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
  /** The view's own function, noting that it was called. */
  const noted =
    <A extends unknown[], R>(ask: (...args: A) => R) =>
    (...args: A): R => {
      read = true;
      return ask(...args);
    };
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
    // What a rule asks of other files (the engine asks `files` and `filesAt` for the files it runs rules on).
    filesWhoseText: { value: noted(view.filesWhoseText.bind(view)) },
    sourceFilesWhoseText: { value: noted(view.sourceFilesWhoseText.bind(view)) },
    sourceFileAt: { value: noted(view.sourceFileAt.bind(view)) },
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
