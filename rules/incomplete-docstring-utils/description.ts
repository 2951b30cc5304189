import { splitWords } from '../_shared/identifier-style.js';

/** Words a description may add to a name and still say nothing more (`getName`: "Gets the name."). */
const FILLER_WORDS = new Set(['get', 'gets', 'set', 'sets', 'return', 'returns', 'the', 'a', 'an']);

/**
 * True when every word of the description is a word of the name or a filler
 * word ("Gets the name." for `getName`, "The uuid." for `uuid`); a plural or
 * a third-person `s` counts as the same word.
 */
export function restatesName(description: string, name: string): boolean {
  const text = description.replace(/\{@\w+\s+([^}|\s]+)[^}]*\}/g, '$1');
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  if (words.length === 0) return false;
  const nameWords = new Set(splitWords(name));
  if (nameWords.size === 0) return false;
  return words.every(
    (word) => FILLER_WORDS.has(word) || nameWords.has(word) || nameWords.has(word.replace(/e?s$/, '')),
  );
}
