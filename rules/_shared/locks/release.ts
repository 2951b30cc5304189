import { Node, SyntaxKind } from 'ts-morph';
import { isFunctionLike } from '../ast/is-function-like.js';
import { isValueName } from '../ast/is-value-name.js';
import { skipOuterExpressions } from '../ast/skip-outer-expressions.js';
import type { CallExpression, Identifier, TryStatement } from 'ts-morph';
import { forEachOwnNode, hostOf, ownAwaitPoints } from './syntax.js';

/** What keeps an `acquire()` from being released on some path. */
export type ReleaseProblem =
  | { reason: 'never'; node: Node }
  | { reason: 'await'; node: Node }
  | { reason: 'exit'; node: Node }
  | { reason: 'end'; node: Node };

/** How an `acquire()`'s lock is given back, as far as its own function shows. */
export interface ReleasePlan {
  /**
   * `finally`: a `finally` block releases; `plain`: release calls without
   * `finally`; `using`: a `using` declaration disposes it; `escaped`: the
   * release function or the acquisition leaves the function (stored, passed
   * on, released in a callback), so this function cannot tell.
   */
  kind: 'finally' | 'plain' | 'using' | 'escaped';
  /** The statement holding the acquisition, when there is one. */
  statement: Node | undefined;
  /** Release calls in the function. */
  releases: Node[];
  /** The first path that leaves the lock held, if any. */
  problem: ReleaseProblem | undefined;
  /** Where the section ends: after the release (or the `try` whose `finally` releases), else the function's end. */
  end: number;
}

/** How to recognise a release of this acquisition. */
export interface ReleaseMatcher {
  /** Methods on the lock that release it (`release`, `unlock`). */
  releaseMethods: readonly string[];
  /** True when an expression is the same lock as the acquisition's receiver. */
  isSameLock: (expression: Node) => boolean;
}

/** Works out where and how the lock taken by `call` (an `acquire()`-style call) is released. */
export function planRelease(call: CallExpression, matcher: ReleaseMatcher): ReleasePlan {
  const host = hostOf(call);
  const hostEnd = host.getEnd();
  const target = acquisitionTarget(call);
  if (target.kind === 'escaped')
    return { kind: 'escaped', statement: undefined, releases: [], problem: undefined, end: hostEnd };
  const statement = target.statement;
  if (target.kind === 'using') {
    const block = statement.getParent();
    return { kind: 'using', statement, releases: [], problem: undefined, end: block?.getEnd() ?? hostEnd };
  }
  const isRelease = (node: Node): boolean => isReleaseCall(node, target.binding, matcher);
  if (target.binding !== undefined && bindingEscapes(target.binding, host, isRelease)) {
    return { kind: 'escaped', statement, releases: [], problem: undefined, end: hostEnd };
  }
  if (target.binding === undefined && localLockEscapes(call, host, matcher)) {
    return { kind: 'escaped', statement, releases: [], problem: undefined, end: hostEnd };
  }
  const releases: Node[] = [];
  forEachOwnNode(host, (n) => {
    if (isRelease(n)) releases.push(n);
  });
  const guard = enclosingReleasingTry(statement, host, isRelease);
  if (guard !== undefined) {
    const early = releasedInTryBlock(statement, guard, {
      isRelease,
      caught: false,
      guarded: false,
      acquisition: statement,
    });
    return { kind: 'finally', statement, releases, problem: undefined, end: early ?? guard.getEnd() };
  }
  if (target.binding === undefined && releasedByRunner(host, (n) => isReleaseCall(n, undefined, matcher)))
    return { kind: 'escaped', statement, releases, problem: undefined, end: hostEnd };
  if (releases.length === 0)
    return { kind: 'plain', statement, releases, problem: { reason: 'never', node: call }, end: hostEnd };
  const walked = walkFrom(statement, host, { isRelease, caught: false, guarded: false, acquisition: statement });
  const kind = walked.viaFinally ? 'finally' : 'plain';
  const lastRelease = releases[releases.length - 1];
  const end = walked.end ?? (lastRelease === undefined ? hostEnd : lastRelease.getEnd());
  return { kind, statement, releases, problem: walked.problem, end };
}

