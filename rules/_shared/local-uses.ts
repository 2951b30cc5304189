import { ts } from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import type { Occurrence, ProjectView } from '../../src/model/project-view.js';
import { hasModifier } from './ast/has-modifier.js';
import { isInAmbientCompilerContext } from './ast/ambient.js';
import { isJavaScriptFile } from './ast/is-javascript-file.js';
import { requiredSpecifierOf } from './ast/required-specifier.js';

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
 * Syntax first (`syntacticUsesOf`); only where syntax cannot settle it (a
 * type, an enum or an import of the name, a redeclaration in the same scope,
 * a decorator) does the checker decide which occurrences are this binding;
 * one it cannot resolve still counts.
 */
export function localUsesOf(view: ProjectView, file: SourceFile, nameNode: ts.Node): LocalUses {
  const found = occurrencesOf(view, file, nameNode);
  return usesFrom(found.occurrences.filter(bindingTest(view, found, nameNode)));
}

/**
 * True when some occurrence of the binding in its file satisfies `isUse`:
 * `localUsesOf(...)` followed by a test of each occurrence, with the checker
 * asked (when syntax cannot settle it) only about occurrences that pass
 * `isUse`, and only until one is found to be this binding.
 */
export function hasLocalUse(
  view: ProjectView,
  file: SourceFile,
  nameNode: ts.Node,
  isUse: (occurrence: Occurrence) => boolean,
): boolean {
  const found = occurrencesOf(view, file, nameNode);
  // Occurrences syntax places in this binding answer first: a use among them is one the checker would find.
  if (found.placed.some(isUse)) return true;
  const isThisBinding = bindingTest(view, found, nameNode);
  return found.occurrences.some((o) => isUse(o) && isThisBinding(o));
}

/**
 * Which of the occurrences syntax found are this binding: all of them when
 * syntax settled it; else those the checker resolves to the binding's symbol
 * (every one when the checker has no symbol for the declaration).
 */
function bindingTest(view: ProjectView, found: FoundOccurrences, nameNode: ts.Node): (o: Occurrence) => boolean {
  if (found.settled) return () => true;
  const checker = view.project.getTypeChecker().compilerObject;
  const own = checker.getSymbolAtLocation(nameNode);
  return own === undefined ? () => true : (o) => isSameBinding(checker, o.compilerNode, own);
}

/**
 * The uses of a binding found from syntax alone, without the checker, or
 * `undefined` when syntax cannot tell which occurrences are this binding
 * (then only `localUsesOf` can). A name can be seen only inside the scope
 * around its declaration (`visibilityScopeOf`), and when that scope declares
 * the name once, every plain occurrence inside it is this binding; when it
 * declares the name again, the scopes of those inner declarations are cut out
 * (`lexicalOccurrencesOf`).
 */
export function syntacticUsesOf(view: ProjectView, file: SourceFile, nameNode: ts.Node): LocalUses | undefined {
  const found = occurrencesOf(view, file, nameNode);
  return found.settled ? usesFrom(found.occurrences) : undefined;
}

/**
 * The occurrences syntax places in a binding, even where it cannot settle
 * all of them (`syntacticUsesOf` is then undefined): with a name of the
 * binding in a type where the binding names only a value, or in a decorator,
 * the other occurrences are still told apart from syntax
 * (`lexicalOccurrencesOf`); every occurrence when they are settled, none
 * when syntax cannot tell any.
 */
export function placedOccurrencesOf(view: ProjectView, file: SourceFile, nameNode: ts.Node): readonly Occurrence[] {
  return occurrencesOf(view, file, nameNode).placed;
}

/**
 * The binding's occurrences as syntax finds them: `settled` when they are
 * exactly this binding's; else every plain occurrence in the scope it can be
 * seen from, for the checker to sort. Names outside that scope cannot be this
 * binding, so the checker is never asked about them: with a name declared in
 * many functions of one file, asking about every occurrence for every
 * declaration grew with the square of the file.
 */
function occurrencesOf(view: ProjectView, file: SourceFile, nameNode: ts.Node): FoundOccurrences {
  // Asked up to three times per name (settled by syntax? used? its uses for the report): found once per run.
  const found = view.memo('local-uses', () => new WeakMap<ts.Node, FoundOccurrences>());
  let known = found.get(nameNode);
  if (known === undefined) {
    known = findOccurrences(view, file, nameNode);
    found.set(nameNode, known);
  }
  return known;
}

