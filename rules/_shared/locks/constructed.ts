import { ts } from 'ts-morph';
import { isClassOrInterface, isOnlyTypeOfKind, resolvedSymbolOf } from '../ast/resolved-symbol.js';

/**
 * The classes and interfaces the value of `new <callee>(...)` can be an
 * instance of, read from declarations alone: the class the callee names
 * (`new Key()`, `new ns.Key()`, through imports), or the types returned by
 * the construct signatures of a variable's declared type (`declare var Map:
 * MapConstructor`, whose `new <K, V>(): Map<K, V>` gives a `Map`). Undefined
 * when declarations cannot tell (a generic result, an inherited signature, a
 * callee that is not a name): then only the checker's type of the whole
 * expression can, at the price of resolving the call.
 */
export function constructedTypesOf(checker: ts.TypeChecker, callee: ts.Expression): ts.Symbol[] | undefined {
  const symbol = resolvedSymbolOf(checker, ts.isPropertyAccessExpression(callee) ? callee.name : callee);
  if (symbol === undefined) return undefined;
  const values = symbol.flags & ts.SymbolFlags.Value;
  if ((values & ts.SymbolFlags.Class) !== 0)
    return (values & (ts.SymbolFlags.Variable | ts.SymbolFlags.Function)) === 0 ? [symbol] : undefined;
  if (values === 0 || (values & ~ts.SymbolFlags.Variable) !== 0) return undefined;
  return constructedByVariable(checker, symbol);
}

/** The types the construct signatures of a variable's declared type return, or undefined when one is not a plain class or interface. */
function constructedByVariable(checker: ts.TypeChecker, variable: ts.Symbol): ts.Symbol[] | undefined {
  const returned: (ts.TypeNode | undefined)[] = [];
  for (const declaration of variable.declarations ?? []) {
    if (ts.isInterfaceDeclaration(declaration)) continue;
    if (!ts.isVariableDeclaration(declaration) || declaration.type === undefined) return undefined;
    const own = constructedTypeNodesOf(checker, declaration.type);
    if (own === undefined) return undefined;
    returned.push(...own);
  }
  if (returned.length === 0) return undefined;
  const out: ts.Symbol[] = [];
  for (const type of returned) {
    const instance = type === undefined ? undefined : instanceTypeOf(checker, type);
    if (instance === undefined) return undefined;
    out.push(instance);
  }
  return out;
}

/**
 * The return types of the construct signatures a type annotation declares:
 * those of a constructor type (`new () => X`), a type literal, or an
 * interface with no base (an inherited signature is not visible here).
 * Undefined for any other annotation; an element is undefined for a
 * signature without a return type.
 */
function constructedTypeNodesOf(
  checker: ts.TypeChecker,
  annotation: ts.TypeNode,
): (ts.TypeNode | undefined)[] | undefined {
  if (ts.isConstructorTypeNode(annotation)) return [annotation.type];
  if (ts.isTypeLiteralNode(annotation)) return returnsOf(annotation.members);
  if (!ts.isTypeReferenceNode(annotation)) return undefined;
  const target = resolvedSymbolOf(checker, annotation.typeName);
  if (target === undefined || !isOnlyTypeOfKind(target, ts.SymbolFlags.Interface)) return undefined;
  const out: (ts.TypeNode | undefined)[] = [];
  for (const declaration of target.declarations ?? []) {
    if (!ts.isInterfaceDeclaration(declaration) || declaration.heritageClauses !== undefined) return undefined;
    out.push(...returnsOf(declaration.members));
  }
  return out;
}

/** The return types of the construct signatures among an interface's or type literal's members. */
function returnsOf(members: readonly ts.TypeElement[]): (ts.TypeNode | undefined)[] {
  return members.filter(ts.isConstructSignatureDeclaration).map((signature) => signature.type);
}

/**
 * The class or interface a returned type names (`Map<K, V>`; `T[]` names the
 * global `Array`), or undefined for a type parameter, an alias or anything else.
 */
function instanceTypeOf(checker: ts.TypeChecker, returned: ts.TypeNode): ts.Symbol | undefined {
  if (ts.isArrayTypeNode(returned)) return checker.resolveName('Array', undefined, ts.SymbolFlags.Interface, false);
  if (!ts.isTypeReferenceNode(returned)) return undefined;
  const symbol = resolvedSymbolOf(checker, returned.typeName);
  return symbol !== undefined && isClassOrInterface(symbol) ? symbol : undefined;
}
