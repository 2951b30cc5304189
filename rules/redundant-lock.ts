import { Node, SyntaxKind } from 'ts-morph';
import type { CallExpression } from 'ts-morph';
import { symbolPathOf } from './_shared/names.js';
import { andOthers, codeSpan, listOf, plural, shorten } from './_shared/text.js';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { EvidenceDraft, FindingDraft } from '../src/model/rule.js';
import type { HolderUses } from './_shared/locks/uses.js';
import { lockModel } from './_shared/locks/model.js';
import type { Acquisition, LockHolder } from './_shared/locks/model.js';
import type { LockFamily } from './_shared/locks/apis.js';
import { usesOf } from './_shared/locks/uses.js';
import { acquisitionSite } from './_shared/locks/text.js';
import { isIsolatedSection } from './_shared/locks/isolated.js';
import { CHAINING_METHODS, calledFunction, functionData, hostOf } from './_shared/locks/syntax.js';
import { WaitAnalysis } from './_shared/locks/waits.js';
import { skipOuterExpressions } from './_shared/ast/skip-outer-expressions.js';

export default defineRule({
  meta: {
    id: 'redundant-lock',
    description:
      'Disallow locks that serialise nothing: never acquired, held only by critical sections that never await, or released before the work a section returns',
    category: 'concurrency',
    defaultSeverity: 'warning',
    stability: 'stable',
    scope: 'project',
    needsTypeChecker: true,
    skipFiles: ['test'],
    title: 'Locks that guard nothing',
    rationale:
      'JavaScript runs code between await points to completion, so a lock whose critical sections never await keeps nothing out; it adds queueing and suggests a protection that is not there.',
    messages: {
      syncSections: {
        message:
          '`{{lock}}` serialises nothing: {{sections}}, and JavaScript runs code between await points to completion, so no other task can interleave with {{them}} even without the lock.',
        recommendation:
          'Remove `{{lock}}` and run the code directly; a lock is needed only once a section awaits while the state it guards is half-updated.',
      },
      isolatedSection: {
        message:
          'This critical section of `{{lock}}` in {{fnKind}} `{{fn}}` uses only its own variables, parameters and fields set once at construction ({{uses}}), so no other task can change what it reads and the lock protects nothing here.',
        recommendation:
          'Run this code without `{{lock}}`; keep the lock around code that reads or writes state other tasks change.',
      },
      releasedEarly: {
        message:
          '`{{lock}}` is released as soon as {{fnKind}} `{{fn}}` hands back the promise of `{{returned}}`, before the work it starts has finished, so that work runs without the lock.',
        recommendation:
          'Return `await {{returned}}` inside the critical section, so that `{{lock}}` is held until the work settles.',
      },
      neverAcquired: {
        message: '`{{lock}}` is created and used (`{{use}}`{{others}}) but never acquired, so it guards nothing.',
        recommendation: 'Remove `{{lock}}`, or acquire it around the code it was meant to guard.',
      },
    },
    options: NO_OPTIONS,
  },
  *check({ project }) {
    const model = lockModel(project);
    const waits = new WaitAnalysis(model);
    for (const holder of model.holders) {
      if (holder.api.interAgent) continue;
      for (const acquisition of holder.acquisitions) yield* releasedEarly(holder, acquisition, waits);
      const uses = usesOf(project, holder);
      if (uses.escape !== undefined) continue;
      if (holder.acquisitions.length === 0) {
        if (uses.other.length === 0 || uses.acquiring.length > 0 || holder.declaration === undefined) continue;
        if (uses.other.some((use) => mayAcquireUnderAnotherName(holder, use))) continue;
        yield neverAcquired(holder, uses);
        continue;
      }
      if (uses.other.length > 0 || uses.acquiring.length !== holder.acquisitions.length) continue;
      if (holder.acquisitions.every(neverAwaits)) {
        yield syncSection(holder, firstSectionOf(holder));
        continue;
      }
      for (const acquisition of holder.acquisitions) {
        if (isIsolatedSection(project, acquisition)) yield isolatedSection(holder, acquisition);
      }
    }
  },
});

