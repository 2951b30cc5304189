/**
 * A cache hit served without the compiler and without the rules. A run that
 * loaded them records, beside its result, what decides that result and can be
 * read without them (`FastState`): the tool's build, the command's choices,
 * the configuration file, the package and lock files, the tsconfig files its
 * parse read, and the source files in the folders its patterns match. When a
 * later run finds all of it unchanged, every analysed file unchanged, and no
 * suppression comment to read, the stored result is the result: the suppress
 * stage runs on it (the suppressions file may have changed) and nothing else.
 * Whatever the check cannot settle goes to the full check (run.ts), which
 * loads the compiler: this path can only say "hit" sooner, never differently.
 *
 * This module and what it imports load no compiler, no rule and no
 * configuration validator: the command's engine reaches the rest through
 * `import()` only when this path does not serve the run (modules initialised
 * on first use in dist/engine.cjs: scripts/build.mjs).
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configFileOf } from '../config/config.js';
import { TOOL } from '../meta.js';
import { locateRoot, relativePathOf } from '../load/root.js';
import { UserError } from '../model/errors.js';
import type { PipelineOptions } from '../pipeline.js';
import type { ParseProblem } from '../load/project.js';
import type { AnalysisResult, RuleFailure, RuleMetaOfRun } from '../model/finding.js';
import type { Severity } from '../model/severity.js';
import { applySuppressions } from '../suppress/apply.js';
import type { BulkOutcome } from '../suppress/apply.js';
import { suppressionsPath } from '../suppress/bulk.js';
import type { Directive } from '../suppress/directives.js';
import { mayHoldDirectives } from '../suppress/meta.js';
import type { CachedResult, Watched } from './entry.js';
import type { CachePlan } from './plan.js';
import {
  canonicalJson,
  environmentOf,
  hashText,
  isUnder,
  projectFileText,
  regularFileText,
  SOURCE_EXTENSIONS,
} from './inputs.js';
import { cacheFileFor, readCache } from './store.js';

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

declare const __REVIEW_BOT_RULE_METAS__: string | undefined;

/**
 * What reporters read of every rule, embedded by the build (scripts/build.mjs) from the rules themselves:
 * a hit renders titles and rationales from code, never from the cache file (untrusted input, which only
 * findings come from, and those are escaped as repository text). Undefined when running from the sources.
 */
const EMBEDDED_METAS: readonly RuleMetaOfRun[] | undefined =
  typeof __REVIEW_BOT_RULE_METAS__ === 'string'
    ? (JSON.parse(__REVIEW_BOT_RULE_METAS__) as RuleMetaOfRun[])
    : undefined;

/** The command's choices a cached result depends on. */
export type CachedRunOptions = Pick<
  PipelineOptions,
  'path' | 'project' | 'config' | 'only' | 'disable' | 'files' | 'suppressionsLocation'
>;

/** What the suppress stage takes from the rules and the configuration. */
export interface SuppressChoices {
  /** Every rule id a comment may name. */
  knownRules: readonly string[];
  /** Severity of `suppression` findings; undefined when turned off. */
  severity: Severity | undefined;
}

/** The analysed root and tsconfig as the loader will find them, or undefined when the path is not usable (the loader says why). */
export function locateCached(options: CachedRunOptions): { root: string; tsconfig: string | undefined } | undefined {
  try {
    return locateRoot(options);
  } catch (error) {
    if (error instanceof UserError) return undefined;
    throw error;
  }
}

/**
 * The stored result of the last run when nothing it depends on changed and
 * no file holds a suppression comment; undefined otherwise (the full check
 * decides). Reads the files and hashes them; loads nothing. `metas` are the
 * rules' (the build's embedded ones; tests pass the registry's).
 */
