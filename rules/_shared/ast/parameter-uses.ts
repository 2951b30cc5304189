import { ts } from 'ts-morph';
import { skipOuterCompilerExpressions } from './skip-outer-expressions.js';

/** Every node under `root`, visited with an explicit stack (no recursion). */
function* nodesUnder(root: ts.Node): Generator<ts.Node> {
  const stack: ts.Node[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    yield node;
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
}

function isNamed(node: ts.Node, name: string): boolean {
  return ts.isIdentifier(node) && node.text === name;
}

/**
 * True when code under `root` tests at run time what kind of value `name`
 * holds: `typeof name`, `Array.isArray(name)`, `name instanceof C`,
 * `'key' in name`. A value tested that way is meant to take more than one type.
 */
export function isTypeTestedIn(root: ts.Node, name: string): boolean {
  for (const node of nodesUnder(root)) {
    if (ts.isTypeOfExpression(node) && isNamed(node.expression, name)) return true;
    if (ts.isBinaryExpression(node)) {
      const operator = node.operatorToken.kind;
      if (operator === ts.SyntaxKind.InstanceOfKeyword && isNamed(node.left, name)) return true;
      if (operator === ts.SyntaxKind.InKeyword && isNamed(node.right, name)) return true;
    }
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      isNamed(node.expression.expression, 'Array') &&
      node.expression.name.text === 'isArray' &&
      node.arguments.some((argument) => isNamed(argument, name))
    )
      return true;
  }
  return false;
}

/** True when code under `root` constructs or extends `name` (`new name(…)`, `class extends name`): a constructor. */
export function isConstructedIn(root: ts.Node, name: string): boolean {
  for (const node of nodesUnder(root)) {
    if (ts.isNewExpression(node) && isNamed(skipOuterCompilerExpressions(node.expression), name)) return true;
    if (ts.isExpressionWithTypeArguments(node) && isNamed(skipOuterCompilerExpressions(node.expression), name))
      return true;
  }
  return false;
}
