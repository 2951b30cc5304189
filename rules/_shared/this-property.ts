import { ts } from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import type { ProjectView } from '../../src/model/project-view.js';
import { isJavaScriptFile } from './ast/is-javascript-file.js';
import { syntacticUsesOf } from './local-uses.js';
import { hasModifier } from './ast/has-modifier.js';
import { isWriteTarget } from './ast/is-write-target.js';
import { membersNamed, thisHomeOf } from './ast/this-home.js';
import type { ThisHome } from './ast/this-home.js';
import {
  isClasslessConstructor,
  isGlobalName,
  isModuleFile,
  isUnmergedClass,
  syntacticBindingOf,
  syntacticClassOf,
} from './name-binding.js';

/** What syntax settles of `this.name`: the class of every value it holds, and its declaration the checker would find. */
export interface ThisProperty {
  /**
   * What makes every value the property holds (`new Lock()`): a class, as `syntacticClassOf` finds it, or a
   * constructor without a class declaration (`isClasslessConstructor`: a function, or a module's class expression),
   * whose instances' type has no class or interface declaration; or `any` when every value is one syntax shows the
   * checker types `any` (`textTypeBySyntax`: `new Lock()` of a dependency without types, `mutexify()`), so the
   * property is `any` too.
   */
  created: Constructor;
  /** The class's field of that name, when it declares one; else the property is declared by its assignments. */
  field: ts.PropertyDeclaration | undefined;
}

/**
 * The instance property `this.name` reads in a class's own code, when syntax
 * shows that it only ever holds instances of one class of the project or of a
 * dependency's declarations (`this.lock = new Lock()`, `private mutex = new
 * Mutex()`), so that its type is that class's instance and its symbol's
 * variable-like declaration is the field, if any: what the checker would say,
 * without building the program. `self.name` reads it too where `self` is an
 * alias of that `this` (`thisAliasOf`: `const self = this`). Settled:
 * - in TypeScript, a field declared once, without a type, `declare`, `?` or
 *   `!`, initialised with `new X(…)` (its type is its initialiser's; the
 *   constructor's assignments do not change it);
 * - in JavaScript, a property that every write in the file makes in the class's
 *   own instance code as a statement `this.name = new X(…)` (at least one), and
 *   a field of the name, if declared, initialised the same way, none of them
 *   typed by JSDoc: the binder makes each assignment a declaration, and their
 *   types, all `X`, are the property's;
 * - either way, a property whose every value is one the caller's `isAnyValue`
 *   says the checker types `any` (`textTypeBySyntax`: `new Lock()` of a
 *   dependency without types, `mutexify()`, `opts.table` of an untyped
 *   parameter) in place of `new X(…)`: its type is `any` (an assignment does not
 *   narrow a declared `any`, and a union with `any` is `any`).
 * Not settled: a class that may merge with another declaration
 * (`isUnmergedClass`), one with a member whose computed or quoted name may be
 * this one (`mayBeNamed`), a file that writes `this[key]` with a key other than
 * a symbol or calls `defineProperty`, a JavaScript class whose bases declare or
 * assign the name (`basesLackProperty`), a write anywhere else (a prototype's,
 * a function's `this`, an alias's, a destructuring, `||=`), and a value that is
 * not such a `new`.
 */
