/** Where a throw is, as messages name it. */
import { startLineOf } from '../_shared/ast/line-of.js';
import { Node } from 'ts-morph';
import { enclosingFunctionOf } from '../_shared/ast/enclosing-function-of.js';

/** Where a throw is: its nearest named function or method, else its innermost function, else top-level code. */
export interface Place {
  /** `Method find`, `The function on line 12`, `Top-level code`. */
  label: string;
  /** The name, or `anonymous`/`top-level` for the fingerprint. */
  name: string;
}

/** The place of a node, for messages. */
export function placeOf(node: Node): Place {
  const innermost = enclosingFunctionOf(node);
  let fn = innermost;
  while (fn !== undefined) {
    const named = namedPlaceOf(fn);
    if (named !== undefined) return named;
    fn = enclosingFunctionOf(fn);
  }
  if (innermost !== undefined) return { label: `The function on line ${startLineOf(innermost)}`, name: 'anonymous' };
  return { label: 'Top-level code', name: 'top-level' };
}

/** The place of a named function-like node: its own name, or that of the variable or property it is assigned to. */
function namedPlaceOf(fn: Node): Place | undefined {
  if (Node.isMethodDeclaration(fn)) return { label: `Method ${fn.getName()}`, name: fn.getName() };
  if (Node.isFunctionDeclaration(fn)) {
    const name = fn.getName();
    return name === undefined ? undefined : { label: `Function ${name}`, name };
  }
  if (Node.isGetAccessorDeclaration(fn) || Node.isSetAccessorDeclaration(fn))
    return { label: `Accessor ${fn.getName()}`, name: fn.getName() };
  if (Node.isConstructorDeclaration(fn)) return { label: 'The constructor', name: 'constructor' };
  const parent = fn.getParent();
  if (Node.isVariableDeclaration(parent) || Node.isPropertyAssignment(parent) || Node.isPropertyDeclaration(parent)) {
    return { label: `Function ${parent.getName()}`, name: parent.getName() };
  }
  return undefined;
}
