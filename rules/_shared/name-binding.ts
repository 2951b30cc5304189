import { isBuiltin } from 'node:module';
import { ts } from 'ts-morph';
import type { Identifier, Node, SourceFile } from 'ts-morph';
import type { Occurrence, ProjectView } from '../../src/model/project-view.js';
import { isJavaScriptFile } from './ast/is-javascript-file.js';
import { requiredSpecifierOf } from './ast/required-specifier.js';
import {
  bindingScopeOf,
  blockScopeOf,
  isDeclaredAgain,
  isMemberComputedName,
  isWithin,
  syntacticUsesOf,
} from './local-uses.js';
import { hasModifier } from './ast/has-modifier.js';
import { hasUnreadMemberName, membersNamed, thisHomeOf } from './ast/this-home.js';
import { bindingNamesOf } from './ast/binding-names.js';
import { declarationsOf } from './ast/declarations-of.js';
import { wrapNode } from './ast/wrap-node.js';
import { isModuleExports } from './ast/is-module-exports.js';

/**
 * What a plain name read as a value stands for, when syntax alone settles it:
 * - `global`: the environment's (`Math`, `setTimeout`): the checker finds
 *   every declaration of it in a declaration file, or none;
 * - `local`: the one binding of that name the file declares (`declaration`
 *   is its declared name), and no other.
 */
export type SyntacticBinding = { kind: 'global' } | { kind: 'local'; declaration: ts.Node };

/**
 * The binding a name read as a value (a call's callee, a receiver) stands
 * for, told from syntax, or `undefined` when only the checker can tell (then
 * ask it): creating the checker binds every file and the libraries, most of a
 * small package's run, and most names a rule asks about are settled here.
 *
 * - The file declares no binding of the name (the reference index's
 *   declarations: variables, parameters, functions, classes, imports, types,
 *   enums, namespaces), and no project file declares it globally (a script's
 *   top level, `declare global`): the name is the environment's.
 * - Otherwise the name is the binding whose scope (`exactScopeOf`; a file's
 *   or namespace's imports) is the innermost around it, as in JavaScript's
 *   lexical scoping; one outside every such scope is the environment's.
 *
 * Not settled: a name inside a namespace or enum (their members merge and are
 * seen by name), a `with` block, a decorator or computed member name
 * (evaluated outside the member's scope), a parameter list (its initialisers
 * have a scope of their own); a name declared where `exactScopeOf` does not
 * place it (a type, an enum, a namespace, a block function of a script), twice
 * in one scope, or at a script's top level (a global that other files'
 * declarations merge with);
 * `require`, `module` and `exports` in a JavaScript file; a file not
 * analysed; and every global when the program follows JavaScript into
 * `node_modules` (`maxNodeModuleJsDepth`), whose files may declare globals.
 * A file that only the program's build reaches (imported from outside the
 * configured files) is assumed not to declare the name globally.
 */
export function syntacticBindingOf(
  view: ProjectView,
  file: SourceFile,
  identifier: ts.Identifier,
): SyntacticBinding | undefined {
  if (!view.isAnalysed(file) || !isPlainValueName(view, identifier, file)) return undefined;
  const name = identifier.text;
  // The declaration whose scope is the innermost around the name (a scope declares a name once here).
  let nearest: { declaration: ts.Node; scope: ts.Node } | undefined;
  const readsValue = isInCode(identifier);
  const declared = view.references.declarationsIn(file, name);
  for (const declaration of declared) {
    // A type alias, interface or type parameter declares no value: a value's lookup passes it by.
    if (readsValue && isTypeOnlyBinding(declaration, declared)) continue;
    const scope = bindingScopeOf(declaration, file);
    if (scope === undefined) return undefined;
    if (!isWithin(identifier, scope)) continue;
    if (nearest === undefined || isStrictlyWithin(scope, nearest.scope)) nearest = { declaration, scope };
    else if (!isStrictlyWithin(nearest.scope, scope)) return undefined;
  }
  if (nearest === undefined) return isGlobalName(view, name) ? { kind: 'global' } : undefined;
  if (ts.isSourceFile(nearest.scope) && !isModuleFile(view, file)) return undefined;
  return { kind: 'local', declaration: nearest.declaration };
}

/**
 * The references to a variable or function in the file that declares it, in
 * document order and without its declared name: what ts-morph's
 * `findReferencesAsNodes()` lists in that file. From syntax when the file's
 * local uses of the binding are settled (`syntacticUsesOf`: no overload, no
 * type or namespace of its name to merge with) and each is a name in code
 * (not in a type, where it may mean a type declared elsewhere, nor in JSDoc)
 * that `syntacticBindingOf` binds to this declaration (the uses are counted
 * generously, for the unused-code rules: a parameter initialiser's name, a
 * script's global). Else the language service's (`languageService`:
 * ts-morph's, which builds a program and a checker of its own).
 */
export function referencesInOwnFile(
  view: ProjectView,
  name: Identifier,
  languageService: (name: Identifier) => Node[] = (n) => n.findReferencesAsNodes(),
): Node[] {
  const file = name.getSourceFile();
  const own = name.compilerNode;
  const declaration = own.parent;
  const isBinding =
    (ts.isVariableDeclaration(declaration) || ts.isFunctionDeclaration(declaration)) && declaration.name === own;
  // A name declared again as the same binding (overloads, `var`s) has references syntax does not list: its declarations.
  const uses = isBinding && !isDeclaredAgain(view, file, own) ? syntacticUsesOf(view, file, own) : undefined;
  const mine = uses === undefined ? [] : [...uses.reads, ...uses.writes];
  const isOwn = (node: ts.Node): boolean => {
    const binding = ts.isIdentifier(node) && isInCode(node) ? syntacticBindingOf(view, file, node) : undefined;
    return binding?.kind === 'local' && binding.declaration === own;
  };
  if (uses !== undefined && mine.every((o) => isOwn(o.compilerNode)))
    return [...mine.map((o) => o.node), ...exportAliasesOf(view, file, mine)].sort(
      (a, b) => a.compilerNode.pos - b.compilerNode.pos,
    );
  const ofMethod = ts.isMethodDeclaration(declaration) ? thisMethodReferences(view, file, declaration) : undefined;
  if (ofMethod !== undefined)
    return [...ofMethod].sort((a, b) => a.compilerNode.pos - b.compilerNode.pos).map((o) => o.node);
  return languageService(name).filter((r) => r !== name && r.getSourceFile() === file);
}

/**
 * The exported names of `export { a as b }` among a binding's uses: the language service lists `b` as a reference
 * to `a` (an alias of the same symbol), beside `a`.
 */
function exportAliasesOf(view: ProjectView, file: SourceFile, uses: readonly Occurrence[]): Node[] {
  const aliases: Node[] = [];
  for (const use of uses) {
    const specifier = use.compilerNode.parent;
    if (ts.isExportSpecifier(specifier) && specifier.propertyName === use.compilerNode)
      aliases.push(view.wrap(file, specifier.name));
  }
  return aliases;
}

/** How many times a text spells a name as a whole word (`$` and word characters on neither side). */
function spellingsOf(text: string, name: string): number {
  return [...text.matchAll(new RegExp(`(?<![\\w$])${wordOf(name)}`, 'g'))].length;
}

/** A pattern for a name as a whole word at its end (`$` escaped; no `$` or word character after it). */
function wordOf(name: string): string {
  return `${name.replace(/\$/g, '\\$')}(?![\\w$])`;
}