/** A binding's occurrences as syntax finds them (see `occurrencesOf`). */
interface FoundOccurrences {
  settled: boolean;
  occurrences: Occurrence[];
  /** `placedOccurrencesOf`. */
  placed: Occurrence[];
}

/** `occurrencesOf`, computed. */
function findOccurrences(view: ProjectView, file: SourceFile, nameNode: ts.Node): FoundOccurrences {
  // The name as the compiler reads it (`L\u0061tch` is `Latch`), as the reference index keys occurrences.
  const name = ts.isIdentifier(nameNode) ? nameNode.text : nameNode.getText(file.compilerNode);
  const plain = view.references.occurrencesIn(file, name).filter((o) => o.role === 'name');
  const scope = visibilityScopeOf(nameNode);
  // A namespace's export is seen by name in every block of the namespace, wherever the others are.
  if (ts.isModuleBlock(scope) && isExported(declarationAround(nameNode)))
    return { settled: false, occurrences: plain, placed: [] };
  // From the scope's first token: a function's own JSDoc is read outside the function (as in `lexicalOccurrencesOf`).
  const start = ts.isSourceFile(scope) ? 0 : scope.getStart(file.compilerNode);
  const inScope = plain.filter((o) => o.compilerNode.pos >= start && isWithin(o.compilerNode, scope));
  const declared = view.references.declarationsIn(file, name);
  // Another declaration of the name where this one can be seen: an occurrence there may mean either.
  const shadowed = declared.length > 1 && declared.some((other) => other !== nameNode && isWithin(other, scope));
  if (!shadowed) return { settled: true, occurrences: inScope, placed: inScope };
  const lexical = lexicalOccurrencesOf(file, nameNode, declared, plain);
  if (lexical === undefined) return { settled: false, occurrences: inScope, placed: [] };
  const settled = lexical.uncertain === 0;
  return { settled, occurrences: settled ? lexical.mine : inScope, placed: lexical.mine };
}

/**
 * The occurrences of a shadowed binding, told apart from syntax as the
 * checker would: those inside the block, function or loop the binding belongs
 * to (`exactScopeOf`; a file's or namespace body's imports), minus those
 * inside the scope of another declaration of the name nested in it (an inner
 * variable, parameter, function or class; a `catch` variable). An import
 * names a type as well as a value, and an inner declaration that names only a
 * value (all but a class) does not hide the type: an occurrence in a type
 * position there is still the import's. `undefined` when syntax cannot settle
 * it: the binding or an inner declaration of a kind not handled here (a type,
 * an enum, a namespace, an inner import, a function in a block of a script),
 * one declared again in the same scope (but as another `var` or overload of
 * it, or a `var` of a parameter's name, which is the same binding:
 * `isSameBindingAgain`; or the name of the function expression whose
 * parameter or `var` this is, which it hides). A name in a decorator or computed member name
 * (evaluated outside the member's own scope), or in a type position where
 * this binding names only a value (it may name a type declared elsewhere), is
 * counted in `uncertain`, for the checker, and the occurrences syntax does
 * place (`mine`) still stand.
 */
