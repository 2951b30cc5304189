import { Node, SyntaxKind } from 'ts-morph';
import type { ProjectView } from '../../../src/model/project-view.js';
import { skipOuterExpressions } from '../ast/skip-outer-expressions.js';
import { syntacticUsesOf } from '../local-uses.js';
import { isModuleFile } from '../name-binding.js';

/**
 * True when syntax shows that the code at `node` never runs: it is inside a function of a module's top level (a
 * declaration, or a `const` given an arrow or function expression) that the module does not export and that nothing
 * in the module names, not even itself (pg-schema-dump's `getFunctions`, whose only calls are commented out): what
 * `unused-variable` reports as unused.
 * A script's functions are globals other files may call, and a name syntax does not settle may be used anywhere:
 * neither is taken for dead.
 */
export function isInUncalledFunction(view: ProjectView, node: Node): boolean {
  const file = node.getSourceFile();
  if (!isModuleFile(view, file)) return false;
  for (let at = node.getParent(); at !== undefined && !Node.isSourceFile(at); at = at.getParent()) {
    const name = topLevelNameOf(at);
    if (name === undefined) continue;
    const uses = syntacticUsesOf(view, file, name.compilerNode);
    return uses !== undefined && uses.reads.length === 0 && uses.writes.length === 0;
  }
  return false;
}

/**
 * The name of a function declared at a module's top level without `export`: `function f() {}`, or the `const` of
 * `const f = () => {}` / `const f = function () {}`; undefined for anything else.
 */
function topLevelNameOf(fn: Node): Node | undefined {
  if (Node.isFunctionDeclaration(fn)) {
    // Read from syntax (ts-morph's `isExported()` and `isDefaultExport()` ask the checker): `export default function f`
    // carries `export` too, and `export { f }` or `export default f` elsewhere names `f`.
    if (!Node.isSourceFile(fn.getParent()) || fn.hasModifier(SyntaxKind.ExportKeyword)) return undefined;
    return fn.getNameNode();
  }
  if (!Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn)) return undefined;
  let value: Node = fn;
  while (Node.isParenthesizedExpression(value.getParentOrThrow()) || Node.isAsExpression(value.getParentOrThrow()))
    value = value.getParentOrThrow();
  const declaration = value.getParent();
  if (!Node.isVariableDeclaration(declaration) || skipOuterExpressions(declaration.getInitializer() ?? fn) !== fn)
    return undefined;
  const statement = declaration.getVariableStatement();
  if (
    statement === undefined ||
    !Node.isSourceFile(statement.getParent()) ||
    statement.hasModifier(SyntaxKind.ExportKeyword)
  )
    return undefined;
  const name = declaration.getNameNode();
  return Node.isIdentifier(name) ? name : undefined;
}
