import { Node } from 'ts-morph';
import type { ArrowFunction, CallExpression, FunctionExpression } from 'ts-morph';
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
  const site = fn === undefined ? undefined : callbackSiteOf(fn);
  if (site?.receiver === undefined || site.argument !== 0) return undefined;
  const element = ELEMENT_PARAMETER.get(site.method ?? '');
  const position = site.fn.getParameters().findIndex((p) => p === parameter);
  if (element === undefined || (position !== element && position !== element + 1)) return undefined;
  return { slot: position === element ? 'element' : 'index', array: site.receiver };
}

/** Where a function written in place as an argument is called with: `rows.map((row) => …)`, `db.query(sql, (err, rows) => …)`. */
export interface CallbackSite {
  fn: ArrowFunction | FunctionExpression;
  call: CallExpression;
  /** The argument's position in the call. */
  argument: number;
  /** The method's name and receiver, for a call of a property (`rows.map`); undefined for a plain call. */
  method: string | undefined;
  receiver: Node | undefined;
}

/** The call `fn` is written in as an argument (an arrow or function expression), or undefined. */
export function callbackSiteOf(fn: Node): CallbackSite | undefined {
  if (!Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn)) return undefined;
  const call = fn.getParent();
  if (!Node.isCallExpression(call)) return undefined;
  const argument = call.getArguments().indexOf(fn);
  if (argument < 0) return undefined;
  const callee = skipOuterExpressions(call.getExpression());
  return Node.isPropertyAccessExpression(callee)
    ? { fn, call, argument, method: callee.getName(), receiver: callee.getExpression() }
    : { fn, call, argument, method: undefined, receiver: undefined };
}