/** `ts.NodeFlags.Using`, also set for `await using`. */
const USING_FLAG = 4;

/** Where an acquisition's result goes. */
type Target =
  | { kind: 'escaped' }
  | { kind: 'using'; statement: Node }
  | { kind: 'bound' | 'bare'; statement: Node; binding: Node | undefined };

/** Finds the statement and the release binding of `const release = await lock.acquire()` and its variants. */
function acquisitionTarget(call: CallExpression): Target {
  let expression: Node = call;
  let parent = expression.getParent();
  while (parent !== undefined && (Node.isAwaitExpression(parent) || Node.isParenthesizedExpression(parent))) {
    expression = parent;
    parent = parent.getParent();
  }
  if (parent === undefined) return { kind: 'escaped' };
  if (Node.isExpressionStatement(parent)) return { kind: 'bare', statement: parent, binding: undefined };
  if (Node.isVariableDeclaration(parent) && parent.getInitializer() === expression) {
    const statement = parent.getVariableStatement();
    if (statement === undefined) return { kind: 'escaped' };
    if ((parent.getParent().getFlags() & USING_FLAG) !== 0) {
      return { kind: 'using', statement };
    }
    const binding = releaseBindingOf(parent.getNameNode());
    return binding === undefined ? { kind: 'escaped' } : { kind: 'bound', statement, binding };
  }
  if (
    Node.isBinaryExpression(parent) &&
    parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken &&
    parent.getRight() === expression
  ) {
    const left = parent.getLeft();
    const statement = parent.getParent();
    // A variable of an enclosing function (`permit = await sem.acquire()` in a listener) carries the release out
    // of this one, to wherever that function's other code releases it.
    if (
      Node.isIdentifier(left) &&
      Node.isExpressionStatement(statement) &&
      localDeclarationNamed(hostOf(call), left.compilerNode.text) !== undefined
    )
      return { kind: 'bound', statement, binding: left };
  }
  return { kind: 'escaped' };
}

/** The identifier that holds the release: the variable, or the second element of `[value, release]`. */
function releaseBindingOf(name: Node): Node | undefined {
  if (Node.isIdentifier(name)) return name;
  if (Node.isArrayBindingPattern(name)) {
    const second = name.getElements()[1];
    if (second !== undefined && Node.isBindingElement(second) && Node.isIdentifier(second.getNameNode()))
      return second.getNameNode();
  }
  return undefined;
}

/** True when `node` releases: `release()`, `release.release()`, `lock.release()`, `lock.unlock()`. */
function isReleaseCall(node: Node, binding: Node | undefined, matcher: ReleaseMatcher): boolean {
  if (!Node.isCallExpression(node)) return false;
  const callee = skipOuterExpressions(node.getExpression());
  if (binding !== undefined) {
    if (Node.isIdentifier(callee)) return callee.getText() === binding.getText();
    if (Node.isPropertyAccessExpression(callee) && RELEASE_NAMES.has(callee.getName())) {
      return skipOuterExpressions(callee.getExpression()).getText() === binding.getText();
    }
    return false;
  }
  return (
    Node.isPropertyAccessExpression(callee) &&
    matcher.releaseMethods.includes(callee.getName()) &&
    matcher.isSameLock(skipOuterExpressions(callee.getExpression()))
  );
}

/** True when the release binding is used other than by calling it, or inside a nested function (released later, elsewhere). */
function bindingEscapes(binding: Node, host: Node, isRelease: (n: Node) => boolean): boolean {
  const name = binding.getText();
  return nameEscapes(host, {
    // By source text, property names included: `other.release` is a use that escapes.
    isUse: (n) => n !== binding && n.getText() === name,
    judgeUse: (use) => {
      const parent = use.getParentOrThrow();
      // `let release;` (or `let release: Releaser | undefined;`) before `release = await lock.acquire()`: a
      // declaration without a value holds nothing to pass on.
      if (Node.isVariableDeclaration(parent) && parent.getNameNode() === use && parent.getInitializer() === undefined)
        return 'harmless';
      const released =
        isRelease(parent) || (Node.isPropertyAccessExpression(parent) && isRelease(parent.getParentOrThrow()));
      return released ? 'harmless' : 'undecided';
    },
  });
}