/**
 * The uses of a class's method in its file, from syntax, when each is a
 * read of `this.name` where `this` is that class on the method's side
 * (static or not, `thisHomeOf`), the class declares no other member of the
 * name nor one whose name syntax cannot read, and the file spells the name
 * nowhere else: the checker finds each on the class's own type, so each is
 * the method, and nothing the language service relates to it (an override, an
 * interface's member, a JSDoc link) is in the file. Undefined when another
 * occurrence of the name is in the file (`other.name` may be the method of an
 * instance, a subclass's `this.name` the inherited one): the language
 * service's to say.
 */
function thisMethodReferences(
  view: ProjectView,
  file: SourceFile,
  method: ts.MethodDeclaration,
): readonly Occurrence[] | undefined {
  const home = method.parent;
  const name = ts.isIdentifier(method.name) ? method.name.text : undefined;
  if (name === undefined || !ts.isClassLike(home)) return undefined;
  if (hasUnreadMemberName(home.members) || membersNamed(home.members, name).length !== 1) return undefined;
  const isStatic = hasModifier(method, ts.SyntaxKind.StaticKeyword);
  const occurrences = view.references.occurrencesIn(file, name);
  // Each time the file spells the name (in code, a comment or a string) is the method's name or one of these uses:
  // no override, no interface member and no object literal's property of the name (the language service relates
  // them to the method), nor a JSDoc link to it.
  if (spellingsOf(file.getFullText(), name) !== occurrences.length + 1) return undefined;
  const isOwnUse = (occurrence: Occurrence): boolean => {
    // A write is a declaration in JavaScript (`this.name = this.name.bind(this)`), which the language service's list
    // leaves out.
    if (occurrence.access !== 'read') return false;
    const at = occurrence.compilerNode;
    const access = at.parent;
    if (!ts.isPropertyAccessExpression(access) || access.name !== at) return false;
    if (access.expression.kind !== ts.SyntaxKind.ThisKeyword) return false;
    const where = thisHomeOf(access);
    return where?.node === home && where.isStatic === isStatic;
  };
  return occurrences.every(isOwnUse) ? occurrences : undefined;
}

/** True for a name outside every type (`typeof x` aside) and JSDoc comment. */
function isInCode(node: ts.Node): boolean {
  for (let at = node.parent; !ts.isSourceFile(at); at = at.parent) {
    if (ts.isJSDoc(at) || ts.isJSDocTypeExpression(at)) return false;
    if (ts.isTypeNode(at)) return ts.isTypeQueryNode(at) && isInCode(at);
  }
  return true;
}

/**
 * The declarations of the member `this.name` reads, from syntax, when `this`
 * is a class of a module file (`thisHomeOf`) that declares one member of the
 * name, on that side (static or not), or one constructor parameter property
 * of it, and none whose name syntax cannot read: that member, as the checker
 * finds it on the class's own type. Undefined when it may have more or other
 * declarations: overloads, a member inherited from a base class, an
 * interface of the class's name in its file or a module augmentation merged
 * with it, a JavaScript file that writes the name (`this.name = …` declares
 * it again), a script's class (a global interface may merge into it).
 */
export function thisMemberDeclarationsOf(
  view: ProjectView,
  file: SourceFile,
  access: ts.PropertyAccessExpression,
): ts.Declaration[] | undefined {
  if (access.expression.kind !== ts.SyntaxKind.ThisKeyword || !view.isAnalysed(file)) return undefined;
  const home = thisHomeOf(access);
  if (home === undefined || home.node.name === undefined || !isModuleFile(view, file)) return undefined;
  if (augmentedModulesOf(view).has(file.compilerNode.fileName)) return undefined;
  if (view.references.declarationsIn(file, home.node.name.text).length !== 1) return undefined;
  const name = access.name.text;
  const members = hasUnreadMemberName(home.members) ? [] : membersNamed(home.members, name);
  const [only] = members;
  if (members.length !== 1 || only === undefined) return undefined;
  const isStatic = ts.isParameter(only) ? false : hasModifier(only, ts.SyntaxKind.StaticKeyword);
  if (isStatic !== home.isStatic) return undefined;
  if (isJavaScriptFile(file) && view.references.occurrencesIn(file, name).some((o) => o.access !== 'read'))
    return undefined;
  return [only];
}

/**
 * The declaration of the static member `X.name` reads, from syntax, when `X` stands for a class syntax settles
 * (`syntacticClassOf`: one class, merged with nothing) in an analysed file, which declares one static member of the
 * name and none whose name syntax cannot read, and whose file, in JavaScript, writes no property of the name (`X.name =
 * …` declares it again): that member, as the checker finds it on the class's constructor type. Undefined otherwise
 * (a member inherited from a base class, overloads, a class of a dependency's declarations).
 */
export function staticMemberDeclarationOf(
  view: ProjectView,
  file: SourceFile,
  access: ts.PropertyAccessExpression,
): { file: SourceFile; declaration: ts.Declaration } | undefined {
  if (!ts.isIdentifier(access.expression) || !ts.isIdentifier(access.name)) return undefined;
  const found = syntacticClassOf(view, file, access.expression);
  const home = found === undefined ? undefined : view.sourceFileAt(found.getSourceFile().fileName);
  if (found === undefined || home === undefined || home.compilerNode !== found.getSourceFile()) return undefined;
  if (!view.isAnalysed(home) || hasUnreadMemberName(found.members)) return undefined;
  const name = access.name.text;
  const members = membersNamed(found.members, name);
  const [only] = members;
  if (members.length !== 1 || only === undefined || ts.isParameter(only)) return undefined;
  if (!hasModifier(only, ts.SyntaxKind.StaticKeyword)) return undefined;
  if (isJavaScriptFile(home) && view.references.occurrencesIn(home, name).some((o) => o.access !== 'read'))
    return undefined;
  return { file: home, declaration: only };
}

/**
 * `declarationsOf(name)`, without the checker for a plain name syntax settles
 * as one of its file's bindings (`syntacticBindingOf`): that declaration.
 */
export function settledDeclarationsOf(view: ProjectView, name: Node): Node[] {
  const binding = name.isKind(ts.SyntaxKind.Identifier)
    ? syntacticBindingOf(view, name.getSourceFile(), name.compilerNode)
    : undefined;
  if (binding?.kind === 'local') return [wrapNode(name.getSourceFile(), binding.declaration.parent)];
  return declarationsOf(name);
}

/**
 * The declarations a plain name stands for in the project's code, the
 * environment's left out: from syntax when it settles the name (its file's
 * binding, or none for a global), else the checker's (`declarationsOf`).
 */
export function ownDeclarationsOf(view: ProjectView, name: Identifier): Node[] {
  const binding = syntacticBindingOf(view, name.getSourceFile(), name.compilerNode);
  if (binding === undefined) return declarationsOf(name);
  return binding.kind === 'global' ? [] : [wrapNode(name.getSourceFile(), binding.declaration.parent)];
}

/**
 * True when a plain name is the environment's (`Math`, `setTimeout`, `crypto`):
 * from syntax when it settles the name, else when every declaration the
 * checker finds is in a file `isLibrary` accepts (by default a declaration
 * file).
 */
export function isEnvironmentName(
  view: ProjectView,
  name: Identifier,
  isLibrary: (file: SourceFile) => boolean = (file) => file.isDeclarationFile(),
): boolean {
  const binding = syntacticBindingOf(view, name.getSourceFile(), name.compilerNode);
  if (binding !== undefined) return binding.kind === 'global';
  return declarationsOf(name).every((declaration) => isLibrary(declaration.getSourceFile()));
}