export function thisPropertyOf(
  view: ProjectView,
  file: SourceFile,
  access: ts.PropertyAccessExpression,
  isAnyValue: (value: ts.Expression) => boolean,
): ThisProperty | undefined {
  const found = propertyHomeOf(view, file, access);
  if (found === undefined) return undefined;
  const { home, members } = found;
  const name = access.name.text;
  const [member] = members;
  if (members.length > 1 || (member !== undefined && !isPlainField(member))) return undefined;
  const field = member !== undefined && ts.isPropertyDeclaration(member) ? member : undefined;
  let created: Constructor | undefined;
  /** True when the value is `new X(…)` of the class every other value makes, or `any` as every other value is. */
  const agrees = (value: ts.Expression | undefined): boolean => {
    const made = value === undefined ? undefined : classMadeBy(view, file, value, isAnyValue);
    if (made === undefined || (created !== undefined && !isSameMaker(made, created))) return false;
    created = made;
    return true;
  };
  if (field !== undefined && !agrees(field.initializer)) return undefined;
  if (!isJavaScriptFile(file)) return field === undefined || created === undefined ? undefined : { created, field };
  if (writesComputedThisKey(view, file) || file.getFullText().includes('defineProperty')) return undefined;
  // JavaScript gives a property assigned in a subclass the type its base class declares, if any.
  if (!basesLackProperty(view, file, home.node, name, 0)) return undefined;
  let writes = 0;
  for (const occurrence of view.references.occurrencesIn(file, name)) {
    // A variable of the name (`lock = …`) is not the property.
    if (occurrence.access === 'read' || occurrence.role === 'name') continue;
    const written = occurrence.compilerNode.parent;
    // Another class's own property (`this.name = …` where `this` is that class) is not this one.
    if (ts.isPropertyAccessExpression(written) && written.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const where = thisHomeOf(written);
      if (where !== undefined && where.node !== home.node && !where.isStatic) continue;
      if (where?.node !== home.node || where.isStatic || !isAssignedStatement(written)) return undefined;
      const assignment = written.parent as ts.BinaryExpression;
      if (!agrees(assignment.right)) return undefined;
      writes++;
      continue;
    }
    return undefined;
  }
  return created === undefined || (writes === 0 && field === undefined) ? undefined : { created, field };
}

/**
 * The class whose instance property `this.name` (or an alias's `self.name`, `thisAliasOf`) reads, in its instance
 * code, and the class's members of the name, when syntax can tell which they are: the class does not merge with
 * another declaration (`isUnmergedClass`) and declares no member whose computed or quoted name may be this one
 * (`mayBeNamed`).
 */
function propertyHomeOf(
  view: ProjectView,
  file: SourceFile,
  access: ts.PropertyAccessExpression,
): { home: ThisHome; members: ts.Declaration[] } | undefined {
  const receiver = access.expression;
  const self = receiver.kind === ts.SyntaxKind.ThisKeyword ? receiver : thisAliasOf(view, file, receiver);
  const home = self === undefined ? undefined : thisHomeOf(self);
  if (home === undefined || home.isStatic || !isUnmergedClass(view, file, home.node)) return undefined;
  const name = access.name.text;
  if (home.members.some((member) => mayBeNamed(view, file, member, name))) return undefined;
  return { home, members: membersNamed(home.members, name) };
}

/**
 * The type written on the one member `this.name` (or an alias's `self.name`) reads, when its class
 * (`propertyHomeOf`) declares it once, as a field or a constructor's parameter property, neither static nor
 * optional, with a type (in JavaScript, a JSDoc type too): the checker's declared type of the property, whatever
 * values it is given. Undefined for anything else.
 */
export function typeWrittenOnThisProperty(
  view: ProjectView,
  file: SourceFile,
  access: ts.PropertyAccessExpression,
): ts.TypeNode | undefined {
  const members = propertyHomeOf(view, file, access)?.members ?? [];
  const [member] = members;
  if (members.length !== 1 || member === undefined) return undefined;
  if (!ts.isPropertyDeclaration(member) && !ts.isParameter(member)) return undefined;
  if (member.questionToken !== undefined || hasModifier(member, ts.SyntaxKind.StaticKeyword)) return undefined;
  return member.type ?? (isJavaScriptFile(file) ? ts.getJSDocType(member) : undefined);
}

/**
 * The `this` a name stands for when it is an alias of it (`const self = this`, `var me = this`): a variable of the
 * file (`syntacticBindingOf`) declared by a statement with `this` (inside parentheses) as its value, with no type
 * written (nor JSDoc tag, in JavaScript), and never written again. The checker gives it the type of that `this`, so
 * `self.name` is the property `this.name` is there (a function in between does not change what the alias stands
 * for). Undefined for anything else.
 */