/**
 * True when the lock object itself, a variable or parameter of the function
 * that locks it (`const lock = locker.newLock(id); await lock.lock()`), leaves
 * the function: returned (`return lock`, `return { id, lock }`), passed on,
 * stored, used in a nested function, or its release method taken as a value.
 * Whoever receives it releases it, so this function cannot tell.
 */
function localLockEscapes(call: CallExpression, host: Node, matcher: ReleaseMatcher): boolean {
  if (Node.isSourceFile(host)) return false;
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return false;
  const receiver = skipOuterExpressions(callee.getExpression());
  if (!Node.isIdentifier(receiver)) return false;
  const name = receiver.compilerNode.text;
  const declaration = localDeclarationNamed(host, name);
  if (declaration === undefined) return false;
  return nameEscapes(host, {
    isUse: (n) => n !== declaration && n.compilerNode.text === name && isValueName(n.compilerNode),
    judgeUse: (use) => {
      const parent = use.getParentOrThrow();
      if (!Node.isPropertyAccessExpression(parent)) return 'undecided';
      const around = parent.getParent();
      const calledHere = Node.isCallExpression(around) && around.getExpression() === parent;
      return !calledHere && isReleaseName(parent.getName(), matcher) ? 'escapes' : 'harmless';
    },
  });
}

/** A caller's verdict on one use of a watched name: harmless, an escape, or left to the tests every caller accepts. */
type UseVerdict = 'harmless' | 'escapes' | 'undecided';

/** Which identifiers `nameEscapes` watches, and which of their uses the caller judges itself. */
interface NameWatch {
  /** True for an identifier that uses the watched name, the binding or declaration it starts from excluded. */
  isUse: (identifier: Identifier) => boolean;
  /** The caller's verdict on a use in the function itself, before the shared tests. */
  judgeUse: (use: Identifier) => UseVerdict;
}

/**
 * True when a watched name leaves `host`: used inside a nested function, or
 * in `host` in a way that neither the caller's `judgeUse` nor a test or an
 * assignment (`if (x)`, `!x`, `x === y`, `x && …`, `x = …`) accounts for.
 */
function nameEscapes(host: Node, watch: NameWatch): boolean {
  let escapes = false;
  host.forEachDescendant((n, traversal) => {
    if (escapes) {
      traversal.stop();
      return;
    }
    if (!Node.isIdentifier(n) || !watch.isUse(n)) return;
    if (hostOf(n, true) !== host) {
      escapes = true;
      return;
    }
    const verdict = watch.judgeUse(n);
    if (verdict === 'undecided') escapes = !isTestOrAssignment(n, n.getParentOrThrow());
    else escapes = verdict === 'escapes';
  });
  return escapes;
}

/** A use that keeps a value in place: a test (`if (x)`, `!x`, `x === y`, `x && …`) or the left of a binary (`x = …`). */
function isTestOrAssignment(use: Node, parent: Node): boolean {
  return (
    Node.isIfStatement(parent) ||
    Node.isPrefixUnaryExpression(parent) ||
    (Node.isBinaryExpression(parent) && /^(===|!==|==|!=|&&|\|\|)$/.test(parent.getOperatorToken().getText())) ||
    (Node.isBinaryExpression(parent) && parent.getLeft() === use)
  );
}

/** The name node of a parameter or variable of `host` itself (not of a nested function) called `name`. */
function localDeclarationNamed(host: Node, name: string): Node | undefined {
  const isNamed = (n: Node | undefined): boolean => Node.isIdentifier(n) && n.compilerNode.text === name;
  if (isFunctionLike(host))
    for (const parameter of host.getParameters()) if (isNamed(parameter.getNameNode())) return parameter.getNameNode();
  let found: Node | undefined;
  forEachOwnNode(host, (n) => {
    if (found === undefined && Node.isVariableDeclaration(n) && isNamed(n.getNameNode())) found = n.getNameNode();
  });
  return found;
}

