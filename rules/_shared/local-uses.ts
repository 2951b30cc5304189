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
 * Syntax first: a name can be seen only inside the scope around its
 * declaration (see `inScopeOf`), and when that scope declares the name once,
 * every plain occurrence inside it is this binding. When the scope declares
 * the name again, the scopes of those inner declarations are cut out
 * (`lexicalOccurrencesOf`); only where syntax cannot settle it (a type, an
 * enum or an import of the name, a redeclaration in the same scope, a
 * decorator) does the checker decide which occurrences are this binding; one
 * it cannot resolve still counts.
 */
export function localUsesOf(view: ProjectView, file: SourceFile, nameNode: ts.Node): LocalUses {
  const unshadowed = plainUsesOf(view, file, nameNode);
  if (unshadowed !== undefined) return unshadowed;
  const lexical = lexicalOccurrencesOf(view, file, nameNode);
  if (lexical !== undefined) return usesFrom(lexical);
  const checker = view.project.getTypeChecker().compilerObject;
  const own = checker.getSymbolAtLocation(nameNode);
  const plain = inScopeOf(nameNode, plainOccurrencesOf(view, file, nameNode));
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
  const plain = inScopeOf(nameNode, plainOccurrencesOf(view, file, nameNode));
  if (!isShadowed(view, file, nameNode)) return plain.some(isUse);
  const lexical = lexicalOccurrencesOf(view, file, nameNode);
  if (lexical !== undefined) return lexical.some(isUse);
  const checker = view.project.getTypeChecker().compilerObject;
  const own = checker.getSymbolAtLocation(nameNode);
  return plain.some((o) => isUse(o) && (own === undefined || isSameBinding(checker, o.compilerNode, own)));
}

/**
 * The uses of a binding found from names alone, without the checker, or
 * `undefined` when the scope around the declaration declares the name again
 * (then only `localUsesOf` can tell which occurrences are this binding).
 */
export function plainUsesOf(view: ProjectView, file: SourceFile, nameNode: ts.Node): LocalUses | undefined {
  if (isShadowed(view, file, nameNode)) return undefined;
  return usesFrom(inScopeOf(nameNode, plainOccurrencesOf(view, file, nameNode)));
}

/**
 * True when another declaration of the name lies in the scope the binding can
 * be seen from (the whole file for a top-level one): an occurrence there may
 * mean either, and only the checker can tell.
 */
function isShadowed(view: ProjectView, file: SourceFile, nameNode: ts.Node): boolean {
  const declared = view.references.declarationsIn(file, nameNode.getText(file.compilerNode));
  if (declared.length <= 1) return false;
  const scope = visibilityScopeOf(nameNode);
  return declared.some((other) => other !== nameNode && isWithin(other, scope));
}

/**
 * The occurrences of a shadowed binding, told apart from syntax as the
 * checker would: those inside the block, function or loop the binding belongs
 * to (`exactScopeOf`), minus those inside the scope of another declaration of
 * the name nested in it (an inner variable, parameter, function or class; a
 * `catch` variable). `undefined` when syntax cannot settle it: the binding or
 * an inner declaration of a kind not handled here (a type, an enum, a
 * namespace, an import, a function in a block of a script), one declared
 * again in the same scope, a name in a decorator or computed member name
 * (evaluated outside the member's own scope), or a name in a type position
 * where this binding names only a value (it may name a type declared
 * elsewhere).
 */
function lexicalOccurrencesOf(view: ProjectView, file: SourceFile, nameNode: ts.Node): Occurrence[] | undefined {
  const own = exactScopeOf(nameNode, file);
  if (own === undefined) return undefined;
  const inner: ts.Node[] = [];
  for (const other of view.references.declarationsIn(file, nameNode.getText(file.compilerNode))) {
    if (other === nameNode || !isWithin(other, own)) continue;
    const scope = exactScopeOf(other, file);
    if (scope === undefined || scope === own || !isWithin(scope, own)) return undefined;
    inner.push(scope);
  }
  const valueOnly = !ts.isClassDeclaration(declarationAround(nameNode));
  const out: Occurrence[] = [];
  for (const occurrence of plainOccurrencesOf(view, file, nameNode)) {
    const node = occurrence.compilerNode;
    if (!isWithin(node, own)) continue;
    // Checked before the inner scopes are cut out: `m(@dec() dec)` reads the outer `dec` inside the method.
    const position = positionOf(node, own);
    if (position === 'unsettled') return undefined;
    if (inner.some((scope) => isWithin(node, scope))) continue;
    if (position === 'type' && valueOnly) return undefined;
    out.push(occurrence);
  }
  return out;
}

