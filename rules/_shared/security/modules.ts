import { Node, ts } from 'ts-morph';
import { referenceNameOf } from '../ast/reference-name.js';
import { ownDeclarationsOf, syntacticBindingOf } from '../name-binding.js';
import { syntacticUsesOf } from '../local-uses.js';
import type { ProjectView } from '../../../src/model/project-view.js';
import { wrapNode } from '../ast/wrap-node.js';
import { skipOuterCompilerExpressions, skipOuterExpressions } from '../ast/skip-outer-expressions.js';
import type {
  CallExpression,
  Expression,
  Identifier,
  ImportEqualsDeclaration,
  NewExpression,
  SourceFile,
  VariableDeclaration,
} from 'ts-morph';

/** How a file binds one module: names bound to single exports, and names bound to the whole module. */
export interface ModuleBindings {
  /** The module specifiers, without `node:`. */
  readonly modules: ReadonlySet<string>;
  /** Declarations (import specifiers, binding elements, variables) bound to one export, with the export's name. */
  readonly named: ReadonlyMap<Node, string>;
  /** Declarations bound to the whole module: namespace and default imports, `require` results. */
  readonly whole: ReadonlySet<Node>;
  /** The run's view, for telling from syntax which binding a name is (`boundDeclarationsOf`). */
  readonly view: ProjectView;
}

/**
 * Every binding of the given modules in the file: `import { exec } from 'child_process'`,
 * `import * as cp from 'node:child_process'`, `import cp from ...`, `import cp = require(...)`,
 * `const cp = require(...)`, `const { exec: run } = require(...)`, `const exec = require(...).exec`,
 * `const exec = cp.exec` of a whole binding (gitty's `var exec = childproc.exec`), and
 * `const execAsync = promisify(exec)` (same export, promise form). A variable declared without a value and given one
 * by a single assignment is bound as one given it by its initialiser (`var ref, exec; ref = require('child_process'),
 * exec = ref.exec`: CoffeeScript's output, gift's).
 */
export function getModuleBindings(view: ProjectView, file: SourceFile, moduleNames: readonly string[]): ModuleBindings {
  const modules = new Set(moduleNames.map(stripNodePrefix));
  const named = new Map<Node, string>();
  const whole = new Set<Node>();
  const bindings: ModuleBindings = { modules, named, whole, view };
  // Only the imports of the modules asked for are wrapped (wrapping a file's statements cost a large package 50 ms).
  for (const statement of file.compilerNode.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!modules.has(stripNodePrefix(statement.moduleSpecifier.text))) continue;
    const declaration = wrapAs(file, statement, Node.isImportDeclaration);
    const clause = declaration.getImportClause();
    if (clause === undefined) continue;
    if (clause.getDefaultImport() !== undefined) whole.add(clause);
    const namespace = clause.getNamespaceImport();
    if (namespace !== undefined) {
      const parent = namespace.getParent();
      whole.add(parent);
    }
    for (const specifier of clause.getNamedImports()) named.set(specifier, specifier.getName());
  }
  // No binding yet and no `require` anywhere (escaped spellings included): nothing else can bind the modules.
  if (named.size === 0 && whole.size === 0 && !/require|\\u/.test(file.getFullText())) return bindings;
  const candidates = bindingCandidatesOf(view, file);
  for (const importEquals of candidates.importEquals) {
    const reference = importEquals.getModuleReference();
    if (Node.isExternalModuleReference(reference)) {
      const target = reference.getExpression();
      if (target !== undefined && Node.isStringLiteral(target) && modules.has(stripNodePrefix(target.getLiteralText())))
        whole.add(importEquals);
    }
  }
  for (const call of candidates.requires) {
    if (!isRequireOf(call, modules)) continue;
    bindRequire(view, file, wrapAs(file, call, Node.isCallExpression), named, whole);
  }
  bindMembers(view, file, bindings, named, candidates.members);
  bindPromisified(bindings, named, candidates.promisified);
  return bindings;
}

