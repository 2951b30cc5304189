import { Node } from 'ts-morph';
import { referenceNameOf } from '../ast/reference-name.js';
import { splitWords } from '../identifier-style.js';

/** Words in a function's name that say it escapes or quotes its input. */
const SANITIZING_WORDS = new Set([
  'escape',
  'escaped',
  'quote',
  'quoted',
  'sanitize',
  'sanitized',
  'shellescape',
  'escapeshellarg',
  'escapeid',
  'escapeliteral',
  'escapeidentifier',
]);

/**
 * True for a call to an escaping or quoting helper (`escape(x)`, `shellQuote.quote([x])`,
 * `mysql.escapeId(x)`, `pg.escapeLiteral(x)`): its result is treated as safe data.
 */
export function isSanitizerCall(node: Node): boolean {
  if (!Node.isCallExpression(node)) return false;
  const name = referenceNameOf(node.getExpression());
  if (name === undefined) return false;
  return splitWords(name).some((w) => SANITIZING_WORDS.has(w)) || SANITIZING_WORDS.has(name.toLowerCase());
}
