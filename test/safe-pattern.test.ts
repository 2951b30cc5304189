import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesOnlySafeText, rejectsOnlyUnsafeText } from '../rules/_shared/security/safe-pattern.js';

/** The characters the security rules take a match of a safe pattern to hold. */
const SAFE_TEXT = /^[A-Za-z0-9_\-./:,+@]*$/;

/** Pieces of regular-expression source, safe and unsafe, that join into patterns of every shape the reader sees. */
const piece = fc.constantFrom(
  'a',
  'Z',
  '7',
  '-',
  '/',
  '\\.',
  '\\-',
  '\\d',
  '\\w',
  '\\b',
  '\\s',
  '\\S',
  '\\W',
  '\\D',
  '\\n',
  '\\1',
  '.',
  ' ',
  ';',
  '$',
  '^',
  '|',
  '*',
  '+',
  '?',
  '{2}',
  '{1,3}',
  '(',
  ')',
  '(?:',
  '(?=',
  '(?!',
  '(?<=',
  '(?<n>',
  '[a-z0-9]',
  '[^a]',
  '[.;]',
  '[\\d\\s]',
  '[-_]',
  '[+-@]',
  '[\\b]',
  '[\\1]',
  '[0-9a-f]',
  '[a-]',
  '[!-~]',
);

/** Texts to match against: safe characters mixed with the shell's own. */
const text = fc.string({
  unit: fc.constantFrom('a', 'Z', '7', '-', '.', '/', ' ', ';', '&', '$', '`', '"', '\n', '|'),
});

/** The pattern compiled, or undefined when the pieces do not make one. */
function compiled(source: string): RegExp | undefined {
  try {
    return new RegExp(source);
  } catch {
    return undefined;
  }
}

describe('matchesOnlySafeText', () => {
  it('accepts a pattern only when every match of it, and every group, is safe text', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 8 }),
        fc.array(text, { minLength: 1, maxLength: 6 }),
        (pieces, texts) => {
          const source = pieces.join('');
          const pattern = compiled(source);
          fc.pre(pattern !== undefined && matchesOnlySafeText(source));
          for (const subject of texts) {
            // A group that took no part in the match is undefined at run time, whatever the library's type says.
            const parts: readonly (string | undefined)[] = pattern.exec(subject) ?? [];
            for (const part of parts) expect(part ?? '').toMatch(SAFE_TEXT);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads the shapes real code matches names and versions with', () => {
    expect(matchesOnlySafeText('disk\\d+')).toBe(true);
    expect(matchesOnlySafeText('^v?(\\d+)\\.(\\d+)(?:\\.\\d+)?$')).toBe(true);
    expect(matchesOnlySafeText('^[0-9]+')).toBe(true);
    expect(matchesOnlySafeText('[a-z0-9_-]{1,32}')).toBe(true);
  });

  it('refuses a pattern that may match a character beyond those', () => {
    for (const source of [
      'file: (.+)$',
      '\\S+',
      '[^a-z]+',
      '\\w\\s\\w',
      '(?<name>\\w+)',
      '[a-z',
      'a{2',
      '\\u0041',
      '[+-@]',
      '[\\b]',
      '[\\--a]',
    ])
      expect(matchesOnlySafeText(source), source).toBe(false);
  });
});

/** Members of a class, safe and unsafe, that join into negated classes of every shape the reader sees. */
const member = fc.constantFrom(
  'a',
  'Z',
  '7',
  '_',
  '-',
  '.',
  '\\w',
  '\\d',
  '\\.',
  '\\-',
  'a-z',
  'A-Z',
  '0-9',
  '+-@',
  '!-~',
  ' ',
  ';',
  '$',
  '\\s',
  '\\W',
  '\\b',
  '\\1',
  ']',
  '^',
  '[',
);

describe('rejectsOnlyUnsafeText', () => {
  it('accepts a pattern only when a text it does not match (with or without `i`) is safe text', () => {
    fc.assert(
      fc.property(
        fc.array(member, { maxLength: 6 }),
        fc.array(text, { minLength: 1, maxLength: 6 }),
        (members, texts) => {
          const source = `[^${members.join('')}]`;
          const pattern = compiled(source);
          fc.pre(pattern !== undefined && rejectsOnlyUnsafeText(source));
          const folded = new RegExp(source, 'i');
          for (const subject of texts) {
            if (!pattern.test(subject)) expect(subject).toMatch(SAFE_TEXT);
            if (!folded.test(subject)) expect(subject).toMatch(SAFE_TEXT);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads the checks real code throws with', () => {
    expect(rejectsOnlyUnsafeText('[^\\w]')).toBe(true);
    expect(rejectsOnlyUnsafeText('[^a-zA-Z0-9_.-]')).toBe(true);
    expect(rejectsOnlyUnsafeText('[^\\w\\-.]')).toBe(true);
  });

  it('refuses a class that lets a character beyond those through, or a pattern that is not one negated class', () => {
    for (const source of ['[^\\w ]', '[^\\s]', '[^+-@]', '[^\\--a]', '[^\\b]', '[\\w]', '[^\\w]+x', '[^\\w', 'a[^\\w]'])
      expect(rejectsOnlyUnsafeText(source), source).toBe(false);
  });
});
