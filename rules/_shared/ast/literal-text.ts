import { Node } from 'ts-morph';
import { skipOuterExpressions } from './skip-outer-expressions.js';

/**
 * The text of a string literal or a template without holes, parentheses skipped (`'-c'`, `` `"` ``); undefined for
 * anything else, a template with holes included.
 */
export function literalTextOf(node: Node | undefined): string | undefined {
  const literal = node === undefined ? undefined : skipOuterExpressions(node);
  return Node.isStringLiteral(literal) || Node.isNoSubstitutionTemplateLiteral(literal)
    ? literal.getLiteralText()
    : undefined;
}