export function thisAliasOf(view: ProjectView, file: SourceFile, receiver: ts.Expression): ts.Node | undefined {
  if (!ts.isIdentifier(receiver)) return undefined;
  const binding = syntacticBindingOf(view, file, receiver);
  if (binding?.kind !== 'local') return undefined;
  const declaration = binding.declaration.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.name !== binding.declaration) return undefined;
  if (declaration.type !== undefined || !ts.isVariableStatement(declaration.parent.parent)) return undefined;
  if (isJavaScriptFile(file) && ts.getJSDocTags(declaration).length > 0) return undefined;
  const value = declaration.initializer === undefined ? undefined : skipParentheses(declaration.initializer);
  if (value?.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  return syntacticUsesOf(view, file, binding.declaration)?.writes.length === 0 ? value : undefined;
}

/** How many base classes up `basesLackProperty` follows. */
const MAX_BASES = 4;

/**
 * True when the class extends nothing, or a class syntax settles (`syntacticClassOf`, in an analysed file) that
 * neither declares the name as a member nor assigns `this.name` in its code, nor do its own bases.
 */
function basesLackProperty(
  view: ProjectView,
  file: SourceFile,
  node: ts.ClassLikeDeclaration,
  name: string,
  depth: number,
): boolean {
  const heritage = node.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword);
  const [base] = heritage?.types ?? [];
  if (base === undefined) return true;
  if (depth >= MAX_BASES || !ts.isIdentifier(base.expression)) return false;
  const declaration = syntacticClassOf(view, file, base.expression);
  const baseFile = declaration === undefined ? undefined : view.sourceFileAt(declaration.getSourceFile().fileName);
  if (declaration === undefined || baseFile === undefined || !view.isAnalysed(baseFile)) return false;
  if (baseFile.compilerNode !== declaration.getSourceFile()) return false;
  if (membersNamed(declaration.members, name).length > 0) return false;
  if (declaration.members.some((member) => mayBeNamed(view, baseFile, member, name))) return false;
  if (writesComputedThisKey(view, baseFile)) return false;
  const assignsIt = view.references
    .occurrencesIn(baseFile, name)
    .some((o) => o.access !== 'read' && o.role === 'property' && thisHomeOf(o.compilerNode)?.node === declaration);
  return !assignsIt && basesLackProperty(view, baseFile, declaration, name, depth + 1);
}

/**
 * True when syntax shows that `o[key]` in JavaScript reads an entry of an object with no declared property, so the
 * checker types it `any` whatever the key (`let locks = {}` … `locks[broker.nodeId].acquire()`): `o` is a variable
 * of the file (`syntacticBindingOf`) initialised with `{}`, without a JSDoc type, only ever assigned `{}` again, never
 * given a property by name (`o.name = …`, `o['name'] = …`, which the binder makes declarations of), in a file that
 * does not call `defineProperty`; the key is not a literal. An entry written under a computed key
 * (`locks[id] = new Lock()`) declares nothing.
 */
export function isEntryOfEmptyObject(view: ProjectView, file: SourceFile, access: ts.ElementAccessExpression): boolean {
  const object = access.expression;
  const key = access.argumentExpression;
  if (!isJavaScriptFile(file) || !ts.isIdentifier(object)) return false;
  if (ts.isStringLiteralLike(key) || ts.isNumericLiteral(key)) return false;
  const binding = syntacticBindingOf(view, file, object);
  if (binding?.kind !== 'local') return false;
  const declaration = binding.declaration.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.name !== binding.declaration) return false;
  if (!isEmptyObjectLiteral(declaration.initializer) || ts.getJSDocTypeTag(declaration) !== undefined) return false;
  if (file.getFullText().includes('defineProperty')) return false;
  const uses = syntacticUsesOf(view, file, binding.declaration);
  if (uses === undefined) return false;
  for (const write of uses.writes) {
    const assignment = write.compilerNode.parent;
    if (
      !ts.isBinaryExpression(assignment) ||
      assignment.left !== write.compilerNode ||
      assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken ||
      !isEmptyObjectLiteral(assignment.right)
    )
      return false;
  }
  return uses.reads.every((read) => !namesProperty(read.compilerNode));
}

/** `{}` (inside parentheses). */
function isEmptyObjectLiteral(node: ts.Expression | undefined): boolean {
  const inner = node === undefined ? undefined : skipParentheses(node);
  return inner !== undefined && ts.isObjectLiteralExpression(inner) && inner.properties.length === 0;
}

