import { SyntaxKind } from 'ts-morph';
import type { Node } from 'ts-morph';

/** The first token of a node: its leftmost leaf, JSDoc comments skipped. */
export function firstTokenOf(node: Node): Node {
  let current = node;
  for (;;) {
    const child = current.getFirstChild((c) => c.getKind() !== SyntaxKind.JSDoc);
    if (child === undefined) return current;
    current = child;
  }
}
