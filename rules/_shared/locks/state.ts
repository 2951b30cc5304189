import { Node, SyntaxKind, VariableDeclarationKind } from 'ts-morph';
import type { BinaryExpression, CallExpression } from 'ts-morph';
import { isFunctionLike } from '../ast/is-function-like.js';
import { skipOuterExpressions } from '../ast/skip-outer-expressions.js';
import { isJavaScriptFile } from '../ast/is-javascript-file.js';
import type { ProjectView } from '../../../src/model/project-view.js';
import { settledDeclarationsOf } from '../name-binding.js';
import type { Acquisition, LockHolder, LockModel } from './model.js';
import {
  calledFunction,
  forEachOwnNode,
  hostOf,
  isAsync,
  isGenerator,
  isWaitedFor,
  ownAwaitPoints,
  returnedExpressions,
} from './syntax.js';
import { MAX_CALL_DEPTH } from './waits.js';

/** Methods that change the collection they are called on. */
const MUTATING_METHODS = new Set([
  'set',
  'delete',
  'clear',
  'add',
  'push',
  'pop',
  'shift',
  'unshift',
  'splice',
  'sort',
  'reverse',
  'fill',
  'copyWithin',
]);

/** Mutating methods that only add entries. */
const INSERTING_METHODS = new Set(['set', 'add', 'push', 'unshift']);

/** One read or write of a field (`this.x`) or module variable. */
export interface StateAccess {
  /** The declaration's identity. */
  declaration: Node;
  name: string;
  node: Node;
  write: boolean;
  /** Position in the section's own code (the call site for accesses inside called functions). */
  position: number;
  /** The call sites from the section's own code down to the access, then the access itself: orders events and tells exclusive branches apart. */
  trail: readonly Node[];
}

/**
 * A place where the section lets other tasks in: its own await points and those of the async functions it awaits,
 * but an await that gives up only one microtask turn (`waitsOneTurn`).
 */
interface Suspension {
  node: Node;
  trail: readonly Node[];
}

/** What one critical section touches and where it lets other tasks in. */
export interface SectionState {
  acquisition: Acquisition;
  accesses: StateAccess[];
  /** The section's own await points. */
  awaits: Node[];
  /** Own await points plus those inside awaited project functions, one-turn awaits left out, in no particular order. */
  suspensions: Suspension[];
}

/** A field a section of the lock changes on both sides of an await point: other tasks can see it half-updated. */
export interface InFlux {
  declaration: Node;
  name: string;
  section: Acquisition;
  /**
   * The change before the await: the write, or, when the two changes are one write reached by two calls of its
   * function (`this.root(a)` … `this.root(b)`), the call that makes this one.
   */
  before: Node;
  await: Node;
  /** The change after the await, as `before`. */
  after: Node;
}

/**
 * The field or module variable an expression reads or writes, if it is one: a field, a parameter property, a
 * JavaScript property declared by its assignments (`this.x = …`), or a module-level variable.
 */
export function stateOf(node: Node): { declaration: Node; name: string } | undefined {
  if (Node.isPropertyAccessExpression(node) && Node.isThisExpression(node.getExpression())) {
    const declaration = node.getNameNode().getSymbol()?.getDeclarations()[0];
    if (
      declaration !== undefined &&
      (Node.isPropertyDeclaration(declaration) || Node.isParameterDeclaration(declaration))
    )
      return { declaration, name: node.getName() };
    // A JavaScript class's property declared by its assignments (`this.roots = new Map()` in the constructor): the
    // first assignment stands for it.
    const assigned = Node.isBinaryExpression(declaration) ? skipOuterExpressions(declaration.getLeft()) : undefined;
    return Node.isBinaryExpression(declaration) &&
      Node.isPropertyAccessExpression(assigned) &&
      Node.isThisExpression(assigned.getExpression()) &&
      isJavaScriptFile(assigned.getSourceFile())
      ? { declaration, name: node.getName() }
      : undefined;
  }
  if (Node.isIdentifier(node)) {
    const parent = node.getParent();
    if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === node) return undefined;
    const declaration = node.getSymbol()?.getDeclarations()[0];
    if (declaration === undefined || !Node.isVariableDeclaration(declaration)) return undefined;
    if (
      declaration.getFirstAncestor(
        (a) =>
          Node.isFunctionDeclaration(a) ||
          Node.isMethodDeclaration(a) ||
          Node.isArrowFunction(a) ||
          Node.isFunctionExpression(a) ||
          Node.isConstructorDeclaration(a),
      ) !== undefined
    )
      return undefined;
    if (declaration.getNameNode() === node) return undefined;
    return { declaration, name: node.getText() };
  }
  return undefined;
}