/** True when `name.x` or `name['x']` is written, or `name` read otherwise than as a value (`name++`). */
function namesProperty(name: ts.Node): boolean {
  const parent = name.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === name) return isWrittenAt(parent);
  if (ts.isElementAccessExpression(parent) && parent.expression === name)
    return (
      (ts.isStringLiteralLike(parent.argumentExpression) || ts.isNumericLiteral(parent.argumentExpression)) &&
      isWrittenAt(parent)
    );
  return false;
}

/**
 * True when a member whose name syntax does not read as `this.name` spells it (`['lock']`, `[key]`) may be named
 * `name`: a quoted name equal to it, or a computed key other than a symbol (`symbolKeyOf`).
 */
function mayBeNamed(view: ProjectView, file: SourceFile, member: ts.ClassElement, name: string): boolean {
  const memberName = member.name;
  if (memberName === undefined || ts.isIdentifier(memberName) || ts.isPrivateIdentifier(memberName)) return false;
  if (ts.isStringLiteralLike(memberName) || ts.isNumericLiteral(memberName)) return memberName.text === name;
  if (!ts.isComputedPropertyName(memberName)) return true;
  const key = skipParentheses(memberName.expression);
  if (ts.isStringLiteralLike(key) || ts.isNumericLiteral(key)) return key.text === name;
  return !isSymbolKey(view, file, key, 0);
}

/**
 * True when a computed key is a symbol, from syntax: a property of the global `Symbol` (`Symbol.iterator`), a call of
 * `Symbol(…)` or `Symbol.for(…)`, or a `const` of the file holding one, directly or as the property of an object
 * literal it is initialised with (`const PRIVATE = { SEND: Symbol('send') }`, `[PRIVATE.SEND]`). A symbol key names
 * no string property, so the member is not `this.name`.
 */
function isSymbolKey(view: ProjectView, file: SourceFile, key: ts.Expression, depth: number): boolean {
  if (depth > 4) return false;
  const inner = skipParentheses(key);
  if (ts.isCallExpression(inner)) {
    const callee = skipParentheses(inner.expression);
    return (
      isGlobalSymbol(view, file, callee) ||
      (ts.isPropertyAccessExpression(callee) &&
        callee.name.text === 'for' &&
        isGlobalSymbol(view, file, callee.expression))
    );
  }
  if (ts.isPropertyAccessExpression(inner)) {
    if (isGlobalSymbol(view, file, inner.expression)) return true;
    const object = valueOfConst(view, file, inner.expression);
    if (object === undefined || !ts.isObjectLiteralExpression(object)) return false;
    const properties = object.properties.filter(
      (p) => p.name === undefined || !ts.isIdentifier(p.name) || p.name.text === inner.name.text,
    );
    const [property] = properties;
    if (properties.length !== 1 || property === undefined || !ts.isPropertyAssignment(property)) return false;
    return isSymbolKey(view, file, property.initializer, depth + 1);
  }
  const value = valueOfConst(view, file, inner);
  return value !== undefined && isSymbolKey(view, file, value, depth + 1);
}

/**
 * The initialiser of a top-level `const` of a module file that is the file's only declaration of the name, so that
 * every use of the name in the file is it (a computed member name is read outside the class, where no lookup here
 * reaches: `syntacticBindingOf` leaves it); undefined for anything else.
 */
function valueOfConst(view: ProjectView, file: SourceFile, name: ts.Expression): ts.Expression | undefined {
  if (!ts.isIdentifier(name) || !isModuleFile(view, file)) return undefined;
  const declared = view.references.declarationsIn(file, name.text);
  const [only] = declared;
  const declaration = only?.parent;
  if (declared.length !== 1 || declaration === undefined || !ts.isVariableDeclaration(declaration)) return undefined;
  const list = declaration.parent;
  const statement = list.parent;
  if (!ts.isVariableStatement(statement) || !ts.isSourceFile(statement.parent)) return undefined;
  return declaration.name === only && (list.flags & ts.NodeFlags.Const) !== 0 ? declaration.initializer : undefined;
}

/** True for the global `Symbol`: the file declares no `Symbol` of its own, and the project none of its globals. */
function isGlobalSymbol(view: ProjectView, file: SourceFile, node: ts.Expression): boolean {
  return (
    ts.isIdentifier(node) &&
    node.text === 'Symbol' &&
    view.references.declarationsIn(file, 'Symbol').length === 0 &&
    isGlobalName(view, 'Symbol')
  );
}

