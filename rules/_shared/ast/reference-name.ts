import { Node } from 'ts-morph';

/**
 * The name an expression reads by: a plain name's text, or a property access's last name (`exec` of `cp.exec`,
 * `quote` of `shellQuote.quote`); undefined for anything else (a call, an element access, a literal).
 */
export function referenceNameOf(node: Node): string | undefined {
  if (Node.isIdentifier(node)) return node.getText();
  return Node.isPropertyAccessExpression(node) ? node.getName() : undefined;
}