/** True when the access changes the state: assignment, `++`, `delete`, or a mutating method call on it. */
export function isWrite(node: Node): boolean {
  return writeSiteOf(node) !== undefined;
}

/** The expression that performs the write (the assignment, `++`, `delete` or mutating call), if the access writes. */
function writeSiteOf(node: Node): Node | undefined {
  const parent = node.getParent();
  if (parent === undefined) return undefined;
  if (
    Node.isBinaryExpression(parent) &&
    parent.getLeft() === node &&
    /^(=|\+=|-=|\*=|\/=|\|\|=|&&=|\?\?=)$/.test(parent.getOperatorToken().getText())
  )
    return parent;
  if (
    (Node.isPrefixUnaryExpression(parent) || Node.isPostfixUnaryExpression(parent)) &&
    /\+\+|--/.test(parent.getText())
  )
    return parent;
  if (Node.isDeleteExpression(parent)) return parent;
  if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === node) {
    const call = parent.getParent();
    if (
      Node.isCallExpression(call) &&
      call.getExpression() === parent &&
      MUTATING_METHODS.has(parent.getName()) &&
      holdsCollection(node)
    )
      return call;
  }
  if (Node.isElementAccessExpression(parent) && parent.getExpression() === node) return writeSiteOf(parent);
  return undefined;
}

/** The built-in collections whose `set`, `delete`, `clear`, `push`… change them (`MUTATING_METHODS`). */
const COLLECTIONS: ReadonlySet<string> = new Set([
  'Array',
  'ReadonlyArray',
  'Map',
  'ReadonlyMap',
  'Set',
  'ReadonlySet',
  'WeakMap',
  'WeakSet',
]);

/**
 * True when the value is an array, a map or a set, whose `clear()` or `push()` changes the state it holds. Another
 * object's method of the same name is its own business (`spinner?.clear()` wipes a terminal line; a view's `add()`
 * may only draw): calling it changes no field of ours. A value of unknown type is not taken for a collection.
 */
function holdsCollection(node: Node): boolean {
  const type = node.getType().getNonNullableType();
  if (type.isArray() || type.isTuple()) return true;
  const name = (type.getSymbol() ?? type.getAliasSymbol())?.getName();
  return name !== undefined && COLLECTIONS.has(name);
}

/** Accesses and suspensions found in one function's code, with trails relative to that function. */
interface Events {
  accesses: StateAccess[];
  suspensions: Suspension[];
}

/** Reads and writes of state in the section's own code and in the functions it calls synchronously or awaits. */
export function sectionState(acquisition: Acquisition, model?: LockModel): SectionState {
  const section = acquisition.section;
  const guardedElsewhere = otherLockGuard(acquisition, model);
  const guardedInCallee = calleeGuard(acquisition, model, guardedElsewhere);
  const root = section.callback ?? section.host;
  const inRange = (n: Node): boolean =>
    section.callback !== undefined || (n.getStart() >= section.start && n.getStart() < section.end);
  const accesses: StateAccess[] = [];
  const awaits = [...section.awaitPoints];
  const suspensions: Suspension[] = awaits
    .filter((point) => !waitsOneTurn(point))
    .map((point) => ({ node: point, trail: [point] }));
  const visit = (n: Node): void => {
    if (!inRange(n) || guardedElsewhere(n)) return;
    const state = stateOf(n);
    if (state !== undefined) accesses.push(accessAt(state, n, n.getStart()));
    for (const a of getterReads(n)) accesses.push({ ...a, position: n.getStart(), trail: [n, ...a.trail] });
    if (Node.isCallExpression(n)) {
      const inner = calleeEvents(n, 1, new Set(), true, guardedInCallee);
      for (const a of inner.accesses) accesses.push({ ...a, position: n.getStart(), trail: [n, ...a.trail] });
      for (const s of inner.suspensions) suspensions.push({ node: s.node, trail: [n, ...s.trail] });
    }
  };
  forEachOwnNode(root, visit, true);
  return { acquisition, accesses, awaits, suspensions };
}

