import { Node } from 'ts-morph';
import { symbolPathOf } from './_shared/names.js';
import { codeSpan, shorten } from './_shared/text.js';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { EvidenceDraft } from '../src/model/rule.js';
import { lockModel } from './_shared/locks/model.js';
import type { Acquisition } from './_shared/locks/model.js';
import type { ReleaseProblem } from './_shared/locks/release.js';
import { functionData } from './_shared/locks/syntax.js';
import { acquisitionSite, lockName } from './_shared/locks/text.js';

type MessageId = 'neverReleased' | 'rejectionSkipsRelease' | 'exitSkipsRelease' | 'endSkipsRelease';

export default defineRule({
  meta: {
    id: 'unreleased-lock',
    description: 'Require every acquired lock to be released on every path, including exceptions',
    category: 'concurrency',
    defaultSeverity: 'error',
    stability: 'stable',
    scope: 'project',
    needsTypeChecker: true,
    title: 'Locks that can stay held',
    rationale:
      'A lock that is not released on some path stays held forever: every later caller waits for it and the program stalls without an error.',
    messages: {
      neverReleased: {
        message:
          '`{{lock}}` is acquired in {{fnKind}} `{{fn}}` and never released there, so every later acquisition of `{{lock}}` waits forever.',
        recommendation: 'Release `{{lock}}` in a `finally` block right after the acquisition.',
      },
      rejectionSkipsRelease: {
        message:
          '`{{lock}}` is acquired in {{fnKind}} `{{fn}}` and released without `finally`: if `{{await}}` on line {{line}} rejects, the release never runs and `{{lock}}` stays held.',
        recommendation: 'Wrap the code after the acquisition in `try` and release `{{lock}}` in its `finally` block.',
      },
      exitSkipsRelease: {
        message:
          '`{{lock}}` is acquired in {{fnKind}} `{{fn}}`, but the `{{exit}}` on line {{line}} leaves before any release, so `{{lock}}` stays held.',
        recommendation: 'Release `{{lock}}` in a `finally` block right after the acquisition.',
      },
      endSkipsRelease: {
        message:
          '`{{lock}}` is acquired in {{fnKind}} `{{fn}}`, but a path reaches its end without releasing it, so `{{lock}}` stays held.',
        recommendation: 'Release `{{lock}}` in a `finally` block right after the acquisition.',
      },
    },
    options: NO_OPTIONS,
  },
  *check({ project }) {
    for (const acquisition of lockModel(project).acquisitions) {
      const problem = acquisition.release?.problem;
      if (acquisition.style !== 'acquire' || problem === undefined) continue;
      yield {
        node: acquisitionSite(acquisition),
        messageId: messageIdOf(problem),
        symbol: {
          path: symbolPathOf(acquisition.section.host),
          qualifier: acquisition.holder?.path ?? lockName(acquisition),
        },
        data: dataOf(acquisition, problem),
        evidence: evidenceOf(acquisition, problem),
      };
    }
  },
});

/** The message for each kind of path that keeps the lock. */
function messageIdOf(problem: ReleaseProblem): MessageId {
  switch (problem.reason) {
    case 'never':
      return 'neverReleased';
    case 'await':
      return 'rejectionSkipsRelease';
    case 'exit':
      return 'exitSkipsRelease';
    case 'end':
      return 'endSkipsRelease';
  }
}

/** Placeholders: the lock, the function, and the await or exit that skips the release. */
function dataOf(acquisition: Acquisition, problem: ReleaseProblem): Record<string, string | number> {
  const data: Record<string, string | number> = {
    lock: lockName(acquisition),
    ...functionData(acquisition.section.host),
    line: problem.node.getStartLineNumber(),
  };
  if (problem.reason === 'await') data['await'] = shorten(problem.node.getText());
  if (problem.reason === 'exit') data['exit'] = exitKeyword(problem.node);
  return data;
}

/** `return`, `throw`, `break` or `continue`. */
function exitKeyword(node: Node): string {
  if (Node.isReturnStatement(node)) return 'return';
  if (Node.isThrowStatement(node)) return 'throw';
  if (Node.isBreakStatement(node)) return 'break';
  return 'continue';
}

/** The path's culprit and the releases that exist. */
function evidenceOf(acquisition: Acquisition, problem: ReleaseProblem): EvidenceDraft[] {
  const evidence: EvidenceDraft[] = [];
  if (problem.reason === 'await')
    evidence.push({ note: 'await point that can reject before the release', node: problem.node });
  if (problem.reason === 'exit') evidence.push({ note: 'leaves before the release', node: problem.node });
  for (const release of acquisition.release?.releases ?? [])
    evidence.push({ note: 'release, not in a `finally` block', node: release });
  const runMethod = acquisition.api.runMethods[0];
  if (runMethod !== undefined)
    evidence.push({
      note: `${codeSpan(`${lockName(acquisition)}.${runMethod}(...)`)} would run the section and release the lock on every path`,
      node: acquisitionSite(acquisition),
    });
  return evidence;
}