/** True when `inner` lies inside `outer` and is not the same node (every node lies inside a file). */
function isStrictlyWithin(inner: ts.Node, outer: ts.Node): boolean {
  return inner !== outer && !ts.isSourceFile(inner) && isWithin(inner, outer);
}

/**
 * True when no project file can declare `name` as a global: no analysed
 * script or `declare global` file declares it, no other source file the
 * project lists that could (a script, a `declare global`) spells it, and the
 * program reads no JavaScript of `node_modules`. Its declarations, if any,
 * are then all in declaration files.
 */
export function isGlobalName(view: ProjectView, name: string): boolean {
  const { mayDeclare, followsNodeModulesJs } = globalDeclarersOf(view);
  return !followsNodeModulesJs && !mayDeclare(name);
}

/**
 * True for the name of a type alias, an interface or a type parameter when no
 * value of the name is declared in the scope it belongs to (a type
 * parameter's function, class or type; a type's block, module body or file):
 * its symbol has no value meaning, and the checker passes it by when it looks
 * up a name read as a value. A value declared in that scope would merge with
 * it into one symbol of both (`class Merged` and `interface Merged`), which
 * is left as before.
 */
function isTypeOnlyBinding(nameNode: ts.Node, declared: readonly ts.Node[]): boolean {
  const scope = typeOnlyContainerOf(nameNode);
  return (
    scope !== undefined &&
    declared.every((other) => other === nameNode || typeOnlyContainerOf(other) !== undefined || !isWithin(other, scope))
  );
}

/**
 * Where a type alias's, interface's or type parameter's name is declared (a
 * type's block, module body or file; a type parameter's owner); undefined for
 * any other name.
 */
function typeOnlyContainerOf(nameNode: ts.Node): ts.Node | undefined {
  const declaration = nameNode.parent;
  if (ts.isTypeParameterDeclaration(declaration)) return declaration.name === nameNode ? declaration.parent : undefined;
  return (ts.isTypeAliasDeclaration(declaration) || ts.isInterfaceDeclaration(declaration)) &&
    declaration.name === nameNode
    ? blockScopeOf(declaration)
    : undefined;
}

/** A name that is read as a plain value where syntax can see every binding it may stand for. */
function isPlainValueName(view: ProjectView, identifier: ts.Identifier, file: SourceFile): boolean {
  if (isJavaScriptFile(file) && COMMONJS_NAMES.has(identifier.text)) return false;
  const { parent } = identifier;
  // A member's name (`a.name`, `A.B`, `{ name: … }`) is looked up on something else, not in scope.
  if (ts.isPropertyAccessExpression(parent) && parent.name === identifier) return false;
  if (ts.isQualifiedName(parent) && parent.right === identifier) return false;
  if (ts.isPropertyAssignment(parent) && parent.name === identifier) return false;
  for (let at = identifier.parent; !ts.isSourceFile(at); at = at.parent) {
    if (
      ts.isModuleDeclaration(at) ||
      ts.isEnumDeclaration(at) ||
      ts.isWithStatement(at) ||
      ts.isDecorator(at) ||
      isMemberComputedName(at)
    )
      return false;
    // A parameter's initialiser or type is read in the function's parameter scope: settled as if outside the
    // function when nothing in it declares the name (`(verifier = crypto.randomBytes(40)) => …`).
    if (ts.isParameter(at)) {
      const owner = at.parent;
      if (!ts.isFunctionLike(owner) || !('body' in owner) || owner.body === undefined) return false;
      if (view.references.declarationsIn(file, identifier.text).some((d) => isWithin(d, owner))) return false;
    }
  }
  return true;
}

/**
 * True for a file whose top-level names are its own, not globals: an ES
 * module, or a CommonJS module (`isCommonJsModule`).
 */
export function isModuleFile(view: ProjectView, file: SourceFile): boolean {
  return ts.isExternalModule(file.compilerNode) || isCommonJsModule(view, file);
}

/**
 * True for an analysed JavaScript file that the compiler's binder makes a
 * CommonJS module (its `commonJsModuleIndicator`), told from what sets it
 * without fail: a call of `require` with one argument anywhere in the file,
 * or a top-level `module.exports = …`, `module.exports.name = …` or
 * `exports.name = …` whose value is not `void …` (which the binder skips).
 * Other CommonJS spellings (`Object.defineProperty(exports, …)`, an
 * assignment in a function) leave the file a script here: its names are
 * then the checker's to settle, as before.
 */
function isCommonJsModule(view: ProjectView, file: SourceFile): boolean {
  if (!isJavaScriptFile(file) || !view.isAnalysed(file)) return false;
  const known = view.memo('name-binding:commonjs', () => new WeakMap<ts.SourceFile, boolean>());
  let answer = known.get(file.compilerNode);
  if (answer === undefined) {
    answer =
      view.references.occurrencesIn(file, 'require').some((o) => isRequireCallee(o.compilerNode)) ||
      file.compilerNode.statements.some(isExportsAssignment);
    known.set(file.compilerNode, answer);
  }
  return answer;
}

/** True for `require` called with one argument (`require(x)`), as the binder's `isRequireCall` reads it. */
function isRequireCallee(node: ts.Node): boolean {
  const { parent } = node;
  return ts.isCallExpression(parent) && parent.expression === node && parent.arguments.length === 1;
}

/** `module.exports = x`, `module.exports.name = x` or `exports.name = x` as a statement, `x` not `void …`. */
function isExportsAssignment(statement: ts.Statement): boolean {
  if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) return false;
  const { left, operatorToken, right } = statement.expression;
  if (operatorToken.kind !== ts.SyntaxKind.EqualsToken || ts.isVoidExpression(right)) return false;
  if (!ts.isPropertyAccessExpression(left)) return false;
  const target = left.expression;
  return isModuleExports(left) || isModuleExports(target) || (ts.isIdentifier(target) && target.text === 'exports');
}

/** Names a CommonJS JavaScript file has without declaring them. */
const COMMONJS_NAMES: ReadonlySet<string> = new Set(['require', 'module', 'exports']);

/** What the run's files say about which names are global, asked once per run (and once per name). */
interface GlobalDeclarers {
  /**
   * True when a file that may declare globals (a script, with no import or export, or a file with `declare
   * global`) declares the name: an analysed one, by the reference index; any other source file of the project
   * (generated, outside the root, with a syntax error), by spelling it.
   */
  mayDeclare: (name: string) => boolean;
  /** True when the program reads JavaScript files of `node_modules`, which may declare globals. */
  followsNodeModulesJs: boolean;
}

/** See `GlobalDeclarers`. */
function globalDeclarersOf(view: ProjectView): GlobalDeclarers {
  return view.memo('name-binding:global-declarers', () => {
    const mayDeclareGlobals = (file: SourceFile): boolean =>
      !isModuleFile(view, file) || file.getFullText().includes('declare global');
    // What `mayDeclareGlobals` can be true of, told from the text: files that are not are no candidates (and a
    // pull-request run does not parse them for this).
    const mayDeclareGlobalsText = (text: string): boolean => text.includes('declare global') || !opensAsModule(text);
    const depth = view.project.getCompilerOptions().maxNodeModuleJsDepth;
    const answers = new Map<string, boolean>();
    const mayDeclare = (name: string): boolean => {
      let answer = answers.get(name);
      if (answer === undefined) {
        // A file declares the name only where its text spells it, or escapes a character of it (`\u0061`): the
        // files that do not need no look (a pull-request run does not parse them for this).
        const declarers = view.filesWhoseText(
          (text) => (text.includes(name) || text.includes('\\u')) && mayDeclareGlobalsText(text),
        );
        const others = view
          .sourceFilesWhoseText((text) => text.includes(name) && mayDeclareGlobalsText(text))
          .filter((file) => !view.isAnalysed(file) && !file.isDeclarationFile());
        answer =
          declarers.some((file) => mayDeclareGlobals(file) && view.references.declarationsIn(file, name).length > 0) ||
          others.some(mayDeclareGlobals);
        answers.set(name, answer);
      }
      return answer;
    };
    return {
      mayDeclare,
      followsNodeModulesJs: (depth ?? 0) > 0,
    };
  });
}

