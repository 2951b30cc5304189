import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Edit, Fix } from '../model/edit.js';
import { applyFixes } from './apply.js';
import type { PassInput } from './apply.js';

const edit = (start: number, end: number, text: string, file = 'a.ts'): Edit => ({ file, start, end, text });
const fix = (...edits: Edit[]): Fix => ({ edits });

/** Files in memory; `(` must be balanced for a text to "parse". */
function files(texts: Record<string, string>): PassInput {
  return {
    textOf: (file) => texts[file],
    parses: (_file, text) => text.split('(').length === text.split(')').length,
  };
}

describe('applyFixes', () => {
  it('applies fixes that do not overlap, in one pass, and reports which', () => {
    const a = fix(edit(0, 3, 'xyz'));
    const b = fix(edit(6, 9, ''));
    const outcome = applyFixes([b, a], files({ 'a.ts': 'abc + def + ghi' }));
    expect(outcome.texts).toEqual(new Map([['a.ts', 'xyz +  + ghi']]));
    expect(outcome.applied).toEqual([a, b]);
    expect(outcome.skipped).toEqual([]);
  });

  it('skips a fix that overlaps or touches one that starts earlier (ESLint order), leaving it for the next pass', () => {
    const first = fix(edit(0, 5, 'A'));
    const overlapping = fix(edit(4, 6, 'B'));
    const touching = fix(edit(5, 5, 'C'));
    const outcome = applyFixes([touching, overlapping, first], files({ 'a.ts': '0123456789' }));
    expect(outcome.texts.get('a.ts')).toBe('A56789');
    expect(outcome.skipped).toEqual([
      { fix: overlapping, reason: 'conflict' },
      { fix: touching, reason: 'conflict' },
    ]);
  });

  it('applies a fix with several edits in several files all together, or not at all', () => {
    const both = fix(edit(0, 1, 'X', 'a.ts'), edit(0, 1, 'Y', 'b.ts'));
    const blocked = fix(edit(2, 3, 'Z', 'a.ts'), edit(0, 1, 'W', 'b.ts'));
    const outcome = applyFixes([both, blocked], files({ 'a.ts': 'abc', 'b.ts': 'def' }));
    expect(outcome.texts).toEqual(
      new Map([
        ['a.ts', 'Xbc'],
        ['b.ts', 'Yef'],
      ]),
    );
    expect(outcome.skipped).toEqual([{ fix: blocked, reason: 'conflict' }]);
  });

  it('rejects edits outside the file, in files that cannot be fixed, and a fix whose own edits overlap', () => {
    const input = files({ 'a.ts': 'abc' });
    const outside = fix(edit(2, 4, ''));
    const unknown = fix(edit(0, 0, 'x', 'broken.ts'));
    const selfOverlap = fix(edit(0, 2, 'x'), edit(1, 3, 'y'));
    const empty = fix();
    const outcome = applyFixes([outside, unknown, selfOverlap, empty], input);
    expect(outcome.texts.size).toBe(0);
    expect(outcome.skipped.map((s) => s.reason)).toEqual(['invalid', 'invalid', 'invalid', 'invalid']);
  });

  it('never leaves a file that does not parse: the fix that breaks it is dropped, the others kept', () => {
    const good = fix(edit(0, 1, 'g'));
    const breaking = fix(edit(5, 6, ''));
    const alsoGood = fix(edit(7, 8, 'h'));
    const outcome = applyFixes([good, breaking, alsoGood], files({ 'a.ts': 'a f(x) b' }));
    expect(outcome.texts.get('a.ts')).toBe('g f(x) h');
    expect(outcome.applied).toEqual([good, alsoGood]);
    expect(outcome.skipped).toEqual([{ fix: breaking, reason: 'breaks-syntax' }]);
  });

  it('leaves out a file whose text does not change', () => {
    expect(applyFixes([fix(edit(0, 1, 'a'))], files({ 'a.ts': 'abc' })).texts.size).toBe(0);
  });

  it('gives the same text as applying the taken edits one by one from the end (property)', () => {
    const text = 'abcdefghijklmnopqrstuvwxyz';
    const anEdit = fc
      .tuple(fc.nat(text.length), fc.nat(5), fc.constantFrom('', 'X', 'YY'))
      .map(([start, length, insert]) => edit(start, Math.min(text.length, start + length), insert));
    fc.assert(
      fc.property(fc.array(anEdit, { maxLength: 8 }), (edits) => {
        const outcome = applyFixes(
          edits.map((e) => fix(e)),
          files({ 'a.ts': text }),
        );
        const taken = outcome.applied.flatMap((f) => f.edits).sort((x, y) => y.start - x.start);
        for (const [i, x] of taken.entries()) {
          const y = taken[i + 1];
          if (y !== undefined) expect(y.end).toBeLessThan(x.start);
        }
        const expected = taken.reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
        expect(outcome.texts.get('a.ts') ?? text).toBe(expected);
        expect(outcome.applied.length + outcome.skipped.length).toBe(edits.length);
      }),
    );
  });
});
