import { ts } from 'ts-morph';
import type { Node, SourceFile } from 'ts-morph';
import type { Access, Occurrence, OccurrenceRole, ReferenceIndex } from '../model/project-view.js';
import { wrapCompilerNode } from './node-index.js';
import { createWorkClock } from './work-clock.js';
import type { WorkClock } from './work-clock.js';

/** The names one file uses (compiler nodes, by name), the names its binding declarations declare (by name), and whether it reads `this[key]`. */
interface FileEntry {
  byName: Map<string, ts.Node[]>;
  declared: Map<string, ts.Node[]>;
  dynamic: boolean;
}

/** The analysed files, for the index: all of them (for a name across the project), and which tree is one. */
interface AnalysedFiles {
  /** Every analysed file, in `ProjectView.files` order. */
  all: () => readonly SourceFile[];
  /** True for an analysed file. */
  isAnalysed: (file: SourceFile) => boolean;
  /** The analysed file whose tree this is; undefined for any other tree. */
  analysedOf: (tree: ts.SourceFile) => SourceFile | undefined;
}

/**
 * Builds the run's reference index from one walk over each file's compiler
 * syntax tree, made when first asked for: a file's own entry when a rule asks
 * about that file (a pull request's file rules walk only the changed files),
 * every file's when a rule asks about a name across the project. No ts-morph
 * wrapper, closure or object is made during a walk: every identifier, private
 * identifier and literal element-access key that is not itself a
 * declaration's name is pushed, as a bare compiler node, onto an array keyed
 * by its text. When a rule asks for a name, the occurrences are made from
 * those nodes (access and role are read off the syntax around them) and kept,
 * so each occurrence is wrapped and resolved by the checker at most once per
 * run. Occurrences across the project come in file order, then document order.
 */
export function buildReferenceIndex(files: AnalysedFiles, clock: WorkClock = createWorkClock()): ReferenceIndex {
  const byFile = new Map<SourceFile, FileEntry>();
  const entryOf = (file: SourceFile): FileEntry | undefined => {
    let entry = byFile.get(file);
    if (entry === undefined && files.isAnalysed(file)) {
      entry = clock.time(() => fileEntryOf(file));
      byFile.set(file, entry);
    }
    return entry;
  };
  let byName: Map<string, ts.Node[]> | undefined;
  const projectNames = (): Map<string, ts.Node[]> => {
    if (byName !== undefined) return byName;
    byName = new Map();
    for (const file of files.all()) {
      for (const [name, nodes] of entryOf(file)?.byName ?? []) {
        const list = byName.get(name);
        if (list === undefined) byName.set(name, [...nodes]);
        else list.push(...nodes);
      }
    }
    return byName;
  };
  const made = new WeakMap<ts.Node, Occurrence>();
  const occurrenceOf = (node: ts.Node): Occurrence => {
    let occurrence = made.get(node);
    if (occurrence === undefined) {
      const file = files.analysedOf(node.getSourceFile());
      if (file === undefined)
        throw new Error(`reference index: no analysed file holds the node at ${String(node.pos)}`);
      occurrence = makeOccurrence(file, node);
      made.set(node, occurrence);
    }
    return occurrence;
  };
  return {
    occurrences: (name) => (projectNames().get(name) ?? []).map(occurrenceOf),
    occurrencesIn: (file, name) => (entryOf(file)?.byName.get(name) ?? []).map(occurrenceOf),
    declarationsIn: (file, name) => entryOf(file)?.declared.get(name) ?? [],
    resolve: (occurrence) => occurrence.resolve(),
    hasDynamicAccess: (file) => entryOf(file)?.dynamic === true,
  };
}

/** One file's names (compiler nodes, by name, in document order), binding declarations and dynamic access, in one walk. */
function fileEntryOf(file: SourceFile): FileEntry {
  const entry: FileEntry = { byName: new Map(), declared: new Map(), dynamic: false };
  const record = (node: ts.Node, name: string): void => {
    add(entry.byName, name, node);
  };
  walkDescendants(file.compilerNode, (node) => {
    recordNode(node, record, entry.declared);
    if (!entry.dynamic && isDynamicThisAccess(node)) entry.dynamic = true;
    const docs = jsDocsOf(node);
    // JSDoc names are recorded after the node's own (a closure only for the few nodes that carry JSDoc).
    return docs === undefined
      ? undefined
      : () => {
          for (const doc of docs) visitJsDoc(doc, record);
        };
  });
  return entry;
}

