import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Edit } from '../model/edit.js';
import { applyEdits } from '../fix/apply.js';
import { isSuggestionInDiff, suggestionBlock, suggestionForFix, suggestionOf } from './suggestion.js';
import type { Suggestion } from './suggestion.js';

const edit = (start: number, end: number, text: string, file = 'src/a.ts'): Edit => ({ file, start, end, text });

/** The file after GitHub commits the suggestion: its lines replaced by the suggested ones. */
function commit(text: string, s: Suggestion): string {
  const lines = text.split('\n');
  const finalNewline = lines[lines.length - 1] === '';
  if (finalNewline) lines.pop();
  lines.splice(s.startLine - 1, s.endLine - s.startLine + 1, ...s.lines);
  return lines.join('\n') + (finalNewline ? '\n' : '');
}

describe('suggestionOf', () => {
  const source =
    "import { a } from './a';\nimport { b } from './b';\n\nexport function f(x: number) {\n  return a(x);\n}\n";

  it('deletes a whole line: an empty replacement of that line', () => {
    const start = source.indexOf('import { b }');
    const fix = { edits: [edit(start, source.indexOf('\n', start) + 1, '')] };
    expect(suggestionOf(fix, source)).toEqual({ file: 'src/a.ts', startLine: 2, endLine: 2, lines: [] });
  });

  it('replaces the one line an insertion touches', () => {
    const at = source.indexOf(') {') + 1;
    expect(suggestionOf({ edits: [edit(at, at, ': number')] }, source)).toEqual({
      file: 'src/a.ts',
      startLine: 4,
      endLine: 4,
      lines: ['export function f(x: number): number {'],
    });
  });

  it('spans every line between the first and the last edit', () => {
    const fix = {
      edits: [edit(0, 6, 'export'), edit(source.indexOf('return'), source.indexOf('return') + 6, 'return')],
    };
    expect(suggestionOf(fix, source)).toMatchObject({ startLine: 1, endLine: 5 });
  });

  it('takes in the next line when an edit joins two lines', () => {
    const end = source.indexOf('\n');
    expect(suggestionOf({ edits: [edit(end - 1, end + 1, ' ')] }, source)).toEqual({
      file: 'src/a.ts',
      startLine: 1,
      endLine: 2,
      lines: ["import { a } from './a' import { b } from './b';"],
    });
  });

  it('gives nothing for a fix over two files or outside the text', () => {
    expect(suggestionOf({ edits: [edit(0, 1, 'x'), edit(0, 1, 'y', 'src/b.ts')] }, source)).toBeUndefined();
    expect(suggestionOf({ edits: [edit(0, source.length + 1, '')] }, source)).toBeUndefined();
    expect(suggestionOf({ edits: [] }, source)).toBeUndefined();
  });

  it('keeps Windows line endings out of the suggested lines', () => {
    const text = 'a\r\nb\r\nc\r\n';
    expect(suggestionOf({ edits: [edit(3, 4, 'B')] }, text)).toEqual({
      file: 'src/a.ts',
      startLine: 2,
      endLine: 2,
      lines: ['B'],
    });
  });

  it('commits to exactly the fixed text (property)', () => {
    const text = fc
      .array(fc.constantFrom('ab', '', 'c d', '  e'), { minLength: 1, maxLength: 8 })
      .map((l) => `${l.join('\n')}\n`);
    const input = text.chain((t) =>
      fc.record({
        text: fc.constant(t),
        start: fc.nat(t.length),
        length: fc.nat(6),
        insert: fc.constantFrom('', 'X', 'Y\n', '\nZ\n', 'W\nV'),
      }),
    );
    fc.assert(
      fc.property(input, ({ text: t, start, length, insert }) => {
        const e = edit(start, Math.min(t.length, start + length), insert);
        const suggestion = suggestionOf({ edits: [e] }, t);
        expect(suggestion).toBeDefined();
        if (suggestion === undefined) return;
        const fixed = applyEdits(t, [e]);
        const strip = (s: string): string => (s.endsWith('\n') ? s.slice(0, -1) : s);
        expect(strip(commit(t, suggestion))).toBe(strip(fixed));
      }),
      { numRuns: 500 },
    );
  });
});

