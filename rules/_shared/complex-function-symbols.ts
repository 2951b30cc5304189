import { Node } from 'ts-morph';

/**
 * Names of functions as the review shows them (`Class.method`, `name`,
 * `object.property`), shared by complex-function, error-without-message and
 * inconsistent-indentation.
 */

import { isFunctionLike } from './functions.js';

export { isFunctionLike };

/**
 * The dotted name of a function-like node, or undefined when it has none
 * (an anonymous callback): `Class.method`, `Class.constructor`, `name` for a
 * function or an arrow assigned to a variable, `object.key` for an
 * object-literal method, `default` for an anonymous default export.
 */
export function getFunctionName(node: Node): string | undefined {
  if (Node.isFunctionDeclaration(node)) return node.getName() ?? (node.isDefaultExport() ? 'default' : undefined);
  if (Node.isConstructorDeclaration(node)) return memberPath(node, 'constructor');
  if (Node.isMethodDeclaration(node) || Node.isGetAccessorDeclaration(node) || Node.isSetAccessorDeclaration(node)) {
    return memberPath(node, propertyNameText(node.getNameNode()));
  }
  if (Node.isArrowFunction(node) || Node.isFunctionExpression(node)) return nameOfAssignedFunction(node);
  return undefined;
}

/** The kind word used in messages: Method, Constructor, Getter, Setter, Function. */
export function getFunctionKind(node: Node): string {
  if (Node.isConstructorDeclaration(node)) return 'Constructor';
  if (Node.isGetAccessorDeclaration(node)) return 'Getter';
  if (Node.isSetAccessorDeclaration(node)) return 'Setter';
  if (Node.isMethodDeclaration(node)) return 'Method';
  const parent = node.getParent();
  if (parent !== undefined && Node.isPropertyDeclaration(parent)) return 'Method';
  return 'Function';
}

/**
 * The name of the innermost named function around a node, with anonymous
 * callbacks skipped; `(module)` for code outside any named function.
 */
export function getEnclosingSymbol(node: Node): string {
  for (let current: Node | undefined = node; current !== undefined; current = current.getParent()) {
    if (current !== node && isFunctionLike(current)) {
      const name = getFunctionName(current);
      if (name !== undefined) return name;
    }
  }
  return '(module)';
}

/** `Owner.member` for a class or object-literal member. */
function memberPath(member: Node, name: string): string {
  const owner = member.getParent();
  if (owner === undefined) return name;
  const ownerName = ownerNameOf(owner);
  return ownerName === undefined ? name : `${ownerName}.${name}`;
}

/** The name of a class or object literal that holds members. */
function ownerNameOf(owner: Node): string | undefined {
  if (Node.isClassDeclaration(owner)) return owner.getName() ?? (owner.isDefaultExport() ? 'default' : undefined);
  if (Node.isClassExpression(owner)) return owner.getName() ?? nameOfAssignedExpression(owner);
  if (Node.isObjectLiteralExpression(owner)) return nameOfAssignedExpression(owner);
  return undefined;
}

/** The name a function expression or arrow is bound to, if any. */
function nameOfAssignedFunction(node: Node): string | undefined {
  if (Node.isFunctionExpression(node)) {
    const own = node.getName();
    if (own !== undefined) return own;
  }
  const parent = node.getParent();
  if (parent !== undefined && Node.isPropertyDeclaration(parent))
    return memberPath(parent, propertyNameText(parent.getNameNode()));
  return nameOfAssignedExpression(node);
}

/** The variable, property or export an expression is assigned to. */
function nameOfAssignedExpression(node: Node): string | undefined {
  let parent = node.getParent();
  while (
    parent !== undefined &&
    (Node.isParenthesizedExpression(parent) || Node.isAsExpression(parent) || Node.isSatisfiesExpression(parent))
  )
    parent = parent.getParent();
  if (parent === undefined) return undefined;
  if (Node.isVariableDeclaration(parent)) {
    const name = parent.getNameNode();
    return Node.isIdentifier(name) ? name.getText() : undefined;
  }
  if (Node.isPropertyAssignment(parent)) {
    const object = parent.getParent();
    const key = propertyNameText(parent.getNameNode());
    const objectName = Node.isObjectLiteralExpression(object) ? nameOfAssignedExpression(object) : undefined;
    return objectName === undefined ? key : `${objectName}.${key}`;
  }
  if (Node.isPropertyDeclaration(parent)) return memberPath(parent, propertyNameText(parent.getNameNode()));
  if (Node.isExportAssignment(parent)) return 'default';
  if (Node.isBinaryExpression(parent) && parent.getOperatorToken().getText() === '=' && parent.getRight() === node) {
    const left = parent.getLeft();
    if (Node.isIdentifier(left) || Node.isPropertyAccessExpression(left)) return left.getText().replace(/^this\./, '');
  }
  return undefined;
}

/** The text of a property name without quotes or brackets. */
function propertyNameText(name: Node): string {
  if (Node.isStringLiteral(name) || Node.isNumericLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name))
    return name.getLiteralText();
  if (Node.isComputedPropertyName(name)) return `[${name.getExpression().getText()}]`;
  return name.getText();
}
