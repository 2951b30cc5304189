import type { Node } from 'ts-morph';
import type { EditDraft } from '../../../src/model/edit.js';

/** Replaces a node's text (from its first token, JSDoc excluded, to its end) with `text`. */
export function replaceNode(node: Node, text: string): EditDraft {
  return { sourceFile: node.getSourceFile(), start: node.getStart(), end: node.getEnd(), text };
}

/** Inserts `text` right before a node's first token. */
export function insertBefore(node: Node, text: string): EditDraft {
  const start = node.getStart();
  return { sourceFile: node.getSourceFile(), start, end: start, text };
}

/** Inserts `text` right after a node's last character. */
export function insertAfter(node: Node, text: string): EditDraft {
  const end = node.getEnd();
  return { sourceFile: node.getSourceFile(), start: end, end, text };
}