function lexicalOccurrencesOf(
  file: SourceFile,
  nameNode: ts.Node,
  declared: readonly ts.Node[],
  plain: readonly Occurrence[],
): { mine: Occurrence[]; uncertain: number } | undefined {
  // A module's import and variable of one name are one symbol, which names what the import names.
  const merged = new Set(declared.filter((other) => other !== nameNode && mergesWithImport(nameNode, other, file)));
  const imported = isImportName(nameNode) || isRequireAlias(nameNode, file) || merged.size > 0;
  const own = bindingScopeOf(nameNode, file);
  if (own === undefined) return undefined;
  const valueOnly = !imported && !ts.isClassDeclaration(declarationAround(nameNode));
  // Whether the binding's symbol also names a type: a class's, an import's, or a value's merged with a type of its
  // name declared in the same scope (`const Store = …` and `type Store = …` are one symbol).
  let namesType = !valueOnly;
  const inner: { scope: ts.Node; start: number; hidesTypes: boolean; hidesValues: boolean }[] = [];
  // Where an occurrence may be another declaration's, syntax cannot say: the bodies of a module's namespace that
  // declares a type of the name every body of the namespace sees (`declare namespace N { type Context = … }`; no
  // plain name outside a namespace sees its members, so the occurrences elsewhere are still placed), and the
  // signature of a function expression whose own name a `var` of the name hides in its body only (below).
  const uncertainIn: ts.Node[] = [];
  for (const other of declared) {
    if (other === nameNode || !isWithin(other, own)) continue;
    // A function expression's own name is bound in a scope around the function, so a parameter or `var` of the
    // name hides it (`req.range = function range() { var range = … }`): a parameter everywhere in the function, a
    // `var` in the body only (a parameter's initialiser or the signature's types may read the function's name,
    // which is left to the checker).
    if (ts.isFunctionExpression(own) && own.name === other) {
      if (!ts.isParameter(declarationAround(nameNode)))
        uncertainIn.push(
          ...own.parameters,
          ...(own.typeParameters ?? []),
          ...(own.type === undefined ? [] : [own.type]),
        );
      continue;
    }
    const typeScope = typeOnlyScopeOf(other, file);
    if (typeScope === 'unsettled') {
      const namespace = outermostNamespaceOf(other);
      if (!ts.isExternalModule(file.compilerNode) || namespace === undefined) return undefined;
      // Every body of that namespace in the file (a module's namespaces merge within it).
      for (const statement of file.compilerNode.statements)
        if (ts.isModuleDeclaration(statement) && statement.name.text === namespace.name.text)
          uncertainIn.push(statement);
      continue;
    }
    if (typeScope === own) {
      // A type of the name beside a class or an import of it: the two merge, or clash.
      if (!valueOnly) return undefined;
      namesType = true;
      continue;
    }
    if (typeScope !== undefined) {
      const start = ts.isSourceFile(typeScope) ? 0 : typeScope.getStart(file.compilerNode);
      inner.push({ scope: typeScope, start, hidesTypes: true, hidesValues: false });
      continue;
    }
    if (merged.has(other)) continue;
    const scope = exactScopeOf(other, file);
    // Declared again in the same scope as one binding: its other `var`s, or its other overloads.
    if (scope === own && isSameBindingAgain(nameNode, other)) continue;
    if (scope === undefined || scope === own || !isWithin(scope, own)) return undefined;
    const around = declarationAround(other);
    // From the scope's first token: TypeScript reads a function's own JSDoc (`@param {typeof X} X`) outside the
    // function, where its parameters and locals are not seen.
    const start = scope.getStart(file.compilerNode);
    const hidesTypes = ts.isClassDeclaration(around) || ts.isClassExpression(around);
    inner.push({ scope, start, hidesTypes, hidesValues: true });
  }
  const mine: Occurrence[] = [];
  let uncertain = 0;
  for (const occurrence of plain) {
    const node = occurrence.compilerNode;
    if (!isWithin(node, own)) continue;
    if (uncertainIn.some((namespace) => isWithin(node, namespace))) {
      uncertain++;
      continue;
    }
    // Checked before the inner scopes are cut out: `m(@dec() dec)` reads the outer `dec` inside the method.
    const position = positionOf(node, own);
    if (position === 'unsettled') {
      // A computed member name (`[baseQuery]?: T`) reads a value outside its member: hidden by a value declared
      // around it, not by the member's own parameters (`queryFn(baseQuery: …)`).
      const member = computedMemberOf(node, own);
      if (member === undefined) uncertain++;
      else if (
        !inner.some(
          (i) =>
            i.hidesValues &&
            i.scope !== member &&
            node.getStart(file.compilerNode) >= i.start &&
            isWithin(node, i.scope),
        )
      )
        mine.push(occurrence);
      continue;
    }
    const hiding = inner.filter((i) => node.getStart(file.compilerNode) >= i.start && isWithin(node, i.scope));
    // `X.T` in a type reads `X` as a namespace, which a type parameter or alias of the name does not declare, nor
    // an inner value (an inner namespace or import of the name is not handled here): an import's, where only types
    // hide it (`<App extends App.Default>`).
    if (ts.isQualifiedName(node.parent) && hiding.some((i) => !i.hidesValues)) {
      if (imported && hiding.every((i) => !i.hidesValues)) mine.push(occurrence);
      else uncertain++;
      continue;
    }
    // A value is hidden by a value of the name; a type by a type, where the binding names one; where it names only
    // a value, a name in a type is never it, and counts as uncertain unless hidden.
    const hidden =
      position === 'value'
        ? hiding.some((i) => i.hidesValues)
        : namesType
          ? hiding.some((i) => i.hidesTypes)
          : hiding.length > 0;
    if (hidden) continue;
    if (position === 'type' && !namesType) uncertain++;
    else mine.push(occurrence);
  }
  return { mine, uncertain };
}

