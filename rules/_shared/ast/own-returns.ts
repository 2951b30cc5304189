import { ts } from 'ts-morph';
import { isFunctionLikeKind } from './is-function-like.js';

/**
 * The `return` statements of a function body's own code, in source order, a bare `return;` included: those of the
 * functions inside it are theirs (a class inside it holds returns only in its members, which are functions). It walks
 * the compiler's nodes, so nothing is wrapped on the way.
 */
export function ownReturnsOf(body: ts.Node): ts.ReturnStatement[] {
  const out: ts.ReturnStatement[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionLikeKind(node.kind)) return;
    if (ts.isReturnStatement(node)) out.push(node);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return out;
}
