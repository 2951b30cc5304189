/**
 * What syntax shows of how the checker types a function's parameters and a
 * call's place: whether a function takes its parameters' types from anything
 * around it (`isUntypedByContext`), and where a call's result is only passed
 * on (`isValueOnlyPlace`), so no guard or assertion it might be narrows a
 * name. Shared by the questions that spare the checker a type (code-injection's
 * timer handler, the security rules' spliced values).
 */
import { ts } from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import type { ProjectView } from '../../src/model/project-view.js';
import { isJavaScriptFile } from './ast/is-javascript-file.js';
import { isModuleFile } from './name-binding.js';
import { prototypeOwnerOf } from './ast/this-home.js';

/**
 * True for a function the checker gives no contextual type, whose untyped
 * parameters are then `any`: a function declaration, a class's method or
 * constructor, or an arrow function or function expression that is (through
 * parentheses and a conditional's branches) the value of a variable with no
 * written type and no JSDoc tag, through no JSDoc cast
 * (`const nextTick = ready ? run : (cb) => setTimeout(cb, 0)`), returned
 * from a function whose returns nothing types (`hasNoContextualReturn`), or
 * a plain constructor's prototype method no JSDoc types
 * (`isUntypedPrototypeMethod`), a CommonJS export no JSDoc types
 * (`isUntypedExportsValue`), or a method or property of an object literal
 * nothing types (`isUntypedObjectLiteral`). A callback passed to a call, or a
 * function assigned to another property, may be typed by what receives it.
 */
export function isUntypedByContext(view: ProjectView, file: SourceFile, owner: ts.SignatureDeclaration): boolean {
  if (ts.isFunctionDeclaration(owner) || ts.isConstructorDeclaration(owner)) return true;
  if (ts.isMethodDeclaration(owner))
    return (
      ts.isClassLike(owner.parent) ||
      (ts.isObjectLiteralExpression(owner.parent) && isUntypedObjectLiteral(view, file, owner.parent))
    );
  if (!ts.isArrowFunction(owner) && !ts.isFunctionExpression(owner)) return false;
  let value: ts.Node = owner;
  while (
    ts.isParenthesizedExpression(value.parent) ||
    (ts.isConditionalExpression(value.parent) && value.parent.condition !== value)
  ) {
    // `/** @type {(code: string) => void} */ ((code) => …)`: JSDoc on parentheses casts what they hold, or checks it
    // with `@satisfies`, and either gives the function a contextual type.
    if (ts.getJSDocTags(value.parent).length > 0) return false;
    value = value.parent;
  }
  const declaration = value.parent;
  // `return ready ? run : (cb) => setTimeout(cb)`: the function returned is typed by the one returning it.
  const returning = returningFunctionOf(value);
  if (returning !== undefined) return hasNoContextualReturn(view, file, returning);
  if (ts.isBinaryExpression(declaration))
    return (
      isUntypedPrototypeMethod(view, file, declaration, value) || isUntypedExportsValue(view, file, declaration, value)
    );
  if (ts.isPropertyAssignment(declaration))
    return (
      declaration.initializer === value &&
      ts.isObjectLiteralExpression(declaration.parent) &&
      isUntypedObjectLiteral(view, file, declaration.parent)
    );
  return isUntypedVariableValue(declaration, value);
}

/** A variable's initialiser, the variable with no type written and no JSDoc tag. */
function isUntypedVariableValue(declaration: ts.Node, value: ts.Node): boolean {
  return (
    ts.isVariableDeclaration(declaration) &&
    declaration.initializer === value &&
    ts.isIdentifier(declaration.name) &&
    declaration.type === undefined &&
    // No JSDoc tag on the declaration: `@type` types the variable, `@satisfies` its value.
    ts.getJSDocTags(declaration).length === 0
  );
}

/**
 * An object literal nothing around it types, whose methods' and functions'
 * untyped parameters are then `any`: (through parentheses without JSDoc) a
 * variable's value (`isUntypedVariableValue`), a CommonJS export no JSDoc types
 * (`isUntypedExportsValue`), or a property's value in such a literal.
 */
function isUntypedObjectLiteral(view: ProjectView, file: SourceFile, literal: ts.ObjectLiteralExpression): boolean {
  let value: ts.Node = literal;
  while (ts.isParenthesizedExpression(value.parent)) {
    if (ts.getJSDocTags(value.parent).length > 0) return false;
    value = value.parent;
  }
  const parent = value.parent;
  if (ts.isPropertyAssignment(parent))
    return (
      parent.initializer === value &&
      ts.isObjectLiteralExpression(parent.parent) &&
      isUntypedObjectLiteral(view, file, parent.parent)
    );
  if (ts.isBinaryExpression(parent)) return isUntypedExportsValue(view, file, parent, value);
  return isUntypedVariableValue(parent, value);
}

