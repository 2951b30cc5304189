import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { codeSpan, listOf, shorten } from '../rules/_shared/text.js';

const markdown = new MarkdownIt();

/** What a Markdown renderer shows for one inline code span, or undefined when the text is not one whole code span. */
function renderedCode(span: string): string | undefined {
  const tokens = markdown.parseInline(span, {})[0]?.children ?? [];
  const [only] = tokens;
  return tokens.length === 1 && only?.type === 'code_inline' ? only.content : undefined;
}

describe('rules/_shared/text', () => {
  it('codeSpan renders any one-line text as exactly that text in one code span', () => {
    const oneLine = fc.string({ unit: fc.constantFrom('`', '``', 'a', ' ', '*', '_', '<', '[', ']', '\\') });
    fc.assert(
      fc.property(oneLine, (text) => {
        fc.pre(text.trim().length > 0);
        expect(renderedCode(codeSpan(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('codeSpan uses one backtick when the text has none', () => {
    expect(codeSpan('lock.release()')).toBe('`lock.release()`');
    expect(codeSpan('a`b')).toBe('`` a`b ``');
    expect(codeSpan('a``b`')).toBe('``` a``b` ```');
  });

  it('listOf reads as prose for none, one, two and many', () => {
    expect(listOf([])).toBe('');
    expect(listOf(['a'])).toBe('a');
    expect(listOf(['a', 'b'])).toBe('a and b');
    expect(listOf(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('shorten puts text on one line and cuts it at 60 characters', () => {
    expect(shorten('a(\n    b,\n  )')).toBe('a( b, )');
    const long = 'x'.repeat(100);
    expect(shorten(long)).toBe(`${'x'.repeat(59)}…`);
    expect(shorten('x'.repeat(60))).toBe('x'.repeat(60));
  });
});
