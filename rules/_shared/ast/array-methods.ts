import { Node } from 'ts-morph';
import { skipOuterExpressions } from './skip-outer-expressions.js';

/**
 * Array methods that hand each element to a callback, with the position of the callback's parameter that receives
 * it (`reduce`'s comes after the accumulator); the element's index is the parameter after it.
 */
export const ELEMENT_PARAMETER: ReadonlyMap<string, number> = new Map([
  ['map', 0],
  ['flatMap', 0],
  ['forEach', 0],
  ['filter', 0],
  ['find', 0],
  ['findIndex', 0],
  ['findLast', 0],
  ['findLastIndex', 0],
  ['some', 0],
  ['every', 0],
  ['reduce', 1],
  ['reduceRight', 1],
]);

/** Array methods that put elements into the array they are called on. */
export const FILLING_METHODS: ReadonlySet<string> = new Set(['push', 'unshift', 'splice', 'fill', 'copyWithin']);

/**
 * What a parameter of an array method's callback written in place receives (`rows.map((row, i) => …)`): the element
 * or its index, and the array the method is called on. Undefined for any other parameter.
 */
export function arrayCallbackSlotOf(parameter: Node): { slot: 'element' | 'index'; array: Node } | undefined {
  const fn = parameter.getParent();
  if (!Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn)) return undefined;
  const call = fn.getParent();
  if (!Node.isCallExpression(call) || call.getArguments()[0] !== fn) return undefined;
  const callee = skipOuterExpressions(call.getExpression());
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const element = ELEMENT_PARAMETER.get(callee.getName());
  const position = fn.getParameters().findIndex((p) => p === parameter);
  if (element === undefined || (position !== element && position !== element + 1)) return undefined;
  return { slot: position === element ? 'element' : 'index', array: callee.getExpression() };
}
