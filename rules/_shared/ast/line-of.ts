import type { Node, ts } from 'ts-morph';

/** A 1-based line and column, as ts-morph's `getLineAndColumnAtPos` gives them. */
export interface LineAndColumn {
  line: number;
  column: number;
}

/** A file's line map: the offsets of every `\n`, and whether the text has a `\r` at all. */
interface LineMap {
  newlines: Int32Array;
  hasCarriageReturn: boolean;
}

/** Line maps, computed once per file (a changed text is a new compiler SourceFile). */
const lineMaps = new WeakMap<ts.SourceFile, LineMap>();

/**
 * The 1-based line and column of a position, counted as ts-morph counts them
 * (a line ends at `\n`; a column starts after the last `\n` or `\r`), so
 * findings keep their exact places, but in O(log n) from a line map built
 * once per file instead of counting from the start of the file on each call.
 */
export function lineAndColumnAt(file: ts.SourceFile, pos: number): LineAndColumn {
  const { newlines, hasCarriageReturn } = lineMapOf(file);
  const before = countBelow(newlines, pos);
  const lineStart = before === 0 ? 0 : (newlines[before - 1] ?? -1) + 1;
  let start = hasCarriageReturn ? pos : lineStart;
  while (start > lineStart && file.text.charCodeAt(start - 1) !== CARRIAGE_RETURN) start--;
  return { line: before + 1, column: pos - start + 1 };
}

/** The 1-based line a node starts on (its first token, comments excluded), like `getStartLineNumber()`. */
export function startLineOf(node: Node): number {
  const file = node.getSourceFile().compilerNode;
  return lineAndColumnAt(file, node.compilerNode.getStart(file)).line;
}

const CARRIAGE_RETURN = 13;

/** The file's line map, built on first use. */
function lineMapOf(file: ts.SourceFile): LineMap {
  let found = lineMaps.get(file);
  if (found === undefined) {
    const text = file.text;
    const offsets: number[] = [];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) offsets.push(i);
    found = { newlines: Int32Array.from(offsets), hasCarriageReturn: text.includes('\r') };
    lineMaps.set(file, found);
  }
  return found;
}

/** How many of the sorted offsets are below `pos`. */
function countBelow(offsets: Int32Array, pos: number): number {
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((offsets[mid] ?? pos) < pos) low = mid + 1;
    else high = mid;
  }
  return low;
}
