import { Node, SyntaxKind } from 'ts-morph';
import type { ProjectView } from '../../../src/model/project-view.js';
import type { Acquisition, LockHolder, LockModel } from './model.js';
import { calledFunction, forEachOwnNode, functionName, hostOf, isAsync, isWaitedFor, unwrap } from './syntax.js';
import { MAX_CALL_DEPTH } from './waits.js';

/** Methods that change the collection they are called on. */
const MUTATING_METHODS = new Set(['set', 'delete', 'clear', 'add', 'push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);

/** One read or write of a field (`this.x`) or module variable. */
export interface StateAccess {
  /** The declaration's identity. */
  declaration: Node;
  name: string;
  node: Node;
  write: boolean;
  /** Position in the section's own code (the call site for accesses inside called functions). */
  position: number;
  /** True when the access sits in a loop of the section that also awaits (it runs again after that await). */
  inAwaitingLoop: boolean;
}

/** What one critical section touches and where it lets other tasks in. */
export interface SectionState {
  acquisition: Acquisition;
  accesses: StateAccess[];
  awaits: Node[];
}

/** A field a section of the lock changes on both sides of an await point: other tasks can see it half-updated. */
export interface InFlux {
  declaration: Node;
  name: string;
  section: Acquisition;
  before: Node;
  await: Node;
  after: Node;
}

/** The field or module variable an expression reads or writes, if it is one. */
export function stateOf(node: Node): { declaration: Node; name: string } | undefined {
  if (Node.isPropertyAccessExpression(node) && Node.isThisExpression(node.getExpression())) {
    const declaration = node.getNameNode().getSymbol()?.getDeclarations()[0];
    if (declaration === undefined || !(Node.isPropertyDeclaration(declaration) || Node.isParameterDeclaration(declaration))) return undefined;
    return { declaration, name: node.getName() };
  }
  if (Node.isIdentifier(node)) {
    const parent = node.getParent();
    if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === node) return undefined;
    const declaration = node.getSymbol()?.getDeclarations()[0];
    if (declaration === undefined || !Node.isVariableDeclaration(declaration)) return undefined;
    if (declaration.getFirstAncestor((a) => Node.isFunctionDeclaration(a) || Node.isMethodDeclaration(a) || Node.isArrowFunction(a) || Node.isFunctionExpression(a) || Node.isConstructorDeclaration(a)) !== undefined) return undefined;
    return { declaration, name: node.getText() };
  }
  return undefined;
}

/** True when the access changes the state: assignment, `++`, `delete`, or a mutating method call on it. */
export function isWrite(node: Node): boolean {
  const parent = node.getParent();
  if (parent === undefined) return false;
  if (Node.isBinaryExpression(parent) && parent.getLeft() === node && /^(=|\+=|-=|\*=|\/=|\|\|=|&&=|\?\?=)$/.test(parent.getOperatorToken().getText())) return true;
  if ((Node.isPrefixUnaryExpression(parent) || Node.isPostfixUnaryExpression(parent)) && /\+\+|--/.test(parent.getText())) return true;
  if (Node.isDeleteExpression(parent)) return true;
  if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === node) {
    const call = parent.getParent();
    if (Node.isCallExpression(call) && call.getExpression() === parent && MUTATING_METHODS.has(parent.getName())) return true;
  }
  if (Node.isElementAccessExpression(parent) && parent.getExpression() === node) return isWrite(parent);
  return false;
}

/** Reads and writes of state in the section's own code and in the functions it calls synchronously or awaits. */
export function sectionState(acquisition: Acquisition): SectionState {
  const section = acquisition.section;
  const root = section.callback ?? section.host;
  const inRange = (n: Node): boolean => section.callback !== undefined || (n.getStart() >= section.start && n.getStart() < section.end);
  const accesses: StateAccess[] = [];
  const awaits = [...section.awaitPoints];
  const loops = awaitingLoops(root, awaits);
  const visit = (n: Node): void => {
    if (!inRange(n)) return;
    const inLoop = loops.some((l) => l.getStart() <= n.getStart() && n.getEnd() <= l.getEnd());
    const state = stateOf(n);
    if (state !== undefined) accesses.push({ ...state, node: n, write: isWrite(n), position: n.getStart(), inAwaitingLoop: inLoop });
    if (Node.isCallExpression(n)) {
      for (const inner of calleeAccesses(n, 1, new Set(), true)) accesses.push({ ...inner, position: n.getStart(), inAwaitingLoop: inLoop });
    }
  };
  forEachOwnNode(root, visit, true);
  return { acquisition, accesses, awaits };
}

/**
 * Accesses inside a called project function that runs within the caller's
 * section (sync, or awaited). Fields count only through calls on `this`: a
 * method called on another object touches that object's fields, not ours.
 */
