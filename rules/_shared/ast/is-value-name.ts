import { ts } from 'ts-morph';

/**
 * True for an identifier that names a value or binding in code (`lock` in
 * `return lock`, `{ lock }`, `lock.unlock()`, `f(lock)`), not the name of a
 * property, member, attribute or label beside it (`x.lock`, `{ lock: v }`,
 * `lock() {}`, `A.lock` in a type). The reference index's `role: 'name'`, for
 * code that walks a function's own nodes.
 */
export function isValueName(identifier: ts.Node): boolean {
  const parent = identifier.parent;
  if (ts.isPropertyAccessExpression(parent) || ts.isQualifiedName(parent))
    return (ts.isPropertyAccessExpression(parent) ? parent.expression : parent.left) === identifier;
  if (
    ts.isPropertyAssignment(parent) ||
    ts.isMethodDeclaration(parent) ||
    ts.isPropertyDeclaration(parent) ||
    ts.isPropertySignature(parent) ||
    ts.isMethodSignature(parent) ||
    ts.isGetAccessorDeclaration(parent) ||
    ts.isSetAccessorDeclaration(parent) ||
    ts.isEnumMember(parent) ||
    ts.isJsxAttribute(parent)
  )
    return parent.name !== identifier;
  if (ts.isBindingElement(parent)) return parent.propertyName !== identifier && parent.name !== identifier;
  return !(ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent));
}