/** Field reads inside a getter of the class read through `this.name` (`this.isClosed` reading `_isClosed`). */
function getterReads(n: Node): StateAccess[] {
  if (!Node.isPropertyAccessExpression(n) || !Node.isThisExpression(n.getExpression())) return [];
  const getter = n
    .getNameNode()
    .getSymbol()
    ?.getDeclarations()
    .find((d) => Node.isGetAccessorDeclaration(d));
  if (getter === undefined || !Node.isGetAccessorDeclaration(getter) || getter.getBody() === undefined) return [];
  const out: StateAccess[] = [];
  forEachOwnNode(
    getter,
    (inner) => {
      const state = stateOf(inner);
      if (state !== undefined && Node.isPropertyAccessExpression(inner) && writeSiteOf(inner) === undefined)
        out.push(accessAt(state, inner, 0));
    },
    true,
  );
  return out;
}

/** One access, with the write (or the read) as the last step of its trail. */
function accessAt(state: { declaration: Node; name: string }, n: Node, position: number): StateAccess {
  const site = writeSiteOf(n);
  return {
    ...state,
    node: n,
    write: site !== undefined,
    position,
    trail: [site ?? n],
  };
}

/**
 * Accesses inside a called project function that runs within the caller's
 * section (sync, or awaited), and the await points of awaited async ones.
 * Fields count only through calls on `this`: a method called on another
 * object touches that object's fields, not ours.
 */
function calleeEvents(
  call: Node,
  depth: number,
  seen: Set<Node>,
  sameThis: boolean,
  guardedElsewhere: (n: Node) => boolean,
): Events {
  const out: Events = { accesses: [], suspensions: [] };
  if (!Node.isCallExpression(call) || depth > MAX_CALL_DEPTH) return out;
  const fn = calledFunction(call);
  if (fn === undefined || seen.has(fn)) return out;
  if (isAsync(fn) && !isWaitedFor(call)) return out;
  const callee = skipOuterExpressions(call.getExpression());
  const keepThis =
    sameThis &&
    Node.isPropertyAccessExpression(callee) &&
    Node.isThisExpression(skipOuterExpressions(callee.getExpression()));
  seen.add(fn);
  if (isAsync(fn))
    for (const point of ownAwaitPoints(fn))
      if (!guardedElsewhere(point) && !waitsOneTurn(point)) out.suspensions.push({ node: point, trail: [point] });
  forEachOwnNode(
    fn,
    (n) => {
      if (guardedElsewhere(n)) return;
      const state = stateOf(n);
      if (state !== undefined && (keepThis || Node.isIdentifier(n))) out.accesses.push(accessAt(state, n, 0));
      if (Node.isCallExpression(n)) {
        const inner = calleeEvents(n, depth + 1, seen, keepThis, guardedElsewhere);
        for (const a of inner.accesses) out.accesses.push({ ...a, trail: [n, ...a.trail] });
        for (const s of inner.suspensions) out.suspensions.push({ ...s, trail: [n, ...s.trail] });
      }
    },
    true,
  );
  return out;
}

/**
 * A test for code that runs inside a section of a different lock (a callee
 * that takes its own lock): what happens there is that lock's business, and
 * is left to its own analysis.
 */
function otherLockGuard(acquisition: Acquisition, model: LockModel | undefined): (n: Node) => boolean {
  return insideSectionsOf(
    (model?.acquisitions ?? []).filter(
      (b) => b.lockKey !== undefined && b.lockKey !== acquisition.lockKey && !b.section.opaque,
    ),
  );
}

/**
 * The test for code a called function runs: inside a section of another lock
 * (`otherLockGuard`), or, for a lock that cannot be taken again by its holder,
 * inside a section of this same lock, the callee's own or this one entered
 * again by recursion (`return this.doWrite(…)`, a retry). Such code waits for
 * the lock: it runs after this section lets the lock go (a call the section
 * does not wait for), or never (one it waits for, a deadlock that
 * reentrant-lock reports). Either way it is not part of this section, and
 * the callee's section is checked on its own.
 */
