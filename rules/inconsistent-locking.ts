import { Node } from 'ts-morph';
import type { IfStatement } from 'ts-morph';
import { symbolPathOf } from './_shared/names.js';
import { andOthers, codeSpan, shorten } from './_shared/text.js';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { EvidenceDraft, FindingDraft } from '../src/model/rule.js';
import type { ProjectView } from '../src/model/project-view.js';
import { lockModel } from './_shared/locks/model.js';
import type { Acquisition, LockHolder } from './_shared/locks/model.js';
import {
  callInSectionOf,
  inFluxOf,
  isInSectionOf,
  isWrite,
  onlyCalledUnderLock,
  sectionStates,
  stateOf,
} from './_shared/locks/state.js';
import type { InFlux, SectionState } from './_shared/locks/state.js';
import { calledFunction, forEachOwnNode, functionData, hostOf, isAsync, isGenerator } from './_shared/locks/syntax.js';

type MessageId = 'unguardedRead' | 'unguardedWrite';

export default defineRule({
  meta: {
    id: 'inconsistent-locking',
    description:
      'Disallow reading or writing state outside the lock whose critical sections change it across an await point',
    category: 'concurrency',
    defaultSeverity: 'warning',
    stability: 'stable',
    scope: 'project',
    needsTypeChecker: true,
    skipFiles: ['test'],
    title: 'State used outside the lock that guards it',
    rationale:
      'A critical section that awaits in the middle of changing state lets other tasks run while the state is half-updated; code that uses that state without the lock runs right then and sees, or clobbers, the half-done work.',
    messages: {
      unguardedRead: {
        message:
          'While {{writerKind}} `{{writer}}` holds `{{lock}}` across `{{await}}`, it changes `{{field}}`{{changedOthers}}; {{fnKind}} `{{fn}}` reads `{{field}}`{{others}} without `{{lock}}`, so it can run during that await and see the half-updated state.',
        recommendation:
          'Read `{{field}}`{{others}} inside a critical section of `{{lock}}`, or make {{fnKind}} `{{fn}}` private and call it only from such sections{{where}}.',
      },
      unguardedWrite: {
        message:
          'While {{writerKind}} `{{writer}}` holds `{{lock}}` across `{{await}}`, it changes `{{field}}`{{changedOthers}}; {{fnKind}} `{{fn}}` writes `{{field}}`{{others}} without `{{lock}}`, so it can run during that await and mix its change into the half-done update.',
        recommendation: 'Write `{{field}}`{{others}} inside a critical section of `{{lock}}`{{where}}.',
      },
    },
    options: NO_OPTIONS,
  },
  *check({ project }) {
    const model = lockModel(project);
    for (const [holder, states] of sectionStates(project, model)) {
      if (holder.api.interAgent) continue;
      const inFlux = new Map<Node, InFlux>();
      for (const state of states)
        for (const item of inFluxOf(state)) if (!inFlux.has(item.declaration)) inFlux.set(item.declaration, item);
      for (const declaration of [...inFlux.keys()])
        if (ownedBySyncFunction(project, declaration, inFlux.get(declaration)?.name ?? '')) inFlux.delete(declaration);
      if (inFlux.size === 0) continue;
      yield* unguardedAccesses(project, holder, inFlux, states);
    }
  },
});

/**
 * True when every use of the state sits in one synchronous function (a lazy
 * cache, a counter behind `next()`): each call runs to completion, so the state
 * only ever holds what a finished call left there, whoever calls it.
 */
function ownedBySyncFunction(view: ProjectView, declaration: Node, name: string): boolean {
  let owner: Node | undefined;
  for (const occurrence of view.references.occurrences(name)) {
    const resolved = view.references.resolve(occurrence);
    if (resolved === undefined || !resolved.includes(declaration)) continue;
    if (occurrence.node.getParent() === declaration) continue;
    const fn = hostOf(occurrence.node);
    if (Node.isSourceFile(fn) || isAsync(fn) || isGenerator(fn) || Node.isConstructorDeclaration(fn)) return false;
    if (owner !== undefined && owner !== fn) return false;
    owner = fn;
  }
  return owner !== undefined;
}

/**
 * Where the lock goes when a section of it calls the function too (`get()` holding `connectLock` calls
 * `_drainToClose()`, which `close()` calls without it): at the calls made outside the sections, since taking the lock
 * inside the function would make that section take it a second time (a non-re-entrant lock then waits for itself).
 * Empty otherwise.
 */
function whereToLock(view: ProjectView, fn: Node, holder: LockHolder): string {
  if (holder.api.reentrant === 'yes') return '';
  const call = callInSectionOf(view, fn, holder);
  if (call === undefined) return '';
  const { fnKind, fn: name } = functionData(fn);
  return `; take \`${holder.name}\` at the calls of ${fnKind} \`${name}\` made outside its sections, not inside \`${name}\`, since a section of \`${holder.name}\` already runs it (the call on line ${call.getStartLineNumber()}) and would take \`${holder.name}\` twice`;
}

/** A read or write of in-flux state outside the lock's sections. */
interface UnguardedAccess {
  node: Node;
  write: boolean;
  flux: InFlux;
}

/**
 * True when the function's unlocked accesses are the fast path of a double-checked test: each a read in the
 * condition of an `if` whose branch only returns, with no value (`if (this.connections.size > 0) return;`), and after
 * that `if` the function takes the lock, in its own code or in a function it calls, in a section that reads the same
 * field again (`_prewarmImpl()` testing `connections.size` under `connectLock`). The decision that acts is the one
 * made under the lock; a half-updated value read on the fast path can only end a call early that does nothing, and
 * hands out nothing it read.
 */
