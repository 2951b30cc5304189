import { Node, SyntaxKind } from 'ts-morph';
import type { BinaryExpression } from 'ts-morph';
import { isOuterExpression, skipOuterExpressions } from './skip-outer-expressions.js';

/** True for a `+` expression. */
export function isPlus(node: Node): node is BinaryExpression {
  return Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.PlusToken;
}

/**
 * The operands of a `+` chain in order, parentheses and type assertions skipped (`a + (b + c)` is `a`, `b`, `c`);
 * an expression that is no `+` is its own one operand.
 */
export function plusOperandsOf(node: Node): Node[] {
  const inner = skipOuterExpressions(node);
  if (isPlus(inner)) return [...plusOperandsOf(inner.getLeft()), ...plusOperandsOf(inner.getRight())];
  return [inner];
}

/** The outermost `+` chain a node is an operand of (through parentheses and type assertions), or undefined. */
export function enclosingPlusChainOf(node: Node): Node | undefined {
  let chain: Node | undefined;
  for (let parent = node.getParent(); parent !== undefined; parent = parent.getParent()) {
    if (isPlus(parent)) chain = parent;
    else if (!isOuterExpression(parent)) break;
  }
  return chain;
}