function calleeGuard(
  acquisition: Acquisition,
  model: LockModel | undefined,
  guardedElsewhere: (n: Node) => boolean,
): (n: Node) => boolean {
  if (acquisition.api.reentrant !== 'no' || acquisition.lockKey === undefined) return guardedElsewhere;
  const inSameLock = insideSectionsOf(
    (model?.acquisitions ?? []).filter((b) => b.lockKey === acquisition.lockKey && !b.section.opaque),
  );
  return (n) => guardedElsewhere(n) || inSameLock(n);
}

/** The test for a node inside the visible extent of one of these acquisitions' sections, in the section's own function. */
function insideSectionsOf(acquisitions: readonly Acquisition[]): (n: Node) => boolean {
  if (acquisitions.length === 0) return () => false;
  const byHost = new Map<Node, Acquisition[]>();
  for (const a of acquisitions) byHost.set(a.section.host, [...(byHost.get(a.section.host) ?? []), a]);
  return (n) => {
    const candidates = byHost.get(hostOf(n, true));
    return (
      candidates !== undefined &&
      candidates.some((b) => n.getStart() >= b.section.start && n.getStart() < b.section.end)
    );
  };
}

/** State a section changes before one of its await points and again after it, on one path through the section. */
export function inFluxOf(state: SectionState): InFlux[] {
  const out: InFlux[] = [];
  const seen = new Set<Node>();
  const writes = state.accesses.filter((a) => a.write);
  for (const point of state.suspensions) {
    for (const write of writes) {
      if (seen.has(write.declaration)) continue;
      const same = writes.filter((a) => a.declaration === write.declaration);
      let pair: [StateAccess, StateAccess] | undefined;
      for (const before of same) {
        if (!happensBefore(before.trail, point.trail) || exclusive(before.trail, point.trail)) continue;
        const after = same.find(
          (a) =>
            happensBefore(point.trail, a.trail) &&
            !exclusive(point.trail, a.trail) &&
            !exclusive(before.trail, a.trail) &&
            !onlyExtends(before, a) &&
            !takenThenKeptPerEntry(before, a) &&
            !(assignsLiteral(before) && assignsLiteral(a)),
        );
        if (after !== undefined) {
          pair = [before, after];
          break;
        }
      }
      if (pair === undefined) continue;
      const [before, after] = pair;
      seen.add(write.declaration);
      out.push({
        declaration: write.declaration,
        name: write.name,
        section: state.acquisition,
        ...changeSites(before, after),
        await: point.node,
      });
    }
  }
  return out;
}

/**
 * Where the evidence shows two changes of one field: the writes, or, for one
 * write reached twice (`this.root(a)` … `this.root(b)`), the steps where the
 * two paths part, the section's two calls.
 */
function changeSites(before: StateAccess, after: StateAccess): { before: Node; after: Node } {
  if (before.node !== after.node) return { before: before.node, after: after.node };
  const parting = firstDifference(before.trail, after.trail);
  return { before: before.trail[parting] ?? before.node, after: after.trail[parting] ?? after.node };
}

/**
 * True for an await of a call of the project's own async function that never
 * waits itself (`await this.clearTimer()`, whose body has no await point and
 * returns nothing): its promise is settled when the call returns, so the
 * await gives up one turn of the microtask queue, in which no timer, I/O
 * callback or new request can run, only continuations already queued in the
 * same turn. Not a point where other tasks see the state half-updated.
 */
function waitsOneTurn(point: Node): boolean {
  if (!Node.isAwaitExpression(point)) return false;
  const operand = skipOuterExpressions(point.getExpression());
  if (!Node.isCallExpression(operand)) return false;
  const fn = calledFunction(operand);
  return (
    fn !== undefined &&
    isAsync(fn) &&
    !isGenerator(fn) &&
    ownAwaitPoints(fn).length === 0 &&
    returnedExpressions(fn).length === 0
  );
}