/** Methods that give a lock back whatever its API: on a release handle (`release.release()`), or on the lock itself. */
export const RELEASE_NAMES: ReadonlySet<string> = new Set(['release', 'unlock', 'dispose']);

/** A method name that gives a lock back. */
function isReleaseName(name: string, matcher: ReleaseMatcher): boolean {
  return matcher.releaseMethods.includes(name) || RELEASE_NAMES.has(name);
}

/**
 * Where the path from an acquisition written directly in a releasing `try` block (`let release; try { release = await
 * lock.acquire(); …; release(); release = undefined; await work(); } finally { release?.(); }`) releases before the
 * `finally`, if it does: see `walkTry`. Undefined for an acquisition nested deeper in the block.
 */
function releasedInTryBlock(statement: Node, guard: TryStatement, context: WalkContext): number | undefined {
  const statements = guard.getTryBlock().getStatements();
  const index = statements.findIndex((candidate) => candidate === statement);
  if (index < 0) return undefined;
  return releasedBeforeFinally(statements.slice(index + 1), context);
}

/**
 * Where a path through statements of a `try` block whose `finally` releases gives the lock back before that
 * `finally` does, if it does: awaits, `return`s and `throw`s there leave through the `finally`, so only a release on
 * the way through counts.
 */
function releasedBeforeFinally(statements: readonly Node[], context: WalkContext): number | undefined {
  const early = walkSequence(statements, { ...context, guarded: true });
  return early.released ? early.end : undefined;
}

/** A `try` around the acquisition (inside the function) whose `finally` releases. */
function enclosingReleasingTry(statement: Node, host: Node, isRelease: (n: Node) => boolean): TryStatement | undefined {
  let current = statement.getParent();
  while (current !== undefined && current !== host) {
    const owner = current.getParent();
    if (Node.isTryStatement(owner) && owner.getTryBlock() === current && finallyReleases(owner, isRelease))
      return owner;
    current = owner;
  }
  return undefined;
}

/** True when the `try` statement's `finally` block calls a release. */
function finallyReleases(statement: Node, isRelease: (n: Node) => boolean): boolean {
  if (!Node.isTryStatement(statement)) return false;
  const block = statement.getFinallyBlock();
  if (block === undefined) return false;
  let found = false;
  forEachOwnNode(block, (n) => {
    if (isRelease(n)) found = true;
  });
  return found;
}

/** Contains a release call among its own nodes. */
function containsRelease(node: Node, isRelease: (n: Node) => boolean): boolean {
  if (isRelease(node)) return true;
  let found = false;
  forEachOwnNode(node, (n) => {
    if (isRelease(n)) found = true;
  });
  return found;
}

interface WalkContext {
  isRelease: (node: Node) => boolean;
  /**
   * Inside the `try` block of a `try` after the acquisition that has a `catch`: a rejected await or a `throw` here
   * lands in that `catch`, walked on its own, and the path goes on from there.
   */
  caught: boolean;
  /**
   * Inside the `try` block of a `try` whose `finally` releases: an await, a `return` or a `throw` here leaves through
   * that `finally`, so none leaves the lock held; the walk only looks for a release the path reaches first.
   */
  guarded: boolean;
  acquisition: Node;
}

interface StepResult {
  released: boolean;
  terminated: boolean;
  viaFinally: boolean;
  problem: ReleaseProblem | undefined;
  /** Position where the lock is released on every path, if it is. */
  end: number | undefined;
}

const CONTINUE: StepResult = {
  released: false,
  terminated: false,
  viaFinally: false,
  problem: undefined,
  end: undefined,
};

