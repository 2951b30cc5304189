import type { Node, SourceFile, ts } from 'ts-morph';

/**
 * The ts-morph node for a compiler node of the file, made without wrapping
 * the rest of the tree (only the path down to it). Rules that scan the
 * compiler's tree for a few node kinds use it to wrap just what they report.
 */
export function wrapNode(file: SourceFile, compilerNode: ts.Node): Node {
  const found = file.getDescendantAtStartWithWidth(
    compilerNode.getStart(file.compilerNode),
    compilerNode.getWidth(file.compilerNode),
  );
  if (found?.compilerNode === compilerNode) return found;
  for (let current = found?.getParent(); current !== undefined; current = current.getParent()) {
    if (current.compilerNode === compilerNode) return current;
  }
  const deeper = found?.getFirstDescendant((d) => d.compilerNode === compilerNode);
  if (deeper !== undefined) return deeper;
  throw new Error(
    `no node of kind ${String(compilerNode.kind)} at ${file.getFilePath()}:${String(compilerNode.getStart(file.compilerNode))}`,
  );
}
