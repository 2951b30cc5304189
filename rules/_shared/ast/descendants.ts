import { ts } from 'ts-morph';
import type { Node } from 'ts-morph';
import type { ProjectView } from '../../../src/model/project-view.js';

/**
 * The nodes of one kind inside `scope` (`scope` itself left out) that pass a test of the compiler's node, in
 * document order: what `scope.getDescendantsOfKind(kind).filter(…)` lists, from the run's node index
 * (`ProjectView.nodesOf`), wrapping only the nodes the test keeps. `getDescendantsOfKind` wraps every node of the
 * kind it meets: in a security rule's loops over a file's calls or a function's identifiers, that wrapping was most
 * of the rule's time (a second and a half on a 25,000-line package that runs commands in every module).
 * The test sees each candidate once, before it is known to lie inside `scope`: it must only read syntax.
 */
export function descendantsWhere(
  view: ProjectView,
  scope: Node,
  kind: ts.SyntaxKind,
  test: (node: ts.Node) => boolean,
): Node[] {
  const file = scope.getSourceFile();
  const root = scope.compilerNode;
  const found: Node[] = [];
  for (const node of view.nodesOf(file, kind)) {
    if (node === root || node.pos < root.pos || node.end > root.end || !test(node) || !isInside(node, root)) continue;
    found.push(view.wrap(file, node));
  }
  return found;
}

/** True when `root` is an ancestor of `node` (its range holding the node's is not enough for an empty node). */
function isInside(node: ts.Node, root: ts.Node): boolean {
  for (let current = node.parent; !ts.isSourceFile(current); current = current.parent)
    if (current === root) return true;
  return ts.isSourceFile(root);
}

/** A test for `descendantsWhere`: an identifier spelled as one of the names. */
export function isIdentifierNamed(...names: string[]): (node: ts.Node) => boolean {
  return (node) => ts.isIdentifier(node) && names.includes(node.text);
}
