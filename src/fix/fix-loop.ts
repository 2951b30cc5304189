import type { Fix } from '../model/edit.js';
import type { AnalysisResult, Finding } from '../model/finding.js';
import { applyFixes } from './apply.js';
import type { SkipReason } from './apply.js';

/** ESLint's limit: after this many passes, what is left is reported, not fixed. */
const MAX_PASSES = 10;

/** What the fix loop needs from the outside world; every file is named by its path relative to the analysed root. */
export interface FixLoopInput {
  /** Analyses the project with these texts laid over the files on disk. */
  analyse: (overlay: ReadonlyMap<string, string>) => AnalysisResult;
  /** The text of a file on disk, or undefined when it cannot be read. */
  read: (file: string) => string | undefined;
  /** True when the text of the file parses. */
  parses: (file: string, text: string) => boolean;
  /** Which findings may be fixed (e.g. not suppressed ones); all by default. */
  select?: ((finding: Finding) => boolean) | undefined;
  /** At most this many passes (default MAX_PASSES). */
  maxPasses?: number | undefined;
}

/** One changed file: its text before the first pass and after the last. */
export interface FileChange {
  file: string;
  before: string;
  after: string;
}

/** What fixing did; nothing is written here. */
export interface FixOutcome {
  /** Files whose text changed, sorted by path. */
  changes: FileChange[];
  /** Number of fixes applied over all passes. */
  applied: number;
  /** Passes that applied at least one fix. */
  passes: number;
  /** The analysis of the fixed texts: what is left. */
  result: AnalysisResult;
  /** Fixes of the last analysis that could not be applied, with why (conflicts left after the last pass included). */
  skipped: { finding: Finding; reason: SkipReason }[];
}

/**
 * Applies safe fixes in passes, ESLint's way: analyse, apply the fixes that do
 * not overlap, analyse the new texts again, until nothing is left to fix or
 * MAX_PASSES is reached. Files with a syntax error are never touched, and a
 * fix that would break a file's syntax is not applied.
 */
export function fixProject(input: FixLoopInput): FixOutcome {
  const overlay = new Map<string, string>();
  const originals = new Map<string, string>();
  const unfixable = new Set<string>();
  let result = input.analyse(overlay);
  let applied = 0;
  let passes = 0;
  const max = input.maxPasses ?? MAX_PASSES;
  for (; passes < max; passes++) {
    for (const file of result.unparsedFiles) unfixable.add(file);
    const textOf = (file: string): string | undefined =>
      unfixable.has(file) ? undefined : (overlay.get(file) ?? input.read(file));
    const outcome = applyFixes(fixesOf(result.findings, input.select), { textOf, parses: input.parses });
    if (outcome.texts.size === 0) break;
    for (const [file, text] of outcome.texts) {
      if (!originals.has(file)) originals.set(file, textOf(file) ?? '');
      overlay.set(file, text);
    }
    applied += outcome.applied.length;
    result = input.analyse(overlay);
  }
  const finalText = (file: string): string | undefined => overlay.get(file) ?? input.read(file);
  return {
    changes: changesOf(originals, overlay),
    applied,
    passes,
    result,
    skipped: skippedOf(result, finalText, input),
  };
}

/** The fixes of the selected findings. */
function fixesOf(findings: readonly Finding[], select: FixLoopInput['select']): Fix[] {
  return findings.filter((f) => f.fix !== undefined && (select?.(f) ?? true)).flatMap((f) => (f.fix ? [f.fix] : []));
}

/** Files whose final text differs from their original, sorted by path. */
function changesOf(originals: ReadonlyMap<string, string>, overlay: ReadonlyMap<string, string>): FileChange[] {
  const out: FileChange[] = [];
  for (const [file, before] of originals) {
    const after = overlay.get(file) ?? before;
    if (after !== before) out.push({ file, before, after });
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Which fixes of the final analysis would still not apply, and why. */
function skippedOf(
  result: AnalysisResult,
  textOf: (file: string) => string | undefined,
  input: FixLoopInput,
): FixOutcome['skipped'] {
  const fixable = result.findings.filter((f) => f.fix !== undefined && (input.select?.(f) ?? true));
  if (fixable.length === 0) return [];
  const unparsed = new Set(result.unparsedFiles);
  const outcome = applyFixes(
    fixable.flatMap((f) => (f.fix ? [f.fix] : [])),
    { textOf: (file) => (unparsed.has(file) ? undefined : textOf(file)), parses: input.parses },
  );
  const reasons = new Map(outcome.skipped.map((s) => [s.fix, s.reason]));
  return fixable.flatMap((finding) => {
    const reason = finding.fix === undefined ? undefined : reasons.get(finding.fix);
    return reason === undefined ? [] : [{ finding, reason }];
  });
}
