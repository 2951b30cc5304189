/**
 * Glob patterns of the configuration file (`ignore`, `tests`, `generated`),
 * matched against paths relative to the analysed root with POSIX separators.
 *
 * Syntax (the common subset of gitignore, minimatch and ESLint's globs):
 * `*` any characters but `/`; `**` any number of folders (as a whole
 * segment); `?` one character but `/`; `{a,b}` alternatives; `[abc]`,
 * `[a-z]`, `[!a]` character classes. A pattern with no `/` (such as
 * `*.gen.ts`) matches at any depth, as in `.gitignore`; a pattern that names
 * a folder also matches everything under it (`src/generated`).
 */

/** A compiled list of patterns. */
export interface GlobList {
  readonly patterns: readonly string[];
  matches(relativePath: string): boolean;
}

/** Compiles patterns; throws an Error saying what is wrong with the first bad one. */
export function compileGlobs(patterns: readonly string[]): GlobList {
  const expressions = patterns.map(globToRegExp);
  return { patterns, matches: (path) => expressions.some((e) => e.test(path)) };
}

/** Why a pattern cannot be used, or undefined when it is fine. */
export function globProblem(pattern: string): string | undefined {
  try {
    globToRegExp(pattern);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The regular expression a glob stands for. */
function globToRegExp(pattern: string): RegExp {
  if (pattern.trim() === '') throw new Error('empty pattern');
  if (pattern.startsWith('/') || /^[A-Za-z]:[\\/]/.test(pattern))
    throw new Error('absolute path (patterns are relative to the analysed folder)');
  if (pattern.split('/').includes('..')) throw new Error('".." (patterns cannot leave the analysed folder)');
  const trimmed = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
  const anchored = trimmed.includes('/');
  const body = translate(trimmed);
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}(?:/.*)?$`, 'u');
}

/** Translates the glob syntax to a regular expression body. */
function translate(glob: string): string {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === '*') {
      const double = glob.charAt(i + 1) === '*';
      if (!double) {
        out += '[^/]*';
        continue;
      }
      i++;
      const atStart = i === 1 || glob.charAt(i - 2) === '/';
      const atEnd = i === glob.length - 1 || glob.charAt(i + 1) === '/';
      if (!atStart || !atEnd) throw new Error('"**" must be a whole path segment, as in "src/**/x.ts"');
      if (glob.charAt(i + 1) === '/') {
        out += '(?:[^/]+/)*';
        i++;
      } else out += '.*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) throw new Error('"[" without a closing "]"');
      const inner = glob.slice(i + 1, close);
      const negated = inner.startsWith('!') || inner.startsWith('^');
      const set = (negated ? inner.slice(1) : inner).replace(/[\\\]^]/g, (m) => `\\${m}`);
      out += negated ? `[^/${set}]` : `[${set}]`;
      i = close;
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else out += c.replace(/[.*+?^${}()|[\]\\/]/g, (m) => `\\${m}`);
  }
  if (braces > 0) throw new Error('"{" without a closing "}"');
  return out;
}