/** The nodes of a file that may bind a module, in document order: only these are wrapped. */
interface BindingCandidates {
  importEquals: ImportEqualsDeclaration[];
  /** Calls of an identifier named `require`, unwrapped: only those of the modules asked for are wrapped. */
  requires: ts.CallExpression[];
  /** Variables initialised by a call of `promisify` or `….promisify`. */
  promisified: VariableDeclaration[];
  /**
   * Names given a member of a name (`var exec = childproc.exec`, or `exec = childproc.exec` after `var exec`),
   * unwrapped.
   */
  members: MemberAlias[];
}

/** `var exec = childproc.exec` or `exec = childproc.exec`: a name given a member of a name. */
interface MemberAlias {
  /** The variable's declaration, or the assignment that gives it the member. */
  readonly node: ts.VariableDeclaration | ts.BinaryExpression;
  readonly member: ts.PropertyAccessExpression & { readonly expression: ts.Identifier };
}

/** Candidates by file, found once per file for every rule that asks (a changed text is a new compiler SourceFile). */
const candidatesByFile = new WeakMap<ts.SourceFile, BindingCandidates>();

/**
 * The specifiers of the file's own package's modules it imports or requires (`'./binaries'`, `"../lib/run"`: those
 * starting with `.`), the first node of each text, in document order: the compiler's string literals, for
 * `ProjectView.resolveModule`.
 */
export function relativeSpecifiersOf(view: ProjectView, file: SourceFile): ts.StringLiteralLike[] {
  const found = new Map<string, ts.StringLiteralLike>();
  const add = (specifier: ts.Node | undefined): void => {
    if (specifier === undefined || !ts.isStringLiteralLike(specifier) || !specifier.text.startsWith('.')) return;
    if (!found.has(specifier.text)) found.set(specifier.text, specifier);
  };
  for (const statement of file.compilerNode.statements)
    if (ts.isImportDeclaration(statement)) add(statement.moduleSpecifier);
  for (const call of bindingCandidatesOf(view, file).requires) add(call.arguments[0]);
  return [...found.values()];
}

/** The candidates of `getModuleBindings` in a file, from the run's shared walk of its compiler nodes. */
function bindingCandidatesOf(view: ProjectView, file: SourceFile): BindingCandidates {
  let found = candidatesByFile.get(file.compilerNode);
  if (found === undefined) {
    found = findBindingCandidates(view, file);
    candidatesByFile.set(file.compilerNode, found);
  }
  return found;
}

/**
 * The candidates of `getModuleBindings`, each kind in document order, from the node index every rule of the run
 * shares (`ProjectView.nodesOf`): a walk of its own cost a large JavaScript package a sixth of a second.
 */
function findBindingCandidates(view: ProjectView, file: SourceFile): BindingCandidates {
  const found: BindingCandidates = { importEquals: [], requires: [], promisified: [], members: [] };
  for (const node of view.nodesOf(file, ts.SyntaxKind.ImportEqualsDeclaration))
    found.importEquals.push(wrapAs(file, node, Node.isImportEqualsDeclaration));
  for (const node of view.nodesOf(file, ts.SyntaxKind.CallExpression))
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require')
      found.requires.push(node);
  for (const node of view.nodesOf(file, ts.SyntaxKind.VariableDeclaration)) {
    if (!ts.isVariableDeclaration(node)) continue;
    if (isPromisifyCall(node.initializer)) found.promisified.push(wrapAs(file, node, Node.isVariableDeclaration));
    else if (ts.isIdentifier(node.name)) addMemberAlias(found.members, node, node.initializer);
  }
  for (const node of view.nodesOf(file, ts.SyntaxKind.BinaryExpression))
    if (isPlainAssignment(node)) addMemberAlias(found.members, node, node.right);
  found.members.sort((a, b) => a.node.pos - b.node.pos);
  return found;
}

/** Adds `{ node, member }` when the value is a member of a name (`childproc.exec`), on the compiler's nodes. */
function addMemberAlias(members: MemberAlias[], node: MemberAlias['node'], value: ts.Expression | undefined): void {
  if (value !== undefined && ts.isPropertyAccessExpression(value) && ts.isIdentifier(value.expression))
    members.push({ node, member: value as MemberAlias['member'] });
}

