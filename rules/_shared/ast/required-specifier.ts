import { ts } from 'ts-morph';

/**
 * The module specifier of a CommonJS `require('x')` call (one string argument, the callee the plain name
 * `require`), as TypeScript reads one in a JavaScript file; undefined for any other expression.
 */
export function requiredSpecifierOf(expression: ts.Expression): ts.StringLiteralLike | undefined {
  if (!ts.isCallExpression(expression)) return undefined;
  const [specifier, ...rest] = expression.arguments;
  return ts.isIdentifier(expression.expression) &&
    expression.expression.text === 'require' &&
    specifier !== undefined &&
    rest.length === 0 &&
    ts.isStringLiteralLike(specifier)
    ? specifier
    : undefined;
}