/**
 * True when `after` only inserts (`map.set`, `set.add`, `list.push`) into what
 * `before` left: another insertion, or a complete (non-empty) value assigned
 * whole. A reader in between sees fewer entries, the state a section that
 * stopped after `before` would leave, not a half-done value; a reset
 * (`clear()`, `= null`, `= new Map()`) followed by insertions is half-done.
 */
function onlyExtends(before: StateAccess, after: StateAccess): boolean {
  if (!isInsertion(after)) return false;
  if (isInsertion(before)) return true;
  const assignment = plainAssignmentOf(before);
  return assignment !== undefined && !isEmptyValue(assignment.getRight());
}

/** The plain `=` that writes the field (`this.x = value`); undefined for any other access. */
function plainAssignmentOf(access: StateAccess): BinaryExpression | undefined {
  const site = access.trail[access.trail.length - 1];
  return site !== undefined &&
    Node.isBinaryExpression(site) &&
    site.getOperatorToken().getKind() === SyntaxKind.EqualsToken
    ? site
    : undefined;
}

/**
 * The collection method a write calls on the field (`this.map.set(k, v)`: `set`, the call, and `this.map`); undefined
 * for any other access.
 */
function mutatingCallOf(access: StateAccess): { method: string; call: CallExpression; receiver: Node } | undefined {
  const site = access.trail[access.trail.length - 1];
  if (site === undefined || !Node.isCallExpression(site)) return undefined;
  const callee = skipOuterExpressions(site.getExpression());
  return Node.isPropertyAccessExpression(callee)
    ? { method: callee.getName(), call: site, receiver: callee.getExpression() }
    : undefined;
}

/**
 * True for a write that assigns the field a literal or an empty value whole: a flag (`this.closing = true`), a named
 * phase (`this.state = 'draining'`), a number, `null`, `undefined`, `[]`, `new Map()`. Given such a value before an
 * await and again after it, the field announces what the section is doing ("a shutdown fence before any async
 * operations, so no writer can proceed"), or is cleared twice (`this.session = undefined` when detached, and again
 * when closed; `this.buffer = []` when the context is reset, and again when the pipeline restarts): every read sees
 * one whole value, the one readers outside the lock check it for, not a half-done update. A field cleared before the
 * await and refilled with data after it is not such a field.
 */
function assignsLiteral(access: StateAccess): boolean {
  const assignment = plainAssignmentOf(access);
  if (assignment === undefined) return false;
  const value = skipOuterExpressions(assignment.getRight());
  return (
    isEmptyValue(value) ||
    Node.isTrueLiteral(value) ||
    Node.isStringLiteral(value) ||
    Node.isNoSubstitutionTemplateLiteral(value) ||
    Node.isNumericLiteral(value)
  );
}

/**
 * True when `before` empties a field whose whole contents the statement right before it copied out (`const closing
 * = Array.from(this.toClose); this.toClose.clear();`, `const batch = this.queue; this.queue = [];`) and `after`
 * adds or removes one entry (`add`, `set`, `push`, `unshift`, `delete`): the section took the entries to work on
 * them, and the field is a new batch that others fill meanwhile, the way a flush lets callers go on marking things
 * dirty. A reader sees the entries not yet taken, not half of one update.
 */
function takenThenKeptPerEntry(before: StateAccess, after: StateAccess): boolean {
  const change = mutatingCallOf(after);
  const perEntry =
    change !== undefined &&
    (INSERTING_METHODS.has(change.method) || (change.method === 'delete' && change.call.getArguments().length > 0));
  const emptied = perEntry ? emptiedField(before) : undefined;
  if (emptied === undefined) return false;
  const statement = emptied.site.getParent();
  const previous = Node.isExpressionStatement(statement) ? statement.getPreviousSibling() : undefined;
  if (previous === undefined || !Node.isVariableStatement(previous)) return false;
  const copies = previous.getDeclarations().map((d) => d.getInitializer());
  return copies.some((copy) => copy !== undefined && copiesWhole(copy, emptied.field, emptied.replaced));
}

/**
 * The write that empties a field (`this.toClose.clear()`, `this.queue = []`), the field as written (`this.toClose`),
 * and whether the field is given a new value (then its old value may be kept whole).
 */