type Recorder = (node: ts.Node, name: string) => void;

/** Records `node` if it is a use of a name, or among the file's declared names if it declares a binding. */
function recordNode(node: ts.Node, record: Recorder, declared: Map<string, ts.Node[]>): void {
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
    if (isLabel(node)) return;
    if (isDeclarationName(node)) {
      if (isBindingDeclarationName(node)) add(declared, node.text, node);
      if (isBindingShorthand(node)) record(node, node.text);
      return;
    }
    record(node, node.text);
    return;
  }
  if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && isLiteralKey(node))
    record(node, node.text);
}

/** A literal that names a property: `obj['name']`, or `T['name']` in a type. */
function isLiteralKey(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): boolean {
  const parent = node.parent;
  if (ts.isElementAccessExpression(parent)) return parent.argumentExpression === node;
  return (
    ts.isLiteralTypeNode(parent) && ts.isIndexedAccessTypeNode(parent.parent) && parent.parent.indexType === parent
  );
}

/** The occurrence for a recorded node: access and role from the syntax around it. */
function makeOccurrence(file: SourceFile, node: ts.Node): Occurrence {
  if (!ts.isIdentifier(node) && !ts.isPrivateIdentifier(node))
    return lazyOccurrence(file, node, accessOf(node), 'property', resolveBySymbol);
  if (isDeclarationName(node)) return lazyOccurrence(file, node, 'read', 'property', resolveShorthandBinding);
  return lazyOccurrence(file, node, isInJsDoc(node) ? 'read' : accessOf(node), roleOf(node), resolveBySymbol);
}

/** True for a name inside a JSDoc comment. */
function isInJsDoc(node: ts.Node): boolean {
  return (node.flags & ts.NodeFlags.JSDoc) !== 0;
}

/** Type references inside JSDoc (`@type {Foo}`, `{@link Foo}`) count as uses. */
function visitJsDoc(doc: ts.Node, record: Recorder): void {
  walkDescendants(doc, (node) => {
    if (ts.isIdentifier(node) && !isDeclarationName(node)) record(node, node.text);
    return undefined;
  });
}

/**
 * Visits every descendant of `root` in source order with an explicit stack
 * (no recursion, so no tree is too deep for it); `enter` may return a
 * function to call once the node's children are done.
 */
function walkDescendants(root: ts.Node, enter: (node: ts.Node) => (() => void) | undefined): void {
  const stack: (ts.Node | (() => void))[] = [];
  const children: ts.Node[] = [];
  const collect = (child: ts.Node): undefined => {
    children.push(child);
    return undefined;
  };
  const pushChildrenOf = (node: ts.Node): void => {
    children.length = 0;
    ts.forEachChild(node, collect);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child !== undefined) stack.push(child);
    }
  };
  pushChildrenOf(root);
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item === 'function') {
      item();
      continue;
    }
    const leave = enter(item);
    if (leave !== undefined) stack.push(leave);
    pushChildrenOf(item);
  }
}

/** The parsed JSDoc comments a node carries, or undefined when it has none. */
function jsDocsOf(node: ts.Node): readonly ts.JSDoc[] | undefined {
  if (!hasJsDoc(node) || node.jsDoc === undefined || node.jsDoc.length === 0) return undefined;
  return node.jsDoc;
}

/** Whether a node has a slot for parsed JSDoc comments. */
function hasJsDoc(node: ts.Node): node is ts.Node & { jsDoc?: ts.JSDoc[] } {
  return 'jsDoc' in node;
}

/** Appends to a list-valued map. */
function add(map: Map<string, ts.Node[]>, key: string, node: ts.Node): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [node]);
  else list.push(node);
}

type Resolver = (node: Node) => readonly Node[] | undefined;

