import { Node } from 'ts-morph';
import type { ProjectView } from '../../../src/model/project-view.js';
import { isFunctionLike } from '../ast/is-function-like.js';
import { syntacticUsesOf } from '../local-uses.js';
import { isModuleFile } from '../name-binding.js';
import { functionNameOf } from './data.js';

/**
 * True when syntax shows that the code at `node` never runs: it is inside a function of the module's own
 * (`functionNameOf`: a declaration, or a `const` given an arrow or function expression, without `export` written on
 * it) that nothing in the module names, not even itself (pg-schema-dump's `getFunctions`, whose only calls are
 * commented out): what `unused-variable` reports as unused. Any other way of exporting it (`export { f }`, `export
 * default f`, `module.exports = f`) names it. A script's top-level functions are globals other files may call, and a
 * name syntax does not settle may be used anywhere: neither is taken for dead.
 */
export function isInUncalledFunction(view: ProjectView, node: Node): boolean {
  const file = node.getSourceFile();
  const inModule = isModuleFile(view, file);
  for (let at = node.getParent(); at !== undefined && !Node.isSourceFile(at); at = at.getParent()) {
    if (!Node.isFunctionDeclaration(at) && !Node.isArrowFunction(at) && !Node.isFunctionExpression(at)) continue;
    const name = functionNameOf(at);
    if (name === undefined || (!inModule && at.getFirstAncestor(isFunctionLike) === undefined)) continue;
    const uses = syntacticUsesOf(view, file, name.compilerNode);
    if (uses !== undefined && uses.reads.length === 0 && uses.writes.length === 0) return true;
  }
  return false;
}