/**
 * True when the file's first statement, after its directives (`'use client';`), is
 * an import or export declaration (`import {`, `import *`, `import x from`,
 * `import x,`, `import type {`, `import 'x'`, `export …` but `export as`): the file is a module
 * (`ts.isExternalModule`) whatever the compiler options, as such a declaration
 * makes one, so its top-level declarations are no globals. Told by scanning
 * its first tokens; false when they show no such declaration (a script, or a
 * module that opens some other way).
 */
export function opensAsModule(text: string): boolean {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  let token = scanner.scan();
  while (token === ts.SyntaxKind.StringLiteral) {
    token = scanner.scan();
    if (token === ts.SyntaxKind.SemicolonToken) token = scanner.scan();
    else if (!scanner.hasPrecedingLineBreak()) return false;
  }
  // Every `export` a statement opens with makes a module but `export as namespace X` (a UMD global's name).
  if (token === ts.SyntaxKind.ExportKeyword) return scanner.scan() !== ts.SyntaxKind.AsKeyword;
  if (token !== ts.SyntaxKind.ImportKeyword) return false;
  const second = scanner.scan();
  if (IMPORT_OPENERS.has(second)) return true;
  if (second !== ts.SyntaxKind.Identifier && second !== ts.SyntaxKind.TypeKeyword) return false;
  const third = scanner.scan();
  if (third === ts.SyntaxKind.FromKeyword || third === ts.SyntaxKind.CommaToken) return true;
  return (
    second === ts.SyntaxKind.TypeKeyword &&
    (third === ts.SyntaxKind.OpenBraceToken || third === ts.SyntaxKind.AsteriskToken)
  );
}

/** Tokens after `import` that only an import declaration has there: `import {`, `import *`, `import 'x'`. */
const IMPORT_OPENERS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.OpenBraceToken,
  ts.SyntaxKind.AsteriskToken,
  ts.SyntaxKind.StringLiteral,
]);

/**
 * The variable or parameter a plain name stands for when syntax settles it as
 * one of its file's bindings (`syntacticBindingOf`) declared whole (not a
 * name destructured from a pattern); undefined otherwise.
 */
export function wholeDeclarationOf(
  view: ProjectView,
  file: SourceFile,
  name: ts.Identifier,
): ts.VariableDeclaration | ts.ParameterDeclaration | undefined {
  const binding = syntacticBindingOf(view, file, name);
  if (binding?.kind !== 'local') return undefined;
  const declaration = binding.declaration.parent;
  return (ts.isVariableDeclaration(declaration) || ts.isParameter(declaration)) &&
    declaration.name === binding.declaration
    ? declaration
    : undefined;
}

/**
 * The class a name read as a value stands for (`X` in `new X()`), told from
 * syntax, or `undefined` when only the checker can tell. Settled: a class
 * the file declares, and a class imported (`import { X }`, `import X`) from
 * an analysed TypeScript module or a dependency's declaration file, followed
 * through `export { … }`, `export { … } from` and `export * from` to the one
 * class declaration the name ends at; and in a JavaScript file, a class a
 * `require` of the project's CommonJS module names (`commonJsExportOf`). Not
 * settled: anything else, a class merged with another declaration of its name
 * (an interface, a namespace), a module with `export =`, an anonymous default
 * class, and a path through a module that a module augmentation of the
 * project targets (`augmentedModulesOf`). A dependency's declaration files
 * are taken not to augment another module's classes. An ES module written in
 * JavaScript is read as one in TypeScript (the binder ignores `module.exports`
 * there).
 */
export function syntacticClassOf(
  view: ProjectView,
  file: SourceFile,
  identifier: ts.Identifier,
): ts.ClassDeclaration | undefined {
  const binding = syntacticBindingOf(view, file, identifier);
  if (binding?.kind !== 'local') return undefined;
  const found = classOfDeclaredName(view, projectModule(view, file), binding.declaration, 0);
  if (found?.kind !== 'class' || found.node.name === undefined) return undefined;
  return augmentedModulesOf(view).has(found.node.getSourceFile().fileName) ? undefined : found.node;
}

/**
 * True when a name read as a value (`Job` in `new Job()`) stands for a
 * constructor with no class declaration, told from syntax as
 * `syntacticClassOf` tells a class: a function declaration or a `const`
 * function expression of the file, or one a `require` of the project's
 * CommonJS module names, or the class expression such a module assigns to
 * `module.exports` (`module.exports = class Lock {…}`). What `new` makes of
 * it has no class or interface among its symbol's declarations (an error in
 * TypeScript, a constructor function's own type in JavaScript, a class
 * expression's instance).
 */
export function isClasslessConstructor(view: ProjectView, file: SourceFile, identifier: ts.Identifier): boolean {
  const binding = syntacticBindingOf(view, file, identifier);
  // A module augmentation may merge an interface with an exported function: its symbol is then the checker's.
  if (binding?.kind !== 'local' || augmentedModulesOf(view).has(file.compilerNode.fileName)) return false;
  return classOfDeclaredName(view, projectModule(view, file), binding.declaration, 0)?.kind === 'classless';
}

/**
 * The function an imported or required name read as a value stands for
 * (`processJobs` of `import { processJobs } from '../utils'`), followed as
 * `syntacticClassOf` follows a class: a function declaration, or a `const`
 * declared with a function expression or an arrow function, that is the only
 * declaration of its name in its module. Undefined for anything else, a
 * function the file declares itself included.
 */
export function importedFunctionOf(
  view: ProjectView,
  file: SourceFile,
  identifier: ts.Identifier,
): DeclaredFunction | undefined {
  const binding = syntacticBindingOf(view, file, identifier);
  if (binding?.kind !== 'local' || augmentedModulesOf(view).has(file.compilerNode.fileName)) return undefined;
  const own = binding.declaration.parent;
  if (isFunctionDeclared(own) || isArrowDeclared(own)) return undefined;
  const found = classOfDeclaredName(view, projectModule(view, file), binding.declaration, 0);
  return found?.kind === 'classless' || found?.kind === 'arrow' ? found.declared : undefined;
}

/**
 * True when syntax shows that a name read as a value stands for a function
 * declaration (the file's own or one it imports, as `importedFunctionOf`
 * follows it, without JSDoc tags in JavaScript) or for a module's namespace
 * object (`import * as Effect from 'effect/Effect'`, of an analysed
 * TypeScript module or a dependency's declaration file, an external module
 * that assigns no `export =`, which would make the name that value instead).
 * A module the project augments or declares is left to the checker; a
 * dependency's declaration files are taken not to declare another package's
 * module (as `syntacticClassOf` takes them not to augment one). The symbol of
 * such a value's type (`typeof f`, the module's) has no class or interface
 * among its declarations, and the name's own symbol leads to no variable,
 * property or parameter: what the checker would show of it, without building
 * the program.
 */
