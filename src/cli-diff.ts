/**
 * `review-bot --diff <base-ref>`: keep the findings of `git diff <merge-base>...HEAD`. Apart from
 * cli-github.ts so that a local run reads its diff without loading the GitHub client.
 */
import { join, resolve } from 'node:path';
import type { FilterMode } from './diff/filter.js';
import { markFindings } from './diff/filter.js';
import type { FileDiff } from './diff/parse.js';
import { gitRoot, localDiff } from './github/local-diff.js';
import { relativePathOf } from './load/root.js';
import { UserError } from './model/errors.js';
import type { AnalysisResult } from './model/finding.js';

/** `git diff <merge-base>...HEAD` in the repository around the analysed root, read once for a --diff run. */
export interface LocalDiff {
  repository: string;
  /** The analysed root relative to the repository, with `/` separators. */
  rootPrefix: string;
  files: FileDiff[];
}

/**
 * Reads the local diff of the repository around `root`; a root outside git is --diff's error. git runs in
 * processes of its own, both commands at once (the diff names files from the repository's top wherever it
 * runs), while the caller goes on loading the engine.
 */
export async function readLocalDiffOf(root: string, baseRef: string): Promise<LocalDiff> {
  const files = readLocalDiff(resolve(root), baseRef);
  files.catch(() => undefined); // awaited below, once the repository is known: its error comes first
  const repository = await gitRoot(root);
  if (repository === undefined) throw new UserError(`--diff: ${root} is not inside a git repository`);
  const rootPrefix = relativePathOf(repository, resolve(root));
  return { repository, rootPrefix, files: await files };
}

/** The result narrowed to the findings the local diff shows, as `mode` selects them. */
export function scopeToLocalDiff(result: AnalysisResult, diff: LocalDiff, mode: FilterMode): AnalysisResult {
  const marked = markFindings(result.findings, diff.files, { mode, rootPrefix: diff.rootPrefix });
  return { ...result, findings: marked.filter((m) => m.selected).map((m) => m.finding) };
}

/**
 * The files the local diff adds or modifies (absolute paths): the only files --diff shows findings in, so
 * the only ones the rules need to report on (pull-request mode). Undefined when the filter mode keeps every finding.
 */
export function changedFilesOf(diff: LocalDiff, mode: FilterMode): string[] | undefined {
  if (mode === 'nofilter') return undefined;
  return diff.files.filter((file) => file.status !== 'removed').map((file) => join(diff.repository, file.path));
}

/** `git diff <merge-base>...HEAD`, its failure named as --diff's. */
async function readLocalDiff(folder: string, baseRef: string): Promise<FileDiff[]> {
  try {
    return await localDiff(folder, baseRef);
  } catch (error) {
    if (error instanceof UserError) throw new UserError(`--diff: ${error.message}`, { cause: error });
    throw error;
  }
}