/** Walks the rest of the function after the acquisition statement, climbing out of enclosing blocks. */
function walkFrom(statement: Node, host: Node, context: WalkContext): StepResult {
  let current = statement;
  for (;;) {
    const container = current.getParent();
    if (container === undefined) return CONTINUE;
    const siblings = statementsOf(container);
    const index = siblings.indexOf(current);
    const result = walkSequence(siblings.slice(index + 1), context);
    if (result.problem !== undefined || result.released || result.terminated) return result;
    if (container === bodyOrSelf(host)) return { ...CONTINUE, problem: { reason: 'end', node: lastTokenOf(host) } };
    const owner = container.getParent();
    if (owner === undefined || owner === host)
      return { ...CONTINUE, problem: { reason: 'end', node: lastTokenOf(host) } };
    current = Node.isCaseClause(container) || Node.isDefaultClause(container) ? (owner.getParent() ?? owner) : owner;
    if (Node.isCatchClause(current)) current = current.getParentOrThrow();
  }
}

/** The function body (or the source file) whose statements end the walk. */
function bodyOrSelf(host: Node): Node {
  if (Node.isSourceFile(host)) return host;
  const body = host.getChildrenOfKind(SyntaxKind.Block)[0];
  return body ?? host;
}

/** The closing brace (or last token) of a function, to point at its end. */
function lastTokenOf(host: Node): Node {
  return host.getLastToken();
}

/** Statements directly inside a block-like container. */
function statementsOf(container: Node): Node[] {
  if (
    Node.isBlock(container) ||
    Node.isSourceFile(container) ||
    Node.isCaseClause(container) ||
    Node.isDefaultClause(container) ||
    Node.isModuleBlock(container)
  ) {
    return container.getStatements();
  }
  return [container];
}

/** Walks statements in order until the lock is released, a path leaves, or a problem shows. */
function walkSequence(statements: readonly Node[], context: WalkContext): StepResult {
  for (const statement of statements) {
    const result = walkStatement(statement, context);
    if (result.problem !== undefined || result.released || result.terminated) return result;
  }
  return CONTINUE;
}

/** One statement's effect on whether the lock is still held. */
function walkStatement(statement: Node, context: WalkContext): StepResult {
  const { isRelease } = context;
  if (Node.isTryStatement(statement)) return walkTry(statement, context);
  if (Node.isExpressionStatement(statement) || Node.isVariableStatement(statement)) {
    if (Node.isExpressionStatement(statement) && isRelease(unwrapAwaitVoid(statement.getExpression()))) {
      return { ...CONTINUE, released: true, end: statement.getEnd() };
    }
    return awaitProblem(statement, context);
  }
  if (Node.isReturnStatement(statement) || Node.isThrowStatement(statement)) {
    if (containsRelease(statement, isRelease)) return { ...CONTINUE, released: true, end: statement.getEnd() };
    if (context.guarded || (Node.isThrowStatement(statement) && context.caught))
      return { ...CONTINUE, terminated: true };
    return { ...CONTINUE, problem: { reason: 'exit', node: statement } };
  }
  if (Node.isBreakStatement(statement) || Node.isContinueStatement(statement)) {
    const target = jumpTarget(statement);
    if (
      target === undefined ||
      (target.getPos() <= context.acquisition.getPos() && target.getEnd() >= context.acquisition.getEnd())
    ) {
      if (context.guarded) return { ...CONTINUE, terminated: true };
      return { ...CONTINUE, problem: { reason: 'exit', node: statement } };
    }
    return { ...CONTINUE, terminated: true };
  }
  if (Node.isBlock(statement)) return walkSequence(statement.getStatements(), context);
  if (Node.isIfStatement(statement)) return walkIf(statement, context);
  if (Node.isLabeledStatement(statement)) return walkStatement(statement.getStatement(), context);
  if (Node.isIterationStatement(statement)) {
    const header = headerAwait(statement, context);
    if (header !== undefined) return header;
    const body = walkStatement(statement.getStatement(), context);
    return body.problem === undefined ? CONTINUE : body;
  }
  if (Node.isSwitchStatement(statement)) {
    const header = awaitIn(statement.getExpression(), context);
    if (header !== undefined) return header;
    for (const clause of statement.getClauses()) {
      const result = walkSequence(clause.getStatements(), context);
      if (result.problem !== undefined) return result;
    }
    return CONTINUE;
  }
  if (
    Node.isFunctionDeclaration(statement) ||
    Node.isClassDeclaration(statement) ||
    Node.isInterfaceDeclaration(statement) ||
    Node.isTypeAliasDeclaration(statement)
  )
    return CONTINUE;
  return awaitProblem(statement, context);
}