/**
 * The scope a declared name belongs to, exactly: a parameter's function, a
 * `var`'s function, a `let`/`const`/`using` or class's block (or loop, or
 * `case` block), a function declaration's block (in a module) or body, a
 * function or class expression itself, a `catch` variable's clause.
 * `undefined` for other declarations (types, enums, namespaces, imports) and
 * for a function declared in a block of a script (hoisted by legacy rules).
 */
function exactScopeOf(nameNode: ts.Node, file: SourceFile): ts.Node | undefined {
  const declaration = declarationAround(nameNode);
  if (ts.isParameter(declaration)) return declaration.parent;
  if (ts.isFunctionExpression(declaration) || ts.isClassExpression(declaration)) return declaration;
  if (ts.isClassDeclaration(declaration)) return blockScopeOf(declaration);
  if (ts.isFunctionDeclaration(declaration)) {
    const container = declaration.parent;
    if (ts.isBlock(container) && !ts.isFunctionLike(container.parent) && !ts.isExternalModule(file.compilerNode))
      return undefined;
    return blockScopeOf(declaration);
  }
  if (!ts.isVariableDeclaration(declaration)) return undefined;
  const list = declaration.parent;
  if (ts.isCatchClause(list)) return list;
  return (list.flags & ts.NodeFlags.BlockScoped) !== 0 ? blockScopeOf(list) : visibilityScopeOf(nameNode);
}

/** The nearest block-like node around a node: where a `let`, `const` or class declared in it can be seen. */
function blockScopeOf(node: ts.Node): ts.Node {
  let scope = node.parent;
  while (
    !ts.isSourceFile(scope) &&
    !ts.isBlock(scope) &&
    !ts.isModuleBlock(scope) &&
    !ts.isCaseBlock(scope) &&
    !ts.isForStatement(scope) &&
    !ts.isForInStatement(scope) &&
    !ts.isForOfStatement(scope) &&
    !ts.isClassStaticBlockDeclaration(scope) &&
    !ts.isFunctionLike(scope)
  )
    scope = scope.parent;
  return scope;
}

/**
 * Whether an occurrence inside `scope` stands where a value is read, where a
 * type is (`let y: x`; `typeof x` reads the value), or where syntax alone
 * cannot place it in a scope (a decorator, a computed member name).
 */
function positionOf(node: ts.Node, scope: ts.Node): 'value' | 'type' | 'unsettled' {
  let position: 'value' | 'type' | undefined;
  for (let at = node.parent; at !== scope && !ts.isSourceFile(at); at = at.parent) {
    if (ts.isDecorator(at) || ts.isComputedPropertyName(at)) return 'unsettled';
    // The nearest type around the name decides: `typeof x` (even inside `Array<typeof x>`) reads the value.
    if (position === undefined && ts.isTypeNode(at)) position = ts.isTypeQueryNode(at) ? 'value' : 'type';
  }
  return position ?? 'value';
}

/** The occurrences of the binding's name in its file that stand as plain names (not property names). */
function plainOccurrencesOf(view: ProjectView, file: SourceFile, nameNode: ts.Node): Occurrence[] {
  const name = nameNode.getText(file.compilerNode);
  return view.references.occurrencesIn(file, name).filter((o) => o.role === 'name');
}

/**
 * The occurrences that lie inside the scope a declared name can be seen from:
 * the nearest function, class static block, namespace body or file around its
 * declaration (`var` included: it never leaves its function). Names outside it
 * cannot be this binding, so the checker is not asked about them: with a name
 * declared in many functions of one file, asking about every occurrence for
 * every declaration grew with the square of the file.
 */
function inScopeOf(nameNode: ts.Node, occurrences: readonly Occurrence[]): Occurrence[] {
  const scope = visibilityScopeOf(nameNode);
  return occurrences.filter((o) => isWithin(o.compilerNode, scope));
}

/** True when `node` lies inside `scope`'s text (anywhere in the file for a file). */
function isWithin(node: ts.Node, scope: ts.Node): boolean {
  return ts.isSourceFile(scope) || (node.pos >= scope.pos && node.end <= scope.end);
}

/** The nearest node around a declared name that bounds where the name can be seen. */
function visibilityScopeOf(nameNode: ts.Node): ts.Node {
  // The declaration itself (a function's own name belongs to the scope around it), then its ancestors.
  let node = declarationAround(nameNode).parent;
  while (
    !ts.isSourceFile(node) &&
    !ts.isFunctionLike(node) &&
    !ts.isClassStaticBlockDeclaration(node) &&
    !ts.isModuleBlock(node)
  )
    node = node.parent;
  return node;
}

/** The declaration a declared name belongs to, through destructuring patterns. */
function declarationAround(nameNode: ts.Node): ts.Node {
  let node = nameNode.parent;
  while (ts.isBindingElement(node) || ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node))
    node = node.parent;
  return node;
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
