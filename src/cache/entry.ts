import type { Evidence, Finding } from '../model/finding.js';
import type { Severity } from '../model/severity.js';
import { SEVERITIES } from '../model/severity.js';

/** Bumped whenever the shape of a cache entry changes: an entry of another format is ignored. */
export const CACHE_FORMAT = 3;

/**
 * What decides the project's file list besides the key's own files: the
 * tsconfig files its parse read (extends included), by absolute path, and the
 * folders whose contents its patterns match (recursively or not).
 */
export interface Watched {
  configs: string[];
  dirs: { path: string; recursive: boolean }[];
}

/**
 * What a run needs to serve a hit without loading the compiler or the rules
 * (src/cache/fast.ts): a key made of what can be read without them, what
 * decides the file list, and what the suppress stage takes from the rules and
 * the configuration. Absent when the file list depends on something outside
 * the root, or the run was not the command's (a test's own rules).
 */
export interface FastState {
  key: string;
  watched: Watched;
  /** Every rule id a suppression comment may name. */
  knownRules: string[];
  /** Severity of `suppression` findings; null when the configuration turns them off. */
  suppressionSeverity: Severity | null;
}

/** What one analysed file looked like when the entry was written. */
export interface CachedFile {
  /** Hash of the file's bytes. */
  hash: string;
  /** Analysed files it imports or re-exports (relative paths), as the compiler resolved them. */
  imports: string[];
  /** True when the file declares something every file can see (`declare global`, `declare module`, a script without imports). */
  global: boolean;
}

/** A finished analysis, as stored: the findings and what the review needs besides them. */
export interface CachedResult {
  findings: Finding[];
  /** Rule failures, as text (errors do not survive JSON). */
  failures: { ruleId: string; file?: string; message: string }[];
  fileCount: number;
  unparsedFiles: string[];
  rulesRun: string[];
  securityRulesRun: string[];
  securityRulesKnown: string[];
  /** The analysed files reported on (the configuration's `ignore` left out), by relative path: where suppression comments are read. */
  reportedFiles: string[];
  /** Files that could not be parsed, with the first syntax error of each. */
  parseProblems: {
    kind: 'unparsed' | 'skipped' | 'missing';
    file: string;
    line: number;
    column: number;
    message: string;
  }[];
}

/** One cache file: the inputs of a run (as hashes) and its result. */
export interface CacheEntry {
  format: typeof CACHE_FORMAT;
  /** The tool that wrote it (name, version and build): an entry from another build is ignored. */
  tool: string;
  /** Hash of everything besides file contents: configuration, rules and their versions, command-line selection, tsconfig, package files. */
  key: string;
  /** Every analysed file by relative path. */
  files: Record<string, CachedFile>;
  /** Rules whose findings in a file depend only on that file and what it imports (file-scope rules that read nothing project-wide). */
  localRules: string[];
  /** For a hit served without the compiler; absent when the run could not tell what decides its file list. */
  fast?: FastState;
  result: CachedResult;
}

/** The guard a cache file must pass before anything in it is used. */
export function isCacheEntry(value: unknown): value is CacheEntry {
  if (!isRecord(value)) return false;
  return (
    value.format === CACHE_FORMAT &&
    typeof value.tool === 'string' &&
    typeof value.key === 'string' &&
    isRecord(value.files) &&
    Object.values(value.files).every(isCachedFile) &&
    isStringArray(value.localRules) &&
    (value.fast === undefined || isFastState(value.fast)) &&
    isCachedResult(value.result)
  );
}

function isFastState(value: unknown): value is FastState {
  return (
    isRecord(value) &&
    typeof value.key === 'string' &&
    isRecord(value.watched) &&
    isStringArray(value.watched.configs) &&
    Array.isArray(value.watched.dirs) &&
    value.watched.dirs.every((d) => isRecord(d) && typeof d.path === 'string' && typeof d.recursive === 'boolean') &&
    isStringArray(value.knownRules) &&
    (value.suppressionSeverity === null || SEVERITIES.some((s) => s === value.suppressionSeverity))
  );
}

function isCachedFile(value: unknown): value is CachedFile {
  return (
    isRecord(value) &&
    typeof value.hash === 'string' &&
    isStringArray(value.imports) &&
    typeof value.global === 'boolean'
  );
}

function isCachedResult(value: unknown): value is CachedResult {
  return (
    isRecord(value) &&
    Array.isArray(value.findings) &&
    value.findings.every(isFinding) &&
    Array.isArray(value.failures) &&
    value.failures.every(isFailure) &&
    typeof value.fileCount === 'number' &&
    isStringArray(value.reportedFiles) &&
    isStringArray(value.unparsedFiles) &&
    isStringArray(value.rulesRun) &&
    isStringArray(value.securityRulesRun) &&
    isStringArray(value.securityRulesKnown) &&
    Array.isArray(value.parseProblems) &&
    value.parseProblems.every(isParseProblem)
  );
}

/** A stored finding: every field of Finding with its type. */
function isFinding(value: unknown): value is Finding {
  if (!isRecord(value)) return false;
  return (
    ['ruleId', 'messageId', 'file', 'message', 'recommendation', 'fingerprint'].every(
      (k) => typeof value[k] === 'string',
    ) &&
    ['line', 'column', 'endLine', 'endColumn'].every((k) => Number.isInteger(value[k])) &&
    SEVERITIES.some((s) => s === value.severity) &&
    typeof value.security === 'boolean' &&
    (value.symbol === undefined || typeof value.symbol === 'string') &&
    isRecord(value.data) &&
    Object.values(value.data).every((d) => typeof d === 'string' || typeof d === 'number') &&
    Array.isArray(value.evidence) &&
    value.evidence.every(isEvidence)
  );
}

function isEvidence(value: unknown): value is Evidence {
  return (
    isRecord(value) &&
    typeof value.note === 'string' &&
    (value.file === undefined || typeof value.file === 'string') &&
    (value.line === undefined || Number.isInteger(value.line))
  );
}

function isFailure(value: unknown): value is CachedResult['failures'][number] {
  return (
    isRecord(value) &&
    typeof value.ruleId === 'string' &&
    typeof value.message === 'string' &&
    (value.file === undefined || typeof value.file === 'string')
  );
}

function isParseProblem(value: unknown): value is CachedResult['parseProblems'][number] {
  return (
    isRecord(value) &&
    (value.kind === 'unparsed' || value.kind === 'skipped' || value.kind === 'missing') &&
    typeof value.file === 'string' &&
    typeof value.message === 'string' &&
    Number.isInteger(value.line) &&
    Number.isInteger(value.column)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
