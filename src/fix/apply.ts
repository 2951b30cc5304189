import type { Edit, Fix } from '../model/edit.js';

/** Why a fix was not applied in a pass. */
export type SkipReason =
  /** An edit falls outside its file, names a file that cannot be fixed, or two of its edits overlap. */
  | 'invalid'
  /** It overlaps or touches an edit of a fix applied earlier in the pass (it may apply in the next pass). */
  | 'conflict'
  /** Applying it would leave a file that no longer parses. */
  | 'breaks-syntax';

/** What one pass did: the new texts of the files it changed, and which fixes it applied or skipped. */
export interface PassOutcome {
  /** New text per changed file (relative path); files whose text did not change are absent. */
  texts: Map<string, string>;
  applied: Fix[];
  skipped: { fix: Fix; reason: SkipReason }[];
}

/** What a pass needs to know about the files. */
export interface PassInput {
  /** Current text of a file, or undefined when it must not be touched (unknown, or with a syntax error). */
  textOf: (file: string) => string | undefined;
  /** True when the text of the file parses. */
  parses: (file: string, text: string) => boolean;
}

/**
 * Applies as many fixes as can go together, ESLint's way: fixes are sorted by
 * where they start, and a fix whose edits overlap or touch an edit already
 * taken waits for the next pass. A fix is all or nothing. A file that would no
 * longer parse gets its fixes one at a time, keeping only those that parse.
 */
export function applyFixes(fixes: readonly Fix[], input: PassInput): PassOutcome {
  const skipped: PassOutcome['skipped'] = [];
  const original = new Map<Fix, Fix>();
  for (const fix of fixes) {
    if (isValidFix(fix, input)) original.set(normalised(fix), fix);
    else skipped.push({ fix, reason: 'invalid' });
  }
  let taken: Fix[] = [];
  for (const fix of [...original.keys()].sort(compareFixes)) {
    if (taken.some((other) => conflicts(fix, other)))
      skipped.push({ fix: original.get(fix) ?? fix, reason: 'conflict' });
    else taken.push(fix);
  }
  const broken = brokenFiles(taken, input);
  if (broken.size > 0) {
    const { kept, rejected } = keepParsing(taken, broken, input);
    taken = kept;
    for (const fix of rejected) skipped.push({ fix: original.get(fix) ?? fix, reason: 'breaks-syntax' });
  }
  return { texts: changedTexts(taken, input), applied: taken.map((fix) => original.get(fix) ?? fix), skipped };
}

/** True when every edit is inside its file and no two edits of the fix overlap or touch. */
function isValidFix(fix: Fix, input: PassInput): boolean {
  if (fix.edits.length === 0) return false;
  for (const edit of fix.edits) {
    const text = input.textOf(edit.file);
    if (text === undefined || !Number.isInteger(edit.start) || !Number.isInteger(edit.end)) return false;
    if (edit.start < 0 || edit.start > edit.end || edit.end > text.length) return false;
  }
  return fix.edits.every((a, i) => fix.edits.every((b, j) => i === j || !editsCollide(a, b)));
}

/** The fix with its edits in file and offset order. */
function normalised(fix: Fix): Fix {
  return { edits: [...fix.edits].sort(compareEdits) };
}

/** Two edits of one file that overlap or touch: applying both would be ambiguous. */
function editsCollide(a: Edit, b: Edit): boolean {
  return a.file === b.file && a.start <= b.end && b.start <= a.end;
}

/** True when some edit of one fix collides with some edit of the other. */
function conflicts(a: Fix, b: Fix): boolean {
  return a.edits.some((x) => b.edits.some((y) => editsCollide(x, y)));
}

/** Files that would not parse after applying the fixes. */
function brokenFiles(fixes: readonly Fix[], input: PassInput): Set<string> {
  const broken = new Set<string>();
  for (const [file, text] of changedTexts(fixes, input)) if (!input.parses(file, text)) broken.add(file);
  return broken;
}

/**
 * Re-applies, one fix at a time in order, the fixes that touch a broken file,
 * keeping each only if every file it touches still parses.
 */
function keepParsing(
  fixes: readonly Fix[],
  broken: ReadonlySet<string>,
  input: PassInput,
): { kept: Fix[]; rejected: Fix[] } {
  const kept = fixes.filter((fix) => !fix.edits.some((e) => broken.has(e.file)));
  const rejected: Fix[] = [];
  for (const fix of fixes.filter((f) => f.edits.some((e) => broken.has(e.file)))) {
    const trial = [...kept, fix];
    const texts = changedTexts(trial, input);
    const files = new Set(fix.edits.map((e) => e.file));
    const parses = [...files].every((file) => {
      const text = texts.get(file);
      return text === undefined || input.parses(file, text);
    });
    if (parses) kept.push(fix);
    else rejected.push(fix);
  }
  return { kept, rejected };
}

/** The new text of every file the fixes change (the fixes must not collide). */
function changedTexts(fixes: readonly Fix[], input: PassInput): Map<string, string> {
  const byFile = new Map<string, Edit[]>();
  for (const edit of fixes.flatMap((f) => f.edits)) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  const out = new Map<string, string>();
  for (const [file, edits] of byFile) {
    const before = input.textOf(file);
    if (before === undefined) continue;
    const after = applyEdits(before, edits);
    if (after !== before) out.set(file, after);
  }
  return out;
}

/** Applies non-colliding edits of one file to its text. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return out;
}

function compareEdits(a: Edit, b: Edit): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.start - b.start || a.end - b.end;
}

/** Fixes in the order of their first edit (their edits are sorted). */
function compareFixes(a: Fix, b: Fix): number {
  const x = a.edits[0];
  const y = b.edits[0];
  if (x === undefined || y === undefined) return 0;
  return compareEdits(x, y) || a.edits.length - b.edits.length;
}
