import type { Node } from 'ts-morph';
import { isFunctionLike } from './is-function-like.js';
import type { AnyFunction } from './is-function-like.js';

/** The nearest function around a node (anonymous callbacks included), or undefined at top level. */
export function enclosingFunctionOf(node: Node): AnyFunction | undefined {
  return node.getFirstAncestor(isFunctionLike);
}
