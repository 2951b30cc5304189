import { posix } from 'node:path';
import type { Finding } from '../model/finding.js';
import type { FileDiff } from './parse.js';

/**
 * Which findings belong to a change, as reviewdog defines its modes:
 * - `added`: a line of the finding is added or modified by the change;
 * - `diff_context`: a line of the finding is shown in the diff (added or context line);
 * - `file`: the finding is in a changed file;
 * - `nofilter`: every finding.
 */
export type FilterMode = 'added' | 'diff_context' | 'file' | 'nofilter';

/** The filter modes, default first. */
export const FILTER_MODES: readonly FilterMode[] = ['added', 'diff_context', 'file', 'nofilter'];

/** A finding marked against a diff. Nothing is dropped: `selected` says whether the filter mode keeps it. */
export interface MarkedFinding {
  finding: Finding;
  /** Repository-relative POSIX path (the path the diff uses). */
  path: string;
  /** The file is part of the change. */
  inDiffFile: boolean;
  /** The changed file's diff has hunks (false for files shown without a patch, and for files outside the change). */
  filePatched: boolean;
  /** A line of the finding is added or modified by the change (every line, for a file shown without a patch). */
  inDiffLines: boolean;
  /** A line of the finding is shown in the diff (added or context line). */
  inDiffContext: boolean;
  /** The new-side line an inline review comment can sit on; undefined when no line of the finding is shown. */
  commentLine: number | undefined;
  /** The filter mode keeps this finding. */
  selected: boolean;
}

/** Options of markFindings. */
export interface FilterOptions {
  mode: FilterMode;
  /** Repository-relative POSIX path of the analysed root ('' when it is the repository root). */
  rootPrefix?: string | undefined;
}

/** Returns true when the text names a filter mode. */
export function isFilterMode(text: string): text is FilterMode {
  return FILTER_MODES.some((mode) => mode === text);
}

/** Marks every finding against the diff; the result has one entry per finding, in the same order. */
export function markFindings(
  findings: readonly Finding[],
  diff: readonly FileDiff[],
  options: FilterOptions,
): MarkedFinding[] {
  const byPath = new Map<string, FileDiff>();
  for (const file of diff) if (file.status !== 'removed') byPath.set(file.path, file);
  const prefix = normalisePrefix(options.rootPrefix ?? '');
  return findings.map((finding) => markFinding(finding, prefix, byPath, options.mode));
}

/** Marks one finding. */
function markFinding(
  finding: Finding,
  prefix: string,
  byPath: ReadonlyMap<string, FileDiff>,
  mode: FilterMode,
): MarkedFinding {
  const path = prefix === '' ? finding.file : posix.join(prefix, finding.file);
  const file = byPath.get(path);
  const lines = linesOf(finding);
  const inDiffFile = file !== undefined;
  // A file shown without a patch (too large, or binary) has no lines to match: the whole file counts as changed.
  const inDiffLines = file !== undefined && (!file.hasPatch || lines.some((line) => file.addedLines.has(line)));
  const inDiffContext = file !== undefined && (!file.hasPatch || lines.some((line) => file.visibleLines.has(line)));
  const commentLine = file === undefined || !file.hasPatch ? undefined : placeComment(lines, file);
  return {
    finding,
    path,
    inDiffFile,
    filePatched: file?.hasPatch ?? false,
    inDiffLines,
    inDiffContext,
    commentLine,
    selected: isSelected(mode, inDiffFile, inDiffLines, inDiffContext),
  };
}

/** The line a comment goes on: the finding's first line when shown, else its first added line, else its first shown line. */
function placeComment(lines: readonly number[], file: FileDiff): number | undefined {
  const first = lines[0];
  if (first !== undefined && file.visibleLines.has(first)) return first;
  return lines.find((line) => file.addedLines.has(line)) ?? lines.find((line) => file.visibleLines.has(line));
}

/** Whether the mode keeps a finding with these marks. */
function isSelected(mode: FilterMode, inDiffFile: boolean, inDiffLines: boolean, inDiffContext: boolean): boolean {
  switch (mode) {
    case 'added':
      return inDiffLines;
    case 'diff_context':
      return inDiffContext;
    case 'file':
      return inDiffFile;
    case 'nofilter':
      return true;
  }
}

/** The lines a finding spans (capped, so a finding over a whole large file stays cheap). */
function linesOf(finding: Finding): number[] {
  const end = Math.max(finding.line, Math.min(finding.endLine, finding.line + 10_000));
  const lines: number[] = [];
  for (let line = finding.line; line <= end; line += 1) lines.push(line);
  return lines;
}

/** '' for the repository root, else a POSIX path without leading './' or trailing '/'. */
function normalisePrefix(prefix: string): string {
  const normal = posix.normalize(prefix.replaceAll('\\', '/'));
  if (normal === '.' || normal === './' || normal === '') return '';
  return normal.replace(/^\.\//, '').replace(/\/$/, '');
}
