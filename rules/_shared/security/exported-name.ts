import { ts } from 'ts-morph';
import { hasModifier } from '../ast/has-modifier.js';
import { skipOuterCompilerExpressions } from '../ast/skip-outer-expressions.js';
import { isModuleExports } from '../ast/is-module-exports.js';

/**
 * The name a module exports a function of its own top level under, from syntax: `export function run`,
 * `export const run = (…) => …`, `export { run }` or `export { run as exec }`; in CommonJS, a property of the one
 * `module.exports = { … }` the module assigns (`{ elevate: function (cmd) {…} }`, `{ elevate(cmd) {…} }`,
 * `{ run }`, `{ exec: run }`), or `module.exports.run = …` and `exports.run = …` at the top level (also
 * `exports.run = run = function …`). Undefined for
 * anything else: a default export, `module.exports = run` (the module itself called), a function nested in another.
 */
export function exportedNameOf(fn: ts.Node): string | undefined {
  const tree = fn.getSourceFile();
  const local = topLevelNameOf(fn);
  if (local !== undefined && isExportedByKeyword(fn)) return local;
  const matches = (value: ts.Expression): boolean => {
    let inner = skipOuterCompilerExpressions(value);
    // `exports.install = install = function (…) {…}` (CoffeeScript's): the value of the last assignment.
    while (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.EqualsToken)
      inner = skipOuterCompilerExpressions(inner.right);
    return inner === fn || (local !== undefined && ts.isIdentifier(inner) && inner.text === local);
  };
  // One assignment of `module.exports` in the text: another could replace the object read here.
  const wholeExports = (tree.text.match(/\bmodule\.exports\s*=(?!=)/g) ?? []).length;
  for (const statement of tree.statements) {
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier === undefined && local !== undefined) {
      const clause = statement.exportClause;
      if (clause === undefined || !ts.isNamedExports(clause) || statement.isTypeOnly) continue;
      for (const element of clause.elements)
        if ((element.propertyName ?? element.name).text === local && ts.isIdentifier(element.name))
          return element.name.text;
      continue;
    }
    if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
    const { left, operatorToken, right } = statement.expression;
    if (operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    if (isModuleExports(left) && wholeExports === 1 && ts.isObjectLiteralExpression(right)) {
      const name = propertyNameHolding(right, fn, local, matches);
      if (name !== undefined) return name;
    } else if (ts.isPropertyAccessExpression(left) && isExportsObject(left.expression) && matches(right))
      return left.name.text;
  }
  return undefined;
}

/** The property of `module.exports = { … }` whose value is the function (written there, or its top-level name). */
function propertyNameHolding(
  object: ts.ObjectLiteralExpression,
  fn: ts.Node,
  local: string | undefined,
  matches: (value: ts.Expression) => boolean,
): string | undefined {
  for (const property of object.properties) {
    const name = property.name;
    if (name === undefined || !(ts.isIdentifier(name) || ts.isStringLiteral(name))) continue;
    if (
      (ts.isPropertyAssignment(property) && matches(property.initializer)) ||
      (ts.isShorthandPropertyAssignment(property) && local !== undefined && property.name.text === local) ||
      (ts.isMethodDeclaration(property) && property === fn)
    )
      return name.text;
  }
  return undefined;
}

/** The name of a function declared at the module's top level: `function run` or `const run = …`. */
function topLevelNameOf(fn: ts.Node): string | undefined {
  if (ts.isFunctionDeclaration(fn)) return ts.isSourceFile(fn.parent) ? fn.name?.text : undefined;
  const declaration = fn.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== fn || !ts.isIdentifier(declaration.name))
    return undefined;
  const statement = declaration.parent.parent;
  return ts.isVariableStatement(statement) && ts.isSourceFile(statement.parent) ? declaration.name.text : undefined;
}

/** True for `export function run` or `export const run = …`, not a default export. */
function isExportedByKeyword(fn: ts.Node): boolean {
  const statement = ts.isFunctionDeclaration(fn) ? fn : fn.parent.parent.parent;
  return hasModifier(statement, ts.SyntaxKind.ExportKeyword) && !hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
}

/** `exports` or `module.exports`. */
function isExportsObject(node: ts.Node): boolean {
  return (ts.isIdentifier(node) && node.text === 'exports') || isModuleExports(node);
}
