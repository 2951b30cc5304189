import { Node } from 'ts-morph';
import { skipOuterExpressions } from '../ast/skip-outer-expressions.js';
import { functionNameOf } from '../names.js';
import { codeSpan, shorten } from '../text.js';
import type { CallExpression, SourceFile } from 'ts-morph';
import { ELEMENT_PARAMETER } from '../ast/array-methods.js';
import { isFunctionLike } from '../ast/is-function-like.js';
import { ownReturnsOf } from '../ast/own-returns.js';
import { wrapNode } from '../ast/wrap-node.js';

/** A function whose body runs as one unit: a declaration, method, accessor, constructor, arrow or function expression. */
export type FunctionHost = Node;

/** Array methods that call their callback synchronously, before they return. */
const INLINE_CALLBACK_METHODS: ReadonlySet<string> = new Set([...ELEMENT_PARAMETER.keys(), 'sort', 'toSorted']);

/** True when a function expression is passed to an array method that calls it before returning (`items.forEach(x => ...)`). */
export function isInlineCallback(fn: Node): boolean {
  if (!Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn)) return false;
  if (isAsync(fn)) return false;
  const call = fn.getParent();
  if (!Node.isCallExpression(call) || !call.getArguments().includes(fn)) return false;
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) && INLINE_CALLBACK_METHODS.has(callee.getName());
}

/** The function whose body contains `node` (inline array callbacks see through to their caller when `throughInline`). */
export function hostOf(node: Node, throughInline = false): FunctionHost | SourceFile {
  let current = node.getParent();
  while (current !== undefined) {
    if (isFunctionLike(current) && !(throughInline && isInlineCallback(current))) return current;
    if (Node.isSourceFile(current)) return current;
    current = current.getParent();
  }
  return node.getSourceFile();
}

/** Functions of test frameworks that run their callback as a test or a hook, one after another. */
const TEST_FUNCTIONS = new Set([
  'it',
  'test',
  'describe',
  'suite',
  'beforeEach',
  'afterEach',
  'beforeAll',
  'afterAll',
  'before',
  'after',
]);

/**
 * True when `fn` is, or is inside, a callback handed to a test framework
 * (`it('…', async () => …)`, `test.each(rows)(…)`, `beforeEach(…)`): tests and
 * hooks run one at a time, so no other task interleaves with them.
 */
export function isInTestCallback(fn: Node): boolean {
  for (let current: Node | undefined = fn; current !== undefined; current = current.getParent()) {
    if (!Node.isArrowFunction(current) && !Node.isFunctionExpression(current)) continue;
    const callback: Node = current;
    const call = callback.getParent();
    if (Node.isCallExpression(call) && call.getArguments().includes(callback) && isTestFunction(call.getExpression()))
      return true;
  }
  return false;
}

/** True for `it`, `test.only`, `describe.skip`, `it.each(rows)` and the like. */
function isTestFunction(callee: Node): boolean {
  let root: Node = callee;
  for (;;) {
    if (Node.isPropertyAccessExpression(root)) root = root.getExpression();
    else if (Node.isCallExpression(root)) root = root.getExpression();
    else break;
  }
  return Node.isIdentifier(root) && TEST_FUNCTIONS.has(root.getText());
}

/** True for `async` functions and methods. */
export function isAsync(fn: Node): boolean {
  if (
    Node.isFunctionDeclaration(fn) ||
    Node.isMethodDeclaration(fn) ||
    Node.isArrowFunction(fn) ||
    Node.isFunctionExpression(fn)
  )
    return fn.isAsync();
  return false;
}

/** True for generator functions and methods. */
export function isGenerator(fn: Node): boolean {
  if (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn) || Node.isFunctionExpression(fn))
    return fn.isGenerator();
  return false;
}

/** The body of a function-like node (a block or an arrow's expression). */
export function bodyOf(fn: Node): Node | undefined {
  if (
    Node.isFunctionDeclaration(fn) ||
    Node.isMethodDeclaration(fn) ||
    Node.isArrowFunction(fn) ||
    Node.isFunctionExpression(fn) ||
    Node.isConstructorDeclaration(fn) ||
    Node.isGetAccessorDeclaration(fn) ||
    Node.isSetAccessorDeclaration(fn)
  ) {
    return fn.getBody();
  }
  return undefined;
}

/**
 * Visits the nodes that run as part of `root`'s own code: nested functions
 * are skipped (they run when called, not here), except array callbacks that
 * run inline when `throughInline` is set.
 */
export function forEachOwnNode(root: Node, visit: (node: Node) => void, throughInline = false): void {
  const walk = (node: Node): void => {
    node.forEachChild((child) => {
      if (isFunctionLike(child) && !(throughInline && isInlineCallback(child))) return;
      visit(child);
      walk(child);
    });
  };
  walk(root);
}

/** Promise methods that chain work to a promise: what their call waits for is the promise they are called on. */
export const CHAINING_METHODS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/** Places where a running function lets other tasks in: `await`, `for await`, `yield`. */
export function ownAwaitPoints(root: Node): Node[] {
  const out: Node[] = [];
  const visit = (n: Node): void => {
    if (Node.isAwaitExpression(n) || Node.isYieldExpression(n)) out.push(n);
    else if (Node.isForOfStatement(n) && n.isAwaited()) out.push(n);
  };
  // The root counts too: an arrow's expression body may itself be the await (`async () => await cleanup()`).
  visit(root);
  forEachOwnNode(root, visit);
  return out;
}

