/**
 * What is thrown or rejected: values that are provably not an `Error`, and the
 * calls that reject a promise.
 */
import { Node, SyntaxKind } from 'ts-morph';
import type { CallExpression, Type } from 'ts-morph';
import { resolvedDeclarationsOf } from '../_shared/ast/declarations-of.js';
import { builtinOrUnknown } from './message-state.js';

/** A description of a thrown or rejected value that is provably not an Error, or undefined. */
export function nonErrorKind(expression: Node | undefined): string | undefined {
  if (expression === undefined) return undefined;
  const inner = Node.isParenthesizedExpression(expression) ? expression.getExpression() : expression;
  if (Node.isStringLiteral(inner) || Node.isNoSubstitutionTemplateLiteral(inner)) return 'a string';
  if (Node.isTemplateExpression(inner)) return 'a template string';
  if (Node.isNumericLiteral(inner) || Node.isBigIntLiteral(inner)) return 'a number';
  if (Node.isTrueLiteral(inner) || Node.isFalseLiteral(inner)) return 'a boolean';
  if (Node.isNullLiteral(inner)) return 'null';
  if (Node.isObjectLiteralExpression(inner)) return 'an object literal';
  if (Node.isArrayLiteralExpression(inner)) return 'an array';
  if (
    Node.isBinaryExpression(inner) &&
    inner.getOperatorToken().getKind() === SyntaxKind.PlusToken &&
    isStringType(inner.getType())
  )
    return 'a string';
  if (
    Node.isIdentifier(inner) ||
    Node.isPropertyAccessExpression(inner) ||
    Node.isCallExpression(inner) ||
    Node.isElementAccessExpression(inner)
  ) {
    const type = inner.getType();
    const primitive = primitiveName(type);
    return primitive === undefined ? undefined : `a value of type ${primitive}`;
  }
  return undefined;
}

/** The primitive type name when every part of the type is a string, number, boolean or bigint. */
function primitiveName(type: Type): string | undefined {
  if (type.isAny() || type.isUnknown()) return undefined;
  const parts = type.isUnion() ? type.getUnionTypes() : [type];
  const names = new Set<string>();
  for (const part of parts) {
    const name = primitiveOf(part);
    if (name === undefined) return undefined;
    names.add(name);
  }
  return names.size === 0 ? undefined : [...names].sort().join(' | ');
}

/** The primitive a single (non-union) type belongs to. */
function primitiveOf(type: Type): string | undefined {
  if (type.isString() || type.isStringLiteral() || type.isTemplateLiteral()) return 'string';
  if (type.isNumber() || type.isNumberLiteral()) return 'number';
  if (type.isBoolean() || type.isBooleanLiteral()) return 'boolean';
  if (type.isBigInt() || type.isBigIntLiteral()) return 'bigint';
  return undefined;
}

/** True when a type is a string. */
function isStringType(type: Type): boolean {
  return primitiveName(type) === 'string';
}

/** `Promise.reject(...)` on the global Promise. */
export function isPromiseReject(call: CallExpression): boolean {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'reject') return false;
  const object = callee.getExpression();
  return Node.isIdentifier(object) && object.getText() === 'Promise' && builtinOrUnknown(object) === 'builtin';
}

/** A call of the `reject` parameter of a `new Promise((resolve, reject) => …)` executor. */
export function isExecutorReject(call: CallExpression): boolean {
  const callee = call.getExpression();
  if (!Node.isIdentifier(callee)) return false;
  const declaration = resolvedDeclarationsOf(callee)[0];
  if (declaration === undefined || !Node.isParameterDeclaration(declaration)) return false;
  const executor = declaration.getParent();
  if (!(Node.isArrowFunction(executor) || Node.isFunctionExpression(executor))) return false;
  if (executor.getParameters().indexOf(declaration) !== 1) return false;
  const construction = executor.getParent();
  return (
    Node.isNewExpression(construction) &&
    construction.getExpression().getText() === 'Promise' &&
    construction.getArguments()[0] === executor
  );
}