/**
 * True when the file assigns to `this[key]` with a key that is neither a literal nor a symbol (`isSymbolKey`): such a
 * write declares a member the checker names by the key's type, which may be any name. (A literal key is an
 * occurrence of its name, judged with the others.)
 */
function writesComputedThisKey(view: ProjectView, file: SourceFile): boolean {
  if (!view.references.hasDynamicAccess(file)) return false;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (
      ts.isElementAccessExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ThisKeyword &&
      !ts.isStringLiteralLike(node.argumentExpression) &&
      !ts.isNumericLiteral(node.argumentExpression) &&
      isWrittenAt(node) &&
      !isSymbolKey(view, file, node.argumentExpression, 0)
    )
      found = true;
    else ts.forEachChild(node, visit);
  };
  visit(file.compilerNode);
  return found;
}

/** Written (`isWriteTarget`), or an element of a destructuring's target (`[o.x] = …`, `({ k: o.x } = …)`). */
function isWrittenAt(node: ts.Node): boolean {
  let at = node;
  while (ts.isParenthesizedExpression(at.parent)) at = at.parent;
  const parent = at.parent;
  return (
    isWriteTarget(node) ||
    ts.isArrayLiteralExpression(parent) ||
    ts.isShorthandPropertyAssignment(parent) ||
    ts.isPropertyAssignment(parent) ||
    ts.isSpreadElement(parent)
  );
}

/** The expression inside any parentheses. */
function skipParentheses(node: ts.Expression): ts.Expression {
  let inner = node;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return inner;
}

/** A field without a type, `declare`, `?`, `!` or JSDoc type: its initialiser alone gives its type. */
function isPlainField(member: ts.Node): boolean {
  return (
    ts.isPropertyDeclaration(member) &&
    member.type === undefined &&
    member.questionToken === undefined &&
    member.exclamationToken === undefined &&
    !hasModifier(member, ts.SyntaxKind.DeclareKeyword) &&
    !hasModifier(member, ts.SyntaxKind.StaticKeyword) &&
    ts.getJSDocTypeTag(member) === undefined
  );
}

/** `this.name` as the left side of `=` in a statement of its own, without a JSDoc type on it. */
function isAssignedStatement(written: ts.PropertyAccessExpression): boolean {
  const assignment = written.parent;
  if (!ts.isBinaryExpression(assignment) || assignment.left !== written) return false;
  if (assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const statement = assignment.parent;
  return ts.isExpressionStatement(statement) && ts.getJSDocTypeTag(statement) === undefined;
}

/**
 * What makes a property's values: a class declaration, a name standing for a constructor without one, or anything
 * the checker types `any`.
 */
type Constructor =
  | { kind: 'class'; node: ts.ClassDeclaration }
  | { kind: 'classless'; /** The name's declaration in the file. */ node: ts.Node }
  | { kind: 'any' };

/** True when two values are made alike: both `any`, or both by the same constructor. */
function isSameMaker(one: Constructor, other: Constructor): boolean {
  if (one.kind === 'any' || other.kind === 'any') return one.kind === other.kind;
  return one.node === other.node;
}

/**
 * What `new X(…)` (inside parentheses) calls, as `syntacticClassOf` or `isClasslessConstructor` settle `X`;
 * `any` for a value `isAnyValue` says the checker types so; undefined for anything else.
 */
function classMadeBy(
  view: ProjectView,
  file: SourceFile,
  value: ts.Expression,
  isAnyValue: (value: ts.Expression) => boolean,
): Constructor | undefined {
  const inner = skipParentheses(value);
  if (isAnyValue(inner)) return { kind: 'any' };
  if (!ts.isNewExpression(inner) || !ts.isIdentifier(inner.expression)) return undefined;
  const node = syntacticClassOf(view, file, inner.expression);
  if (node !== undefined) return { kind: 'class', node };
  const binding = syntacticBindingOf(view, file, inner.expression);
  if (binding?.kind !== 'local' || !isClasslessConstructor(view, file, inner.expression)) return undefined;
  return { kind: 'classless', node: binding.declaration };
}
