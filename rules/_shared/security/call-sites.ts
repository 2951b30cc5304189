import { Node } from 'ts-morph';
import type { CallExpression } from 'ts-morph';
import type { ProjectView } from '../../../src/model/project-view.js';
import { referencesInOwnFile } from '../name-binding.js';
import { getFunctionNameNode } from './names.js';

/**
 * The calls of a named function in its own file (`run(x)` for `function run` or `const run = …`), from its
 * references (`referencesInOwnFile`: from syntax where it settles them); empty for a function without a name.
 * Calls from other files are not among them.
 */
export function callSitesInOwnFile(view: ProjectView, fn: Node): CallExpression[] {
  const nameNode = getFunctionNameNode(fn);
  if (nameNode === undefined) return [];
  const sites: CallExpression[] = [];
  for (const reference of referencesInOwnFile(view, nameNode)) {
    const call = reference.getParent();
    if (Node.isCallExpression(call) && call.getExpression() === reference) sites.push(call);
  }
  return sites;
}