export function fastCacheHit(
  options: CachedRunOptions,
  location: string,
  metas: readonly RuleMetaOfRun[] | undefined = EMBEDDED_METAS,
): CachedAnalysis | undefined {
  if ((options.files ?? []).length > 0 || metas === undefined) return undefined;
  const located = locateCached(options);
  if (located === undefined) return undefined;
  const { entry } = readCache(cacheFileFor(location, located.root), toolBuild());
  const fast = entry?.fast;
  if (entry === undefined || fast === undefined) return undefined;
  // The folders come from the cache file: the walk refuses any outside the project (`sourceFilesIn`).
  const { root } = located;
  const key = fastKeyOf(options, located, fast.watched, location);
  if (key === undefined || key !== fast.key) return undefined;
  // Each text is let go once checked: held until the end, a large project's texts (effect's 10 MB) survived
  // every young-generation collection of the run, which copied them (a tenth of a hit's time there).
  const reported = new Set(entry.result.reportedFiles);
  for (const [file, stored] of Object.entries(entry.files)) {
    const text = projectFileText(root, file);
    if (text === undefined || hashText(text) !== stored.hash) return undefined;
    if (reported.has(file) && mayHoldDirectives(text)) return undefined; // comments to parse: the full check reads them
  }
  const directives = new Map<string, readonly Directive[]>();
  for (const file of reported) {
    if (!Object.hasOwn(entry.files, file) && mayHoldDirectives(projectFileText(root, file) ?? '')) return undefined;
    directives.set(file, []);
  }
  const suppress = { knownRules: fast.knownRules, severity: fast.suppressionSeverity ?? undefined };
  return {
    ...served(entry.result, metas, directives, root, suppress, options),
    root,
    notes: [],
    plan: 'hit',
  };
}

/**
 * The key of what a hit depends on, read without the compiler: the tool's
 * build, the command's choices, the configuration file, the package and lock
 * files, the tsconfig files (as they are now) and the source files in the
 * watched folders. The cache folder itself is never part of it. Undefined
 * when a watched folder links out of the project, or the root's real path
 * cannot be read: nothing to serve from.
 */
export function fastKeyOf(
  options: CachedRunOptions,
  located: { root: string; tsconfig: string | undefined },
  watched: Watched,
  location: string,
): string | undefined {
  const { root } = located;
  const configPath = configFileOf(root, options.config);
  const skipped = resolve(location);
  const realRoot = realPathOf(root);
  if (realRoot === undefined) return undefined;
  const folders = [];
  for (const dir of watched.dirs) {
    const files = sourceFilesIn(realRoot, dir.path, dir.recursive, skipped);
    if (files === undefined) return undefined;
    folders.push([dir.path, dir.recursive, files]);
  }
  return hashText(
    canonicalJson({
      tool: toolBuild(),
      // The configuration's name in messages is relative to the current folder.
      cwd: process.cwd(),
      located,
      selection: { config: configPath, only: options.only ?? [], disable: options.disable ?? [] },
      configFile: hashOf(configPath),
      environment: environmentOf(root),
      configs: watched.configs.map((path) => [path, hashOf(path)]),
      folders,
    }),
  );
}

/**
 * The stored result as the shells expect it, through the suppress stage (no timings: nothing ran), with the
 * given rules' metadata for those that ran.
 */
export function served(
  stored: CachedResult,
  metas: readonly RuleMetaOfRun[],
  directives: ReadonlyMap<string, readonly Directive[]>,
  root: string,
  suppress: SuppressChoices,
  options: Pick<CachedRunOptions, 'suppressionsLocation'>,
): { result: AnalysisResult; parseProblems: ParseProblem[]; bulk: BulkOutcome } {
  const failures: RuleFailure[] = stored.failures.map((f) => ({
    ruleId: f.ruleId,
    file: f.file,
    error: new Error(f.message),
  }));
  const result: AnalysisResult = {
    findings: stored.findings,
    failures,
    fileCount: stored.fileCount,
    unparsedFiles: stored.unparsedFiles,
    rulesRun: stored.rulesRun,
    rulesMeta: metas.filter((meta) => stored.rulesRun.includes(meta.id)),
    securityRulesRun: stored.securityRulesRun,
    securityRulesKnown: stored.securityRulesKnown,
    timings: {},
  };
  return { ...suppressed(result, directives, root, suppress, options), parseProblems: stored.parseProblems };
}

/**
 * The suppress stage, as `analyse` runs it after the rules: the cache stores
 * findings before suppression, so an edited suppression comment or
 * suppressions file takes effect at once, with or without a cache hit.
 */
