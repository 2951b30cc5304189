import { Node, SyntaxKind } from 'ts-morph';
import { defineRule } from '../src/model/rule.js';
import type { FindingDraft } from '../src/model/rule.js';
import { lockModel } from './_shared/locks/model.js';
import type { Acquisition } from './_shared/locks/model.js';
import { sectionState } from './_shared/locks/state.js';
import type { SectionState } from './_shared/locks/state.js';
import { forEachOwnNode, functionName, functionPath, isAsync, isFunctionLike } from './_shared/locks/syntax.js';
import { lockName, snippet } from './_shared/locks/text.js';
import { WaitAnalysis } from './_shared/locks/waits.js';
import type { Wait } from './_shared/locks/waits.js';

type MessageId = 'checkThenAct';

export default defineRule({
  meta: {
    id: 'check-then-act',
    description: 'Disallow deciding in one critical section and acting on the decision in a later, separate section of the same lock',
    category: 'concurrency',
    defaultSeverity: 'warning',
    stability: 'stable',
    scope: 'project',
    needsTypeChecker: true,
    title: 'Check and act in separate critical sections',
    rationale: 'Between two critical sections the lock is free and other tasks can change the state the first one checked; the second one then acts on a decision that no longer holds.',
    messages: {
      checkThenAct: {
        message: '`{{fn}}` checks `{{check}}` and then acts with `{{act}}` in a separate critical section of `{{lock}}`, which does not check again; another task can take `{{lock}}` between the two and change {{fields}}, so the act can run on a stale answer.',
        recommendation: 'Do the check and the act in one critical section of `{{lock}}`, or repeat the check inside the section of `{{act}}`.',
      },
    },
    options: { defaults: {}, schema: { type: 'object', properties: {}, additionalProperties: false } },
  },
  *check({ files, project }) {
    const model = lockModel(project);
    const analysis = new WaitAnalysis(model);
    const states = new Map<Acquisition, SectionState>();
    const stateOf = (a: Acquisition): SectionState => {
      let state = states.get(a);
      if (state === undefined) { state = sectionState(a, model); states.set(a, state); }
      return state;
    };
    for (const file of files) {
      for (const fn of file.getDescendants().filter((n) => isFunctionLike(n) && isAsync(n))) {
        const finding = checkThenActIn(fn, analysis, stateOf);
        if (finding !== undefined) yield finding;
      }
    }
  },
});

/** The first check-then-act pair in one async function, if any. */
function checkThenActIn(fn: Node, analysis: WaitAnalysis, stateOf: (a: Acquisition) => SectionState): FindingDraft<MessageId> | undefined {
  const awaited: Node[] = [];
  forEachOwnNode(fn, (n) => { if (Node.isAwaitExpression(n)) awaited.push(n.getExpression()); });
  forEachOwnNode(fn, (n) => { if (Node.isReturnStatement(n) && n.getExpression() !== undefined && !Node.isAwaitExpression(n.getExpression())) awaited.push(n.getExpressionOrThrow()); });
  awaited.sort((a, b) => a.getStart() - b.getStart());
  for (const check of awaited) {
    const decision = decisionOf(check);
    if (decision === undefined) continue;
    for (const checkWait of analysis.waitsOf(check, 0)) {
      const read = new Set(stateOf(checkWait.acquisition).accesses.filter((a) => !a.write).map((a) => a.declaration));
      if (read.size === 0) continue;
      for (const act of awaited) {
        if (act.getStart() <= check.getEnd() || isInside(act, decision.getChildAtIndex(0)) && !isInside(act, decision)) continue;
        const actWait = analysis.waitsOf(act, 0).find((w) => w.lockKey === checkWait.lockKey && w.acquisition !== checkWait.acquisition);
        if (actWait === undefined) continue;
        const actState = stateOf(actWait.acquisition);
        const changed = actState.accesses.filter((a) => a.write && read.has(a.declaration));
        if (changed.length === 0 || rechecks(actState, read)) continue;
        return findingOf(fn, check, act, checkWait, actWait, [...new Set(changed.map((a) => a.name))]);
      }
    }
  }
  return undefined;
}

/** The `if`/conditional whose condition contains the checked value, when the value decides something. */
function decisionOf(check: Node): Node | undefined {
  let current: Node = check;
  for (let parent = current.getParent(); parent !== undefined; current = parent, parent = parent.getParent()) {
    if (Node.isIfStatement(parent) && parent.getExpression() === current) return parent;
    if (Node.isConditionalExpression(parent) && parent.getCondition() === current) return parent;
    if (Node.isStatement(parent) || isFunctionLike(parent)) return undefined;
  }
  return undefined;
}

/** True when `inner` is `outer` or inside it. */
function isInside(inner: Node, outer: Node): boolean {
  return outer.getStart() <= inner.getStart() && inner.getEnd() <= outer.getEnd();
}

/** True when the acting section itself tests state the check read (an `if`, `?:` or `throw` condition reading it). */
function rechecks(state: SectionState, read: ReadonlySet<Node>): boolean {
  return state.accesses.some((access) => {
    if (access.write || !read.has(access.declaration)) return false;
    const condition = access.node.getFirstAncestor((a) => Node.isIfStatement(a) || Node.isConditionalExpression(a) || Node.isThrowStatement(a) || a.getKind() === SyntaxKind.BarBarToken);
    return condition !== undefined;
  }) || hasConditionalCall(state);
}

/** A section that calls something in an `if` condition may be re-checking through a helper; give it the benefit of the doubt. */
function hasConditionalCall(state: SectionState): boolean {
  const root = state.acquisition.section.callback ?? state.acquisition.section.host;
  const tests: Node[] = [];
  forEachOwnNode(root, (n) => {
    if (Node.isIfStatement(n) && n.getExpression().getDescendantsOfKind(SyntaxKind.CallExpression).length > 0) tests.push(n);
  }, true);
  return tests.length > 0 && state.acquisition.section.callback !== undefined;
}

/** The finding at the act, with the check and both sections as evidence. */
function findingOf(fn: Node, check: Node, act: Node, checkWait: Wait, actWait: Wait, fields: string[]): FindingDraft<MessageId> {
  const lock = lockName(checkWait.acquisition);
  return {
    node: act,
    messageId: 'checkThenAct',
    symbol: `${functionPath(fn)}:${checkWait.acquisition.holder?.path ?? lock}`,
    data: {
      fn: functionName(fn),
      check: snippet(check, 40),
      act: snippet(act, 40),
      lock,
      fields: fields.map((f) => `\`${f}\``).join(' and '),
    },
    evidence: [
      { note: 'the check, in its own critical section', node: check },
      { note: 'the section that answers the check', node: checkWait.acquisition.call },
      { note: 'the section that acts, without checking again', node: actWait.acquisition.call },
    ],
  };
}
