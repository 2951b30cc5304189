import { ts } from 'ts-morph';
import { isFunctionLikeKind } from '../_shared/ast/is-function-like.js';
import { isClassOrInterface, isOnlyTypeOfKind, resolvedSymbolOf } from '../_shared/ast/resolved-symbol.js';

/**
 * Questions about written types answered from the syntax and the names they
 * resolve to, so that the checker is asked for a type only when its answer
 * can matter. Each answer is `true` only when the checker's type is certain
 * to agree; `false` means "ask the checker".
 */

/**
 * True when a parameter's annotation yields, once `null` and `undefined` are
 * taken off, a type that `typeFormOf` leaves out: `any`, `unknown`, `never`,
 * a function type, or one that mentions a type parameter as itself, a union
 * or intersection member, an array element or a type argument of a class or
 * interface (`self: Effect<A, E, R>`, `value: A | undefined`).
 */
export function isOpenOrCallableAnnotation(annotation: ts.TypeNode, checker: ts.TypeChecker): boolean {
  const node = withoutParentheses(annotation);
  if (isOpenKeyword(node) || mentionsTypeParameter(node, checker)) return true;
  const present = ts.isUnionTypeNode(node)
    ? node.types.map(withoutParentheses).filter((t) => !isAbsentKeyword(t))
    : [node];
  const [only] = present;
  return present.length === 1 && only !== undefined && ts.isFunctionTypeNode(only);
}

/**
 * True when a function's return type cannot be one entity or nothing (`User
 * | undefined`), the only returns `returnInfoOf` describes: its written
 * return type (inside `Promise<…>` for an async function) cannot be a union
 * with an absent value, or none is written and the function is no generator
 * and has a block body that returns no value (so it returns `void`). Never
 * for JavaScript, where a JSDoc `@returns` may declare the type.
 */
export function cannotReturnEntityOrNothing(fn: ts.FunctionLikeDeclaration, checker: ts.TypeChecker): boolean {
  if ((fn.flags & ts.NodeFlags.JavaScriptFile) !== 0) return false;
  if (fn.type === undefined)
    return fn.asteriskToken === undefined && fn.body !== undefined && ts.isBlock(fn.body) && !returnsValue(fn.body);
  const async = ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ?? false;
  const returned = async ? promisedType(fn.type, checker) : fn.type;
  if (returned === undefined) return false;
  const node = withoutParentheses(returned);
  if (!ts.isUnionTypeNode(node)) return cannotHoldAbsent(node, checker);
  return node.types.every((t) => !isAbsentKeyword(withoutParentheses(t)) && cannotHoldAbsent(t, checker));
}

/** `X` of a written `Promise<X>` naming the global `Promise` interface; undefined for anything else. */
function promisedType(type: ts.TypeNode, checker: ts.TypeChecker): ts.TypeNode | undefined {
  const node = withoutParentheses(type);
  if (!ts.isTypeReferenceNode(node) || node.typeArguments?.length !== 1) return undefined;
  const symbol = resolvedSymbolOf(checker, node.typeName);
  if (symbol === undefined || symbol.name !== 'Promise' || !isOnlyTypeOfKind(symbol, ts.SymbolFlags.Interface))
    return undefined;
  return node.typeArguments[0];
}

/**
 * True for a written type that cannot resolve to a union holding `undefined`
 * or `null` (alone, it may be one of them): a keyword, a literal, an array, tuple, object or function type,
 * a type predicate, or a class, interface or type parameter. Aliases and
 * every other form may hide such a union.
 */
function cannotHoldAbsent(type: ts.TypeNode, checker: ts.TypeChecker): boolean {
  const node = withoutParentheses(type);
  if (
    ts.isLiteralTypeNode(node) ||
    ts.isArrayTypeNode(node) ||
    ts.isTupleTypeNode(node) ||
    ts.isTypeLiteralNode(node) ||
    ts.isFunctionTypeNode(node) ||
    ts.isConstructorTypeNode(node) ||
    ts.isTypePredicateNode(node) ||
    isKeyword(node)
  )
    return true;
  if (!ts.isTypeReferenceNode(node)) return false;
  const symbol = resolvedSymbolOf(checker, node.typeName);
  return symbol !== undefined && (isClassOrInterface(symbol) || isOnlyTypeOfKind(symbol, ts.SymbolFlags.TypeParameter));
}

/** True when a written type mentions a type parameter where the checker's type keeps it (see `isOpenOrCallableAnnotation`). */
function mentionsTypeParameter(type: ts.TypeNode, checker: ts.TypeChecker): boolean {
  const node = withoutParentheses(type);
  if (ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node))
    return node.types.some((t) => mentionsTypeParameter(t, checker));
  if (ts.isArrayTypeNode(node)) return mentionsTypeParameter(node.elementType, checker);
  if (!ts.isTypeReferenceNode(node)) return false;
  const symbol = resolvedSymbolOf(checker, node.typeName);
  if (symbol === undefined) return false;
  if (isOnlyTypeOfKind(symbol, ts.SymbolFlags.TypeParameter)) return true;
  return isClassOrInterface(symbol) && (node.typeArguments?.some((t) => mentionsTypeParameter(t, checker)) ?? false);
}

/** True when a block returns a value (`return x;`) itself, not from a nested function. */
function returnsValue(body: ts.Block): boolean {
  const stack: ts.Node[] = [body];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (ts.isReturnStatement(node) && node.expression !== undefined) return true;
    if (node !== body && isFunctionLikeKind(node.kind)) continue;
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return false;
}

/** True for `any`, `unknown` and `never`, which `typeFormOf` never compares. */
function isOpenKeyword(node: ts.TypeNode): boolean {
  return (
    node.kind === ts.SyntaxKind.AnyKeyword ||
    node.kind === ts.SyntaxKind.UnknownKeyword ||
    node.kind === ts.SyntaxKind.NeverKeyword
  );
}

/** True for `undefined`, `void` and `null`. */
function isAbsentKeyword(node: ts.TypeNode): boolean {
  return (
    node.kind === ts.SyntaxKind.UndefinedKeyword ||
    node.kind === ts.SyntaxKind.VoidKeyword ||
    (ts.isLiteralTypeNode(node) && node.literal.kind === ts.SyntaxKind.NullKeyword)
  );
}

/** True for a keyword type (`string`, `object`, `undefined`...). */
function isKeyword(node: ts.TypeNode): boolean {
  return ts.isTypeNode(node) && node.kind >= ts.SyntaxKind.FirstKeyword && node.kind <= ts.SyntaxKind.LastKeyword;
}

/** The type inside any parentheses. */
function withoutParentheses(type: ts.TypeNode): ts.TypeNode {
  let node = type;
  while (ts.isParenthesizedTypeNode(node)) node = node.type;
  return node;
}
