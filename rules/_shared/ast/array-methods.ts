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
