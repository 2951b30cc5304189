import { ModuleDeclarationKind, Node } from 'ts-morph';

/** True when the node itself is written with `declare` (`declare const x: T;`, `declare module 'm' {}`). */
export function isDeclaredAmbient(node: Node): boolean {
  return Node.isAmbientable(node) && node.hasDeclareKeyword();
}

/** True anywhere inside an ambient context: a declaration file, `declare global`, or under a `declare` statement. */
export function isInAmbientContext(node: Node): boolean {
  if (node.getSourceFile().isDeclarationFile()) return true;
  for (let current: Node | undefined = node; current !== undefined; current = current.getParent()) {
    if (isDeclaredAmbient(current)) return true;
    if (Node.isModuleDeclaration(current) && current.getDeclarationKind() === ModuleDeclarationKind.Global) return true;
  }
  return false;
}
