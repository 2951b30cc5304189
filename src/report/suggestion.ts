import type { Fix } from '../model/edit.js';
import { longestBacktickRun } from './escape/markdown.js';

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
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  return `${fence}suggestion\n${body === '' && suggestion.lines.length === 0 ? '' : `${body}\n`}${fence}`;
}

/**
 * True when every line the suggestion replaces is a line the diff shows (added or context: where a review
 * comment can sit), so that one comment can span them and GitHub can commit the suggestion there.
 */
export function isSuggestionInDiff(suggestion: Suggestion, commentableLines: ReadonlySet<number>): boolean {
  for (let line = suggestion.startLine; line <= suggestion.endLine; line++)
    if (!commentableLines.has(line)) return false;
  return true;
}

/** Most lines a suggestion may replace or hold: past that, a "Commit suggestion" button is no help to a reviewer. */
const MAX_SUGGESTION_LINES = 50;
/** Most characters of suggested text, well under GitHub's limit of a comment body. */
const MAX_SUGGESTION_CHARS = 10_000;

/**
 * The suggestion to post for a finding's fix, from the text of the finding's file as analysed: undefined
 * when the fix edits another file, falls outside the text, replaces or suggests too many lines, or holds
 * a line GitHub's Markdown would split (a lone carriage return or another line terminator) or one that
 * starts like our hidden markers (never read from there, but never written either).
 */
export function suggestionForFix(fix: Fix, file: string, text: string): Suggestion | undefined {
  if (fix.edits.some((e) => e.file !== file)) return undefined;
  const suggestion = suggestionOf(fix, text);
  if (suggestion === undefined) return undefined;
  const replaced = suggestion.endLine - suggestion.startLine + 1;
  if (replaced > MAX_SUGGESTION_LINES || suggestion.lines.length > MAX_SUGGESTION_LINES) return undefined;
  if (suggestion.lines.reduce((n, line) => n + line.length + 1, 0) > MAX_SUGGESTION_CHARS) return undefined;
  if (suggestion.lines.some((line) => /[\r\u2028\u2029]/.test(line) || /^\s*<!--\s*review-bot:/.test(line)))
    return undefined;
  return suggestion;
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
