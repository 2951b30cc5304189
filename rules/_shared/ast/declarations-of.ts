import type { Node } from 'ts-morph';

/** The declarations a name's own symbol has: for an imported name, its import specifier. Empty when unresolved. */
export function declarationsOf(node: Node): Node[] {
  return node.getSymbol()?.getDeclarations() ?? [];
}

/** The declarations a name finally stands for, import aliases followed to the exporting module. Empty when unresolved. */
export function resolvedDeclarationsOf(node: Node): Node[] {
  const symbol = node.getSymbol();
  if (symbol === undefined) return [];
  return (symbol.getAliasedSymbol() ?? symbol).getDeclarations();
}