export function isFunctionOrNamespaceName(view: ProjectView, file: SourceFile, identifier: ts.Identifier): boolean {
  const binding = syntacticBindingOf(view, file, identifier);
  if (binding?.kind !== 'local' || augmentedModulesOf(view).has(file.compilerNode.fileName)) return false;
  const value = moduleValueOf(binding.declaration, file.compilerNode);
  if (value?.via === 'import' && value.exported === '*') return isNamespaceOfModule(view, file, value.specifier);
  const found = classOfDeclaredName(view, projectModule(view, file), binding.declaration, 0);
  if (found?.kind !== 'classless' || found.declared === undefined || !ts.isFunctionDeclaration(found.declared))
    return false;
  return !isJavaScriptFile(found.declared.getSourceFile()) || ts.getJSDocTags(found.declared).length === 0;
}

/** True when `import * as name from specifier` reads a module syntax shows: TypeScript, external, no `export =`. */
function isNamespaceOfModule(view: ProjectView, file: SourceFile, specifier: ts.StringLiteralLike): boolean {
  const path = view.resolveModule(file.compilerNode, specifier);
  if (path === undefined || augmentedModulesOf(view).has(path)) return false;
  const project = view.sourceFileAt(path);
  let tree: ts.SourceFile | undefined;
  if (project !== undefined && view.isAnalysed(project))
    tree = isJavaScriptFile(project.compilerNode) ? undefined : project.compilerNode;
  // A dependency's declaration file: its `declare module` blocks augment other modules, never adding `export =`.
  else tree = view.declarationFile(path);
  return (
    tree !== undefined &&
    ts.isExternalModule(tree) &&
    !tree.statements.some((statement) => ts.isExportAssignment(statement) && statement.isExportEquals === true)
  );
}

/**
 * True when syntax shows that a name read as a value is what a dependency
 * without types exports, which the checker types `any`: bound by a
 * `require('m')` of its own or a property destructured from one (JavaScript,
 * without a default, a rest or a JSDoc type) or an import
 * of `m` (default, namespace or named), where `m` names a package (not a
 * relative path, not one of Node's modules) that resolves, as the program
 * resolves it, to JavaScript inside `node_modules` (no declaration file,
 * `@types` package or `types` entry was found first) that the program does
 * not load: `maxNodeModuleJsDepth` is 0 (a tsconfig's default) and it is not
 * one of the project's files. No file of the project may declare the module
 * (`declare module 'm'`, or any pattern); a dependency's declaration files
 * are taken not to declare another package's module (as `syntacticClassOf`
 * takes them not to augment one).
 */
export function isUntypedDependencyName(view: ProjectView, file: SourceFile, identifier: ts.Identifier): boolean {
  if ((view.project.getCompilerOptions().maxNodeModuleJsDepth ?? 0) > 0) return false;
  const binding = syntacticBindingOf(view, file, identifier);
  if (binding?.kind !== 'local') return false;
  // A property destructured from a `require` (`const { Lock } = require('bmutex')`) is a property of `any`: `any`.
  const value = moduleValueOf(binding.declaration, file.compilerNode);
  if (value === undefined) return false;
  const { specifier } = value;
  if (/^[./]/.test(specifier.text) || isBuiltin(specifier.text)) return false;
  const path = view.resolveModule(file.compilerNode, specifier);
  if (path === undefined || !/\/node_modules\/.*\.(?:[cm]?js|jsx)$/.test(path)) return false;
  // A file of the project's own (a root of the program, whatever its folder) is in the program: typed.
  if (view.sourceFileAt(path) !== undefined) return false;
  return !moduleDeclarationsOf(view).some(
    ({ declaration }) => declaration.name.text === specifier.text || declaration.name.text.includes('*'),
  );
}

/** How a name's declaration takes its value from a module (`moduleValueOf`). */
interface ModuleValue {
  specifier: ts.StringLiteralLike;
  /** `*` for the module itself (a namespace import, or what a `require` returns), `default`, or an export's name. */
  exported: string;
  via: 'import' | 'require';
}

/**
 * How a name's declaration takes its value from a module: an import (default,
 * namespace or named; not type-only or deferred), or in JavaScript a
 * `const x = require('m')` or a property destructured from one
 * (`const { X } = require('m')`, without a default, a rest or a JSDoc type).
 * Undefined for any other declaration.
 */
function moduleValueOf(nameNode: ts.Node, tree: ts.SourceFile): ModuleValue | undefined {
  const declaration = nameNode.parent;
  let specifier: ts.Expression | undefined;
  let exported: string;
  let via: ModuleValue['via'] = 'import';
  if (ts.isImportSpecifier(declaration)) {
    const imported = declaration.propertyName ?? declaration.name;
    const clause = declaration.parent.parent;
    if (declaration.isTypeOnly || clause.phaseModifier !== undefined || !ts.isIdentifier(imported)) return undefined;
    exported = imported.text;
    specifier = clause.parent.moduleSpecifier;
  } else if (ts.isImportClause(declaration)) {
    if (declaration.name !== nameNode || declaration.phaseModifier !== undefined) return undefined;
    exported = 'default';
    specifier = declaration.parent.moduleSpecifier;
  } else if (ts.isNamespaceImport(declaration)) {
    if (declaration.parent.phaseModifier !== undefined) return undefined;
    exported = '*';
    specifier = declaration.parent.parent.moduleSpecifier;
  } else if (ts.isVariableDeclaration(declaration) && isJavaScriptFile(tree)) {
    if (declaration.name !== nameNode || declaration.initializer === undefined) return undefined;
    if (ts.getJSDocTypeTag(declaration) !== undefined) return undefined;
    exported = '*';
    via = 'require';
    specifier = requiredSpecifierOf(declaration.initializer);
  } else if (ts.isBindingElement(declaration) && isJavaScriptFile(tree)) {
    const key = declaration.propertyName ?? declaration.name;
    const pattern = declaration.parent;
    const variable = pattern.parent;
    if (
      declaration.dotDotDotToken !== undefined ||
      declaration.initializer !== undefined ||
      !ts.isIdentifier(key) ||
      !ts.isObjectBindingPattern(pattern) ||
      !ts.isVariableDeclaration(variable) ||
      variable.initializer === undefined ||
      ts.getJSDocTypeTag(variable) !== undefined
    )
      return undefined;
    exported = key.text;
    via = 'require';
    specifier = requiredSpecifierOf(variable.initializer);
  } else return undefined;
  return specifier !== undefined && ts.isStringLiteralLike(specifier) ? { specifier, exported, via } : undefined;
}

/** What a name exported or declared in a module is, as far as syntax tells; undefined when it cannot. */
type Resolved =
  | { kind: 'class'; node: ts.ClassDeclaration }
  /** A constructor without a class declaration; `declared` when a function declaration or `const` function is it. */
  | { kind: 'classless'; declared?: DeclaredFunction }
  /** A `const` declared with an arrow function: a function, no constructor. */
  | { kind: 'arrow'; declared: ts.VariableDeclaration }
  | { kind: 'absent' }
  | { kind: 'other' };

/** A function declaration, or a `const` declared with a function expression or an arrow function. */
type DeclaredFunction = ts.FunctionDeclaration | ts.VariableDeclaration;

/** A module whose exports are read from syntax: its tree, and the declarations of a name in it that may merge. */
interface SyntaxModule {
  tree: ts.SourceFile;
  declarationsOf(name: string): readonly ts.Node[];
}