/** `name = value`, with `=` (not `+=`, not a destructuring). */
function isPlainAssignment(node: ts.Node): node is ts.BinaryExpression & { readonly left: ts.Identifier } {
  return (
    ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left)
  );
}

/**
 * The declaration of the variable an assignment gives a value (`exec` of `exec = ref.exec`) when that is the only
 * value it ever has: a `var` or `let` of a variable statement declared without a value (`var Git, exec, ref;`), its
 * binding settled by syntax (`syntacticBindingOf`), and written nowhere else (no other assignment, `+=`, `++` or
 * destructuring). Until the assignment runs the variable is `undefined`, which nothing can call.
 */
function onceAssignedDeclarationOf(
  view: ProjectView,
  file: SourceFile,
  assignment: ts.Node,
): VariableDeclaration | undefined {
  if (!isPlainAssignment(assignment)) return undefined;
  const binding = syntacticBindingOf(view, file, assignment.left);
  if (binding?.kind !== 'local') return undefined;
  const declaration = binding.declaration.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.name !== binding.declaration) return undefined;
  if (declaration.initializer !== undefined || !ts.isVariableStatement(declaration.parent.parent)) return undefined;
  const uses = syntacticUsesOf(view, file, declaration.name);
  if (uses === undefined) return undefined;
  const written = [...uses.reads, ...uses.writes].filter((o) => o.access !== 'read');
  if (written.length !== 1 || written[0]?.compilerNode !== assignment.left) return undefined;
  return wrapAs(file, declaration, Node.isVariableDeclaration);
}

/**
 * `var exec = childproc.exec` where `childproc` is bound to the whole module: `exec` is bound to its export, as
 * `const exec = require('child_process').exec` is. Only the variables whose receiver is spelled as a whole
 * binding's name are wrapped and asked which binding the receiver is.
 * `named` is the map `bindings.named` reads, written here.
 */
function bindMembers(
  view: ProjectView,
  file: SourceFile,
  bindings: ModuleBindings,
  named: Map<Node, string>,
  members: readonly MemberAlias[],
): void {
  const wholeNames = new Set([...bindings.whole].map((declaration) => declaredNameOf(declaration)?.text));
  for (const { node, member } of members) {
    if (!wholeNames.has(member.expression.text)) continue;
    if (!isWholeModule(wrapNode(file, member.expression), bindings)) continue;
    const declaration = ts.isVariableDeclaration(node)
      ? wrapAs(file, node, Node.isVariableDeclaration)
      : onceAssignedDeclarationOf(view, file, node);
    if (declaration !== undefined) named.set(declaration, member.name.text);
  }
}

/** `promisify(…)` or `….promisify(…)`, on the compiler's node (what `isPromisify` accepts). */
function isPromisifyCall(initializer: ts.Expression | undefined): boolean {
  if (initializer === undefined || !ts.isCallExpression(initializer)) return false;
  const callee = initializer.expression;
  if (ts.isIdentifier(callee)) return callee.text === 'promisify';
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'promisify';
}

/** The wrapper of a compiler node, of the kind the guard accepts. */
function wrapAs<T extends Node>(file: SourceFile, node: ts.Node, guard: (n: Node) => n is T): T {
  const wrapped = wrapNode(file, node);
  if (!guard(wrapped)) throw new Error(`unexpected node kind ${String(node.kind)} in ${file.getFilePath()}`);
  return wrapped;
}

/**
 * A test of a compiler node, from syntax, that is false for every call or `new` `getCalledExport` finds no export
 * for: a callee spelled as none of the bound names, nor as a member of a whole binding's name or of a `require` of
 * the modules. Walks over a file's calls wrap only the calls that pass it (`descendantsWhere`).
 */
export function calledExportScreen(bindings: ModuleBindings): (node: ts.Node) => boolean {
  const named = declaredNamesOf(bindings.named.keys());
  const isWhole = wholeModuleScreen(bindings);
  return (node) => {
    if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return false;
    const callee = skipOuterCompilerExpressions(node.expression);
    if (ts.isIdentifier(callee)) return named === undefined || named.has(callee.text);
    return ts.isPropertyAccessExpression(callee) && isWhole(callee.expression);
  };
}

