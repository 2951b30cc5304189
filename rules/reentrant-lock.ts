import { Node } from 'ts-morph';
import { symbolPathOf } from './_shared/names.js';
import { codeSpan, plural, shorten } from './_shared/text.js';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { EvidenceDraft, FindingDraft } from '../src/model/rule.js';
import { lockModel } from './_shared/locks/model.js';
import type { Acquisition } from './_shared/locks/model.js';
import { forEachOwnNode, functionData, hostOf } from './_shared/locks/syntax.js';
import { acquisitionSite, lockName } from './_shared/locks/text.js';
import { WaitAnalysis, waitedExpressions } from './_shared/locks/waits.js';
import type { Wait } from './_shared/locks/waits.js';

type MessageId = 'nestedAcquisition' | 'reentrantCall';

export default defineRule({
  meta: {
    id: 'reentrant-lock',
    description: 'Disallow acquiring a non-re-entrant lock again inside its own critical section',
    category: 'concurrency',
    defaultSeverity: 'error',
    stability: 'stable',
    scope: 'project',
    needsTypeChecker: true,
    title: 'Locks acquired again while held',
    rationale:
      'async-mutex, async-lock and Web Locks are not re-entrant: a critical section that waits for its own lock waits for itself, and every later caller of that lock stalls behind it.',
    messages: {
      nestedAcquisition: {
        message:
          '`{{lock}}` is acquired again in {{fnKind}} `{{fn}}`, inside a critical section that already holds `{{lock}}`; `{{lock}}` is not re-entrant, so the inner acquisition waits for the outer section, which waits for it: a deadlock.',
        recommendation:
          'Run this code directly inside the section that already holds `{{lock}}` instead of acquiring it again.',
      },
      reentrantCall: {
        message:
          'In {{fnKind}} `{{fn}}`, `{{call}}` is awaited while `{{lock}}` is held, and that call acquires `{{lock}}` again at `{{inner}}`{{through}}; `{{lock}}` is not re-entrant, so the two wait for each other forever.',
        recommendation:
          'Split {{calleeKind}} `{{callee}}` into a part that takes `{{lock}}` and a `…Locked` part that assumes it is held, and call the `…Locked` part here.',
      },
    },
    options: NO_OPTIONS,
  },
  *check({ project }) {
    const model = lockModel(project);
    const analysis = new WaitAnalysis(model);
    for (const acquisition of model.acquisitions) {
      if (!isCheckable(acquisition)) continue;
      for (const expression of waitedInSection(acquisition)) {
        const wait = analysis
          .waitsOf(expression, 0)
          .find((w) => w.lockKey === acquisition.lockKey && w.acquisition !== acquisition);
        if (wait !== undefined) yield findingOf(acquisition, wait);
      }
    }
  },
});

/** Sections whose lock is known, exclusive and known not to be re-entrant. */
function isCheckable(acquisition: Acquisition): boolean {
  const holder = acquisition.holder;
  return (
    acquisition.exclusive &&
    acquisition.lockKey !== undefined &&
    holder !== undefined &&
    !holder.shared &&
    acquisition.api.reentrant === 'no' &&
    !acquisition.api.semaphore &&
    !acquisition.section.opaque
  );
}

/** Expressions the section waits for while holding the lock. */
function waitedInSection(acquisition: Acquisition): Node[] {
  const section = acquisition.section;
  if (section.callback !== undefined) return waitedExpressions(section.callback);
  const out: Node[] = [];
  forEachOwnNode(section.host, (n) => {
    if (Node.isAwaitExpression(n) && n.getStart() >= section.start && n.getStart() < section.end)
      out.push(n.getExpression());
  });
  return out;
}

/** The finding, pointing at the call (or acquisition) that waits, with the chain as evidence. */
function findingOf(outer: Acquisition, wait: Wait): FindingDraft<MessageId> {
  const lock = lockName(outer);
  const first = wait.chain[0];
  const evidence: EvidenceDraft[] = [
    { note: `${codeSpan(lock)} is acquired here`, node: acquisitionSite(outer) },
    ...wait.chain.map((step) => ({ note: step.note, node: step.node })),
    { note: `acquires ${codeSpan(lock)} again`, node: acquisitionSite(wait.acquisition) },
  ];
  const symbol = { path: symbolPathOf(hostOf(outer.call)), qualifier: outer.holder?.path ?? lock };
  const fn = functionData(hostOf(outer.call));
  if (first === undefined) {
    return {
      node: acquisitionSite(wait.acquisition),
      messageId: 'nestedAcquisition',
      symbol,
      data: { ...fn, lock },
      evidence,
    };
  }
  const through = wait.chain.length > 1 ? ` through ${plural(wait.chain.length, 'call')}` : '';
  return {
    node: first.node,
    messageId: 'reentrantCall',
    symbol,
    data: {
      ...fn,
      lock,
      call: shorten(first.node.getText()),
      inner: shorten(acquisitionSite(wait.acquisition).getText()),
      through,
      ...functionData(first.fn, 'callee'),
    },
    evidence,
  };
}
