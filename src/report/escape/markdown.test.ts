import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { showInvisibles } from './invisible.js';
import { codeSpan, escapeMarkdownText, markdownMessage, markdownOfParts, markdownWithCode } from './markdown.js';

const md = new MarkdownIt({ html: true, linkify: true });
md.linkify.set({ fuzzyLink: true, fuzzyEmail: true });

/** Pieces attackers use, mixed into arbitrary strings. */
const HOSTILE = [
  '`',
  '``',
  '```',
  '@x',
  '@org/team',
  '![a](http://e)',
  '[l](javascript:alert(1))',
  '<img src=x onerror=alert(1)>',
  '</details>',
  '<!-- review-bot:',
  '-->',
  '\n',
  '\r\n',
  '# ',
  '|',
  '\u202e',
  '\u001b[2J',
  'www.e.com',
  'http://e.com',
  'a@b.co',
  '&#64;x',
  '\\',
  '*',
  '_',
  '#1',
  '\u2028',
  '\u0000',
  '~~',
  '$x$',
  '1. ',
  '- ',
  '> ',
  '    ',
  ' ',
];

/** Arbitrary text, with hostile pieces mixed in. */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 4 })), { maxLength: 12 })
    .map((p) => p.join('')),
);

/** The text a reader sees: tags removed, entities decoded, our zero-width breaks dropped. */
function shownText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&#32;/g, ' ')
    .replace(/\u200b/g, '');
}

/** Inline tokens of rendered Markdown, flattened. */
function inlineTokens(markdown: string): { type: string; content: string }[] {
  return md.parseInline(markdown, {}).flatMap((t) => t.children ?? []);
}

describe('escapeMarkdownText', () => {
  it('renders as exactly the text, with invisibles shown, whatever the text', () => {
    fc.assert(
      fc.property(text, (s) => {
        const html = md.renderInline(`x ${escapeMarkdownText(s)}`);
        expect(shownText(html)).toBe(`x ${showInvisibles(s)}`);
        expect(html).not.toMatch(/<(?!\/?code>)/);
      }),
      { numRuns: 500 },
    );
  });

  it('breaks mentions, references and autolinks with a zero-width space', () => {
    const out = md.renderInline(escapeMarkdownText('@user @org/team #12 www.e.com http://e.com a@b.co'));
    expect(out).toBe(
      '\u200b@\u200buser \u200b@\u200borg/\u200bteam #\u200b12 www\u200b.\u200be.\u200bcom http:\u200b/\u200b/\u200be.\u200bcom a\u200b@\u200bb.\u200bco',
    );
  });

  it('keeps a line-start marker literal: list, heading, quote, ordered list', () => {
    for (const s of ['- a', '+ a', '# a', '> a', '1. a', '  - a', '=']) {
      const html = md.render(escapeMarkdownText(s));
      expect(html).toBe(`<p>${s.replace('>', '&gt;')}</p>\n`);
    }
  });
});

describe('codeSpan', () => {
  it('is one code span showing exactly the text, whatever backticks it holds', () => {
    fc.assert(
      fc.property(text, (s) => {
        const tokens = inlineTokens(`x ${codeSpan(s)} y`);
        expect(tokens.map((t) => t.type)).toEqual(['text', 'code_inline', 'text']);
        const shown = showInvisibles(s);
        expect(tokens[1]?.content).toBe(shown === '' ? ' ' : shown);
      }),
      { numRuns: 500 },
    );
  });

  it('uses a fence longer than any backtick run and pads a content that starts or ends with one', () => {
    expect(codeSpan("``+'x'+``")).toBe("``` ``+'x'+`` ```");
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('a\nb')).toBe('`a⏎b`');
  });
});

describe('markdownWithCode', () => {
  it('keeps code marked by backticks as code and escapes the rest', () => {
    expect(md.renderInline(markdownWithCode('no message: `LookupError` passes none to `Error` <b>'))).toBe(
      'no message: <code>LookupError</code> passes none to <code>Error</code> &lt;b&gt;',
    );
  });

  it('never lets a part escape its code span, however backticks are placed', () => {
    fc.assert(
      fc.property(text, (s) => {
        const active = inlineTokens(markdownWithCode(s)).filter((t) => /html|link|image/.test(t.type));
        expect(active).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('markdownOfParts', () => {
  it('makes each code part one code span and lets no part become markup, whatever the parts hold', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ text, code: fc.boolean() }), { maxLength: 6 }), (parts) => {
        const tokens = inlineTokens(markdownOfParts(parts));
        expect(tokens.filter((t) => /html|link|image/.test(t.type))).toEqual([]);
        const spans = tokens.filter((t) => t.type === 'code_inline').map((t) => t.content);
        const shown = (s: string): string => (showInvisibles(s) === '' ? ' ' : showInvisibles(s));
        expect(spans).toEqual(parts.filter((p) => p.code).map((p) => shown(p.text)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('markdownMessage', () => {
  it('puts a placeholder inside a template code span into one code span, and quoted text literally', () => {
    const out = markdownMessage(
      'The message "{{text}}" is thrown as `{{cls}}` in {{where}}.',
      { text: 'use `x` ![i](http://e)', cls: 'A`B', where: 'method `m`' },
      'ignored',
    );
    expect(md.renderInline(out).replace(/\u200b/g, '')).toBe(
      'The message &quot;use `x` ![i](http://e)&quot; is thrown as <code>A`B</code> in method <code>m</code>.',
    );
  });

  it('keeps two touching code spans apart, so neither can close inside the other', () => {
    const out = markdownMessage('`{{a}}`{{b}}', { a: 'x', b: '`a``b<img src=x>`' }, '');
    expect(inlineTokens(out).map((t) => t.type)).toEqual(['code_inline', 'text', 'code_inline']);
  });

  it('breaks a mention, reference or autolink that two pieces side by side would make', () => {
    const joined = (a: string, b: string): string => markdownMessage('line {{a}}{{b}}.', { a, b }, '');
    expect(joined('@', '0')).toBe('line \u200b\\@\u200b0.');
    expect(joined('#', '1')).toBe('line \\#\u200b1.');
    expect(joined('ww', 'w.e.com')).toBe('line ww\u200bw.\u200be.\u200bcom.');
    expect(joined('x@', 'b.co')).toBe('line x\u200b\\@\u200bb.\u200bco.');
    expect(joined('1', '2')).toBe('line 12.');
  });

  it('falls back to the rendered message when the template does not fit the data', () => {
    expect(markdownMessage('`{{missing}}`', {}, 'Thrown <b>')).toBe('Thrown \\<b\\>');
    expect(markdownMessage(undefined, {}, 'a `b`')).toBe('a `b`');
  });

  it('shortens a long value without splitting a surrogate pair', () => {
    const out = markdownMessage('`{{v}}`', { v: `${'a'.repeat(998)}😀😀` }, '');
    expect(out).toBe(`\`${'a'.repeat(998)}…\``);
  });
});