describe('suggestionBlock', () => {
  it('fences the lines as a suggestion', () => {
    expect(suggestionBlock({ file: 'a.ts', startLine: 1, endLine: 1, lines: ['const a = 1;', 'f(a);'] })).toBe(
      '```suggestion\nconst a = 1;\nf(a);\n```',
    );
  });

  it('suggests deleting the lines with an empty block, and keeps a blank line as one', () => {
    expect(suggestionBlock({ file: 'a.ts', startLine: 1, endLine: 2, lines: [] })).toBe('```suggestion\n```');
    expect(suggestionBlock({ file: 'a.ts', startLine: 1, endLine: 2, lines: [''] })).toBe('```suggestion\n\n```');
  });

  it('uses a fence longer than any backtick run in the lines, so repository text cannot close it', () => {
    expect(suggestionBlock({ file: 'a.ts', startLine: 1, endLine: 1, lines: ['const s = `````;'] })).toBe(
      '``````suggestion\nconst s = `````;\n``````',
    );
  });
});

describe('suggestionForFix', () => {
  const text = 'a\nb\nc\n';

  it("offers the fix's whole-line replacement when it edits the finding's file only", () => {
    expect(suggestionForFix({ edits: [edit(2, 3, 'B')] }, 'src/a.ts', text)).toEqual({
      file: 'src/a.ts',
      startLine: 2,
      endLine: 2,
      lines: ['B'],
    });
    expect(suggestionForFix({ edits: [edit(2, 3, 'B'), edit(0, 1, 'x', 'src/b.ts')] }, 'src/a.ts', text)).toBe(
      undefined,
    );
    expect(suggestionForFix({ edits: [edit(2, 3, 'B', 'src/b.ts')] }, 'src/a.ts', text)).toBeUndefined();
  });

  it('offers none for text GitHub would split into other lines, or that starts like our markers', () => {
    for (const insert of ['x\ry', 'x\u2028y', '<!-- review-bot:finding f r -->', '  <!--review-bot:review -->'])
      expect(suggestionForFix({ edits: [edit(2, 3, insert)] }, 'src/a.ts', text), insert).toBeUndefined();
    expect(suggestionForFix({ edits: [edit(2, 3, '<!-- other -->')] }, 'src/a.ts', text)).toBeDefined();
  });

  it('offers none past 50 lines replaced or suggested, or 10,000 characters', () => {
    const long = 'x\n'.repeat(60);
    expect(suggestionForFix({ edits: [edit(0, long.length, '')] }, 'src/a.ts', long)).toBeUndefined();
    expect(suggestionForFix({ edits: [edit(0, 1, 'y\n'.repeat(50))] }, 'src/a.ts', long)).toBeUndefined();
    expect(suggestionForFix({ edits: [edit(0, 1, 'y'.repeat(10_001))] }, 'src/a.ts', long)).toBeUndefined();
    expect(suggestionForFix({ edits: [edit(0, 1, 'y\n'.repeat(49))] }, 'src/a.ts', long)).toBeDefined();
  });
});

describe('isSuggestionInDiff', () => {
  const suggestion: Suggestion = { file: 'a.ts', startLine: 3, endLine: 5, lines: [] };

  it('is true only when every replaced line is commentable (shown by the diff)', () => {
    expect(isSuggestionInDiff(suggestion, new Set([2, 3, 4, 5]))).toBe(true);
    expect(isSuggestionInDiff(suggestion, new Set([3, 5]))).toBe(false);
    expect(isSuggestionInDiff(suggestion, new Set())).toBe(false);
  });
});