/** An analysed file: every declaration of the name anywhere in it counts (the reference index's). */
function projectModule(view: ProjectView, file: SourceFile): SyntaxModule {
  return { tree: file.compilerNode, declarationsOf: (name) => view.references.declarationsIn(file, name) };
}

/**
 * A declaration file read as a module, made once per file (the classes a project imports from one dependency are
 * looked up through the same file again and again): undefined when its text declares a module by name (`declare
 * module 'x'`), whose exports syntax does not place.
 */
function declarationModuleOf(view: ProjectView, tree: ts.SourceFile): SyntaxModule | undefined {
  const known = view.memo(
    'name-binding:declaration-modules',
    () => new WeakMap<ts.SourceFile, { module?: SyntaxModule }>(),
  );
  let found = known.get(tree);
  if (found === undefined) {
    found = tree.text.includes('declare module') ? {} : { module: declarationModule(tree) };
    known.set(tree, found);
  }
  return found.module;
}

/** A declaration file: the names its top-level statements declare (a module's names merge only there). */
function declarationModule(tree: ts.SourceFile): SyntaxModule {
  let byName: Map<string, ts.Node[]> | undefined;
  return {
    tree,
    declarationsOf: (name) => (byName ??= topLevelNamesOf(tree)).get(name) ?? [],
  };
}

/** The declared names of a file's top-level statements, by name. */
function topLevelNamesOf(tree: ts.SourceFile): Map<string, ts.Node[]> {
  const out = new Map<string, ts.Node[]>();
  const add = (name: ts.Node | undefined): void => {
    if (name === undefined || !ts.isIdentifier(name)) return;
    const list = out.get(name.text);
    if (list === undefined) out.set(name.text, [name]);
    else list.push(name);
  };
  for (const statement of tree.statements) {
    if (ts.isVariableStatement(statement))
      for (const declaration of statement.declarationList.declarations)
        for (const name of bindingNamesOf(declaration.name)) add(name);
    else if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      add(clause?.name);
      const bindings = clause?.namedBindings;
      if (bindings !== undefined && ts.isNamespaceImport(bindings)) add(bindings.name);
      else if (bindings !== undefined) for (const element of bindings.elements) add(element.name);
    } else add(statementNameOf(statement));
  }
  return out;
}

/** Chains of re-exports followed at most this deep. */
const MAX_EXPORT_HOPS = 8;

/** The class a declared name (its name node) is, through an import to the exporting module. */
function classOfDeclaredName(
  view: ProjectView,
  module: SyntaxModule,
  nameNode: ts.Node,
  hops: number,
): Resolved | undefined {
  const declaration = nameNode.parent;
  if (module.declarationsOf(nameNode.getText(module.tree)).length !== 1) return undefined;
  if (ts.isClassDeclaration(declaration)) return { kind: 'class', node: declaration };
  if (isFunctionDeclared(declaration)) return { kind: 'classless', declared: declaration };
  if (isArrowDeclared(declaration)) return { kind: 'arrow', declared: declaration };
  if (ts.isImportSpecifier(declaration)) {
    const imported = declaration.propertyName ?? declaration.name;
    const importDeclaration = declaration.parent.parent.parent;
    if (
      declaration.isTypeOnly ||
      importDeclaration.importClause?.phaseModifier !== undefined ||
      !ts.isIdentifier(imported)
    )
      return undefined;
    return exportedFrom(view, module, importDeclaration.moduleSpecifier, imported.text, hops + 1);
  }
  if (ts.isImportClause(declaration) && declaration.name === nameNode && declaration.phaseModifier === undefined)
    return exportedFrom(view, module, declaration.parent.moduleSpecifier, 'default', hops + 1);
  if (ts.isVariableDeclaration(declaration) && isJavaScriptFile(module.tree) && declaration.initializer !== undefined) {
    // `const Deque = require('./Deque')`: an alias of what the module assigns to `module.exports`, as an import is.
    const specifier = requiredSpecifierOf(declaration.initializer);
    if (specifier !== undefined)
      return ts.getJSDocTypeTag(declaration) === undefined
        ? commonJsExportOf(view, module, specifier, hops + 1)
        : undefined;
  }
  // `const { Lock } = require('./lock')`: a property of what the module assigns to `module.exports`.
  if (ts.isBindingElement(declaration) && isJavaScriptFile(module.tree)) {
    const pattern = declaration.parent;
    const variable = pattern.parent;
    const key = declaration.propertyName ?? declaration.name;
    const specifier =
      ts.isVariableDeclaration(variable) && variable.initializer !== undefined
        ? requiredSpecifierOf(variable.initializer)
        : undefined;
    if (specifier === undefined || !ts.isObjectBindingPattern(pattern)) return { kind: 'other' };
    if (declaration.dotDotDotToken !== undefined || declaration.initializer !== undefined || !ts.isIdentifier(key))
      return undefined;
    return ts.getJSDocTags(variable).length === 0
      ? commonJsExportOf(view, module, specifier, hops + 1, key.text)
      : undefined;
  }
  return { kind: 'other' };
}

/**
 * What `exported` is in the module a specifier resolves to: an analysed
 * TypeScript module, or a declaration file (a dependency's) that declares no
 * module of its own; not a module the project augments; anything else is not
 * read.
 */
function exportedFrom(
  view: ProjectView,
  from: SyntaxModule,
  specifier: ts.Expression,
  exported: string,
  hops: number,
): Resolved | undefined {
  if (hops > MAX_EXPORT_HOPS || !ts.isStringLiteralLike(specifier)) return undefined;
  const path = view.resolveModule(from.tree, specifier);
  if (path === undefined || augmentedModulesOf(view).has(path)) return undefined;
  const project = view.sourceFileAt(path);
  let target: SyntaxModule | undefined;
  if (project !== undefined && view.isAnalysed(project)) {
    target = projectModule(view, project);
  } else {
    const tree = view.declarationFile(path);
    if (tree !== undefined) target = declarationModuleOf(view, tree);
  }
  if (target === undefined || !ts.isExternalModule(target.tree)) return undefined;
  return exportOf(view, target, exported, hops);
}

/** A `const` given an arrow function (`const flush = () => …`). */
function isArrowDeclared(declaration: ts.Node): declaration is ts.VariableDeclaration {
  return isConstantOf(declaration, ts.isArrowFunction);
}

/** A `const` whose initialiser, as written (no parentheses), passes `test`. */
export function isConstantOf(
  declaration: ts.Node,
  test: (initializer: ts.Expression) => boolean,
): declaration is ts.VariableDeclaration {
  return (
    ts.isVariableDeclaration(declaration) &&
    declaration.initializer !== undefined &&
    test(declaration.initializer) &&
    ts.isVariableDeclarationList(declaration.parent) &&
    (declaration.parent.flags & ts.NodeFlags.Const) !== 0
  );
}

/**
 * True for a function declaration, or a `const` given a function expression
 * (`const Job = function (queue) { … }`, JavaScript's constructor function).
 */
function isFunctionDeclared(declaration: ts.Node): declaration is DeclaredFunction {
  return ts.isFunctionDeclaration(declaration) || isConstantOf(declaration, ts.isFunctionExpression);
}

