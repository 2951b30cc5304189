import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, skipReasonOf } from './budget.js';
import { screenedSkipReason } from './parse-screen.js';

/** A class body on which TypeScript's parser time doubles with each of `count` repeated lines (fuzz seed 13). */
function slowParseText(count: number): string {
  return `class A {\n  async f(): Promise<void> {\n    await this.x }\n${'\n  async refresh(source: Source }'.repeat(count)}\n}\n`;
}

describe('the screening parse in a worker', () => {
  it('gives up on a parse past the budget, and the next file still gets an answer', () => {
    const limits = { ...DEFAULT_LIMITS, maxParseMilliseconds: 300 };
    expect(screenedSkipReason('slow.ts', slowParseText(24), limits)).toBe(
      'parse took longer than 300 ms (limits.maxParseMilliseconds)',
    );
    const deep = `export const a = ${'('.repeat(400)}1${')'.repeat(400)};\n`;
    expect(screenedSkipReason('deep.ts', deep, limits)).toBe(
      'nested more than 300 levels deep (limits.maxNestingDepth)',
    );
  }, 60_000);

  it('answers as the in-process screening does', () => {
    const texts = ['export const a = 1;\n', `export const b = ${'['.repeat(350)}0${']'.repeat(350)};\n`, 'class {'];
    for (const text of texts)
      expect(screenedSkipReason('x.ts', text, DEFAULT_LIMITS)).toBe(skipReasonOf('x.ts', text, DEFAULT_LIMITS));
  }, 60_000);
});
