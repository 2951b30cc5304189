import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../model/errors.js';
import type { Finding } from '../model/finding.js';

/** The committed suppressions file's name, in the analysed root unless `--suppressions-location` says otherwise. */
export const SUPPRESSIONS_FILE_NAME = 'review-bot-suppressions.json';

/**
 * One accepted finding. The fingerprint decides (it does not depend on line
 * numbers, but on rule, file, symbol and message id); the other fields are
 * there for people reading the file and its diffs.
 */
export interface BulkEntry {
  file: string;
  ruleId: string;
  symbol?: string;
  message: string;
  fingerprint: string;
}

/** How a run changes the suppressions file. */
export type BulkUpdate =
  { kind: 'suppress-all' } | { kind: 'suppress-rules'; rules: readonly string[] } | { kind: 'prune' };

/** What a run covered: entries outside it are never pruned. */
export interface BulkScope {
  rulesRun: ReadonlySet<string>;
  /** Paths (relative to the root) of the files reported on. */
  files: ReadonlySet<string>;
}

/** The suppressions file's path: `--suppressions-location` (a file, or a folder holding it) or the root's. */
export function suppressionsPath(root: string, location: string | undefined): string {
  if (location === undefined) return join(root, SUPPRESSIONS_FILE_NAME);
  const path = resolve(location);
  return existsSync(path) && statSync(path).isDirectory() ? join(path, SUPPRESSIONS_FILE_NAME) : path;
}

/** Reads the suppressions file; a missing file has no entries. A malformed one is a UserError naming the path and entry. */
export function readSuppressions(path: string, display = path): BulkEntry[] {
  if (!existsSync(path)) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UserError(`${display}: invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(parsed) || parsed['version'] !== 1 || !Array.isArray(parsed['suppressions']))
    throw new UserError(`${display}: expected { "version": 1, "suppressions": [...] }`);
  const entries: unknown[] = parsed['suppressions'];
  return entries.map((entry, index) => entryOf(entry, `${display}: suppressions[${String(index)}]`));
}

/** One entry, checked. */
function entryOf(value: unknown, where: string): BulkEntry {
  if (!isRecord(value)) throw new UserError(`${where}: expected an object`);
  for (const key of ['file', 'ruleId', 'message', 'fingerprint']) {
    if (typeof value[key] !== 'string') throw new UserError(`${where}.${key}: expected a string`);
  }
  const symbol = value['symbol'];
  if (symbol !== undefined && typeof symbol !== 'string') throw new UserError(`${where}.symbol: expected a string`);
  return {
    file: String(value['file']),
    ruleId: String(value['ruleId']),
    ...(symbol === undefined ? {} : { symbol }),
    message: String(value['message']),
    fingerprint: String(value['fingerprint']),
  };
}

/** Writes the file deterministically: entries sorted, 2-space indent, trailing newline. */
export function writeSuppressions(path: string, entries: readonly BulkEntry[]): void {
  writeFileSync(path, serialiseSuppressions(entries));
}

/** The file's text for a set of entries. */
export function serialiseSuppressions(entries: readonly BulkEntry[]): string {
  const sorted = [...entries].sort(compareEntries).map((e) => ({
    file: e.file,
    ruleId: e.ruleId,
    ...(e.symbol === undefined ? {} : { symbol: e.symbol }),
    message: e.message,
    fingerprint: e.fingerprint,
  }));
  return `${JSON.stringify({ version: 1, suppressions: sorted }, null, 2)}\n`;
}

/**
 * Marks the findings the file suppresses (`suppressed: { kind: 'bulk' }`);
 * findings already suppressed inline keep that. Also returns the entries that
 * matched no finding, for a note that `--prune-suppressions` would drop them.
 */
export function applyBulkSuppressions(
  findings: readonly Finding[],
  entries: readonly BulkEntry[],
): { findings: Finding[]; unmatched: BulkEntry[] } {
  const wanted = new Set(entries.map((e) => e.fingerprint));
  const seen = new Set<string>();
  const out = findings.map((finding) => {
    if (!wanted.has(finding.fingerprint)) return finding;
    seen.add(finding.fingerprint);
    return finding.suppressed === undefined ? { ...finding, suppressed: { kind: 'bulk' as const } } : finding;
  });
  return { findings: out, unmatched: entries.filter((e) => !seen.has(e.fingerprint)) };
}

/**
 * The entries after `--suppress-all`, `--suppress-rule` or
 * `--prune-suppressions`. Suppressing adds the findings that are not
 * suppressed inline, and keeps every existing entry. Pruning drops the
 * entries that matched nothing, but only those this run could have matched:
 * their rule ran and their file was reported on.
 */
export function updateSuppressions(
  entries: readonly BulkEntry[],
  findings: readonly Finding[],
  update: BulkUpdate,
  scope: BulkScope,
): BulkEntry[] {
  const byFingerprint = new Map(entries.map((e) => [e.fingerprint, e]));
  if (update.kind === 'prune') {
    const present = new Set(findings.map((f) => f.fingerprint));
    return entries.filter(
      (e) => present.has(e.fingerprint) || !scope.rulesRun.has(e.ruleId) || !scope.files.has(e.file),
    );
  }
  const chosen = update.kind === 'suppress-all' ? undefined : new Set(update.rules);
  for (const finding of findings) {
    if (finding.suppressed?.kind === 'inline') continue;
    if (chosen !== undefined && !chosen.has(finding.ruleId)) continue;
    byFingerprint.set(finding.fingerprint, entryFor(finding));
  }
  return [...byFingerprint.values()];
}

/** The entry that suppresses a finding. */
function entryFor(finding: Finding): BulkEntry {
  return {
    file: finding.file,
    ruleId: finding.ruleId,
    ...(finding.symbol === undefined ? {} : { symbol: finding.symbol }),
    message: finding.message,
    fingerprint: finding.fingerprint,
  };
}

/** File, rule, symbol, fingerprint. */
function compareEntries(a: BulkEntry, b: BulkEntry): number {
  return (
    cmp(a.file, b.file) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.symbol ?? '', b.symbol ?? '') ||
    cmp(a.fingerprint, b.fingerprint)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
