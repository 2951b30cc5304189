import { Node, SyntaxKind, ts, VariableDeclarationKind } from 'ts-morph';
import { alwaysLeaves } from './_shared/ast/always-leaves.js';
import type { SourceFile } from 'ts-morph';
import { isFunctionLike } from './_shared/ast/is-function-like.js';
import { functionNameOf, symbolPathOf } from './_shared/names.js';
import { andOthers, codeSpan, shorten } from './_shared/text.js';
import type { VariableDeclaration } from 'ts-morph';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { FindingDraft } from '../src/model/rule.js';
import { lockModel } from './_shared/locks/model.js';
import type { Acquisition, LockModel } from './_shared/locks/model.js';
import type { ProjectView } from '../src/model/project-view.js';
import { isInSectionOf, isWrite, sectionState, stateOf as stateOfAccess } from './_shared/locks/state.js';
import type { SectionState, StateAccess } from './_shared/locks/state.js';
import { forEachOwnNode, functionData, hostOf, isInlineCallback, isInTestCallback } from './_shared/locks/syntax.js';
import { lockName } from './_shared/locks/text.js';
import { MAX_CALL_DEPTH, WaitAnalysis } from './_shared/locks/waits.js';
import type { Wait } from './_shared/locks/waits.js';

type MessageId = 'checkThenAct' | 'readThenAct';

export default defineRule({
  meta: {
    id: 'check-then-act',
    description:
      'Disallow deciding in one critical section and acting on the decision in a later, separate section of the same lock',
    category: 'concurrency',
    defaultSeverity: 'warning',
    stability: 'stable',
    scope: 'project',
    needsTypeChecker: true,
    skipFiles: ['test'],
    title: 'Check and act in separate critical sections',
    rationale:
      'Between two critical sections the lock is free and other tasks can change the state the first one checked; the second one then acts on a decision that no longer holds.',
    messages: {
      checkThenAct: {
        message:
          'In {{fnKind}} `{{fn}}`, the check `{{check}}` and the act `{{act}}` run in separate critical sections of `{{lock}}`, and the section of the act does not check again; another task can take `{{lock}}` between the two and change `{{field}}`{{others}}, so the act can run on a stale answer.',
        recommendation:
          'Do the check and the act in one critical section of `{{lock}}`, or repeat the check inside the section of `{{act}}`.',
      },
      readThenAct: {
        message:
          'In {{fnKind}} `{{fn}}`, `{{read}}` is read without `{{lock}}`, and `{{field}}` is then written from that read in a later critical section of `{{lock}}` that does not read it again; another task can take `{{lock}}` first and change `{{field}}`, so the write is based on a stale value.',
        recommendation: 'Read `{{field}}` inside the critical section that writes it.',
      },
    },
    options: NO_OPTIONS,
  },
  *check(context) {
    const { project } = context;
    const model = lockModel(project);
    // No acquisition anywhere: no critical section, nothing to check (and no file walk, nor any file read, to pay for).
    if (model.acquisitions.length === 0) return;
    const analysis = new WaitAnalysis(model);
    const states = new Map<Acquisition, SectionState>();
    const stateOf = (a: Acquisition): SectionState => {
      let state = states.get(a);
      if (state === undefined) {
        state = sectionState(a, model);
        states.set(a, state);
      }
      return state;
    };
    const reached = filesReachingLocks(model, project);
    for (const file of context.files) {
      if (!reached.has(file)) continue;
      for (const fn of asyncFunctionsOf(file, project)) {
        if (isInTestCallback(fn)) continue;
        const finding = checkThenActIn(fn, analysis, stateOf);
        if (finding !== undefined) yield finding;
      }
    }
  },
});

/** Kinds of compiler node that can be async functions. */
const FUNCTION_KINDS = [
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.FunctionExpression,
] as const;

/** The async functions of a file in document order, from the shared node index; only those are wrapped. */
function asyncFunctionsOf(file: SourceFile, project: ProjectView): Node[] {
  const found: ts.Node[] = [];
  for (const kind of FUNCTION_KINDS)
    for (const node of project.nodesOf(file, kind)) if (isAsyncNode(node)) found.push(node);
  found.sort((a, b) => a.pos - b.pos);
  return found.map((node) => project.wrap(file, node));
}