/**
 * `exports.run = function (cmd) {…}`, `module.exports.run = …` or
 * `module.exports = …` as a statement of a JavaScript file that declares
 * neither `module` nor `exports`: the checker types such a value only from a
 * JSDoc type on the export's declaration (`getContextualTypeForAssignmentDeclaration`):
 * true when no write of the name in the file (`exports` for `module.exports`)
 * carries one, nor is made by `defineProperty` (`hasUntypedWrites`).
 */
function isUntypedExportsValue(
  view: ProjectView,
  file: SourceFile,
  assignment: ts.BinaryExpression,
  value: ts.Node,
): boolean {
  if (
    !isStatementAssigning(file, assignment, value) ||
    ts.getJSDocTags(assignment.parent).length > 0 ||
    view.references.declarationsIn(file, 'module').length > 0 ||
    view.references.declarationsIn(file, 'exports').length > 0
  )
    return false;
  const name = exportedNameOf(assignment.left);
  return name !== undefined && hasUntypedWrites(view, file, name);
}

/** True when `value` is the right side of an `=` that is a statement of its own in a JavaScript file. */
function isStatementAssigning(file: SourceFile, assignment: ts.BinaryExpression, value: ts.Node): boolean {
  return (
    assignment.right === value &&
    assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isExpressionStatement(assignment.parent) &&
    isJavaScriptFile(file)
  );
}

/**
 * True when no write of a property of the name in the file, on anything, carries a JSDoc type (`ts.getJSDocType`,
 * what the checker reads) nor is made by `defineProperty`.
 */
function hasUntypedWrites(view: ProjectView, file: SourceFile, name: string): boolean {
  return (
    !mayDefineProperty(view, file, name) &&
    memberWritesOf(view, file, name).every((target) => ts.getJSDocType(target) === undefined)
  );
}

/** `run` of `exports.run` and `module.exports.run`, `exports` of `module.exports`; undefined for anything else. */
function exportedNameOf(target: ts.Expression): string | undefined {
  if (!ts.isPropertyAccessExpression(target) || !ts.isIdentifier(target.name)) return undefined;
  const object = target.expression;
  const isModuleExports = (node: ts.Expression): boolean =>
    ts.isPropertyAccessExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'module' &&
    node.name.text === 'exports';
  if (isModuleExports(target)) return 'exports';
  if ((ts.isIdentifier(object) && object.text === 'exports') || isModuleExports(object)) return target.name.text;
  return undefined;
}

/** The function a value is returned from: by a `return` of its own, or as an arrow function's body. */
function returningFunctionOf(value: ts.Node): ts.SignatureDeclaration | undefined {
  const parent = value.parent;
  if (ts.isArrowFunction(parent) && parent.body === value) return parent;
  if (!ts.isReturnStatement(parent)) return undefined;
  for (let at: ts.Node = parent.parent; !ts.isSourceFile(at); at = at.parent) if (ts.isFunctionLike(at)) return at;
  return undefined;
}

/**
 * True for a function whose returned values the checker types from nothing
 * around it: no return type written, no JSDoc tag, and no contextual type to
 * take one from (`isUntypedByContext`), or an arrow function or function
 * expression called where it is written (`((ready) => { … })(flag)`, whose
 * arguments type its parameters, not what it returns).
 */
function hasNoContextualReturn(view: ProjectView, file: SourceFile, fn: ts.SignatureDeclaration): boolean {
  if (fn.type !== undefined || ts.getJSDocTags(fn).length > 0) return false;
  if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
    let callee: ts.Node = fn;
    while (ts.isParenthesizedExpression(callee.parent)) {
      if (ts.getJSDocTags(callee.parent).length > 0) return false;
      callee = callee.parent;
    }
    if (ts.isCallExpression(callee.parent) && callee.parent.expression === callee) return true;
  } else if (!ts.isFunctionDeclaration(fn) && !ts.isMethodDeclaration(fn)) return false;
  return isUntypedByContext(view, file, fn);
}

/**
 * `Queue.prototype.schedule = function (fn, ms) { setTimeout(fn, ms) }` in a
 * JavaScript module: the binder makes each `Queue.prototype.name = …` and
 * `this.name = …` of the constructor's code a declaration of one property,
 * and the checker types a function assigned so from the JSDoc `@type` of
 * the property's first declaration alone (`getContextualTypeForAssignmentDeclaration`:
 * no other contextual type reaches it). True when `value` (the function,
 * through parentheses without JSDoc) is the right side of such a statement
 * at the file's top level, for a plain constructor (`isPlainConstructor`:
 * no class or object literal declares its members), and no write of the name
 * in the file carries a JSDoc type nor is made by `defineProperty`
 * (`hasUntypedWrites`).
 */
function isUntypedPrototypeMethod(
  view: ProjectView,
  file: SourceFile,
  assignment: ts.BinaryExpression,
  value: ts.Node,
): boolean {
  if (
    !isStatementAssigning(file, assignment, value) ||
    !ts.isSourceFile(assignment.parent.parent) ||
    !isModuleFile(view, file)
  )
    return false;
  const owner = prototypeOwnerOf(assignment.left);
  if (owner === undefined || !isPlainConstructor(view, file, owner)) return false;
  return hasUntypedWrites(view, file, (assignment.left as ts.PropertyAccessExpression).name.text);
}