/**
 * True when one of two declarations of a name is an import at the top level
 * of a module and the other a variable of a statement there, neither exported
 * nor `declare`d (`import type { Fp } from './tower'` beside `const { Fp } =
 * tower()`): the binder puts both in the module's locals as one symbol (an
 * import excludes only another import there; the checker reports a clash only
 * where both name a value), so every occurrence of the name is that symbol's.
 */
function mergesWithImport(nameNode: ts.Node, other: ts.Node, file: SourceFile): boolean {
  if (!ts.isExternalModule(file.compilerNode)) return false;
  const [imported, variable] = isImportName(nameNode) ? [nameNode, other] : [other, nameNode];
  if (!isImportName(imported) || isImportName(variable)) return false;
  const importDeclaration = nearestAround(imported.parent, ts.isImportDeclaration);
  if (!ts.isImportDeclaration(importDeclaration) || !ts.isSourceFile(importDeclaration.parent)) return false;
  const declaration = declarationAround(variable);
  if (!ts.isVariableDeclaration(declaration) || !ts.isVariableDeclarationList(declaration.parent)) return false;
  const statement = declaration.parent.parent;
  return (
    ts.isVariableStatement(statement) &&
    ts.isSourceFile(statement.parent) &&
    !hasModifier(statement, ts.SyntaxKind.ExportKeyword) &&
    !hasModifier(statement, ts.SyntaxKind.DeclareKeyword)
  );
}

/**
 * The top-level namespace, `declare global` or module declaration a declared
 * name is inside, or undefined.
 */
function outermostNamespaceOf(nameNode: ts.Node): ts.ModuleDeclaration | undefined {
  let outermost: ts.ModuleDeclaration | undefined;
  for (let at = nameNode.parent; !ts.isSourceFile(at); at = at.parent)
    if (ts.isModuleDeclaration(at) && ts.isSourceFile(at.parent)) outermost = at;
  return outermost;
}

/**
 * Where a declaration that names only a type can be seen, for the names it
 * hides in types (not in values: `typeof x` and code still read the value):
 * a type parameter's function, class, interface or type alias; a type alias's
 * or interface's block, or its file when the file is a module, or its
 * namespace body when it is not exported (and the namespace not ambient). `undefined` for any other
 * declaration; `'unsettled'` for a type syntax does not place here (a
 * script's global, a namespace's export, which every body of the namespace
 * sees, a `declare global` or module body, a mapped type's parameter, an
 * `infer` type's outside a conditional type's `extends`, a JSDoc `@template`).
 * An `infer` type's parameter is seen in the true branch of the conditional
 * type whose `extends` holds it, as the binder and checker place it
 * (`getInferTypeContainer`).
 */
function typeOnlyScopeOf(nameNode: ts.Node, file: SourceFile): ts.Node | 'unsettled' | undefined {
  const declaration = nameNode.parent;
  if (ts.isTypeParameterDeclaration(declaration)) {
    const owner = declaration.parent;
    if (ts.isInferTypeNode(owner)) {
      for (let at: ts.Node = owner.parent; !ts.isSourceFile(at); at = at.parent)
        if (ts.isConditionalTypeNode(at.parent) && at.parent.extendsType === at) return at.parent.trueType;
      return 'unsettled';
    }
    const placed =
      (ts.isFunctionLike(owner) && !ts.isJSDocSignature(owner)) ||
      ts.isClassLike(owner) ||
      ts.isInterfaceDeclaration(owner) ||
      ts.isTypeAliasDeclaration(owner);
    return placed ? owner : 'unsettled';
  }
  if (!ts.isTypeAliasDeclaration(declaration) && !ts.isInterfaceDeclaration(declaration)) return undefined;
  const scope = blockScopeOf(declaration);
  if (ts.isSourceFile(scope)) return ts.isExternalModule(file.compilerNode) ? scope : 'unsettled';
  if (ts.isModuleBlock(scope)) {
    const namespace = scope.parent;
    // In an ambient context (`declare namespace`, `declare global`, a declaration file) every member is exported.
    const isPlainNamespace = ts.isIdentifier(namespace.name) && !isInAmbientCompilerContext(namespace);
    return isPlainNamespace && !hasModifier(declaration, ts.SyntaxKind.ExportKeyword) ? scope : 'unsettled';
  }
  return scope;
}

