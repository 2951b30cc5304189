import { Node, VariableDeclarationKind } from 'ts-morph';
import type { VariableDeclaration } from 'ts-morph';

/** True for a `const` declaration, in a variable statement or not (a `for` head's). */
export function isConstDeclaration(declaration: VariableDeclaration): boolean {
  const list = declaration.getParent();
  return Node.isVariableDeclarationList(list) && list.getDeclarationKind() === VariableDeclarationKind.Const;
}
