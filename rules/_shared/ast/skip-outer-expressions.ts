import { Node, ts } from 'ts-morph';

/**
 * True for the wrappers that do not change a value: parentheses, `as`, `<T>x`,
 * `satisfies` and the non-null assertion `!`.
 */
export function isOuterExpression(node: Node): node is Node & { getExpression(): Node } {
  return (
    Node.isParenthesizedExpression(node) ||
    Node.isAsExpression(node) ||
    Node.isTypeAssertion(node) ||
    Node.isSatisfiesExpression(node) ||
    Node.isNonNullExpression(node)
  );
}

/** The expression inside any parentheses, type assertions, `satisfies` and `!`: `((x as T)!)` gives `x`. */
export function skipOuterExpressions(node: Node): Node {
  let current = node;
  while (isOuterExpression(current)) current = current.getExpression();
  return current;
}

/** The first ancestor that is not such a wrapper: the parent of `(x as T)` as seen from `x`. */
export function parentSkippingOuterExpressions(node: Node): Node | undefined {
  let parent = node.getParent();
  while (parent !== undefined && isOuterExpression(parent)) parent = parent.getParent();
  return parent;
}

/** `isOuterExpression` on the compiler's own nodes. */
export function isOuterCompilerExpression(
  node: ts.Node,
): node is
  ts.ParenthesizedExpression | ts.AsExpression | ts.TypeAssertion | ts.SatisfiesExpression | ts.NonNullExpression {
  return (
    ts.isParenthesizedExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isTypeAssertionExpression(node) ||
    ts.isSatisfiesExpression(node) ||
    ts.isNonNullExpression(node)
  );
}

/** `skipOuterExpressions` on the compiler's own nodes, for walks that do not wrap them. */
export function skipOuterCompilerExpressions(node: ts.Expression): ts.Expression {
  let inner = node;
  while (isOuterCompilerExpression(inner)) inner = inner.expression;
  return inner;
}