/**
 * A test of a compiler expression, from syntax, that is false for every expression `isWholeModule` rejects: one
 * that is neither a `require` of the modules nor spelled as a whole binding's name (inside any parentheses or type
 * assertions).
 */
export function wholeModuleScreen(bindings: ModuleBindings): (expression: ts.Expression) => boolean {
  const whole = declaredNamesOf(bindings.whole);
  return (expression) => {
    const node = skipOuterCompilerExpressions(expression);
    if (ts.isCallExpression(node)) return isRequireOf(node, bindings.modules);
    return ts.isIdentifier(node) && (whole === undefined || whole.has(node.text));
  };
}

/** The names the bindings declare, or undefined when syntax does not name one (a pattern, a namespace import's clause). */
function declaredNamesOf(declarations: Iterable<Node>): ReadonlySet<string> | undefined {
  const names = new Set<string>();
  for (const declaration of declarations) {
    const name = declaredNameOf(declaration);
    if (name === undefined) return undefined;
    names.add(name.text);
  }
  return names;
}

/** The module export a call or `new` invokes (`exec` for `cp.exec(...)`, `run(...)` bound to `exec`), or undefined. */
export function getCalledExport(call: CallExpression | NewExpression, bindings: ModuleBindings): string | undefined {
  return getExportOf(call.getExpression(), bindings);
}

/** The module export an expression denotes, or undefined. */
function getExportOf(expression: Node, bindings: ModuleBindings): string | undefined {
  const callee = skipOuterExpressions(expression);
  if (Node.isIdentifier(callee)) {
    for (const declaration of boundDeclarationsOf(callee, bindings)) {
      const name = bindings.named.get(declaration);
      if (name !== undefined) return name;
    }
    return undefined;
  }
  if (Node.isPropertyAccessExpression(callee)) {
    const receiver = skipOuterExpressions(callee.getExpression());
    // `CP.execAsync` of a module Bluebird promisified whole (`bindRequire`) is its `exec`, in promise form: Node's
    // built-in modules export no name ending in `Async` of their own.
    if (isWholeModule(receiver, bindings)) return callee.getName().replace(/(?<=.)Async$/, '');
  }
  return undefined;
}

/** True when the expression is the whole module: a namespace/default binding or `require('<module>')` itself. */
export function isWholeModule(expression: Node, bindings: ModuleBindings): boolean {
  const node = skipOuterExpressions(expression);
  if (Node.isCallExpression(node)) return isRequireOf(node.compilerNode, bindings.modules);
  if (Node.isIdentifier(node)) return boundDeclarationsOf(node, bindings).some((d) => bindings.whole.has(d));
  return false;
}

/**
 * The declarations of a name that are among the bindings: none when no
 * binding declares the name, else those of `ownDeclarationsOf` (from syntax;
 * the checker, whose creation binds every file, only when syntax cannot tell).
 */
function boundDeclarationsOf(identifier: Identifier, bindings: ModuleBindings): readonly Node[] {
  const bound = [...bindings.named.keys(), ...bindings.whole];
  const { text } = identifier.compilerNode;
  // A pattern's names are not read here (`declaredNameOf` is undefined): then syntax or the checker decides.
  const declaresOther = (declaration: Node): boolean => {
    const name = declaredNameOf(declaration);
    return name !== undefined && name.text !== text;
  };
  if (bound.every(declaresOther)) return [];
  const own = ownDeclarationsOf(bindings.view, identifier);
  return bound.filter((declaration) => own.includes(declaration));
}

/** The plain name a binding declares (`run` in `{ exec: run }`, `cp` in `* as cp`), or undefined for a pattern. */
function declaredNameOf(declaration: Node): ts.Identifier | undefined {
  const { compilerNode } = declaration;
  const name =
    ts.isImportSpecifier(compilerNode) ||
    ts.isImportClause(compilerNode) ||
    ts.isNamespaceImport(compilerNode) ||
    ts.isImportEqualsDeclaration(compilerNode) ||
    ts.isVariableDeclaration(compilerNode) ||
    ts.isBindingElement(compilerNode)
      ? compilerNode.name
      : undefined;
  return name !== undefined && ts.isIdentifier(name) ? name : undefined;
}

