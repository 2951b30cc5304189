/**
 * One walk over a file's compiler nodes that picks out what error-without-message
 * inspects, by syntax alone, and wraps only those in ts-morph: every `new X(…)`,
 * every `throw`, and the calls whose callee text can be an error construction
 * or a rejection (`Error(…)`, `Promise.reject(…)`, `reject(…)` inside a
 * `new Promise` executor that names it so).
 */
import { Node, ts } from 'ts-morph';
import type { CallExpression, NewExpression, SourceFile, ThrowStatement } from 'ts-morph';
import { wrapNode } from '../_shared/ast/wrap-node.js';
import { BUILTIN_ERRORS } from './message-state.js';

/** The nodes of one file the rule looks at. */
export interface Candidates {
  constructions: (NewExpression | CallExpression)[];
  throws: ThrowStatement[];
  rejections: CallExpression[];
}

/** The candidates of a file, in source order. */
export function candidatesOf(file: SourceFile): Candidates {
  const out: Candidates = { constructions: [], throws: [], rejections: [] };
  const stack: ts.Node[] = [file.compilerNode];
  const found: ts.Node[] = [];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (
      ts.isNewExpression(node) ||
      ts.isThrowStatement(node) ||
      (ts.isCallExpression(node) && (isBuiltinErrorCall(node) || isRejectCall(node)))
    )
      found.push(node);
    const children: ts.Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as ts.Node);
  }
  for (const compilerNode of found) {
    const node = wrapNode(file, compilerNode);
    if (Node.isNewExpression(node)) out.constructions.push(node);
    else if (Node.isThrowStatement(node)) out.throws.push(node);
    else if (Node.isCallExpression(node)) {
      if (ts.isIdentifier(node.compilerNode.expression) && BUILTIN_ERRORS.has(node.compilerNode.expression.text))
        out.constructions.push(node);
      else out.rejections.push(node);
    }
  }
  return out;
}

/** `Error(…)`, `TypeError(…)`… called without `new`, by name. */
function isBuiltinErrorCall(call: ts.CallExpression): boolean {
  return ts.isIdentifier(call.expression) && BUILTIN_ERRORS.has(call.expression.text);
}

/** `Promise.reject(…)`, or a call of a name that is the second parameter of an enclosing `new Promise` executor. */
function isRejectCall(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee))
    return callee.name.text === 'reject' && ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise';
  if (!ts.isIdentifier(callee)) return false;
  for (const node of ancestorsOf(call)) {
    if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) continue;
    const second = node.parameters[1];
    if (
      second !== undefined &&
      ts.isIdentifier(second.name) &&
      second.name.text === callee.text &&
      ts.isNewExpression(node.parent)
    )
      return true;
  }
  return false;
}

/** The ancestors of a node, nearest first, up to (not including) the source file. */
function ancestorsOf(node: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  for (let current = node.parent; current.kind !== ts.SyntaxKind.SourceFile; current = current.parent)
    out.push(current);
  return out;
}