/**
 * What a CommonJS module a `require` resolves to assigns to `module.exports`:
 * an analysed JavaScript file that is no ES module, whose text assigns
 * `exports` once, in a top-level `module.exports = Name` (`localClass`) or
 * `module.exports = class … {}` (a constructor without a class declaration);
 * given a property, what the object literal it assigns holds there
 * (`exportedProperty`). Anything else is not read: another assignment anywhere (`exports =
 * module.exports = …`, one in a function), `module` or `exports` declared by
 * the file, `module[…]`, a name with escapes, another value.
 */
function commonJsExportOf(
  view: ProjectView,
  from: SyntaxModule,
  specifier: ts.StringLiteralLike,
  hops: number,
  property?: string,
): Resolved | undefined {
  if (hops > MAX_EXPORT_HOPS) return undefined;
  const path = view.resolveModule(from.tree, specifier);
  if (path === undefined || augmentedModulesOf(view).has(path)) return undefined;
  const file = view.sourceFileAt(path);
  if (file === undefined || !view.isAnalysed(file) || !isJavaScriptFile(file)) return undefined;
  const tree = file.compilerNode;
  const text = tree.text;
  if (ts.isExternalModule(tree) || text.includes('\\u') || /\bmodule\s*\[/.test(text)) return undefined;
  if ((text.match(/\bexports\s*=(?!=)/g) ?? []).length !== 1) return undefined;
  const target = projectModule(view, file);
  if (target.declarationsOf('module').length > 0 || target.declarationsOf('exports').length > 0) return undefined;
  for (const statement of tree.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
    const { left, operatorToken, right } = statement.expression;
    if (operatorToken.kind !== ts.SyntaxKind.EqualsToken || !isModuleExports(left)) continue;
    if (property !== undefined) return exportedProperty(view, target, statement, property, hops);
    // A class expression, written in place: in parentheses, a JSDoc `@type` could give the exports another type.
    if (ts.isClassExpression(right)) return { kind: 'classless' };
    return ts.isIdentifier(right) ? localClass(view, target, right.text, hops) : undefined;
  }
  return undefined;
}

/**
 * What `module.exports = { … }` gives as one property: a name the module
 * declares (`{ Lock }`, `{ Lock: LocalLock }`) or a class expression written
 * in place. Not read: an object with a spread or a name syntax cannot read, a
 * property named twice, with JSDoc, a getter or method, another value, and a
 * module that writes the property otherwise (`module.exports.Lock = …`,
 * `exports[…]`, `Object.defineProperty`).
 */
function exportedProperty(
  view: ProjectView,
  module: SyntaxModule,
  statement: ts.ExpressionStatement,
  property: string,
  hops: number,
): Resolved | undefined {
  const value = (statement.expression as ts.BinaryExpression).right;
  const text = module.tree.text;
  if (!ts.isObjectLiteralExpression(value) || ts.getJSDocTags(statement).length > 0) return undefined;
  if (new RegExp(`\\bexports\\s*(?:\\[|\\.\\s*${wordOf(property)})`).test(text) || text.includes('defineProperty'))
    return undefined;
  let found: ts.ObjectLiteralElementLike | undefined;
  for (const element of value.properties) {
    const name = element.name;
    if (name === undefined || !(ts.isIdentifier(name) || ts.isStringLiteral(name))) return undefined;
    if (name.text !== property) continue;
    if (found !== undefined) return undefined;
    found = element;
  }
  if (found === undefined || ts.getJSDocTags(found).length > 0) return undefined;
  if (ts.isShorthandPropertyAssignment(found))
    return found.objectAssignmentInitializer === undefined ? localClass(view, module, property, hops) : undefined;
  if (!ts.isPropertyAssignment(found)) return undefined;
  if (ts.isClassExpression(found.initializer)) return { kind: 'classless' };
  return ts.isIdentifier(found.initializer) ? localClass(view, module, found.initializer.text, hops) : undefined;
}

/**
 * What a module exports as `exported`: its own exports first (a declaration
 * with `export`, `export { a as b }`, `export default x`), else the one
 * `export *` module that has it (more than one is ambiguous: not settled).
 */
function exportOf(view: ProjectView, module: SyntaxModule, exported: string, hops: number): Resolved | undefined {
  const own: (() => Resolved | undefined)[] = [];
  const stars: ts.Expression[] = [];
  for (const statement of module.tree.statements) {
    if (ts.isExportAssignment(statement)) {
      if (statement.isExportEquals === true) return undefined;
      if (exported === 'default') {
        const value = statement.expression;
        own.push(() => (ts.isIdentifier(value) ? localClass(view, module, value.text, hops) : { kind: 'other' }));
      }
    } else if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      const from = statement.moduleSpecifier;
      if (clause === undefined) {
        if (from !== undefined && !statement.isTypeOnly) stars.push(from);
      } else if (ts.isNamespaceExport(clause)) {
        if (clause.name.text === exported) own.push(() => ({ kind: 'other' }));
      } else {
        for (const element of clause.elements) {
          if (element.name.text !== exported) continue;
          const local = element.propertyName ?? element.name;
          if (statement.isTypeOnly || element.isTypeOnly || !ts.isIdentifier(local)) own.push(() => undefined);
          else if (from !== undefined) own.push(() => exportedFrom(view, module, from, local.text, hops + 1));
          else own.push(() => localClass(view, module, local.text, hops));
        }
      }
    } else if (exportsByModifier(statement, exported)) {
      own.push(() => {
        if (ts.isClassDeclaration(statement))
          return statement.name === undefined
            ? { kind: 'class', node: statement }
            : classOfDeclaredName(view, module, statement.name, hops);
        // `export function f`, `export const f = function …`: what the declaration is, a function (classless) or not.
        const name = ts.isVariableStatement(statement)
          ? statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === exported)
              ?.name
          : statementNameOf(statement);
        return name !== undefined && (isFunctionDeclared(name.parent) || isArrowDeclared(name.parent))
          ? classOfDeclaredName(view, module, name, hops)
          : { kind: 'other' };
      });
    }
  }
  if (own.length > 1) return undefined;
  const [first] = own;
  if (first !== undefined) return first();
  let found: Resolved = { kind: 'absent' };
  for (const from of stars) {
    const resolved = exportedFrom(view, module, from, exported, hops + 1);
    if (resolved === undefined) return undefined;
    if (resolved.kind === 'absent') continue;
    if (found.kind !== 'absent') return undefined;
    found = resolved;
  }
  return found;
}

/** What a name declared at a module's top level is (`export { X }`, `export default X`). */
function localClass(view: ProjectView, module: SyntaxModule, name: string, hops: number): Resolved | undefined {
  const declared = module.declarationsOf(name);
  const [only] = declared;
  if (declared.length !== 1 || only === undefined || !ts.isSourceFile(declarationStatementOf(only).parent))
    return undefined;
  return classOfDeclaredName(view, module, only, hops);
}

/** The top-level statement (or nested node) a declared name belongs to: its import declaration, variable statement or declaration. */
function declarationStatementOf(nameNode: ts.Node): ts.Node {
  let at = nameNode.parent;
  while (
    ts.isBindingElement(at) ||
    ts.isObjectBindingPattern(at) ||
    ts.isArrayBindingPattern(at) ||
    ts.isVariableDeclaration(at) ||
    ts.isVariableDeclarationList(at) ||
    ts.isImportSpecifier(at) ||
    ts.isNamedImports(at) ||
    ts.isNamespaceImport(at) ||
    ts.isImportClause(at)
  )
    at = at.parent;
  return at;
}

