import { ts } from 'ts-morph';
import type { Node, SourceFile } from 'ts-morph';
import type { Access, Occurrence, ReferenceIndex } from '../model/project-view.js';

/**
 * Builds the run's reference index in one walk over the compiler's syntax
 * trees (no ts-morph wrappers are created during the walk, which keeps it
 * cheap). Every identifier, private identifier and literal element-access key
 * that is not itself a declaration's name is recorded under its text, with
 * whether it reads or writes. Wrappers and checker symbols are made only for
 * the occurrences a rule asks about.
 */
export function buildReferenceIndex(files: readonly SourceFile[]): ReferenceIndex {
  const byName = new Map<string, Occurrence[]>();
  const dynamic = new Set<SourceFile>();
  for (const file of files) {
    const compilerFile = file.compilerNode;
    const visit = (node: ts.Node): void => {
      recordNode(node, file, byName);
      if (isDynamicThisAccess(node)) dynamic.add(file);
      ts.forEachChild(node, visit);
      if (hasJsDoc(node)) for (const doc of node.jsDoc ?? []) visitJsDoc(doc, file, byName);
    };
    ts.forEachChild(compilerFile, visit);
  }
  return {
    occurrences: (name) => byName.get(name) ?? [],
    resolve: resolveOccurrence,
    hasDynamicAccess: (file) => dynamic.has(file),
  };
}

/** Records `node` if it is a use of a name. */
function recordNode(node: ts.Node, file: SourceFile, byName: Map<string, Occurrence[]>): void {
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
    if (isDeclarationName(node)) {
      if (isBindingShorthand(node)) add(byName, node.text, lazyOccurrence(file, node, 'read'));
      return;
    }
    add(byName, node.text, lazyOccurrence(file, node, accessOf(node)));
    return;
  }
  if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && ts.isElementAccessExpression(node.parent) && node.parent.argumentExpression === node) {
    add(byName, node.text, lazyOccurrence(file, node, accessOf(node)));
  }
}

/** Type references inside JSDoc (`@type {Foo}`, `{@link Foo}`) count as uses. */
function visitJsDoc(doc: ts.Node, file: SourceFile, byName: Map<string, Occurrence[]>): void {
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && !isDeclarationName(node)) add(byName, node.text, lazyOccurrence(file, node, 'read'));
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(doc, visit);
}

function hasJsDoc(node: ts.Node): node is ts.Node & { jsDoc?: ts.JSDoc[] } {
  return 'jsDoc' in node;
}

function add(map: Map<string, Occurrence[]>, name: string, occurrence: Occurrence): void {
  const list = map.get(name);
  if (list === undefined) map.set(name, [occurrence]);
  else list.push(occurrence);
}

/** An occurrence whose ts-morph node is made on first access. */
function lazyOccurrence(file: SourceFile, compilerNode: ts.Node, access: Access): Occurrence {
  let wrapped: Node | undefined;
  return {
    access,
    get node(): Node {
      wrapped ??= file.getDescendantAtStartWithWidth(compilerNode.getStart(file.compilerNode), compilerNode.getWidth(file.compilerNode));
      if (wrapped === undefined) throw new Error(`no node at ${file.getFilePath()}:${String(compilerNode.pos)}`);
      return wrapped;
    },
  };
}

/** The declarations an occurrence resolves to, or undefined when the checker cannot tell. */
function resolveOccurrence(occurrence: Occurrence): readonly Node[] | undefined {
  const node = occurrence.node;
  let symbol = node.getSymbol();
  if (symbol === undefined) return undefined;
  if (symbol.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
  const declarations = symbol.getDeclarations();
  return declarations.length === 0 ? undefined : declarations;
}

/** True for the name node of a declaration (the name being declared, not used). */
function isDeclarationName(node: ts.Identifier | ts.PrivateIdentifier): boolean {
  const parent = node.parent;
  if (ts.isBindingElement(parent)) return parent.name === node;
  if (ts.isShorthandPropertyAssignment(parent)) return false;
  if (ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent) || ts.isImportEqualsDeclaration(parent)) return true;
  if (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent) ||
      ts.isGetAccessorDeclaration(parent) || ts.isSetAccessorDeclaration(parent) || ts.isPropertySignature(parent) ||
      ts.isMethodSignature(parent) || ts.isEnumMember(parent)) {
    return parent.name === node;
  }
  return isNamedDeclaration(parent) && parent.name === node;
}

function isNamedDeclaration(node: ts.Node): node is ts.NamedDeclaration {
  return ts.isVariableDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) ||
    ts.isClassExpression(node) || ts.isFunctionExpression(node) || ts.isParameter(node) ||
    ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isEnumDeclaration(node) ||
    ts.isModuleDeclaration(node) || ts.isTypeParameterDeclaration(node);
}

/** `const { foo } = obj` declares `foo` and also reads property `foo` of `obj`. */
function isBindingShorthand(node: ts.Identifier | ts.PrivateIdentifier): boolean {
  const parent = node.parent;
  return ts.isBindingElement(parent) && parent.propertyName === undefined && ts.isObjectBindingPattern(parent.parent);
}

/** Whether an occurrence reads, writes, or both. */
function accessOf(node: ts.Node): Access {
  let target: ts.Node = node;
  const parent = node.parent;
  if ((ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isElementAccessExpression(parent) && parent.argumentExpression === node)) {
    target = parent;
  }
  while (ts.isParenthesizedExpression(target.parent) || ts.isNonNullExpression(target.parent)) target = target.parent;
  const outer = target.parent;
  if (ts.isBinaryExpression(outer) && outer.left === target) {
    const kind = outer.operatorToken.kind;
    if (kind === ts.SyntaxKind.EqualsToken) return 'write';
    if (kind >= ts.SyntaxKind.FirstCompoundAssignment && kind <= ts.SyntaxKind.LastCompoundAssignment) {
      return isStatementLike(outer) ? 'write' : 'readwrite';
    }
  }
  if ((ts.isPrefixUnaryExpression(outer) || ts.isPostfixUnaryExpression(outer)) &&
      (outer.operator === ts.SyntaxKind.PlusPlusToken || outer.operator === ts.SyntaxKind.MinusMinusToken)) {
    return isStatementLike(outer) ? 'write' : 'readwrite';
  }
  if (ts.isDeleteExpression(outer)) return 'write';
  return 'read';
}

/** An expression whose value is discarded (`x += 1;`, `for (...; i++)`). */
function isStatementLike(node: ts.Node): boolean {
  const parent = node.parent;
  return ts.isExpressionStatement(parent) || (ts.isForStatement(parent) && parent.incrementor === node);
}

/** `this[key]` with a key that is not a literal: any member may be read. */
function isDynamicThisAccess(node: ts.Node): boolean {
  return ts.isElementAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword &&
    !ts.isStringLiteralLike(node.argumentExpression) && !ts.isNumericLiteral(node.argumentExpression);
}