/** The expressions a function hands back: an arrow's expression body, or the operands of its `return` statements. */
export function returnedExpressions(fn: Node): Node[] {
  const body = bodyOf(fn);
  if (body === undefined) return [];
  if (!Node.isBlock(body)) return [body];
  return ownReturnsOf(body.compilerNode).flatMap((statement) =>
    statement.expression === undefined ? [] : [wrapNode(body.getSourceFile(), statement.expression)],
  );
}

/**
 * How messages name a function: a prose `kind` and the `code` that identifies
 * it, so a template reads `{{fnKind}} \`{{fn}}\`` and a description is never
 * set as code: method `refresh()`, the constructor of `Tree`, the callback
 * passed to `lock.runExclusive`, the top-level code of `cache.ts`.
 */
export interface FunctionRef {
  kind: string;
  code: string;
}

/** The FunctionRef of a function, accessor, constructor, callback or module. */
export function functionRefOf(fn: Node | SourceFile): FunctionRef {
  if (Node.isSourceFile(fn)) return { kind: 'the top-level code of', code: fn.getBaseName() };
  if (Node.isConstructorDeclaration(fn)) {
    const owner = fn.getParent();
    return {
      kind: 'the constructor of',
      code: (Node.isClassDeclaration(owner) ? owner.getName() : undefined) ?? 'class',
    };
  }
  const name = functionNameOf(fn);
  if (Node.isGetAccessorDeclaration(fn)) return { kind: 'getter', code: name ?? '' };
  if (Node.isSetAccessorDeclaration(fn)) return { kind: 'setter', code: name ?? '' };
  if (name !== undefined) return { kind: Node.isMethodDeclaration(fn) ? 'method' : 'function', code: `${name}()` };
  const call = fn.getParent();
  if (Node.isCallExpression(call) && call.getArguments().includes(fn))
    return { kind: 'the callback passed to', code: shorten(call.getExpression().getText()) };
  return { kind: 'the function', code: shorten(fn.getText()) };
}

/** The FunctionRef as message data: `fnKind` (prose) and `fn` (code), or under another prefix (`writerKind`, `writer`). */
export function functionData(fn: Node | SourceFile, key = 'fn'): Record<string, string> {
  const ref = functionRefOf(fn);
  return { [`${key}Kind`]: ref.kind, [key]: ref.code };
}

/** The FunctionRef as a phrase for evidence notes: method `refresh()`. */
export function functionPhrase(fn: Node | SourceFile): string {
  const ref = functionRefOf(fn);
  return `${ref.kind} ${codeSpan(ref.code)}`;
}

/** The function or method a call runs, when it is declared with a body in the project. */
export function calledFunction(call: CallExpression): Node | undefined {
  const callee = skipOuterExpressions(call.getExpression());
  const nameNode = Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : callee;
  let symbol = nameNode.getSymbol();
  if (symbol === undefined) return undefined;
  if (symbol.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
  for (const declaration of symbol.getDeclarations()) {
    if (declaration.getSourceFile().isDeclarationFile() || declaration.getSourceFile().isInNodeModules()) continue;
    if (
      (Node.isFunctionDeclaration(declaration) || Node.isMethodDeclaration(declaration)) &&
      declaration.getBody() !== undefined
    )
      return declaration;
    if (Node.isVariableDeclaration(declaration) || Node.isPropertyDeclaration(declaration)) {
      const initializer = declaration.getInitializer();
      if (initializer !== undefined && (Node.isArrowFunction(initializer) || Node.isFunctionExpression(initializer)))
        return initializer;
    }
  }
  return undefined;
}

/** True when the value of a call expression is awaited, returned, or otherwise waited for by its function. */
export function isWaitedFor(expression: Node): boolean {
  let current = expression;
  for (;;) {
    const parent = current.getParent();
    if (parent === undefined) return false;
    if (Node.isParenthesizedExpression(parent) || Node.isNonNullExpression(parent) || Node.isAsExpression(parent)) {
      current = parent;
      continue;
    }
    if (Node.isAwaitExpression(parent) || Node.isReturnStatement(parent)) return true;
    if (Node.isArrowFunction(parent) && parent.getBody() === current) return true;
    if (Node.isArrayLiteralExpression(parent)) {
      const call = parent.getParent();
      if (Node.isCallExpression(call) && /^Promise\.(all|allSettled|race|any)$/.test(call.getExpression().getText())) {
        current = call;
        continue;
      }
      return false;
    }
    if (Node.isPropertyAccessExpression(parent) && CHAINING_METHODS.has(parent.getName())) {
      const call = parent.getParent();
      if (Node.isCallExpression(call)) {
        current = call;
        continue;
      }
    }
    return false;
  }
}

/**
 * The value a holder's declaration gives it: a variable's or a field's initialiser, or the right side of the
 * assignment a JavaScript property is declared by (`this.lock = new Mutex()`); undefined for anything else.
 */
export function initialValueOf(declaration: Node): Node | undefined {
  if (Node.isVariableDeclaration(declaration) || Node.isPropertyDeclaration(declaration))
    return declaration.getInitializer();
  return Node.isBinaryExpression(declaration) ? declaration.getRight() : undefined;
}