/** `if`: released afterwards only when every branch releases (or leaves after releasing). */
function walkIf(statement: Node, context: WalkContext): StepResult {
  if (!Node.isIfStatement(statement)) return CONTINUE;
  const condition = awaitIn(statement.getExpression(), context);
  if (condition !== undefined) return condition;
  const then = walkStatement(statement.getThenStatement(), context);
  if (then.problem !== undefined) return then;
  const elseStatement = statement.getElseStatement();
  const otherwise = elseStatement === undefined ? CONTINUE : walkStatement(elseStatement, context);
  if (otherwise.problem !== undefined) return otherwise;
  const done = (r: StepResult): boolean => r.released || r.terminated;
  if (done(then) && done(otherwise) && (then.released || otherwise.released)) {
    return {
      ...CONTINUE,
      released: true,
      viaFinally: then.viaFinally && otherwise.viaFinally,
      end: statement.getEnd(),
    };
  }
  if (then.terminated && otherwise.terminated) return { ...CONTINUE, terminated: true };
  return CONTINUE;
}

/**
 * `try`: a releasing `finally` settles it, at the end of the `try`, or at a release the `try` block reaches first on
 * its way through (`release(); release = undefined; await work();` before `finally { release?.(); }`, which releases
 * only on the early exits). A `catch` takes the rejections of the `try` block's awaits and its
 * `throw`s: the path goes on in the `catch` block, walked after it (`try { await session.close(); } catch (error)
 * { log(error); }` then `release()` releases on both paths).
 */
function walkTry(statement: Node, context: WalkContext): StepResult {
  if (!Node.isTryStatement(statement)) return CONTINUE;
  if (finallyReleases(statement, context.isRelease)) {
    const end = releasedBeforeFinally(statement.getTryBlock().getStatements(), context) ?? statement.getEnd();
    return { ...CONTINUE, released: true, viaFinally: true, end };
  }
  const catchClause = statement.getCatchClause();
  const inTry = walkSequence(statement.getTryBlock().getStatements(), {
    ...context,
    caught: context.caught || catchClause !== undefined,
  });
  if (inTry.problem !== undefined) return inTry;
  const inCatch = catchClause === undefined ? undefined : walkSequence(catchClause.getBlock().getStatements(), context);
  if (inCatch?.problem !== undefined) return inCatch;
  const finallyBlock = statement.getFinallyBlock();
  const inFinally = finallyBlock === undefined ? CONTINUE : walkSequence(finallyBlock.getStatements(), context);
  if (inFinally.problem !== undefined) return inFinally;
  const catchDone = inCatch === undefined || inCatch.released || inCatch.terminated;
  if (inTry.released && catchDone) return { ...CONTINUE, released: true, end: statement.getEnd() };
  return CONTINUE;
}

/** `await release()` and `void release()` release too. */
function unwrapAwaitVoid(expression: Node): Node {
  let current = skipOuterExpressions(expression);
  while (Node.isAwaitExpression(current) || Node.isVoidExpression(current))
    current = skipOuterExpressions(current.getExpression());
  return current;
}

/** An unprotected await in the statement's own code is a path on which a rejection skips the release. */
function awaitProblem(statement: Node, context: WalkContext): StepResult {
  return awaitIn(statement, context) ?? CONTINUE;
}

/**
 * A callback whose caller runs it as `try { await lock.acquire(); return await action(); }
 * finally { lock.release(); }`: whatever the callback leaves acquired, the
 * caller's `finally` releases (the callback may give the lock up and take it back).
 */
function releasedByRunner(host: Node, isRelease: (n: Node) => boolean): boolean {
  const call = host.getParent();
  if (!Node.isCallExpression(call)) return false;
  const index = call.getArguments().indexOf(host);
  if (index < 0) return false;
  const callee = skipOuterExpressions(call.getExpression());
  const name = Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : callee;
  for (const declaration of name.getSymbol()?.getDeclarations() ?? []) {
    const runner = Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : declaration;
    if (runner === undefined || !Node.isFunctionLikeDeclaration(runner)) continue;
    const parameter = runner.getParameters()[index];
    if (parameter !== undefined && runsInReleasingTry(runner, parameter.getName(), isRelease)) return true;
  }
  return false;
}

