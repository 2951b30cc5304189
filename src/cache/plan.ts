import type { Finding } from '../model/finding.js';
import type { CachedResult, CacheEntry } from './entry.js';

/** What the current run looks like, as far as the cache can tell without loading the project. */
export interface CurrentState {
  /** Hash of every input besides file contents (see `cacheKey`). */
  key: string;
  /** Hash of each file the entry knows, as it is now; a file that is gone has none. */
  hashes: ReadonlyMap<string, string>;
  /** True when a file's current text declares something every file sees (see `declaresGlobals`). */
  isGlobal(file: string): boolean;
}

/** What to do with a cache entry. */
export type CachePlan =
  /** Run everything; `reason` says why the entry could not be used (for --debug). */
  | { kind: 'full'; reason: string }
  /** Nothing changed: the stored result is the result. */
  | { kind: 'hit'; result: CachedResult }
  /**
   * Some files changed: run the `localRules` on `dirty` files only, every other
   * rule on all files, and add the `reused` findings (local rules, clean files).
   */
  | {
      kind: 'partial';
      changed: string[];
      dirty: ReadonlySet<string>;
      localRules: ReadonlySet<string>;
      reused: Finding[];
    };

/**
 * Decides from hashes alone, before the project is loaded, whether a stored
 * result can be used. A file rule's findings in a file depend on that file and
 * the files it imports, directly or not: a changed file makes dirty itself and
 * every file that reaches it through imports. Anything else (configuration,
 * rules, tool, the list of files, tsconfig, package files) is in the key, and
 * a change to a file that declares globals affects every file: both mean a
 * full run.
 */
export function planCachedRun(entry: CacheEntry | undefined, current: CurrentState): CachePlan {
  if (entry === undefined) return { kind: 'full', reason: 'no usable cache entry' };
  if (entry.key !== current.key)
    return { kind: 'full', reason: 'configuration, rules, tool, tsconfig, package files or the file list changed' };
  const changed = Object.entries(entry.files)
    .filter(([file, stored]) => current.hashes.get(file) !== stored.hash)
    .map(([file]) => file)
    .sort();
  if (changed.length === 0) return { kind: 'hit', result: entry.result };
  const global = changed.find((file) => entry.files[file]?.global === true || current.isGlobal(file));
  if (global !== undefined) return { kind: 'full', reason: `${global} declares globals and changed` };
  const dirty = importersOf(entry, changed);
  const localRules = new Set(entry.localRules);
  const reused = entry.result.findings.filter((f) => localRules.has(f.ruleId) && !dirty.has(f.file));
  return { kind: 'partial', changed, dirty, localRules, reused };
}

/** The changed files and every file that imports one of them, directly or through other files. */
export function importersOf(entry: CacheEntry, changed: readonly string[]): Set<string> {
  const importers = new Map<string, string[]>();
  for (const [file, stored] of Object.entries(entry.files)) {
    for (const imported of stored.imports) {
      const list = importers.get(imported);
      if (list === undefined) importers.set(imported, [file]);
      else list.push(file);
    }
  }
  const dirty = new Set(changed);
  const queue = [...changed];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    for (const importer of importers.get(file) ?? []) {
      if (dirty.has(importer)) continue;
      dirty.add(importer);
      queue.push(importer);
    }
  }
  return dirty;
}

/**
 * True when a file's text may declare names visible to every file: `declare
 * global`, `declare module`, or a script (no top-level import or export),
 * whose declarations are global. Errs on the side of true.
 */
export function declaresGlobals(text: string): boolean {
  return /\bdeclare\s+(global|module|namespace)\b/.test(text) || !/^\s*(import|export)\b/m.test(text);
}