function isDoubleCheckedBailOut(
  fn: Node,
  accesses: readonly UnguardedAccess[],
  states: readonly SectionState[],
): boolean {
  // Reads in one condition (`if (this.a && this.b) return;`) share its test.
  const takers = new Map<IfStatement, (acquisition: Acquisition) => boolean>();
  return accesses.every((access) => {
    const guard = access.write ? undefined : bailOutGuardOf(access.node, fn);
    if (guard === undefined) return false;
    let takesAfter = takers.get(guard);
    if (takesAfter === undefined) {
      takesAfter = lockTakerAfter(fn, guard);
      takers.set(guard, takesAfter);
    }
    return states.some(
      (state) =>
        takesAfter(state.acquisition) &&
        state.accesses.some((again) => !again.write && again.declaration === access.flux.declaration),
    );
  });
}

/**
 * The `if` statement whose condition holds the read and whose only branch returns no value (`if (…) return;`). The
 * first statement above the read is that `if` only when the read is in its condition: a read in a branch has the
 * branch's own statement above it first.
 */
function bailOutGuardOf(read: Node, fn: Node): IfStatement | undefined {
  for (let at = read.getParent(); at !== undefined && at !== fn; at = at.getParent()) {
    if (Node.isIfStatement(at))
      return at.getElseStatement() === undefined && returnsNothing(at.getThenStatement()) ? at : undefined;
    if (Node.isStatement(at)) return undefined;
  }
  return undefined;
}

/** `return;`, or a block holding only it. */
function returnsNothing(statement: Node): boolean {
  const only =
    Node.isBlock(statement) && statement.getStatements().length === 1 ? statement.getStatements()[0] : statement;
  return only !== undefined && Node.isReturnStatement(only) && only.getExpression() === undefined;
}

/**
 * A test of an acquisition: true when, after `guard`, the function's own code takes that lock there or calls the
 * function that does. The functions called after `guard` are listed once, for every section tested.
 */
function lockTakerAfter(fn: Node, guard: Node): (acquisition: Acquisition) => boolean {
  const after = (node: Node): boolean => node.getStart() >= guard.getEnd() && hostOf(node, true) === fn;
  const called = new Set<Node>();
  forEachOwnNode(fn, (node) => {
    const callee = Node.isCallExpression(node) && after(node) ? calledFunction(node) : undefined;
    if (callee !== undefined) called.add(callee);
  });
  return (acquisition) => after(acquisition.call) || called.has(hostOf(acquisition.call, true));
}

/** One finding per function that touches in-flux state of the lock outside its sections. */
function* unguardedAccesses(
  view: ProjectView,
  holder: LockHolder,
  inFlux: ReadonlyMap<Node, InFlux>,
  states: readonly SectionState[],
): Generator<FindingDraft<MessageId>> {
  const byFunction = new Map<Node, UnguardedAccess[]>();
  for (const [declaration, flux] of inFlux) {
    for (const occurrence of view.references.occurrences(flux.name)) {
      const resolved = view.references.resolve(occurrence);
      if (resolved === undefined || !resolved.includes(declaration)) continue;
      const name = occurrence.node;
      const parent = name.getParent();
      const access =
        parent !== undefined && Node.isPropertyAccessExpression(parent) && parent.getNameNode() === name
          ? parent
          : name;
      if (stateOf(access) === undefined || isInSectionOf(access, holder)) continue;
      const fn = hostOf(access, true);
      if (!Node.isMethodDeclaration(fn) && !Node.isFunctionDeclaration(fn) && !Node.isGetAccessorDeclaration(fn))
        continue;
      if (onlyCalledUnderLock(view, fn, holder)) continue;
      const list = byFunction.get(fn) ?? [];
      list.push({ node: access, write: isWrite(access), flux });
      byFunction.set(fn, list);
    }
  }
  for (const [fn, accesses] of byFunction) {
    accesses.sort((a, b) => a.node.getStart() - b.node.getStart());
    if (isDoubleCheckedBailOut(fn, accesses, states)) continue;
    const write = accesses.some((a) => a.write);
    // The message speaks of the function's first write when it writes, else of its first read. Beside that field it
    // names, in the function's clause, only the fields the function accesses the same way, and in the writer's
    // clause only those the same section changes across the same await: another writer's fields, or fields the
    // function only reads, would make "it changes" or "writes" false of them.
    const same = accesses.filter((a) => a.write === write);
    const first = same[0];
    if (first === undefined) continue;
    const flux = first.flux;
    const names = [...new Set(same.map((a) => a.flux.name))];
    const changed = [
      ...new Set(
        same.filter((a) => a.flux.section === flux.section && a.flux.await === flux.await).map((a) => a.flux.name),
      ),
    ];
    const evidence: EvidenceDraft[] = [
      { note: `${codeSpan(flux.name)} changed before the await`, node: flux.before },
      { note: 'await point inside the critical section', node: flux.await },
      { note: `${codeSpan(flux.name)} changed again after the await`, node: flux.after },
      ...accesses
        .filter((a) => a !== first)
        .map((a) => ({
          note: `also ${a.write ? 'writes' : 'reads'} ${codeSpan(a.flux.name)} without the lock`,
          node: a.node,
        })),
    ];
    yield {
      node: first.node,
      messageId: write ? 'unguardedWrite' : 'unguardedRead',
      symbol: { path: symbolPathOf(fn), qualifier: holder.path },
      data: {
        ...functionData(hostOf(flux.section.call), 'writer'),
        lock: holder.name,
        await: shorten(flux.await.getText()),
        field: flux.name,
        changedOthers: andOthers(changed.length - 1, 'field'),
        others: andOthers(names.length - 1, 'field'),
        ...functionData(fn),
        where: whereToLock(view, fn, holder),
      },
      evidence,
    };
  }
}