/**
 * True when two declarations of a name in one scope make one binding, as the
 * compiler binds them: both `var` (or a `var` and a `var`'s destructured
 * name: `var i` in two loops of a function), or both function declarations
 * (a function's overloads, or a JavaScript function written twice). Any other
 * pair (a `let`, a parameter, a function and a `var`) is two bindings or an
 * error the checker resolves its own way.
 */
function isSameBindingAgain(nameNode: ts.Node, other: ts.Node): boolean {
  const mine = declarationAround(nameNode);
  const theirs = declarationAround(other);
  if (ts.isFunctionDeclaration(mine)) return ts.isFunctionDeclaration(theirs);
  // A parameter and a `var` of its function: the binder puts both in the function's locals, as one symbol.
  if (ts.isParameter(mine)) return isVar(theirs);
  return isVar(mine) && (isVar(theirs) || ts.isParameter(theirs));
}

/**
 * True when the scope of a declared name declares it again as the same
 * binding (`isSameBindingAgain`): its other declarations are then among its
 * references, as the language service lists them, and not among its uses.
 */
export function isDeclaredAgain(view: ProjectView, file: SourceFile, nameNode: ts.Node): boolean {
  const name = ts.isIdentifier(nameNode) ? nameNode.text : nameNode.getText(file.compilerNode);
  const own = exactScopeOf(nameNode, file);
  return view.references
    .declarationsIn(file, name)
    .some((other) => other !== nameNode && exactScopeOf(other, file) === own && isSameBindingAgain(nameNode, other));
}

/** True for a declaration of a `var` statement or a `for (var …)` head (not a catch clause's variable). */
function isVar(declaration: ts.Node): boolean {
  return (
    ts.isVariableDeclaration(declaration) &&
    ts.isVariableDeclarationList(declaration.parent) &&
    (declaration.parent.flags & ts.NodeFlags.BlockScoped) === 0
  );
}

/**
 * True for a variable of a JavaScript file set to `require(…)` (or to a
 * property of it: `require('events').EventEmitter`), which TypeScript binds as
 * an alias, as it does an import: it names a type as well as a value.
 */
function isRequireAlias(nameNode: ts.Node, file: SourceFile): boolean {
  const declaration = declarationAround(nameNode);
  if (!ts.isVariableDeclaration(declaration) || !isJavaScriptFile(file)) return false;
  let initializer = declaration.initializer;
  while (initializer !== undefined && ts.isPropertyAccessExpression(initializer)) initializer = initializer.expression;
  return initializer !== undefined && requiredSpecifierOf(initializer) !== undefined;
}

/** True for the name an import declares (`a` in `import { a }`, `import a`, `import * as a`, `import a = …`). */
function isImportName(nameNode: ts.Node): boolean {
  const parent = nameNode.parent;
  return (
    ts.isImportSpecifier(parent) ||
    ts.isImportClause(parent) ||
    ts.isNamespaceImport(parent) ||
    (ts.isImportEqualsDeclaration(parent) && parent.name === nameNode)
  );
}

/**
 * Where a declared name can be seen: `exactScopeOf`, or for an import the file
 * or namespace body it is written in. `undefined` where `exactScopeOf` is.
 */
export function bindingScopeOf(nameNode: ts.Node, file: SourceFile): ts.Node | undefined {
  return isImportName(nameNode) ? nearestAround(nameNode.parent, ts.isModuleBlock) : exactScopeOf(nameNode, file);
}

/**
 * The scope a declared name belongs to, exactly: a parameter's function, a
 * `var`'s function, a `let`/`const`/`using` or class's block (or loop, or
 * `case` block), a function declaration's block (in a module) or body, a
 * function or class expression itself, a `catch` variable's clause.
 * `undefined` for other declarations (types, enums, namespaces, imports) and
 * for a function declared in a block of a script (hoisted by legacy rules).
 */