function calleeAccesses(call: Node, depth: number, seen: Set<Node>, sameThis: boolean): StateAccess[] {
  if (!Node.isCallExpression(call) || depth > MAX_CALL_DEPTH) return [];
  const fn = calledFunction(call);
  if (fn === undefined || seen.has(fn)) return [];
  if (isAsync(fn) && !isWaitedFor(call)) return [];
  const callee = unwrap(call.getExpression());
  const keepThis = sameThis && Node.isPropertyAccessExpression(callee) && Node.isThisExpression(unwrap(callee.getExpression()));
  seen.add(fn);
  const out: StateAccess[] = [];
  forEachOwnNode(fn, (n) => {
    const state = stateOf(n);
    if (state !== undefined && (keepThis || Node.isIdentifier(n))) out.push({ ...state, node: n, write: isWrite(n), position: 0, inAwaitingLoop: false });
    if (Node.isCallExpression(n)) out.push(...calleeAccesses(n, depth + 1, seen, keepThis));
  }, true);
  return out;
}

/** Loops in the section whose body contains an await point. */
function awaitingLoops(root: Node, awaits: readonly Node[]): Node[] {
  const out: Node[] = [];
  forEachOwnNode(root, (n) => {
    if (Node.isIterationStatement(n) && awaits.some((a) => n.getStart() <= a.getStart() && a.getEnd() <= n.getEnd())) out.push(n);
  }, true);
  return out;
}

/** State a section changes both before and after one of its await points. */
export function inFluxOf(state: SectionState): InFlux[] {
  const out: InFlux[] = [];
  const seen = new Set<Node>();
  for (const point of state.awaits) {
    const at = point.getStart();
    for (const write of state.accesses) {
      if (!write.write || seen.has(write.declaration)) continue;
      const same = state.accesses.filter((a) => a.write && a.declaration === write.declaration);
      const before = same.find((a) => a.position < at || a.inAwaitingLoop);
      const after = same.find((a) => a.position > at || a.inAwaitingLoop);
      if (before === undefined || after === undefined) continue;
      seen.add(write.declaration);
      out.push({ declaration: write.declaration, name: write.name, section: state.acquisition, before: before.node, await: point, after: after.node });
    }
  }
  return out;
}

/** True when `node` runs inside one of the holder's critical sections. */
export function isInSectionOf(node: Node, holder: LockHolder): boolean {
  return holder.acquisitions.some((a) => {
    const section = a.section;
    if (section.callback !== undefined) {
      if (!(section.callback.getStart() <= node.getStart() && node.getEnd() <= section.callback.getEnd())) return false;
      return hostOf(node, true) === section.callback || isNestedInline(node, section.callback);
    }
    return hostOf(node, true) === section.host && node.getStart() >= section.start && node.getStart() < section.end;
  });
}

/** True when every function between `node` and `root` runs inline (array callbacks). */
function isNestedInline(node: Node, root: Node): boolean {
  return hostOf(node, true) === root;
}

/**
 * True when a function runs only inside sections of the lock: every call of
 * it is in such a section, in the constructor, or in another such function.
 * Functions callable from outside the project (public members of exported
 * classes, exported functions) are not.
 */
export function onlyCalledUnderLock(view: ProjectView, fn: Node, holder: LockHolder, depth = 0, seen = new Set<Node>()): boolean {
  if (seen.has(fn) || depth > MAX_CALL_DEPTH) return true;
  seen.add(fn);
  if (isCallableFromOutside(fn)) return false;
  const name = Node.isMethodDeclaration(fn) || Node.isFunctionDeclaration(fn) ? fn.getName() : undefined;
  if (name === undefined) return false;
  for (const occurrence of view.references.occurrences(name)) {
    const resolved = view.references.resolve(occurrence);
    if (resolved === undefined || !resolved.includes(fn)) continue;
    let reference: Node = occurrence.node;
    const parent = reference.getParent();
    if (parent !== undefined && Node.isPropertyAccessExpression(parent) && parent.getNameNode() === reference) reference = parent;
    const call = reference.getParent();
    if (call === undefined || !Node.isCallExpression(call) || unwrap(call.getExpression()) !== reference) return false;
    if (isInSectionOf(call, holder)) continue;
    const caller = hostOf(call, true);
    if (Node.isConstructorDeclaration(caller)) continue;
    if (!(Node.isMethodDeclaration(caller) || Node.isFunctionDeclaration(caller))) return false;
    if (!onlyCalledUnderLock(view, caller, holder, depth + 1, seen)) return false;
  }
  return true;
}

/** Public and protected members of exported classes, and exported functions, can be called by code the project cannot see. */
function isCallableFromOutside(fn: Node): boolean {
  if (Node.isFunctionDeclaration(fn)) return fn.isExported();
  if (Node.isMethodDeclaration(fn)) {
    if (fn.hasModifier(SyntaxKind.PrivateKeyword) || fn.getName().startsWith('#')) return false;
    const owner = fn.getParent();
    return Node.isClassDeclaration(owner) && owner.isExported();
  }
  return true;
}

/** All sections of every holder, with their state, computed once per model. */
export function sectionStates(view: ProjectView, model: LockModel): Map<LockHolder, SectionState[]> {
  return view.memo('locks:state', () => {
    const out = new Map<LockHolder, SectionState[]>();
    for (const holder of model.holders) {
      if (holder.acquisitions.some((a) => a.section.opaque)) continue;
      out.set(holder, holder.acquisitions.map(sectionState));
    }
    return out;
  });
}

/** For messages: `refresh()`. */
export function sectionFunctionName(acquisition: Acquisition): string {
  return functionName(hostOf(acquisition.call));
}
