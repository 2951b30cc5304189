import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forTerminal } from './terminal.js';

/** Anything a terminal or a reader could be fooled by: C0/C1 controls, DEL, bidi and invisible format characters. */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- the test looks for control characters
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufeff]|[\ud800-\udfff]/u;

describe('forTerminal', () => {
  it('leaves no control, escape, bidi or lone surrogate character, whatever the text', () => {
    const hostile = fc.constantFrom('\u001b[2J', '\u001b]8;;http://e\u0007x\u001b]8;;\u0007', '\u202e', '\u009b', '\r');
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.array(fc.oneof(hostile, fc.string({ maxLength: 3 }))).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, (s) => {
        expect(forTerminal(s).replace(/\u200b(?=:|#\[)/g, '')).not.toMatch(UNSAFE);
      }),
      { numRuns: 1000 },
    );
  });

  it('shows escapes and bidi controls by code point and line breaks as ⏎', () => {
    expect(forTerminal('a\u001b[2Jb\u202ec\r\nd\te')).toBe('a⟨U+001B⟩[2Jb⟨U+202E⟩c⏎d⇥e');
  });

  it('keeps a GitHub Actions log from reading workflow commands in the text', () => {
    expect(forTerminal('::error::x')).toBe(':\u200b:error::x');
    expect(forTerminal('a ##[add-mask]b')).toBe('a #\u200b#[add-mask]b');
  });
});
