import type { Fix } from '../model/edit.js';

/**
 * A GitHub suggestion: lines `startLine`..`endLine` (1-based, inclusive, new
 * side of the pull request) of `file` are to be replaced by `lines` (no line
 * terminators; empty to delete the lines).
 */
export interface Suggestion {
  file: string;
  startLine: number;
  endLine: number;
  lines: string[];
}

/**
 * The whole-line replacement a suggestion block needs for a fix, from the text
 * of its file; undefined when the fix edits several files or an edit falls
 * outside the text. Lines are those the edits touch, widened when an edit
 * joins a line with the next one, so that replacing them gives exactly the
 * fixed text.
 */
export function suggestionOf(fix: Fix, text: string): Suggestion | undefined {
  const first = fix.edits[0];
  if (first === undefined || fix.edits.some((e) => e.file !== first.file)) return undefined;
  if (fix.edits.some((e) => e.start < 0 || e.start > e.end || e.end > text.length)) return undefined;
  const starts = lineStarts(text);
  const from = Math.min(...fix.edits.map((e) => e.start));
  const to = Math.max(...fix.edits.map((e) => (e.end > e.start ? e.end - 1 : e.end)));
  const startLine = lineAt(starts, from);
  for (let endLine = lineAt(starts, to); endLine <= starts.length; endLine++) {
    const spanStart = starts[startLine - 1] ?? 0;
    const spanEnd = starts[endLine] ?? text.length;
    const span = text.slice(spanStart, spanEnd);
    const replaced = applyWithin(span, spanStart, fix);
    const atEnd = spanEnd === text.length;
    if (atEnd || replaced === '' || replaced.endsWith('\n')) {
      return { file: first.file, startLine, endLine, lines: linesOf(replaced) };
    }
  }
  return undefined;
}

/**
 * The fenced block GitHub turns into a "Commit suggestion" button. The fence is
 * longer than any run of backticks in the lines, so text from the repository
 * cannot close it.
 */
export function suggestionBlock(suggestion: Suggestion): string {
  const body = suggestion.lines.join('\n');
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}suggestion\n${body === '' && suggestion.lines.length === 0 ? '' : `${body}\n`}${fence}`;
}

/** True when every line the suggestion replaces is added or modified by the pull request (so it can be committed there). */
export function isSuggestionInDiff(suggestion: Suggestion, addedLines: ReadonlySet<number>): boolean {
  for (let line = suggestion.startLine; line <= suggestion.endLine; line++) if (!addedLines.has(line)) return false;
  return true;
}

/** Offsets where each line starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  if (starts.length > 1 && starts[starts.length - 1] === text.length) starts.pop();
  return starts;
}

/** 1-based line of an offset. */
function lineAt(starts: readonly number[], offset: number): number {
  let line = 1;
  while (line < starts.length && (starts[line] ?? Infinity) <= offset) line++;
  return line;
}

/** Applies the fix's edits to a slice of the file that starts at `offset` and contains them all. */
function applyWithin(span: string, offset: number, fix: Fix): string {
  let out = span;
  for (const edit of [...fix.edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start - offset) + edit.text + out.slice(edit.end - offset);
  }
  return out;
}

/** The replacement text as lines without terminators ('\r\n' or '\n'); a final terminator ends the last line. */
function linesOf(text: string): string[] {
  if (text === '') return [];
  return text.replace(/\r?\n$/, '').split(/\r?\n/);
}