export function exactScopeOf(nameNode: ts.Node, file: SourceFile): ts.Node | undefined {
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
export function blockScopeOf(node: ts.Node): ts.Node {
  return nearestAround(
    node.parent,
    (at) =>
      ts.isBlock(at) ||
      ts.isCaseBlock(at) ||
      ts.isForStatement(at) ||
      ts.isForInStatement(at) ||
      ts.isForOfStatement(at) ||
      isFunctionScope(at),
  );
}

/**
 * Whether an occurrence inside `scope` stands where a value is read, where a
 * type is (`let y: x`; `typeof x` reads the value), or where syntax alone
 * cannot place it in a scope (a decorator, a computed member name).
 */
function positionOf(node: ts.Node, scope: ts.Node): 'value' | 'type' | 'unsettled' {
  let position: 'value' | 'type' | undefined;
  for (let at = node.parent; at !== scope && !ts.isSourceFile(at); at = at.parent) {
    if (ts.isDecorator(at) || isMemberComputedName(at)) return 'unsettled';
    // The nearest type around the name decides: `typeof x` (even inside `Array<typeof x>`) reads the value.
    if (position === undefined && ts.isTypeNode(at))
      position = ts.isTypeQueryNode(at) || isClassExtendsExpression(at) ? 'value' : 'type';
  }
  return position ?? 'value';
}

/**
 * True for what a class `extends` (`class A extends base`): an expression the
 * class evaluates as a value, though the compiler's node for it counts as a
 * type (unlike an interface's `extends` or a class's `implements`).
 */
function isClassExtendsExpression(node: ts.Node): boolean {
  const clause = node.parent;
  return (
    ts.isExpressionWithTypeArguments(node) &&
    ts.isHeritageClause(clause) &&
    clause.token === ts.SyntaxKind.ExtendsKeyword &&
    ts.isClassLike(clause.parent)
  );
}

/**
 * The member whose computed name (`isMemberComputedName`) holds a name, when
 * nothing else between the name and `scope` makes it unsettled for
 * `positionOf` (a decorator, another computed member name): the name is then
 * an expression read where the member is, outside the member's own scopes.
 * `undefined` too for a member that is `scope` itself (`[x](x) {}`: the name
 * is read outside the scope of its parameter).
 */
function computedMemberOf(node: ts.Node, scope: ts.Node): ts.Node | undefined {
  let member: ts.Node | undefined;
  for (let at = node.parent; !ts.isSourceFile(at); at = at.parent) {
    if (ts.isDecorator(at) || (isMemberComputedName(at) && member !== undefined)) return undefined;
    if (isMemberComputedName(at)) member = at.parent;
    if (at === scope) return member === scope ? undefined : member;
  }
  return member;
}

/**
 * True for the computed name of a class member or of an object literal's
 * method or accessor (`[key]() {}`): evaluated outside the member, whose text
 * holds it. The computed key of an object literal's property (`{ [key]: v }`)
 * is an expression like any other, evaluated where the literal is.
 */
export function isMemberComputedName(node: ts.Node): boolean {
  return ts.isComputedPropertyName(node) && !ts.isPropertyAssignment(node.parent);
}

/** True when `node` lies inside `scope`'s text (anywhere in the file for a file). */
export function isWithin(node: ts.Node, scope: ts.Node): boolean {
  return ts.isSourceFile(scope) || (node.pos >= scope.pos && node.end <= scope.end);
}

/**
 * The scope a declared name can be seen from: the nearest function, class
 * static block, namespace body or file around its declaration (`var`
 * included: it never leaves its function). The declaration itself is not
 * one: a function's own name belongs to the scope around it.
 */
function visibilityScopeOf(nameNode: ts.Node): ts.Node {
  return nearestAround(declarationAround(nameNode).parent, isFunctionScope);
}

/** A node that bounds every declaration in it but a `var`'s: a function, class static block or namespace body. */
function isFunctionScope(node: ts.Node): boolean {
  return ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node) || ts.isModuleBlock(node);
}

/** `node` itself or its nearest ancestor that `isScope` accepts; the file when none does. */
function nearestAround(node: ts.Node, isScope: (at: ts.Node) => boolean): ts.Node {
  let at = node;
  while (!ts.isSourceFile(at) && !isScope(at)) at = at.parent;
  return at;
}

/** True for a declaration written with `export` (a variable's through its statement). */
function isExported(declaration: ts.Node): boolean {
  return hasModifier(
    ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration,
    ts.SyntaxKind.ExportKeyword,
  );
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
