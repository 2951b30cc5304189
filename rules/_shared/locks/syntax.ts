import { Node } from 'ts-morph';
import { skipOuterExpressions } from '../ast/skip-outer-expressions.js';
import type { CallExpression, SourceFile } from 'ts-morph';

/** A function whose body runs as one unit: a declaration, method, accessor, constructor, arrow or function expression. */
export type FunctionHost = Node;

/** Array methods that call their callback synchronously, before they return. */
const INLINE_CALLBACK_METHODS = new Set([
  'forEach',
  'map',
  'filter',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'flatMap',
  'sort',
  'toSorted',
]);

import { isFunctionLike } from '../ast/is-function-like.js';

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

/** Places where a running function lets other tasks in: `await`, `for await`, `yield`. */
export function ownAwaitPoints(root: Node): Node[] {
  const out: Node[] = [];
  forEachOwnNode(root, (n) => {
    if (Node.isAwaitExpression(n) || Node.isYieldExpression(n)) out.push(n);
    else if (Node.isForOfStatement(n) && n.isAwaited()) out.push(n);
  });
  return out;
}

/** The expressions a function hands back: an arrow's expression body, or the operands of its `return` statements. */
export function returnedExpressions(fn: Node): Node[] {
  const body = bodyOf(fn);
  if (body === undefined) return [];
  if (!Node.isBlock(body)) return [body];
  const out: Node[] = [];
  forEachOwnNode(body, (n) => {
    if (Node.isReturnStatement(n)) {
      const expression = n.getExpression();
      if (expression !== undefined) out.push(expression);
    }
  });
  return out;
}

/** A readable name for a function in messages: `refresh()`, `ProviderTree.refresh()`, or `this callback`. */
export function functionName(fn: Node | SourceFile): string {
  if (Node.isSourceFile(fn)) return 'the module body';
  if (Node.isMethodDeclaration(fn) || Node.isGetAccessorDeclaration(fn) || Node.isSetAccessorDeclaration(fn))
    return `${fn.getName()}()`;
  if (Node.isConstructorDeclaration(fn)) return 'the constructor';
  if (Node.isFunctionDeclaration(fn)) return `${fn.getName() ?? 'default'}()`;
  const parent = fn.getParent();
  if (Node.isVariableDeclaration(parent) || Node.isPropertyDeclaration(parent) || Node.isPropertyAssignment(parent))
    return `${parent.getName()}()`;
  return `the callback on line ${fn.getStartLineNumber()}`;
}

/** The method name of `x.m(...)` or `x?.m(...)`, if the callee is a property access. */
export function calledMethodName(call: CallExpression): string | undefined {
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) ? callee.getName() : undefined;
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
    if (Node.isPropertyAccessExpression(parent) && /^(then|catch|finally)$/.test(parent.getName())) {
      const call = parent.getParent();
      if (Node.isCallExpression(call)) {
        current = call;
        continue;
      }
    }
    return false;
  }
}
