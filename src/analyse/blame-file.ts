import type { SourceFile } from 'ts-morph';
import type { ProjectView } from '../model/project-view.js';
import type { AnyRule } from '../model/rule.js';

/** How long the replay may take in all, in milliseconds: attribution must never cost more than a rule's run. */
const REPLAY_BUDGET_MS = 10_000;

/**
 * The file a project-scope rule crashed on, found by replaying the rule on
 * each file alone (the rest of the project still loaded) until one throws the
 * same kind of error; undefined when the rule throws with no file at all, or
 * no single file reproduces it within the replay budget. Only run after a crash, so a healthy run pays nothing.
 */
export function blameFile(
  rule: AnyRule,
  view: ProjectView,
  options: Readonly<Record<string, unknown>>,
  files: readonly SourceFile[],
  error: unknown,
): SourceFile | undefined {
  const started = performance.now();
  // A crash without any file (in a model shared through view.memo over every file) is no single file's doing.
  if (throwsSame(rule, view, options, [], error)) return undefined;
  for (const file of files) {
    if (performance.now() - started > REPLAY_BUDGET_MS) return undefined;
    if (throwsSame(rule, view, options, [file], error)) return file;
  }
  return undefined;
}

/** True when running the rule on these files throws the same kind of error. */
function throwsSame(
  rule: AnyRule,
  view: ProjectView,
  options: Readonly<Record<string, unknown>>,
  files: readonly SourceFile[],
  error: unknown,
): boolean {
  try {
    Array.from(rule.run({ files, project: view }, options));
    return false;
  } catch (replayed) {
    return sameKind(replayed, error);
  }
}

/** True when two thrown values are errors of one class with one message. */
function sameKind(a: unknown, b: unknown): boolean {
  if (!(a instanceof Error) || !(b instanceof Error)) return a === b;
  return a.constructor === b.constructor && a.message === b.message;
}
