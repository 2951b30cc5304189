import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, isPlainJson, skipReasonOf } from './budget.js';
import type { Limits } from './budget.js';

/** Limits with a nesting depth small enough for generated JSON to reach it. */
function limitsNested(maxNestingDepth: number): Limits {
  return { ...DEFAULT_LIMITS, maxNestingDepth };
}

/** JSON as people and tools write it: compact, indented, with spaces after the separators. */
const jsonText = fc
  .tuple(fc.jsonValue({ maxDepth: 12 }), fc.constantFrom(undefined, 2, '\t'))
  .map(([value, indent]) => JSON.stringify(value, null, indent));

describe('JSON the budgeted parse need not screen (isPlainJson)', () => {
  it('says within budget exactly when the parse and measure of the tree would', () => {
    fc.assert(
      fc.property(jsonText, fc.integer({ min: 2, max: 16 }), (text, depth) => {
        const limits = limitsNested(depth);
        expect(isPlainJson('/p/package.json', text, limits)).toBe(
          skipReasonOf('/p/package.json', text, limits) === undefined,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('never passes a text the parse would leave out, whatever the text', () => {
    const noisy = fc.oneof(
      fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', '\\', ',', ':', '-', '1', 'e', 't', 'x', ' ', '/') }),
      jsonText.chain((text) =>
        fc
          .tuple(fc.nat(text.length), fc.string({ maxLength: 4 }))
          .map(([at, junk]) => text.slice(0, at) + junk + text.slice(at)),
      ),
    );
    fc.assert(
      fc.property(noisy, fc.integer({ min: 2, max: 16 }), (text, depth) => {
        const limits = limitsNested(depth);
        if (isPlainJson('/p/package.json', text, limits))
          expect(skipReasonOf('/p/package.json', text, limits)).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  it('counts the depth of the text, not of the value JSON.parse keeps (a repeated key)', () => {
    const text = '{"a": [[[[[1]]]]], "a": 1}';
    const limits = limitsNested(6);
    expect(JSON.parse(text)).toEqual({ a: 1 });
    expect(skipReasonOf('/p/package.json', text, limits)).toBeDefined();
    expect(isPlainJson('/p/package.json', text, limits)).toBe(false);
  });

  it('counts a minus sign as a level, strings holding brackets as none', () => {
    expect(isPlainJson('/p/a.json', '{"a": -1}', limitsNested(6))).toBe(true);
    expect(isPlainJson('/p/a.json', '{"a": -1}', limitsNested(5))).toBe(false);
    expect(isPlainJson('/p/a.json', '{"a": "[[[[{{{{\\"]]]"}', limitsNested(5))).toBe(true);
  });

  it('turns away valid JSON nested past the limit, however deep (half a million levels)', () => {
    const deep = '['.repeat(500_000) + ']'.repeat(500_000);
    expect(() => JSON.parse(deep) as unknown).not.toThrow();
    expect(isPlainJson('/p/package.json', deep, DEFAULT_LIMITS)).toBe(false);
  });

  it('leaves every other file, and JSON past a megabyte, to the budgeted parse', () => {
    expect(isPlainJson('/p/a.ts', '{}', DEFAULT_LIMITS)).toBe(false);
    expect(isPlainJson('/p/a.d.ts', '{}', DEFAULT_LIMITS)).toBe(false);
    expect(isPlainJson('/p/a.json', '{}', DEFAULT_LIMITS)).toBe(true);
    const large = JSON.stringify({ a: 'x'.repeat(1024 * 1024) });
    expect(skipReasonOf('/p/a.json', large, DEFAULT_LIMITS)).toBeUndefined();
    expect(isPlainJson('/p/a.json', large, DEFAULT_LIMITS)).toBe(false);
  });
});
