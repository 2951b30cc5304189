import { Node, SyntaxKind } from 'ts-morph';
import { isFunctionLike } from '../ast/is-function-like.js';
import { skipOuterExpressions } from '../ast/skip-outer-expressions.js';
import type { ProjectView } from '../../../src/model/project-view.js';
import type { Acquisition } from './model.js';
import { isInlineCallback } from './syntax.js';

/** Global namespaces whose functions only compute (`Math.max`, `JSON.stringify`). */
const PURE_NAMESPACES = new Set(['Math', 'JSON', 'Number', 'String', 'Boolean']);

/**
 * True when a callback section provably touches no state another task could
 * change: it uses only its own locals, parameters (read, never written
 * through), fields of primitive type written nowhere after construction, and
 * methods of primitive values or `Math`/`JSON`. Any other call (project code,
 * I/O, unknown), `new`, nested function, module or outer variable, or write
 * that is not to a section local makes it not isolated.
 */
export function isIsolatedSection(view: ProjectView, acquisition: Acquisition): boolean {
  const callback = acquisition.section.callback;
  if (callback === undefined || acquisition.section.opaque) return false;
  const body =
    Node.isArrowFunction(callback) || Node.isFunctionExpression(callback) || Node.isFunctionDeclaration(callback)
      ? callback.getBody()
      : undefined;
  if (body === undefined) return false;
  if (Node.isBlock(body) && body.getStatements().length === 0) return false;
  if (!resultIsUsed(acquisition)) return false;
  return [body, ...body.getDescendants()].every((node) => allowed(view, node, callback));
}

/** False for `await lock.runExclusive(...);` as a statement: a section whose value is ignored may be a barrier that waits for earlier sections. */
function resultIsUsed(acquisition: Acquisition): boolean {
  let parent = acquisition.call.getParent();
  while (parent !== undefined && (Node.isAwaitExpression(parent) || Node.isParenthesizedExpression(parent)))
    parent = parent.getParent();
  return parent !== undefined && !Node.isExpressionStatement(parent) && !Node.isVoidExpression(parent);
}

/** One node's verdict (its children are visited on their own). */
function allowed(view: ProjectView, node: Node, callback: Node): boolean {
  if (isFunctionLike(node) && !isInlineCallback(node)) return false;
  if (
    Node.isNewExpression(node) ||
    Node.isTaggedTemplateExpression(node) ||
    Node.isDeleteExpression(node) ||
    Node.isYieldExpression(node)
  )
    return false;
  if (Node.isCallExpression(node)) return isPureCall(node);
  if (
    Node.isBinaryExpression(node) &&
    /^(=|\+=|-=|\*=|\/=|%=|\*\*=|\|\|=|&&=|\?\?=|<<=|>>=|>>>=|&=|\|=|\^=)$/.test(node.getOperatorToken().getText())
  )
    return isSectionLocal(skipOuterExpressions(node.getLeft()), callback);
  if ((Node.isPrefixUnaryExpression(node) || Node.isPostfixUnaryExpression(node)) && /\+\+|--/.test(node.getText()))
    return isSectionLocal(skipOuterExpressions(node.getOperand()), callback);
  if (Node.isPropertyAccessExpression(node) && Node.isThisExpression(node.getExpression()))
    return isConstantField(view, node);
  if (Node.isThisExpression(node)) return Node.isPropertyAccessExpression(node.getParent());
  if (Node.isElementAccessExpression(node) && Node.isThisExpression(node.getExpression())) return false;
  if (Node.isIdentifier(node)) return isAllowedName(node, callback);
  return true;
}

/** A call that computes from its operands only: a method of a string, number or boolean, or of `Math`/`JSON`. */
function isPureCall(call: Node): boolean {
  if (!Node.isCallExpression(call)) return false;
  const callee = skipOuterExpressions(call.getExpression());
  if (!Node.isPropertyAccessExpression(callee)) return false;
  const receiver = skipOuterExpressions(callee.getExpression());
  if (
    Node.isIdentifier(receiver) &&
    PURE_NAMESPACES.has(receiver.getText()) &&
    receiver
      .getSymbol()
      ?.getDeclarations()
      .every((d) => d.getSourceFile().isDeclarationFile()) !== false
  )
    return true;
  const type = receiver.getType();
  return (
    type.isString() ||
    type.isNumber() ||
    type.isBoolean() ||
    type.isStringLiteral() ||
    type.isNumberLiteral() ||
    type.isTemplateLiteral()
  );
}

