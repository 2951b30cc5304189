import { Node, ts } from 'ts-morph';
import { hasModifier } from './has-modifier.js';

/** True when the node itself is written with `declare` (`declare const x: T;`, `declare module 'm' {}`). */
export function isDeclaredAmbient(node: Node): boolean {
  return Node.isAmbientable(node) && node.hasDeclareKeyword();
}

/** True anywhere inside an ambient context: a declaration file, `declare global`, or under a `declare` statement. */
export function isInAmbientContext(node: Node): boolean {
  return isInAmbientCompilerContext(node.compilerNode);
}

/** `isInAmbientContext` of a compiler node, for code that reads the compiler's tree without wrappers. */
export function isInAmbientCompilerContext(node: ts.Node): boolean {
  if (node.getSourceFile().isDeclarationFile) return true;
  for (let current = node; !ts.isSourceFile(current); current = current.parent) {
    if (hasModifier(current, ts.SyntaxKind.DeclareKeyword)) return true;
    if (ts.isModuleDeclaration(current) && (current.flags & ts.NodeFlags.GlobalAugmentation) !== 0) return true;
  }
  return false;
}