function emptiedField(access: StateAccess): { site: Node; field: string; replaced: boolean } | undefined {
  const cleared = mutatingCallOf(access);
  if (cleared !== undefined)
    return cleared.method === 'clear' && cleared.call.getArguments().length === 0
      ? { site: cleared.call, field: cleared.receiver.getText(), replaced: false }
      : undefined;
  const assignment = plainAssignmentOf(access);
  return assignment !== undefined && isEmptyValue(assignment.getRight())
    ? { site: assignment, field: assignment.getLeft().getText(), replaced: true }
    : undefined;
}

/** `Array.from(f)`, `[...f]`, `new Set(f)`, `new Map(f)`, `f.slice()` (and of `f.values()`, `f.keys()`, `f.entries()`); `f` itself when the field is then given a new value. */
function copiesWhole(copy: Node, field: string, replaced: boolean): boolean {
  const value = skipOuterExpressions(copy);
  const names = (n: Node | undefined): boolean => {
    if (n === undefined) return false;
    const inner = skipOuterExpressions(n);
    if (inner.getText() === field) return true;
    if (!Node.isCallExpression(inner) || inner.getArguments().length > 0) return false;
    const callee = skipOuterExpressions(inner.getExpression());
    return (
      Node.isPropertyAccessExpression(callee) &&
      ['values', 'keys', 'entries'].includes(callee.getName()) &&
      callee.getExpression().getText() === field
    );
  };
  if (replaced && value.getText() === field) return true;
  if (Node.isArrayLiteralExpression(value)) {
    const [only, ...rest] = value.getElements();
    return rest.length === 0 && only !== undefined && Node.isSpreadElement(only) && names(only.getExpression());
  }
  if (Node.isNewExpression(value)) {
    const made = value.getExpression().getText();
    return (made === 'Set' || made === 'Map') && value.getArguments().length === 1 && names(value.getArguments()[0]);
  }
  if (!Node.isCallExpression(value)) return false;
  const callee = skipOuterExpressions(value.getExpression());
  if (!Node.isPropertyAccessExpression(callee)) return false;
  if (callee.getName() === 'from' && callee.getExpression().getText() === 'Array')
    return value.getArguments().length === 1 && names(value.getArguments()[0]);
  return (
    callee.getName() === 'slice' && value.getArguments().length === 0 && callee.getExpression().getText() === field
  );
}

/** True for a write that only inserts. */
function isInsertion(access: StateAccess): boolean {
  const change = mutatingCallOf(access);
  return change !== undefined && INSERTING_METHODS.has(change.method);
}

/** `null`, `undefined`, `[]`, `{}`, `''`, `0`, `false`, `new Map()`: a value that holds nothing yet. */
function isEmptyValue(expression: Node): boolean {
  const value = skipOuterExpressions(expression);
  if (Node.isNewExpression(value)) return value.getArguments().length === 0;
  if (Node.isArrayLiteralExpression(value)) return value.getElements().length === 0;
  if (Node.isObjectLiteralExpression(value)) return value.getProperties().length === 0;
  return /^(null|undefined|''|""|``|0|false)$/.test(value.getText());
}

/** True when the event at trail `a` runs before the event at trail `b` (both within one run of the section). */
function happensBefore(a: readonly Node[], b: readonly Node[]): boolean {
  const i = firstDifference(a, b);
  const x = a[i];
  const y = b[i];
  if (x === undefined || y === undefined) return false;
  const [xEnd, xRank] = completion(x);
  const [yEnd, yRank] = completion(y);
  return xEnd < yEnd || (xEnd === yEnd && xRank < yRank);
}