/** A plain name: a section local, a parameter, a global namespace used for a pure call, or a property/declaration name. */
function isAllowedName(name: Node, callback: Node): boolean {
  const parent = name.getParent();
  if (parent === undefined) return false;
  if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === name) return true;
  if (
    (Node.isVariableDeclaration(parent) ||
      Node.isParameterDeclaration(parent) ||
      Node.isBindingElement(parent) ||
      Node.isPropertyAssignment(parent)) &&
    parent.getNameNode() === name
  )
    return true;
  if (name.getText() === 'undefined') return true;
  if (PURE_NAMESPACES.has(name.getText()) && Node.isPropertyAccessExpression(parent)) return true;
  const declaration = name.getSymbol()?.getDeclarations()[0];
  if (declaration === undefined) return false;
  if (Node.isParameterDeclaration(declaration)) return !isWrittenThrough(name);
  return (
    isInside(declaration, callback) && (Node.isVariableDeclaration(declaration) || Node.isBindingElement(declaration))
  );
}

/** True when `name.x = ...` or `name.push(...)` changes the object a parameter refers to. */
function isWrittenThrough(name: Node): boolean {
  const parent = name.getParent();
  if (
    parent === undefined ||
    !(Node.isPropertyAccessExpression(parent) || Node.isElementAccessExpression(parent)) ||
    parent.getExpression() !== name
  )
    return false;
  const user = parent.getParent();
  if (
    Node.isBinaryExpression(user) &&
    user.getLeft() === parent &&
    user.getOperatorToken().getText().endsWith('=') &&
    !/^(==|===|!=|!==|<=|>=)$/.test(user.getOperatorToken().getText())
  )
    return true;
  return Node.isCallExpression(user) && user.getExpression() === parent && !isPureCall(user);
}

/** True for a variable declared inside the section. */
function isSectionLocal(target: Node, callback: Node): boolean {
  if (!Node.isIdentifier(target)) return false;
  const declaration = target.getSymbol()?.getDeclarations()[0];
  return (
    declaration !== undefined &&
    isInside(declaration, callback) &&
    (Node.isVariableDeclaration(declaration) || Node.isBindingElement(declaration))
  );
}

/** `this.f` where `f` has a primitive type and is written only by its initializer or a constructor. */
function isConstantField(view: ProjectView, access: Node): boolean {
  if (!Node.isPropertyAccessExpression(access)) return false;
  const declaration = access.getNameNode().getSymbol()?.getDeclarations()[0];
  if (
    declaration === undefined ||
    !(Node.isPropertyDeclaration(declaration) || Node.isParameterDeclaration(declaration))
  )
    return false;
  const type = declaration.getType();
  if (!(
    type.isString() ||
    type.isNumber() ||
    type.isBoolean() ||
    type.isStringLiteral() ||
    type.isNumberLiteral() ||
    type.isBooleanLiteral()
  ))
    return false;
  if (isWrittenThrough(access) || isAssigned(access)) return false;
  for (const occurrence of view.references.occurrences(access.getName())) {
    if (occurrence.access === 'read') continue;
    const resolved = occurrence.resolve();
    if (resolved === undefined) return false;
    if (!resolved.includes(declaration)) continue;
    if (occurrence.node.getFirstAncestorByKind(SyntaxKind.Constructor) === undefined) return false;
  }
  return true;
}

/** True when the access is the target of an assignment or `++`. */
function isAssigned(access: Node): boolean {
  const parent = access.getParent();
  if (
    Node.isBinaryExpression(parent) &&
    parent.getLeft() === access &&
    /^(=|\+=|-=|\*=|\/=|%=|\|\|=|&&=|\?\?=)$/.test(parent.getOperatorToken().getText())
  )
    return true;
  return (
    (Node.isPrefixUnaryExpression(parent) || Node.isPostfixUnaryExpression(parent)) && /\+\+|--/.test(parent.getText())
  );
}

/** True when `inner` lies within `outer`. */
function isInside(inner: Node, outer: Node): boolean {
  return outer.getStart() <= inner.getStart() && inner.getEnd() <= outer.getEnd();
}
