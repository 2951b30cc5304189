/** A naming style an identifier can be written in. */
export type NamingStyle = 'camelCase' | 'snake_case' | 'PascalCase' | 'UPPER_SNAKE_CASE';

/** Leading and trailing `_` and `$` (private, unused, observable) and a numeric suffix (`error_1`) are not part of the style. */
const AFFIXES = /^[_$]+|(?:_[0-9]+)?[_$]*$/g;

const CAMEL = /^[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*$/;
const SNAKE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/;
const LOWER_WORD = /^[a-z][a-z0-9]*$/;
const PASCAL = /^[A-Z](?=[A-Za-z0-9]*[a-z])[A-Za-z0-9]*$/;
const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const UPPER_WORD = /^[A-Z][A-Z0-9]*$/;

/**
 * The styles a name fits, ignoring leading and trailing `_`/`$`. A single
 * lowercase word (`name`) fits camelCase and snake_case alike; a single
 * uppercase word (`URL`) fits PascalCase and UPPER_SNAKE_CASE; a name mixing
 * styles (`get_Name`) or made of no letters fits none.
 */
function stylesOf(name: string): readonly NamingStyle[] {
  const core = name.replace(AFFIXES, '');
  if (LOWER_WORD.test(core)) return ['camelCase', 'snake_case'];
  if (UPPER_WORD.test(core)) return ['PascalCase', 'UPPER_SNAKE_CASE'];
  if (CAMEL.test(core)) return ['camelCase'];
  if (SNAKE.test(core)) return ['snake_case'];
  if (PASCAL.test(core)) return ['PascalCase'];
  if (UPPER_SNAKE.test(core)) return ['UPPER_SNAKE_CASE'];
  return [];
}

/** The one style a name is unambiguously written in, or undefined for single words and mixed names. */
export function getUnambiguousStyle(name: string): NamingStyle | undefined {
  const styles = stylesOf(name);
  return styles.length === 1 ? styles[0] : undefined;
}

/**
 * The lowercase words of an identifier: `getHTTPResponse` gives
 * `get http response`, `has_inventory` gives `has inventory`.
 */
export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}