type MessageId = 'syncSections' | 'neverAcquired' | 'isolatedSection' | 'releasedEarly';

/**
 * A section that returns a call's promise without awaiting it, from inside the `try` whose `finally` releases the
 * lock: one finding at each such `return` whose call (past `.then(…)`/`.catch(…)` chains) runs a function of the
 * project, and waiting for which waits for no acquisition of the holder (`WaitAnalysis`, which follows the
 * project's calls). A call that takes the lock again (a retry calling its own method) runs its work under the lock
 * once the `finally` has let it go, and awaiting it inside the section would wait for a lock the section holds; a
 * call the project cannot follow may take it too.
 */
function* releasedEarly(
  holder: LockHolder,
  acquisition: Acquisition,
  waits: WaitAnalysis,
): Generator<FindingDraft<MessageId>> {
  const host = hostOf(acquisition.call);
  for (const returned of acquisition.section.earlyReturns) {
    const call = startedCallOf(returned);
    if (call === undefined || calledFunction(call) === undefined) continue;
    if (waits.waitsOf(returned, 0).some((wait) => wait.acquisition.holder === holder)) continue;
    yield {
      node: returned,
      messageId: 'releasedEarly',
      symbol: { path: symbolPathOf(host), qualifier: `${holder.path}:${shorten(returned.getText())}` },
      data: { lock: holder.name, ...functionData(host), returned: shorten(returned.getText()) },
      evidence: [{ note: `${codeSpan(holder.name)} is taken here`, node: acquisitionSite(acquisition) }],
    };
  }
}

/** The call that starts a returned promise's work: the call itself, or the one `.then(…)`, `.catch(…)` are chained to. */
function startedCallOf(returned: Node): CallExpression | undefined {
  let at = skipOuterExpressions(returned);
  while (Node.isCallExpression(at)) {
    const callee = skipOuterExpressions(at.getExpression());
    if (!Node.isPropertyAccessExpression(callee) || !CHAINING_METHODS.has(callee.getName())) return at;
    at = skipOuterExpressions(callee.getExpression());
  }
  return undefined;
}

/** Lock APIs whose every method the model knows: a call of one that is not an acquisition takes nothing. */
const FULLY_KNOWN_FAMILIES: ReadonlySet<LockFamily> = new Set(['async-mutex', 'async-lock', 'web-locks', 'configured']);

/**
 * True for a call of a method on a lock whose API was read from its class's members or its name (a project's class,
 * a library's declarations, `…Semaphore`): the model knows its acquiring methods by their usual names only, and this
 * one may take the lock under another (semaphore-async-await's `wait()`, an alias of `acquire()`).
 */
function mayAcquireUnderAnotherName(holder: LockHolder, use: Node): boolean {
  return !FULLY_KNOWN_FAMILIES.has(holder.api.family) && Node.isCallExpression(use);
}

/** A lock that is used but never acquired. */
function neverAcquired(holder: LockHolder, uses: HolderUses): FindingDraft<MessageId> {
  return {
    node: nameNodeOf(holder),
    messageId: 'neverAcquired',
    symbol: { path: holder.path },
    data: {
      lock: holder.name,
      use: shorten(uses.other[0]?.getText() ?? ''),
      others: andOthers(uses.other.length - 1, 'use'),
    },
    evidence: uses.other.map((u) => ({ note: 'used here, without acquiring it', node: u })),
  };
}

/**
 * The section a lock none of whose sections awaits is reported at, once, with the others as evidence: the first in
 * the project's order of files, then of lines. One lock is one fact, however many sections take it.
 */
