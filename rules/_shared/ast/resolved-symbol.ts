import { ts } from 'ts-morph';

/**
 * The symbol a name means, imports followed: for an identifier, or the last
 * name of a qualified name (`X` of `ns.X`); undefined for anything else or
 * an unresolved name.
 */
export function resolvedSymbolOf(checker: ts.TypeChecker, name: ts.Node): ts.Symbol | undefined {
  const identifier = ts.isQualifiedName(name) ? name.right : name;
  if (!ts.isIdentifier(identifier)) return undefined;
  const symbol = checker.getSymbolAtLocation(identifier);
  if (symbol === undefined || (symbol.flags & ts.SymbolFlags.Alias) === 0) return symbol;
  return checker.getAliasedSymbol(symbol);
}

/** True when a symbol's only meaning as a type is `kind` (an interface that is no class, alias or enum too). */
export function isOnlyTypeOfKind(symbol: ts.Symbol, kind: ts.SymbolFlags): boolean {
  return (symbol.flags & kind) !== 0 && (symbol.flags & ts.SymbolFlags.Type & ~kind) === 0;
}

/** True for a class or interface that is no type alias or type parameter too. */
export function isClassOrInterface(symbol: ts.Symbol): boolean {
  return (
    (symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface)) !== 0 &&
    (symbol.flags & (ts.SymbolFlags.TypeAlias | ts.SymbolFlags.TypeParameter)) === 0
  );
}