/** True for a compiler node with the `async` modifier. */
function isAsyncNode(node: ts.Node): boolean {
  return (
    ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ?? false)
  );
}

/**
 * The files where an async function can wait for a lock: those that hold an
 * acquisition, and those that name a function that does, following callers
 * as far as the wait analysis follows calls. A file outside this set has no
 * await that reaches a critical section, so it is not walked at all.
 */
function filesReachingLocks(model: LockModel, project: ProjectView): Set<SourceFile> {
  const files = new Set<SourceFile>();
  const names = new Set<string>();
  let frontier: Node[] = model.acquisitions.map((a) => hostOf(a.call));
  for (let depth = 0; depth <= MAX_CALL_DEPTH && frontier.length > 0; depth++) {
    const next: Node[] = [];
    for (const fn of frontier) {
      files.add(fn.getSourceFile());
      const name = Node.isSourceFile(fn) ? undefined : functionNameOf(fn);
      if (name === undefined || names.has(name)) continue;
      names.add(name);
      for (const occurrence of project.references.occurrences(name)) {
        files.add(occurrence.file);
        next.push(hostOf(occurrence.node));
      }
    }
    frontier = next;
  }
  return files;
}

/** The first check-then-act pair in one async function, if any. */
function checkThenActIn(
  fn: Node,
  analysis: WaitAnalysis,
  stateOf: (a: Acquisition) => SectionState,
): FindingDraft<MessageId> | undefined {
  const awaited: Node[] = [];
  forEachOwnNode(fn, (n) => {
    if (Node.isAwaitExpression(n)) awaited.push(n.getExpression());
  });
  forEachOwnNode(fn, (n) => {
    if (Node.isReturnStatement(n) && n.getExpression() !== undefined && !Node.isAwaitExpression(n.getExpression()))
      awaited.push(n.getExpressionOrThrow());
  });
  awaited.sort((a, b) => a.getStart() - b.getStart());
  for (const check of awaited) {
    const decisions = decisionsOf(check, fn);
    if (decisions.length === 0) continue;
    for (const checkWait of analysis.waitsOf(check, 0)) {
      const read = new Set(
        stateOf(checkWait.acquisition)
          .accesses.filter((a) => !a.write)
          .map((a) => a.declaration),
      );
      if (read.size === 0) continue;
      for (const act of awaited) {
        if (act.getStart() <= check.getEnd() || !decisions.some((d) => governs(d, act))) continue;
        const actWait = analysis
          .waitsOf(act, 0)
          .find((w) => w.lockKey === checkWait.lockKey && w.acquisition !== checkWait.acquisition);
        if (actWait === undefined) continue;
        const actState = stateOf(actWait.acquisition);
        const changed = actState.accesses.filter((a) => a.write && read.has(a.declaration));
        if (changed.length === 0 || rechecks(actState, read)) continue;
        return findingOf(fn, check, act, checkWait, actWait, [...new Set(changed.map((a) => a.name))]);
      }
    }
  }
  return readThenActIn(fn, awaited, analysis, stateOf);
}

/**
 * A field read without the lock (`const n = this.count`, `if (this.items.length < max)`)
 * and then written in a later critical section whose write uses that read
 * (the variable, or a decision on it), with no read of the field inside the
 * section: a lost update.
 */
function readThenActIn(
  fn: Node,
  awaited: readonly Node[],
  analysis: WaitAnalysis,
  stateOf: (a: Acquisition) => SectionState,
): FindingDraft<MessageId> | undefined {
  // The checker is asked for a read's field only once syntax shows it could matter: a `this.x` read that decides
  // something or is stored, before an act that waits for a section it is not in.
  const candidates: Node[] = [];
  forEachOwnNode(
    fn,
    (n) => {
      if (Node.isPropertyAccessExpression(n) && Node.isThisExpression(n.getExpression()) && !isWrite(n))
        candidates.push(n);
    },
    true,
  );
  for (const node of candidates) {
    const variable = variableOf(node);
    if (decisionOf(node) === undefined && variable === undefined) continue;
    // null until asked; undefined when the read is of no field the sections track.
    let state: { declaration: Node; name: string } | null | undefined = null;
    let decisions: Node[] | undefined;
    for (const act of awaited) {
      if (state === undefined) break;
      if (act.getStart() <= node.getEnd()) continue;
      for (const wait of analysis.waitsOf(act, 0)) {
        const holder = wait.acquisition.holder;
        if (holder === undefined || isInSectionOf(node, holder)) continue;
        if (state === null) state = stateOfAccess(node);
        if (state === undefined) break;
        decisions ??= decisionsOf(node, fn);
        const read = { node, ...state };
        const actState = stateOf(wait.acquisition);
        const declarations = new Set([read.declaration]);
        const writes = actState.accesses.filter((a) => a.write && a.declaration === read.declaration);
        if (writes.length === 0 || readsBeforeWriting(actState, read.declaration)) continue;
        const governed = decisions.some((d) => governs(d, act)) && writes.some((w) => !setsConstant(w));
        const flowing = variable === undefined ? undefined : writes.find((w) => usesVariable(w, variable));
        if ((!governed && flowing === undefined) || rechecks(actState, declarations)) continue;
        return readFindingOf(fn, read.node, flowing ?? writes[0] ?? read, wait, read.name);
      }
    }
  }
  return undefined;
}