export const EQUALITY = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);

/**
 * True for a call whose result is only passed on, where the checker does not
 * read it as a condition or an assertion: returned or thrown, an argument, a
 * property's or element's value, a template's part, awaited, assigned, or an
 * arrow function's body.
 */
export function isValueOnlyPlace(call: ts.Expression): boolean {
  const at = outermostParenthesesOf(call);
  const parent = at.parent;
  return (
    ts.isReturnStatement(parent) ||
    ts.isThrowStatement(parent) ||
    ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression !== at) ||
    ts.isPropertyAssignment(parent) ||
    ts.isArrayLiteralExpression(parent) ||
    ts.isTemplateSpan(parent) ||
    ts.isAwaitExpression(parent) ||
    (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === at) ||
    (ts.isArrowFunction(parent) && parent.body === at)
  );
}

/** The outermost of the parentheses around a node, or the node. */
export function outermostParenthesesOf(node: ts.Node): ts.Node {
  let at = node;
  while (ts.isParenthesizedExpression(at.parent)) at = at.parent;
  return at;
}

/** The writes of a property of the name in the file, on anything: `x.name = …`, `x['name'] = …`, `x.name++`. */
export function memberWritesOf(
  view: ProjectView,
  file: SourceFile,
  name: string,
): (ts.PropertyAccessExpression | ts.ElementAccessExpression)[] {
  const out: (ts.PropertyAccessExpression | ts.ElementAccessExpression)[] = [];
  for (const occurrence of view.references.occurrencesIn(file, name)) {
    if (occurrence.access === 'read') continue;
    const at = occurrence.compilerNode;
    const target = at.parent;
    if (
      (ts.isPropertyAccessExpression(target) && target.name === at) ||
      (ts.isElementAccessExpression(target) && target.argumentExpression === at)
    )
      out.push(target);
  }
  return out;
}

/**
 * True when the file may declare a property of the name by defining it: a
 * `….defineProperty(x, 'name', …)` (the binder declares a property only for
 * `Object.defineProperty` called so, its key a literal:
 * `isBindableObjectDefinePropertyCall`), or any `defineProperties`.
 */
export function mayDefineProperty(view: ProjectView, file: SourceFile, name: string): boolean {
  const text = file.getFullText();
  if (!text.includes('defineProperty')) return false;
  if (text.includes('defineProperties')) return true;
  return view.nodesOf(file, ts.SyntaxKind.CallExpression).some((call) => {
    if (!ts.isCallExpression(call)) return false;
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'defineProperty') return false;
    const key = call.arguments[1];
    return key !== undefined && (ts.isStringLiteralLike(key) || ts.isNumericLiteral(key)) && key.text === name;
  });
}

/**
 * A constructor function `prototypeHomeOf` names: declared once in the file,
 * at the top level (a function declaration, or a variable given a function
 * expression), without JSDoc, never written again; its prototype replaced by
 * nothing but `Object.create(…)`.
 */
export function isPlainConstructor(view: ProjectView, file: SourceFile, name: string): boolean {
  // `const Queue = function Queue() {…}`: the function's own name, seen only inside it, is the same constructor.
  const declared = view.references
    .declarationsIn(file, name)
    .filter((d) => !(ts.isFunctionExpression(d.parent) && ts.isVariableDeclaration(d.parent.parent)));
  const [only] = declared;
  if (declared.length !== 1 || only === undefined) return false;
  const declaration = only.parent;
  const statement = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
  if (ts.isVariableDeclaration(declaration)) {
    const initializer = declaration.initializer;
    if (initializer === undefined || !ts.isFunctionExpression(initializer)) return false;
  } else if (!ts.isFunctionDeclaration(declaration)) return false;
  if (!ts.isSourceFile(statement.parent) || ts.getJSDocTags(declaration).length > 0) return false;
  if (ts.getJSDocTags(statement).length > 0) return false;
  for (const occurrence of view.references.occurrencesIn(file, name)) {
    const at = occurrence.compilerNode;
    if (occurrence.access !== 'read' && at !== only) return false;
    const prototype = at.parent;
    if (!ts.isPropertyAccessExpression(prototype) || prototype.expression !== at || prototype.name.text !== 'prototype')
      continue;
    const assignment = prototype.parent;
    if (
      ts.isBinaryExpression(assignment) &&
      assignment.left === prototype &&
      assignment.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      assignment.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      !isObjectCreate(assignment.right)
    )
      return false;
  }
  return true;
}

/** `Object.create(…)`: typed `any` by the library. */
function isObjectCreate(value: ts.Expression): boolean {
  return (
    ts.isCallExpression(value) &&
    ts.isPropertyAccessExpression(value.expression) &&
    ts.isIdentifier(value.expression.expression) &&
    value.expression.expression.text === 'Object' &&
    value.expression.name.text === 'create'
  );
}