/** `child_process` for `node:child_process`. */
function stripNodePrefix(specifier: string): string {
  return specifier.startsWith('node:') ? specifier.slice('node:'.length) : specifier;
}

/** True for `require('<one of modules>')`, on the compiler's node (a file's calls are wrapped only when true). */
function isRequireOf(call: ts.CallExpression, modules: ReadonlySet<string>): boolean {
  const callee = call.expression;
  if (!ts.isIdentifier(callee) || callee.getText() !== 'require') return false;
  const [first] = call.arguments;
  return (
    first !== undefined &&
    (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) &&
    modules.has(stripNodePrefix(first.text))
  );
}

/** Records what a `require(...)` call is bound to, by a variable's initialiser or its one assignment. */
function bindRequire(
  view: ProjectView,
  file: SourceFile,
  call: CallExpression,
  named: Map<Node, string>,
  whole: Set<Node>,
): void {
  const parent = call.getParent();
  const assigned = (value: Node): VariableDeclaration | undefined => {
    const assignment = value.compilerNode.parent;
    return ts.isBinaryExpression(assignment) && assignment.right === value.compilerNode
      ? onceAssignedDeclarationOf(view, file, assignment)
      : undefined;
  };
  const declaration = assigned(call);
  if (declaration !== undefined) {
    whole.add(declaration);
    return;
  }
  // Bluebird's `promisifyAll(require('child_process'))` is the module with an `…Async` twin of each function.
  if (isPromisifyAllOf(parent, call)) {
    const holder = parent.getParent();
    if (Node.isVariableDeclaration(holder) && Node.isIdentifier(holder.getNameNode())) whole.add(holder);
    return;
  }
  if (Node.isVariableDeclaration(parent)) {
    const name = parent.getNameNode();
    if (Node.isIdentifier(name)) whole.add(parent);
    else if (Node.isObjectBindingPattern(name)) {
      for (const element of name.getElements()) {
        const property = element.getPropertyNameNode();
        named.set(element, property === undefined ? element.getName() : property.getText());
      }
    }
    return;
  }
  if (Node.isPropertyAccessExpression(parent)) {
    const holder = parent.getParent();
    if (Node.isVariableDeclaration(holder) && Node.isIdentifier(holder.getNameNode()))
      named.set(holder, parent.getName());
    else {
      const target = assigned(parent);
      if (target !== undefined) named.set(target, parent.getName());
    }
  }
}

/** True for `x.promisifyAll(call)` or `promisifyAll(call)` (Bluebird's), `call` its only argument. */
function isPromisifyAllOf(node: Node | undefined, call: CallExpression): node is CallExpression {
  if (!Node.isCallExpression(node) || node.getArguments().length !== 1 || node.getArguments()[0] !== call) return false;
  return referenceNameOf(skipOuterExpressions(node.getExpression())) === 'promisifyAll';
}

/**
 * `const run = promisify(exec)`, `util.promisify(cp.exec)` or
 * `require('bluebird').promisify(require('crypto').randomBytes)`: `run` is bound to the same export.
 * `named` is the map `bindings.named` reads, written here.
 */
function bindPromisified(
  bindings: ModuleBindings,
  named: Map<Node, string>,
  declarations: readonly VariableDeclaration[],
): void {
  for (const declaration of declarations) {
    const initializer = declaration.getInitializer();
    if (initializer === undefined || !Node.isCallExpression(initializer) || !isPromisify(initializer.getExpression()))
      continue;
    const [target] = initializer.getArguments();
    if (target === undefined) continue;
    const exported = getExportOf(target, bindings);
    if (exported !== undefined && Node.isIdentifier(declaration.getNameNode())) named.set(declaration, exported);
  }
}

/** True for `promisify` or `util.promisify`. */
function isPromisify(callee: Expression): boolean {
  if (Node.isIdentifier(callee)) return callee.getText() === 'promisify';
  return Node.isPropertyAccessExpression(callee) && callee.getName() === 'promisify';
}