/** True when the function calls `parameter` inside a `try` whose `finally` releases. */
function runsInReleasingTry(runner: Node, parameter: string, isRelease: (n: Node) => boolean): boolean {
  let found = false;
  forEachOwnNode(runner, (n) => {
    if (found || !Node.isTryStatement(n) || !finallyReleases(n, isRelease)) return;
    n.getTryBlock().forEachDescendant((d) => {
      if (Node.isCallExpression(d) && skipOuterExpressions(d.getExpression()).getText() === parameter) found = true;
    });
  });
  return found;
}

/**
 * True for an await that cannot reject: its promise ends in a `.catch()`
 * whose handler only produces a value (`await p.catch(() => null)`), or it is
 * `Promise.allSettled(...)`.
 */
function cannotReject(point: Node): boolean {
  if (!Node.isAwaitExpression(point)) return false;
  const operand = skipOuterExpressions(point.getExpression());
  if (!Node.isCallExpression(operand)) return false;
  const callee = skipOuterExpressions(operand.getExpression());
  if (!Node.isPropertyAccessExpression(callee)) return false;
  if (callee.getName() === 'allSettled' && callee.getExpression().getText() === 'Promise') return true;
  const handler = operand.getArguments()[callee.getName() === 'catch' ? 0 : callee.getName() === 'then' ? 1 : -1];
  return handler !== undefined && isValueOnlyHandler(handler);
}

/** `() => null`, `() => undefined`, `(e) => fallback`, `() => {}`: handlers that cannot throw. */
function isValueOnlyHandler(handler: Node): boolean {
  if (!Node.isArrowFunction(handler) && !Node.isFunctionExpression(handler)) return false;
  const body = handler.getBody();
  if (Node.isBlock(body)) return body.getStatements().length === 0;
  const value = skipOuterExpressions(body);
  return (
    Node.isLiteralExpression(value) ||
    Node.isIdentifier(value) ||
    Node.isTrueLiteral(value) ||
    Node.isFalseLiteral(value) ||
    Node.isNullLiteral(value) ||
    (Node.isVoidExpression(value) && Node.isLiteralExpression(skipOuterExpressions(value.getExpression())))
  );
}

/** The first await point of `node` (itself included) that can reject, as a problem, unless a `catch` releases. */
function awaitIn(node: Node, context: WalkContext): StepResult | undefined {
  if (context.caught || context.guarded) return undefined;
  const points = ownAwaitPoints(node);
  const first = points.find((p) => !Node.isYieldExpression(p) && !cannotReject(p));
  return first === undefined ? undefined : { ...CONTINUE, problem: { reason: 'await', node: first } };
}

/** Awaits in a loop's header (`for await`, an awaited condition). */
function headerAwait(statement: Node, context: WalkContext): StepResult | undefined {
  if (Node.isForOfStatement(statement) && statement.isAwaited() && !context.caught && !context.guarded) {
    return { ...CONTINUE, problem: { reason: 'await', node: statement } };
  }
  for (const child of statement.getChildren()) {
    if (Node.isStatement(child) || Node.isBlock(child)) continue;
    const found = awaitIn(child, context);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The loop, switch or labelled statement a `break`/`continue` leaves. */
function jumpTarget(statement: Node): Node | undefined {
  if (!Node.isBreakStatement(statement) && !Node.isContinueStatement(statement)) return undefined;
  const label = statement.getLabel()?.getText();
  let current: Node | undefined = statement.getParent();
  while (current !== undefined && !isFunctionLike(current)) {
    if (label !== undefined && Node.isLabeledStatement(current) && current.getLabel().getText() === label)
      return current;
    if (
      label === undefined &&
      (Node.isIterationStatement(current) || (Node.isBreakStatement(statement) && Node.isSwitchStatement(current)))
    )
      return current;
    current = current.getParent();
  }
  return undefined;
}
