import { ModuleDeclarationKind, Node } from 'ts-morph';

/** True inside a `declare` context (`declare module`, `declare global`, `declare namespace`, a `declare` statement). */
export function isAmbient(node: Node): boolean {
  if (node.getSourceFile().isDeclarationFile()) return true;
  for (let current: Node | undefined = node; current !== undefined; current = current.getParent()) {
    if (Node.isAmbientable(current) && current.hasDeclareKeyword()) return true;
    if (Node.isModuleDeclaration(current) && current.getDeclarationKind() === ModuleDeclarationKind.Global) return true;
  }
  return false;
}
