import { SyntaxKind } from 'ts-morph';
import type { Node } from 'ts-morph';
import type { EditDraft } from '../../../src/model/edit.js';

/**
 * Removes a node and what only it needs: its JSDoc comment; the comma that
 * separates it from the next element of a list (or, for the last element,
 * from the previous one); and its whole lines when nothing else is on them.
 */
export function removeNode(node: Node): EditDraft {
  const text = node.getSourceFile().getFullText();
  let start = node.getStart(true);
  let end = node.getEnd();
  const next = node.getNextSibling();
  const previous = node.getPreviousSibling();
  if (next?.getKind() === SyntaxKind.CommaToken) {
    end = next.getEnd();
    while (text[end] === ' ' || text[end] === '\t') end++;
  } else if (previous?.getKind() === SyntaxKind.CommaToken) {
    start = previous.getStart();
  }
  return { sourceFile: node.getSourceFile(), ...wholeLines(text, start, end) };
}

/**
 * Widens [start, end) to whole lines, newline included, when only blanks share
 * those lines with it. Otherwise it takes the blanks on one side, so one
 * separator stays between its neighbours and no line ends in blanks: those
 * before it when it ends its line, else those after it when blanks (or the
 * line start) precede it.
 */
function wholeLines(text: string, start: number, end: number): { start: number; end: number; text: string } {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', end);
  const lineEnd = newline < 0 ? text.length : newline;
  const before = text.slice(lineStart, start);
  const after = text.slice(end, lineEnd);
  const blankBefore = /^[ \t]*$/.test(before);
  const blankAfter = /^[ \t]*\r?$/.test(after);
  if (blankBefore && blankAfter) return { start: lineStart, end: newline < 0 ? text.length : newline + 1, text: '' };
  const blanksBefore = before.length - before.replace(/[ \t]+$/, '').length;
  const blanksAfter = after.length - after.replace(/^[ \t]+/, '').length;
  if (blankAfter) return { start: start - blanksBefore, end: end + blanksAfter, text: '' };
  return { start, end: blankBefore || blanksBefore > 0 ? end + blanksAfter : end, text: '' };
}