/** Index of the first step where two trails part (both share the call sites before it). */
function firstDifference(a: readonly Node[], b: readonly Node[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * When a step completes, as [position, rank]: expressions complete in post-order
 * (an enclosing expression after the ones inside it), and a `for await` waits
 * right after evaluating what it iterates.
 */
function completion(node: Node): [number, number] {
  if (Node.isForOfStatement(node)) return [node.getExpression().getEnd(), Number.POSITIVE_INFINITY];
  return [node.getEnd(), -node.getStart()];
}

/** True when no run of the code takes both steps: they sit in different arms of an `if` or `?:`, or the first one's path returns first. */
function exclusive(a: readonly Node[], b: readonly Node[]): boolean {
  const i = firstDifference(a, b);
  const x = a[i];
  const y = b[i];
  if (x === undefined || y === undefined) return false;
  const [first, second] = x.getStart() <= y.getStart() ? [x, y] : [y, x];
  const around = new Set(second.getAncestors());
  let child: Node = first;
  for (let parent = first.getParent(); parent !== undefined; child = parent, parent = parent.getParent()) {
    if (around.has(parent)) return inDifferentArms(parent, child, second);
    if (returnsAfter(parent, child) && !inFinally(second)) return true;
    if (isFunctionLike(parent)) return false;
  }
  return false;
}

/** True when `child` and `other` sit in different arms of the `if` or `?:` that is their closest common ancestor. */
function inDifferentArms(common: Node, child: Node, other: Node): boolean {
  const armOf = (arms: (Node | undefined)[], node: Node): number =>
    arms.findIndex((arm) => arm !== undefined && arm.getStart() <= node.getStart() && node.getEnd() <= arm.getEnd());
  if (Node.isIfStatement(common)) {
    const arms = [common.getThenStatement(), common.getElseStatement()];
    const x = armOf(arms, child);
    const y = armOf(arms, other);
    return x >= 0 && y >= 0 && x !== y;
  }
  if (Node.isConditionalExpression(common)) {
    const arms = [common.getWhenTrue(), common.getWhenFalse()];
    const x = armOf(arms, child);
    const y = armOf(arms, other);
    return x >= 0 && y >= 0 && x !== y;
  }
  return false;
}

/** True when a block returns unconditionally after `child` (a `return` statement among its later statements). */
function returnsAfter(block: Node, child: Node): boolean {
  if (!Node.isBlock(block) && !Node.isCaseClause(block) && !Node.isDefaultClause(block)) return false;
  const statements = block.getStatements();
  const index = statements.findIndex((s) => s === child);
  return index >= 0 && statements.slice(index + 1).some((s) => Node.isReturnStatement(s));
}

/** True when `node` is inside a `finally` block, which runs even after a `return`. */
function inFinally(node: Node): boolean {
  return node.getAncestors().some((a) => {
    const parent = a.getParent();
    return parent !== undefined && Node.isTryStatement(parent) && parent.getFinallyBlock() === a;
  });
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
export function onlyCalledUnderLock(
  view: ProjectView,
  fn: Node,
  holder: LockHolder,
  depth = 0,
  seen = new Set<Node>(),
): boolean {
  if (seen.has(fn) || depth > MAX_CALL_DEPTH) return true;
  seen.add(fn);
  if (isCallableFromOutside(view, fn)) return false;
  const uses = usesAsCalls(view, fn);
  if (uses === undefined) return false;
  for (const call of uses) {
    if (call === undefined) return false;
    if (isInSectionOf(call, holder) || isOnFreshInstance(view, call)) continue;
    const caller = hostOf(call, true);
    if (Node.isConstructorDeclaration(caller)) continue;
    if (!(Node.isMethodDeclaration(caller) || Node.isFunctionDeclaration(caller))) return false;
    if (!onlyCalledUnderLock(view, caller, holder, depth + 1, seen)) return false;
  }
  return true;
}

/**
 * A call inside a critical section of the lock that runs a method or function, itself or through the functions that
 * call it (`get()` holding `connectLock` calls `this._drainToClose()`; a section calling `step()`, which calls
 * `bump()`), if any: its code then runs with the lock held, so taking the lock inside it would make that section
 * take the lock a second time. Callers are followed up to `MAX_CALL_DEPTH` deep.
 */
export function callInSectionOf(
  view: ProjectView,
  fn: Node,
  holder: LockHolder,
  depth = 0,
  seen = new Set<Node>(),
): CallExpression | undefined {
  if (seen.has(fn) || depth > MAX_CALL_DEPTH) return undefined;
  seen.add(fn);
  const calls = (usesAsCalls(view, fn) ?? []).filter((call) => call !== undefined);
  const direct = calls.find((call) => isInSectionOf(call, holder));
  if (direct !== undefined) return direct;
  for (const call of calls) {
    const found = callInSectionOf(view, hostOf(call, true), holder, depth + 1, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The uses of a named function's or method's name that resolve to it: each the call it makes, or undefined for a use
 * that is not a call of it; undefined for a function without such a name (an arrow, a callback).
 */
function usesAsCalls(view: ProjectView, fn: Node): (CallExpression | undefined)[] | undefined {
  const name = Node.isMethodDeclaration(fn) || Node.isFunctionDeclaration(fn) ? fn.getName() : undefined;
  if (name === undefined) return undefined;
  const out: (CallExpression | undefined)[] = [];
  for (const occurrence of view.references.occurrences(name)) {
    const resolved = view.references.resolve(occurrence);
    if (resolved === undefined || !resolved.includes(fn)) continue;
    let reference: Node = occurrence.node;
    const parent = reference.getParent();
    if (parent !== undefined && Node.isPropertyAccessExpression(parent) && parent.getNameNode() === reference)
      reference = parent;
    const call = reference.getParent();
    out.push(
      call !== undefined && Node.isCallExpression(call) && skipOuterExpressions(call.getExpression()) === reference
        ? call
        : undefined,
    );
  }
  return out;
}

/**
 * Exported functions, and public and protected members of the classes the
 * package hands out (`PublicApi.handsOut`: exported from an entry point, or an
 * instance its API returns), can be called by code the project cannot see.
 * A class exported from its module for the project's own use is not: only
 * the project's code holds its instances. Without known entry points, every
 * exported class is taken to be handed out.
 */
function isCallableFromOutside(view: ProjectView, fn: Node): boolean {
  if (Node.isFunctionDeclaration(fn)) return fn.isExported();
  if (Node.isMethodDeclaration(fn)) {
    if (fn.hasModifier(SyntaxKind.PrivateKeyword) || fn.getName().startsWith('#')) return false;
    const owner = fn.getParent();
    if (!Node.isClassDeclaration(owner)) return false;
    // Entry points unknown (no package.json entry, no index): whatever a module exports may be the package's API.
    return view.publicApi.entryPoints.length === 0 ? owner.isExported() : view.publicApi.handsOut(owner);
  }
  return true;
}

/**
 * True for a call on an instance its function has just made and not yet
 * shared: a `const` of the same function holding `new X(…)`, named nowhere
 * between its declaration and this call (`const store = new Store(); await
 * store.refresh(); return store;`). No other task can reach the instance
 * yet, as in its constructor.
 */
function isOnFreshInstance(view: ProjectView, call: CallExpression): boolean {
  const callee = skipOuterExpressions(call.getExpression());
  if (!Node.isPropertyAccessExpression(callee)) return false;
  const receiver = skipOuterExpressions(callee.getExpression());
  if (!Node.isIdentifier(receiver)) return false;
  // Syntax first (the file's own `const`), the checker only where syntax cannot settle the name.
  const [declaration, ...others] = settledDeclarationsOf(view, receiver);
  if (declaration === undefined || others.length > 0 || !Node.isVariableDeclaration(declaration)) return false;
  const list = declaration.getParent();
  const initializer = declaration.getInitializer();
  if (
    !Node.isVariableDeclarationList(list) ||
    list.getDeclarationKind() !== VariableDeclarationKind.Const ||
    initializer === undefined ||
    !Node.isNewExpression(skipOuterExpressions(initializer)) ||
    hostOf(declaration) !== hostOf(call) ||
    declaration.getEnd() > receiver.getStart()
  )
    return false;
  // The names between, from the index's compiler nodes (none wrapped): a name there may share the instance.
  const between = { from: declaration.getEnd(), to: receiver.getStart() };
  return !view.references
    .occurrencesIn(receiver.getSourceFile(), receiver.getText())
    .some((o) => o.compilerNode.end > between.from && o.compilerNode.end <= between.to);
}

/** All sections of every holder, with their state, computed once per model. */
export function sectionStates(view: ProjectView, model: LockModel): Map<LockHolder, SectionState[]> {
  return view.memo('locks:state', () => {
    const out = new Map<LockHolder, SectionState[]>();
    for (const holder of model.holders) {
      if (holder.acquisitions.some((a) => a.section.opaque)) continue;
      out.set(
        holder,
        holder.acquisitions.map((a) => sectionState(a, model)),
      );
    }
    return out;
  });
}
