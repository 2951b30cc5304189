/**
 * True when every text a regular expression's source can match is made of letters, digits and `_ - . / : , + @`
 * (`disk\d+`, `[a-z0-9-]+`, `v(\d+)\.(\d+)`): characters no shell, SQL or script syntax gives a meaning beside a
 * word's, so a match of it, or any of its groups (a part of the match), carries only those. Read conservatively:
 * any character that may match more is refused (`.`, `\s`, `\S`, `\W`, `\D`, a negated class, an escape other than
 * `\d`, `\w`, `\b`, `\B`, a back-reference or an escaped safe character), and so is a named group.
 */
export function matchesOnlySafeText(source: string): boolean {
  for (let i = 0; i < source.length; i++) {
    const c = source.charAt(i);
    if (c === '\\') {
      const next = source.charAt(i + 1);
      if (!SAFE_ESCAPES.test(next) && !SAFE_PUNCTUATION.test(next)) return false;
      i += 1;
    } else if (c === '[') {
      const end = classEnd(source, i);
      if (end === undefined) return false;
      i = end;
    } else if (c === '(') {
      // `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`: syntax; `(?<name>`: refused.
      if (source.charAt(i + 1) === '?') {
        const kind = source.slice(i + 2, i + 4);
        if (!/^(?::|=|!|<=|<!)/.test(kind)) return false;
        i += kind.startsWith('<') ? 3 : 2;
      }
    } else if (c === '{') {
      const close = source.indexOf('}', i);
      if (close < 0 || !/^\{\d+(?:,\d*)?\}$/.test(source.slice(i, close + 1))) return false;
      i = close;
    } else if (c === '.' || (!SYNTAX.has(c) && !SAFE_CHARACTER.test(c))) return false;
  }
  return true;
}

/**
 * The index of the `]` that closes a character class opened at `start`, when the class holds only safe characters:
 * no negation, escapes of `\d`, `\w` or safe punctuation only (in a class `\b` is a backspace and `\1` a control
 * character), and ranges only within lowercase letters, uppercase letters or digits (`[+-@]` holds `;`).
 */
function classEnd(source: string, start: number): number | undefined {
  return source.charAt(start + 1) === '^' ? undefined : membersEnd(source, start + 1);
}

/**
 * True when a regular expression's source is one negated class of safe characters (`[^\w]`, `[^a-zA-Z0-9_-]`): it
 * matches any one character but those, so a text it does not match holds only safe characters.
 */
export function rejectsOnlyUnsafeText(source: string): boolean {
  return source.startsWith('[^') && membersEnd(source, 2) === source.length - 1;
}

/** The index of the `]` that ends a class's members read from `from`, when they are safe characters only (`classEnd`). */
function membersEnd(source: string, from: number): number | undefined {
  for (let i = from; i < source.length; i++) {
    const c = source.charAt(i);
    if (c === ']') return i;
    if (c === '\\') {
      if (!/^[dw]$/.test(source.charAt(i + 1)) && !SAFE_PUNCTUATION.test(source.charAt(i + 1))) return undefined;
      // `[\--a]`: an escaped character may start a range (from `-` to `a`, `;` among them); refused.
      if (source.charAt(i + 2) === '-' && source.charAt(i + 3) !== ']') return undefined;
      i += 1;
    } else if (source.charAt(i + 1) === '-' && source.charAt(i + 2) !== ']' && i + 2 < source.length) {
      const to = source.charAt(i + 2);
      if (!RANGES.some((range) => range.test(c) && range.test(to))) return undefined;
      i += 2;
    } else if (!SAFE_CHARACTER.test(c)) return undefined;
  }
  return undefined;
}

/** The groups a range in a class may span: both ends in one. */
const RANGES: readonly RegExp[] = [/^[a-z]$/, /^[A-Z]$/, /^[0-9]$/];

/** Letters, digits and `_ - . / : , + @`, written for themselves. */
const SAFE_CHARACTER = /^[A-Za-z0-9_\-./:,+@]$/;

/** The safe characters that are no letter or digit: escaped, they stand for themselves (`\.`); an escaped letter is a class (`\D`, `\S`) or a control character (`\n`). */
const SAFE_PUNCTUATION = /^[_\-./:,+@]$/;

/** Escapes of classes or assertions that match only safe characters, or nothing: `\d`, `\w`, `\b`, `\B`, `\1`–`\9`. */
const SAFE_ESCAPES = /^[dwbB1-9]$/;

/** Characters that are the pattern's syntax outside a class (`.` is not among them: it matches any character). */
const SYNTAX: ReadonlySet<string> = new Set([')', '|', '*', '+', '?', '^', '$']);