/** An occurrence whose ts-morph node is made on first access and whose declarations are resolved once. */
function lazyOccurrence(
  file: SourceFile,
  compilerNode: ts.Node,
  access: Access,
  role: OccurrenceRole,
  resolver: Resolver,
): Occurrence {
  let wrapped: Node | undefined;
  let resolved: { value: readonly Node[] | undefined } | undefined;
  const occurrence: Occurrence = {
    access,
    role,
    file,
    compilerNode,
    get node(): Node {
      wrapped ??= wrapCompilerNode(file, compilerNode);
      return wrapped;
    },
    resolve(): readonly Node[] | undefined {
      resolved ??= { value: resolver(occurrence.node) };
      return resolved.value;
    },
  };
  return occurrence;
}

/** The declarations a name's symbol has (aliases followed), or undefined when the checker cannot tell. */
function resolveBySymbol(node: Node): readonly Node[] | undefined {
  let symbol = node.getSymbol();
  if (symbol === undefined) return undefined;
  if (symbol.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
  const declarations = symbol.getDeclarations();
  return declarations.length === 0 ? undefined : declarations;
}

/** `const { foo } = obj` reads property `foo` of obj's type: resolve that property, not the new variable. */
function resolveShorthandBinding(node: Node): readonly Node[] | undefined {
  const pattern = node.getParent()?.getParent();
  if (pattern === undefined) return undefined;
  const property = pattern.getType().getProperty(node.getText());
  const declarations = property?.getDeclarations() ?? [];
  return declarations.length === 0 ? undefined : declarations;
}

/** `label:` and `break label` name no value. */
function isLabel(node: ts.Identifier | ts.PrivateIdentifier): boolean {
  const parent = node.parent;
  return (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) && parent.label === node;
}

/** True for the name node of a declaration (the name being declared, not used). */
function isDeclarationName(node: ts.Identifier | ts.PrivateIdentifier): boolean {
  const parent = node.parent;
  if (ts.isBindingElement(parent)) return parent.name === node;
  if (ts.isShorthandPropertyAssignment(parent)) return false;
  if (ts.isImportSpecifier(parent)) return parent.name === node;
  // `import A = B`: `A` is declared; `B`, the module reference when it is a plain name, is used (`export import
  // TreeDecoration = WidgetDecoration` uses `WidgetDecoration`).
  if (ts.isImportEqualsDeclaration(parent)) return parent.name === node;
  if (ts.isImportClause(parent) || ts.isNamespaceImport(parent)) return true;
  if (
    ts.isPropertyAssignment(parent) ||
    ts.isPropertyDeclaration(parent) ||
    ts.isMethodDeclaration(parent) ||
    ts.isGetAccessorDeclaration(parent) ||
    ts.isSetAccessorDeclaration(parent) ||
    ts.isPropertySignature(parent) ||
    ts.isMethodSignature(parent) ||
    ts.isEnumMember(parent)
  ) {
    return parent.name === node;
  }
  return isNamedDeclaration(parent) && parent.name === node;
}

/** Declarations whose name is a binding in a scope (not a property or member name). */
function isBindingDeclarationName(node: ts.Identifier | ts.PrivateIdentifier): boolean {
  const parent = node.parent;
  return (
    ts.isBindingElement(parent) ||
    ts.isImportSpecifier(parent) ||
    ts.isImportClause(parent) ||
    ts.isNamespaceImport(parent) ||
    (ts.isImportEqualsDeclaration(parent) && parent.name === node) ||
    isNamedDeclaration(parent)
  );
}

/** Declarations with a `name` that is the declared identifier. */
function isNamedDeclaration(node: ts.Node): node is ts.NamedDeclaration {
  return (
    ts.isVariableDeclaration(node) ||
    ts.isFunctionDeclaration(node) ||
    ts.isClassDeclaration(node) ||
    ts.isClassExpression(node) ||
    ts.isFunctionExpression(node) ||
    ts.isParameter(node) ||
    ts.isInterfaceDeclaration(node) ||
    ts.isTypeAliasDeclaration(node) ||
    ts.isEnumDeclaration(node) ||
    ts.isModuleDeclaration(node) ||
    ts.isTypeParameterDeclaration(node)
  );
}

/** `const { foo } = obj` declares `foo` and also reads property `foo` of `obj`. */
function isBindingShorthand(node: ts.Identifier | ts.PrivateIdentifier): boolean {
  const parent = node.parent;
  return (
    ts.isBindingElement(parent) &&
    parent.propertyName === undefined &&
    parent.dotDotDotToken === undefined &&
    ts.isObjectBindingPattern(parent.parent)
  );
}

/**
 * Whether a name stands alone (a variable, function, class, import or type
 * reference) or names a property of something else (`a.name`, `A.B` in a
 * type, `{ name: x } = a`, a JSX attribute, an export's exported name).
 */
function roleOf(node: ts.Identifier | ts.PrivateIdentifier): OccurrenceRole {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return 'property';
  if (ts.isQualifiedName(parent) && parent.right === node) return 'property';
  if (ts.isBindingElement(parent) && parent.propertyName === node) return 'property';
  if (ts.isJsxAttribute(parent) && parent.name === node) return 'property';
  if (ts.isImportTypeNode(parent) && parent.qualifier === node) return 'property';
  if (ts.isExportSpecifier(parent) && isReExport(parent)) return 'property';
  if (ts.isExportSpecifier(parent) && parent.propertyName !== undefined && parent.name === node) return 'property';
  if (ts.isImportSpecifier(parent) && parent.propertyName === node) return 'property';
  if (ts.isPrivateIdentifier(node)) return 'property';
  return 'name';
}

/** `export { a } from './m'` names another module's export, not a local binding. */
function isReExport(specifier: ts.ExportSpecifier): boolean {
  return specifier.parent.parent.moduleSpecifier !== undefined;
}

/** Whether an occurrence reads, writes, or both. */
function accessOf(node: ts.Node): Access {
  let target: ts.Node = node;
  const parent = node.parent;
  if (
    (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    (ts.isElementAccessExpression(parent) && parent.argumentExpression === node && ts.isStringLiteralLike(node))
  ) {
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
  if (
    (ts.isPrefixUnaryExpression(outer) || ts.isPostfixUnaryExpression(outer)) &&
    (outer.operator === ts.SyntaxKind.PlusPlusToken || outer.operator === ts.SyntaxKind.MinusMinusToken)
  ) {
    return isStatementLike(outer) ? 'write' : 'readwrite';
  }
  if (ts.isDeleteExpression(outer)) return 'write';
  return isDestructuringTarget(target) ? 'write' : 'read';
}

/**
 * True when an expression is written by a destructuring or loop assignment:
 * `[this.a, ...this.b] = xs`, `({ k: this.c = 1 } = o)`, `for (this.d of xs)`,
 * `for (this.e in o)`. Walks up through the array and object literals that
 * form the assignment pattern (no recursion: patterns can be deep).
 */
function isDestructuringTarget(expression: ts.Node): boolean {
  let node = expression;
  for (;;) {
    const parent = node.parent;
    if ((ts.isForOfStatement(parent) || ts.isForInStatement(parent)) && parent.initializer === node) return true;
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      if (parent.right === node) return false;
      // `this.c = 1` as a default inside a pattern: the pattern decides.
      if (!ts.isArrayLiteralExpression(node) && !ts.isObjectLiteralExpression(node)) node = parent;
      else return true;
      continue;
    }
    if (ts.isParenthesizedExpression(parent) || ts.isSpreadElement(parent) || ts.isSpreadAssignment(parent)) {
      node = parent;
      continue;
    }
    if (ts.isPropertyAssignment(parent) && parent.initializer === node) {
      node = parent.parent;
      continue;
    }
    if (ts.isShorthandPropertyAssignment(parent)) return false;
    if (ts.isArrayLiteralExpression(parent)) {
      node = parent;
      continue;
    }
    return false;
  }
}

/** An expression whose value is discarded (`x += 1;`, `for (...; i++)`). */
function isStatementLike(node: ts.Node): boolean {
  const parent = node.parent;
  return ts.isExpressionStatement(parent) || (ts.isForStatement(parent) && parent.incrementor === node);
}

/** `this[key]` with a key that is not a literal: any member may be read. */
function isDynamicThisAccess(node: ts.Node): boolean {
  return (
    ts.isElementAccessExpression(node) &&
    node.expression.kind === ts.SyntaxKind.ThisKeyword &&
    !ts.isStringLiteralLike(node.argumentExpression) &&
    !ts.isNumericLiteral(node.argumentExpression)
  );
}
