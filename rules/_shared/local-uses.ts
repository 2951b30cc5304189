import { ts } from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import type { Occurrence, ProjectView } from '../../src/model/project-view.js';

/** The uses of one local binding in its own file, split by whether they read it. */
export interface LocalUses {
  /** Occurrences that read the binding's value or type (`readwrite` included). */
  reads: Occurrence[];
  /** Occurrences that only assign it (`x = 1`, `x++;`). */
  writes: Occurrence[];
}

/**
 * Finds the uses of a binding (an import, a variable, a function or a class)
 * in the file that declares it, from its declared name (a compiler node).
 * Names first: every plain occurrence of the name counts. Only when the file
 * declares the name more than once (a parameter or inner variable may shadow
 * it) does the checker decide which occurrences are this binding; one it
 * cannot resolve still counts.
 */
export function localUsesOf(view: ProjectView, file: SourceFile, nameNode: ts.Node): LocalUses {
  const unshadowed = plainUsesOf(view, file, nameNode);
  if (unshadowed !== undefined) return unshadowed;
  const checker = view.project.getTypeChecker().compilerObject;
  const own = checker.getSymbolAtLocation(nameNode);
  const plain = plainOccurrencesOf(view, file, nameNode);
  return usesFrom(own === undefined ? plain : plain.filter((o) => isSameBinding(checker, o.compilerNode, own)));
}

/**
 * True when some occurrence of the binding in its file satisfies `isUse`:
 * `localUsesOf(...)` followed by a test of each occurrence, with the checker
 * asked (when the name is shadowed) only about occurrences that pass `isUse`,
 * and only until one is found to be this binding.
 */
export function hasLocalUse(
  view: ProjectView,
  file: SourceFile,
  nameNode: ts.Node,
  isUse: (occurrence: Occurrence) => boolean,
): boolean {
  const plain = plainOccurrencesOf(view, file, nameNode);
  if (view.references.declarationCount(file, nameNode.getText(file.compilerNode)) <= 1) return plain.some(isUse);
  const checker = view.project.getTypeChecker().compilerObject;
  const own = checker.getSymbolAtLocation(nameNode);
  return plain.some((o) => isUse(o) && (own === undefined || isSameBinding(checker, o.compilerNode, own)));
}

/**
 * The uses of a binding found from names alone, without the checker, or
 * `undefined` when the file declares the name more than once (then only
 * `localUsesOf` can tell which occurrences are this binding).
 */
export function plainUsesOf(view: ProjectView, file: SourceFile, nameNode: ts.Node): LocalUses | undefined {
  if (view.references.declarationCount(file, nameNode.getText(file.compilerNode)) > 1) return undefined;
  return usesFrom(plainOccurrencesOf(view, file, nameNode));
}

/** The occurrences of the binding's name in its file that stand as plain names (not property names). */
function plainOccurrencesOf(view: ProjectView, file: SourceFile, nameNode: ts.Node): Occurrence[] {
  const name = nameNode.getText(file.compilerNode);
  return view.references.occurrencesIn(file, name).filter((o) => o.role === 'name');
}

/** Splits occurrences into reads and writes. */
function usesFrom(mine: readonly Occurrence[]): LocalUses {
  return {
    reads: mine.filter((o) => o.access !== 'write'),
    writes: mine.filter((o) => o.access === 'write'),
  };
}

/** True when an occurrence names `symbol`, or when the checker cannot tell. */
function isSameBinding(checker: ts.TypeChecker, node: ts.Node, symbol: ts.Symbol): boolean {
  const found = localSymbolAt(checker, node);
  if (found === undefined || found === symbol) return true;
  return (symbol.flags & ts.SymbolFlags.Alias) !== 0 && checker.getAliasedSymbol(symbol) === found;
}

/** The local symbol a plain name refers to (not the property or export it also names). */
function localSymbolAt(checker: ts.TypeChecker, node: ts.Node): ts.Symbol | undefined {
  const parent = node.parent;
  if (ts.isShorthandPropertyAssignment(parent) && parent.name === node)
    return checker.getShorthandAssignmentValueSymbol(parent);
  if (ts.isExportSpecifier(parent)) return checker.getExportSpecifierLocalTargetSymbol(parent);
  return checker.getSymbolAtLocation(node);
}