/** True when the section reads the field before its first write of it (or through a call): it may be working from a fresh value. */
function readsBeforeWriting(state: SectionState, declaration: Node): boolean {
  const same = state.accesses.filter((a) => a.declaration === declaration);
  const firstWrite = Math.min(...same.filter((a) => a.write).map((a) => a.position));
  return same.some((a) => !a.write && (a.trail.length > 1 || a.position <= firstWrite));
}

/**
 * True for `this.flag = false`-style writes: a constant that records that the
 * act happened (a pending flag cleared, a closed flag set), whatever the read
 * said, so a stale read does not make it wrong.
 */
function setsConstant(write: StateAccess): boolean {
  const site = write.trail[write.trail.length - 1];
  if (
    site === undefined ||
    !Node.isBinaryExpression(site) ||
    site.getOperatorToken().getKind() !== SyntaxKind.EqualsToken
  )
    return false;
  return /^(true|false|null|undefined|0|''|"")$/.test(site.getRight().getText());
}

/** The `if`s and conditionals that decide on a checked value: directly, or through a `const` it is stored in. */
function decisionsOf(check: Node, fn: Node): Node[] {
  const direct = decisionOf(check);
  if (direct !== undefined) return [direct];
  const variable = variableOf(check);
  if (variable === undefined) return [];
  const out: Node[] = [];
  for (const use of usesOf(variable, fn)) {
    const decision = decisionOf(use);
    if (decision !== undefined) out.push(decision);
  }
  return out;
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

/** The `const` a value is stored in (`const exists = await tree.exists(id)`), if it is stored whole. */
function variableOf(value: Node): VariableDeclaration | undefined {
  let current: Node = value;
  for (let parent = current.getParent(); parent !== undefined; current = parent, parent = parent.getParent()) {
    if (
      Node.isAwaitExpression(parent) ||
      Node.isParenthesizedExpression(parent) ||
      Node.isNonNullExpression(parent) ||
      Node.isAsExpression(parent)
    )
      continue;
    if (
      Node.isVariableDeclaration(parent) &&
      parent.getInitializer() === current &&
      Node.isIdentifier(parent.getNameNode())
    ) {
      return parent.getVariableStatement()?.getDeclarationKind() === VariableDeclarationKind.Const ? parent : undefined;
    }
    return undefined;
  }
  return undefined;
}

/** References to a local variable inside `fn`, after its declaration. */
function usesOf(variable: VariableDeclaration, fn: Node): Node[] {
  const name = variable.getName();
  return fn
    .getDescendantsOfKind(SyntaxKind.Identifier)
    .filter(
      (id) =>
        id.getText() === name &&
        id !== variable.getNameNode() &&
        id.getStart() > variable.getEnd() &&
        id.getSymbol()?.getDeclarations().includes(variable) === true,
    );
}

/** True when a write in a section uses the variable: in the written value, or in a condition around the write. */
function usesVariable(write: StateAccess, variable: VariableDeclaration): boolean {
  if (write.trail.length !== 1) return false;
  const site = write.trail[0];
  if (site === undefined) return false;
  const mentions = (node: Node): boolean =>
    node
      .getDescendantsOfKind(SyntaxKind.Identifier)
      .some((id) => id.getSymbol()?.getDeclarations().includes(variable) === true);
  if (mentions(site)) return true;
  for (const ancestor of site.getAncestors()) {
    if (isFunctionLike(ancestor) && !isInlineCallback(ancestor)) break;
    if (Node.isIfStatement(ancestor) && mentions(ancestor.getExpression())) return true;
    if (Node.isConditionalExpression(ancestor) && mentions(ancestor.getCondition())) return true;
  }
  return false;
}

/** True when the decision controls whether `act` runs: `act` is in one of its arms, or follows an `if` whose arm always leaves. */
function governs(decision: Node, act: Node): boolean {
  if (Node.isConditionalExpression(decision))
    return isInside(act, decision.getWhenTrue()) || isInside(act, decision.getWhenFalse());
  if (!Node.isIfStatement(decision)) return false;
  const elseArm = decision.getElseStatement();
  if (isInside(act, decision.getThenStatement()) || (elseArm !== undefined && isInside(act, elseArm))) return true;
  const block = decision.getParent();
  if (act.getStart() < decision.getEnd() || !isInside(act, block)) return false;
  return alwaysLeaves(decision.getThenStatement()) || (elseArm !== undefined && alwaysLeaves(elseArm));
}

/** True when `inner` is `outer` or inside it. */
function isInside(inner: Node, outer: Node): boolean {
  return outer.getStart() <= inner.getStart() && inner.getEnd() <= outer.getEnd();
}

/** True when the acting section itself tests state the check read (an `if`, `?:` or `throw` condition reading it). */
function rechecks(state: SectionState, read: ReadonlySet<Node>): boolean {
  return (
    state.accesses.some((access) => {
      if (access.write || !read.has(access.declaration)) return false;
      const isTest = (a: Node): boolean =>
        Node.isIfStatement(a) ||
        Node.isConditionalExpression(a) ||
        Node.isThrowStatement(a) ||
        a.getKind() === SyntaxKind.BarBarToken;
      const site = access.trail[0] ?? access.node;
      return access.node.getFirstAncestor(isTest) !== undefined || site.getFirstAncestor(isTest) !== undefined;
    }) || hasConditionalCall(state)
  );
}

/** A section that calls something in an `if` condition may be re-checking through a helper; give it the benefit of the doubt. */
function hasConditionalCall(state: SectionState): boolean {
  const root = state.acquisition.section.callback ?? state.acquisition.section.host;
  const tests: Node[] = [];
  forEachOwnNode(
    root,
    (n) => {
      if (Node.isIfStatement(n) && n.getExpression().getDescendantsOfKind(SyntaxKind.CallExpression).length > 0)
        tests.push(n);
    },
    true,
  );
  return tests.length > 0 && state.acquisition.section.callback !== undefined;
}

/** The finding at the act, with the check and both sections as evidence. */
function findingOf(
  fn: Node,
  check: Node,
  act: Node,
  checkWait: Wait,
  actWait: Wait,
  fields: string[],
): FindingDraft<MessageId> {
  const lock = lockName(checkWait.acquisition);
  return {
    node: act,
    messageId: 'checkThenAct',
    symbol: { path: symbolPathOf(fn), qualifier: checkWait.acquisition.holder?.path ?? lock },
    data: {
      ...functionData(fn),
      check: shorten(check.getText()),
      act: shorten(act.getText()),
      lock,
      field: fields[0] ?? '',
      others: andOthers(fields.length - 1, 'field'),
    },
    evidence: [
      { note: 'the check, in its own critical section', node: check },
      { note: 'the section that answers the check', node: checkWait.acquisition.call },
      { note: 'the section that acts, without checking again', node: actWait.acquisition.call },
    ],
  };
}

/** The finding at the write of a read-then-write across a lock acquisition. */
function readFindingOf(
  fn: Node,
  read: Node,
  write: StateAccess | { node: Node },
  wait: Wait,
  field: string,
): FindingDraft<MessageId> {
  const lock = lockName(wait.acquisition);
  return {
    node: write.node,
    messageId: 'readThenAct',
    symbol: { path: symbolPathOf(fn), qualifier: wait.acquisition.holder?.path ?? lock },
    data: { ...functionData(fn), read: shorten(read.getText()), lock, field },
    evidence: [
      { note: `${codeSpan(field)} read without ${codeSpan(lock)}`, node: read },
      { note: `waits for ${codeSpan(lock)} here`, node: wait.acquisition.call },
    ],
  };
}
