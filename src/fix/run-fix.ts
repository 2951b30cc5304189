import type { Finding } from '../model/finding.js';
import type { PipelineResult } from '../pipeline.js';
import { diffOfChanges, parsesAsSource, readSourceText, writeChanges } from './files.js';
import { fixProject } from './fix-loop.js';
import type { FixOutcome } from './fix-loop.js';

/** What `--fix` or `--fix-dry-run` did. */
export interface FixRun {
  /** The analysis of the fixed texts (what is left), with the project it was made from. */
  pipeline: PipelineResult;
  outcome: FixOutcome;
  /** The unified diff of every change. */
  diff: string;
  /** Files written (none for a dry run). */
  written: string[];
  /** Files that changed on disk while review-bot ran, left alone. */
  changedMeanwhile: string[];
}

/** The findings a shell reports of an analysis (narrowed to a diff, say): the only ones `--fix` may fix. */
export type FixScope = (analysis: PipelineResult) => readonly Finding[];

/**
 * Fixes the project analysed by `analyseWith` (which lays the given texts,
 * by path relative to the root, over the files on disk). Writes the changed
 * files only when `write` is true. With a `scope`, only the findings it
 * reports of the first analysis are fixed, in every pass (known by their
 * fingerprints, which do not move with lines), never the others.
 */
export function runFix(
  analyseWith: (overlay: ReadonlyMap<string, string>) => PipelineResult,
  options: { write: boolean; scope?: FixScope | undefined },
): FixRun {
  const state: { last?: PipelineResult; reported?: ReadonlySet<string> } = {};
  const lastOrThrow = (): PipelineResult => {
    if (state.last === undefined) throw new Error('the fix loop read a file before analysing the project');
    return state.last;
  };
  const scope = options.scope;
  const outcome = fixProject({
    analyse: (overlay) => {
      state.last = analyseWith(overlay);
      if (scope !== undefined && state.reported === undefined)
        state.reported = new Set(scope(state.last).map((f) => f.fingerprint));
      return state.last.result;
    },
    read: (file) => readSourceText(lastOrThrow().root, file),
    parses: parsesAsSource,
    select: scope === undefined ? undefined : (finding) => state.reported?.has(finding.fingerprint) === true,
  });
  const pipeline = lastOrThrow();
  const written = options.write ? writeChanges(pipeline.root, outcome.changes) : undefined;
  return {
    pipeline,
    outcome,
    diff: diffOfChanges(outcome.changes),
    written: written?.written ?? [],
    changedMeanwhile: written?.changedMeanwhile ?? [],
  };
}

/** One line about what fixing did. */
export function fixSummary(run: FixRun, write: boolean): string {
  const { applied, changes, passes } = run.outcome;
  const files = changes.length === 1 ? '1 file' : `${String(changes.length)} files`;
  const fixes = applied === 1 ? '1 fix' : `${String(applied)} fixes`;
  if (applied === 0) return 'no finding has a safe fix to apply';
  const verb = write ? 'applied' : 'would apply';
  return `${verb} ${fixes} in ${files} (${String(passes)} ${passes === 1 ? 'pass' : 'passes'})`;
}