/** True when a statement with the `export` modifier exports `exported` (`export default class` as `default`). */
function exportsByModifier(statement: ts.Statement, exported: string): boolean {
  if (!hasModifier(statement, ts.SyntaxKind.ExportKeyword)) return false;
  if (hasModifier(statement, ts.SyntaxKind.DefaultKeyword)) return exported === 'default';
  if (ts.isVariableStatement(statement))
    return statement.declarationList.declarations.some((d) => bindingNamesOf(d.name).some((n) => n.text === exported));
  const name = statementNameOf(statement);
  return name !== undefined && ts.isIdentifier(name) && name.text === exported;
}

/** The name a declaration statement declares: a function's, class's, interface's, type's, enum's, namespace's, `import x =`'s. */
function statementNameOf(statement: ts.Statement): ts.Node | undefined {
  return ts.isFunctionDeclaration(statement) ||
    ts.isClassDeclaration(statement) ||
    ts.isInterfaceDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) ||
    ts.isEnumDeclaration(statement) ||
    ts.isModuleDeclaration(statement) ||
    ts.isImportEqualsDeclaration(statement)
    ? statement.name
    : undefined;
}

/** A module's specifier as written, and the name of the export taken from it (`*` for the whole module). */
type ModuleImport = { module: string; name: string };

/**
 * What a name read as a value stands for when syntax shows it is imported
 * (`import { X }`, `import X`, in JavaScript also `const { X } = require(…)`)
 * from one of Node's built-in modules (`node:stream`, `stream`: `isBuiltin`)
 * that no file of the project augments (`declare module 'stream'`): the
 * specifier as written and the exported name. Undefined otherwise, and for a
 * type-only or deferred import, or a destructuring with a default, a rest or
 * a JSDoc type.
 * A dependency's declaration files are taken not to augment Node's modules
 * (as `syntacticClassOf` takes them not to augment other modules).
 */
export function builtinImportOf(
  view: ProjectView,
  file: SourceFile,
  identifier: ts.Identifier,
): ModuleImport | undefined {
  const imported = moduleImportOf(view, file, identifier);
  return imported !== undefined && isBuiltinUnaugmented(view, imported.module) ? imported : undefined;
}

/**
 * The module and export a name read as a value is imported or required from (`nanoid` of `const { nanoid } =
 * require('nanoid/non-secure')`): the specifier as written and the exported name, as `builtinImportOf` reads them
 * but from any module. Undefined for a namespace import or a whole module's `require`, and for what `moduleValueOf`
 * leaves out (a type-only or deferred import, a destructuring with a default, a rest or a JSDoc type).
 */
export function moduleImportOf(
  view: ProjectView,
  file: SourceFile,
  identifier: ts.Identifier,
): ModuleImport | undefined {
  const value = localModuleValueOf(view, file, identifier);
  return value === undefined || value.exported === '*'
    ? undefined
    : { module: value.specifier.text, name: value.exported };
}

/**
 * The specifier of the Node built-in module a name is imported from, as
 * `builtinImportOf` finds it, a namespace import (`import * as cp`,
 * `const cp = require('child_process')`) included.
 */
export function builtinModuleOf(view: ProjectView, file: SourceFile, identifier: ts.Identifier): string | undefined {
  return builtinModuleValueOf(view, file, identifier)?.specifier.text;
}

/** How a name takes its value from a Node built-in module no file of the project augments (`builtinImportOf`). */
function builtinModuleValueOf(view: ProjectView, file: SourceFile, identifier: ts.Identifier): ModuleValue | undefined {
  const value = localModuleValueOf(view, file, identifier);
  return value !== undefined && isBuiltinUnaugmented(view, value.specifier.text) ? value : undefined;
}

/**
 * How a name syntax settles as one of its file's bindings takes its value from a module (`moduleValueOf`): `const {
 * URL } = require('url')` binds the module's export of that name, as `import { URL } from 'url'` does.
 */
function localModuleValueOf(view: ProjectView, file: SourceFile, identifier: ts.Identifier): ModuleValue | undefined {
  const binding = syntacticBindingOf(view, file, identifier);
  return binding?.kind === 'local' ? moduleValueOf(binding.declaration, file.compilerNode) : undefined;
}

/** True for one of Node's built-in modules (`isBuiltin`) that no file of the project augments. */
function isBuiltinUnaugmented(view: ProjectView, specifier: string): boolean {
  return isBuiltin(specifier) && !builtinAugmentationsOf(view).has(specifier.replace(/^node:/, ''));
}

/**
 * What a CommonJS `require` binds a declaration's name to, as `moduleValueOf` reads it in a JavaScript file: `const
 * lock = require('async-lock')` the whole module (`*`), `const { Mutex } = require('async-mutex')` (and `{ Mutex: M
 * }`) the export `Mutex`. Undefined for an import and for anything else.
 */
export function requiredValueOf(nameNode: ts.Node, tree: ts.SourceFile): ModuleImport | undefined {
  const value = moduleValueOf(nameNode, tree);
  return value?.via === 'require' ? { module: value.specifier.text, name: value.exported } : undefined;
}

/** The built-in modules (without `node:`) that a `declare module` block in the project's own files names. */
function builtinAugmentationsOf(view: ProjectView): ReadonlySet<string> {
  return view.memo('name-binding:builtin-augmentations', () => {
    const names = moduleDeclarationsOf(view).map(({ declaration }) => declaration.name.text);
    return new Set(names.filter((name) => isBuiltin(name)).map((name) => name.replace(/^node:/, '')));
  });
}

/**
 * The `declare module '…'` blocks of the project's own files (not those of
 * `node_modules`), with their files: top-level statements only, where the
 * language allows them (ambient modules do not nest).
 */
function moduleDeclarationsOf(
  view: ProjectView,
): readonly { file: ts.SourceFile; declaration: ts.ModuleDeclaration & { name: ts.StringLiteral } }[] {
  return view.memo('name-binding:module-declarations', () =>
    view
      .sourceFilesWhoseText((text) => text.includes('declare module'))
      .filter((file) => !file.isInNodeModules())
      .flatMap((file) =>
        file.compilerNode.statements
          .filter((s): s is ts.ModuleDeclaration & { name: ts.StringLiteral } => {
            return ts.isModuleDeclaration(s) && ts.isStringLiteral(s.name);
          })
          .map((declaration) => ({ file: file.compilerNode, declaration })),
      ),
  );
}

/**
 * True when syntax shows that no other declaration merges with a class of the
 * file: the file is a module (`isModuleFile`: its names are not globals that
 * other files' interfaces could merge with), no module augmentation targets it
 * (`augmentedModulesOf`), and the file declares the class's name once (a class
 * expression's name is its own).
 */
export function isUnmergedClass(view: ProjectView, file: SourceFile, node: ts.ClassLikeDeclaration): boolean {
  if (!isModuleFile(view, file) || augmentedModulesOf(view).has(file.compilerNode.fileName)) return false;
  return (
    ts.isClassExpression(node) ||
    (node.name !== undefined && view.references.declarationsIn(file, node.name.text).length === 1)
  );
}

/**
 * The files that module augmentations in the project's own files target
 * (`declare module './queue' { interface Queue { … } }`, resolved as an
 * import of the file that holds it): they can add members to the classes
 * those modules export, so no class is resolved through them.
 */
function augmentedModulesOf(view: ProjectView): ReadonlySet<string> {
  return view.memo('name-binding:augmented-modules', () => {
    const out = new Set<string>();
    for (const { file, declaration } of moduleDeclarationsOf(view)) {
      const target = view.resolveModule(file, declaration.name);
      if (target !== undefined) out.add(target);
    }
    return out;
  });
}