function firstSectionOf(holder: LockHolder): Acquisition {
  const order = (a: Acquisition): [string, number] => [a.call.getSourceFile().getFilePath(), a.call.getStart()];
  return holder.acquisitions.reduce((first, next) => {
    const [firstFile, firstAt] = order(first);
    const [nextFile, nextAt] = order(next);
    return nextFile < firstFile || (nextFile === firstFile && nextAt < firstAt) ? next : first;
  });
}

/** The finding for a lock none of whose sections awaits, at one of them. */
function syncSection(holder: LockHolder, acquisition: Acquisition): FindingDraft<MessageId> {
  return {
    node: acquisitionSite(acquisition),
    messageId: 'syncSections',
    symbol: { path: holder.path },
    data: sectionData(holder),
    evidence: evidenceOf(holder, acquisition),
  };
}

/** A section that touches no state another task can change. */
function isolatedSection(holder: LockHolder, acquisition: Acquisition): FindingDraft<MessageId> {
  const callback = acquisition.section.callback ?? acquisition.call;
  const used = new Set<Node>();
  for (const id of callback.getDescendantsOfKind(SyntaxKind.Identifier)) {
    const d = id.getSymbol()?.getDeclarations()[0];
    if (d !== undefined && (Node.isParameterDeclaration(d) || Node.isPropertyDeclaration(d))) used.add(d);
  }
  return {
    node: acquisitionSite(acquisition),
    messageId: 'isolatedSection',
    symbol: { path: symbolPathOf(hostOf(acquisition.call)), qualifier: holder.path },
    data: {
      lock: holder.name,
      ...functionData(hostOf(acquisition.call)),
      uses: usesPhrase([...used]),
    },
    evidence:
      holder.declaration === undefined
        ? []
        : [{ note: `${codeSpan(holder.name)} is created here`, node: holder.declaration }],
  };
}

/** What an isolated section uses besides its locals, in prose: `2 parameters and 1 field`, or `nothing else`. */
function usesPhrase(declarations: readonly Node[]): string {
  const parameters = declarations.filter((d) => Node.isParameterDeclaration(d)).length;
  const fields = declarations.length - parameters;
  const parts = [
    ...(parameters > 0 ? [plural(parameters, 'parameter')] : []),
    ...(fields > 0 ? [plural(fields, 'field')] : []),
  ];
  return parts.length === 0 ? 'nothing else' : listOf(parts);
}

/** Wording for how many sections the lock has. */
function sectionData(holder: LockHolder): Record<string, string> {
  const count = holder.acquisitions.length;
  if (count === 1) return { lock: holder.name, sections: 'its only critical section never awaits', them: 'it' };
  return { lock: holder.name, sections: `none of its ${String(count)} critical sections awaits`, them: 'them' };
}

/**
 * True when the section is visible and has no await point, not even a returned promise: one it returns from
 * inside the lock without awaiting it counts as one, since the remedy there is to await it, not to drop the lock.
 */
function neverAwaits(acquisition: Acquisition): boolean {
  const section = acquisition.section;
  return (
    !section.opaque &&
    section.awaitPoints.length === 0 &&
    section.maybeAwaitPoints.length === 0 &&
    section.earlyReturns.length === 0
  );
}

/** The declaration's name, where the finding points for a lock never acquired. */
function nameNodeOf(holder: LockHolder): Node {
  const declaration = holder.declaration;
  if (declaration === undefined) throw new Error(`lock ${holder.name} has no declaration`);
  const name = declaration.getChildren().find((c) => c.getText() === holder.name);
  return name ?? declaration;
}

/** The lock's declaration and its other critical sections. */
function evidenceOf(holder: LockHolder, acquisition: Acquisition): EvidenceDraft[] {
  const evidence: EvidenceDraft[] = [];
  if (holder.declaration !== undefined)
    evidence.push({ note: `${codeSpan(holder.name)} is created here`, node: holder.declaration });
  for (const other of holder.acquisitions) {
    if (other !== acquisition)
      evidence.push({
        note: 'another critical section of the lock, with no await point',
        node: acquisitionSite(other),
      });
  }
  return evidence;
}