export function suppressed(
  result: AnalysisResult,
  directives: ReadonlyMap<string, readonly Directive[]>,
  root: string,
  suppress: SuppressChoices,
  options: Pick<CachedRunOptions, 'suppressionsLocation'>,
): { result: AnalysisResult; bulk: BulkOutcome } {
  const bulkPath = suppressionsPath(root, options.suppressionsLocation);
  return applySuppressions(result, {
    files: directives,
    knownRules: new Set(suppress.knownRules),
    severity: suppress.severity,
    bulkPath,
    bulkDisplay: relativePathOf(root, bulkPath),
    update: undefined,
  });
}

/**
 * The hash of the built command's code, written into it by the build
 * (scripts/build.mjs, `writeStamped`: its entry, its engine with this value
 * left out, and the ts-morph and TypeScript it carries in dist/vendor; the
 * Action's bundle, its own code); undefined when running from source.
 */
declare const __REVIEW_BOT_BUILD__: string | undefined;
const BUILD = typeof __REVIEW_BOT_BUILD__ === 'string' ? __REVIEW_BOT_BUILD__ : undefined;

let tool: string | undefined;

/** The tool's name, version and build (see `runningBuild`), so a rebuilt tool never trusts an older entry. */
export function toolBuild(): string {
  tool ??= `${TOOL.name}@${TOOL.version}+${runningBuild()}`;
  return tool;
}

/**
 * The build id the command carries, with the size of each of its running
 * files (so that a command edited after its build, such as a patch to the
 * installed package, does not trust its entries either): read and hashed at
 * every run, the command's own half a megabyte cost a fifth of a cache hit.
 * The engine and the quick path (dist/hit.cjs) carry one id and list the
 * same files, so either serves what the other stored.
 * From source (the tests), the hash of this module's text.
 */
function runningBuild(): string {
  try {
    const own = fileURLToPath(import.meta.url);
    if (BUILD === undefined) return hashText(readFileSync(own, 'utf8')).slice(0, 12);
    const names = [...new Set([basename(own), 'cli.cjs', 'engine.cjs', 'hit.cjs'])].sort();
    const sizeOf = (name: string): number | undefined =>
      statSync(join(dirname(own), name), { throwIfNoEntry: false })?.size;
    return hashText([BUILD, ...names.map((name) => `${name}:${String(sizeOf(name))}`)].join('\u0000')).slice(0, 12);
  } catch {
    return 'unknown'; // the running code cannot be read: the version alone identifies the tool
  }
}

/** The hash of a regular file's text, or null when there is none to read. */
function hashOf(path: string): string | null {
  const text = regularFileText(path);
  return text === undefined ? null : hashText(text);
}

/**
 * Source files (any extension the compiler or the folder listing takes) in a
 * folder, by path relative to it, sorted: recursively through folders and
 * links to folders (as TypeScript's patterns follow them), but never into
 * `node_modules`, `.git` or the cache folder. A superset of what the
 * tsconfig's patterns can match there, so a file they would add is seen.
 * Undefined when a link leads out of the root (`realRoot`, the root's real
 * path; the reviewed repository chooses its links: a walk never leaves the
 * project).
 */
function sourceFilesIn(realRoot: string, folder: string, recursive: boolean, skipped: string): string[] | undefined {
  const out: string[] = [];
  const seen = new Set<string>();
  const stack: [string, string][] = [[folder, '']];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [dir, prefix] = next;
    const real = realPathOf(dir);
    if (real === undefined) {
      out.push(`${prefix}\u0000unreadable`);
      continue;
    }
    if (real !== realRoot && !isUnder(realRoot, real)) return undefined;
    if (seen.has(real)) continue;
    seen.add(real);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      out.push(`${prefix}\u0000unreadable`);
      continue;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const name = `${prefix}${entry.name}`;
      if (path === skipped || entry.name === 'node_modules' || entry.name === '.git') continue;
      const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && isFolder(path));
      if (isDirectory) {
        if (recursive) stack.push([path, `${name}/`]);
      } else if (SOURCE_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) {
        out.push(name);
      }
    }
  }
  return out.sort();
}

function realPathOf(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
