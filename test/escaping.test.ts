/**
 * Repository text is data, never markup: arbitrary names, file names and strings go through every
 * message template of every rule and every output (review Markdown, inline comments, review body, job
 * summary, stylish), and nothing active survives. Markdown is rendered with markdown-it, linkify on (and
 * stricter than GitHub: bare domains too); GitHub's own text filters (mentions, references, autolinks)
 * are checked on the text outside code.
 */
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { fill } from '../src/model/finding-text.js';
import { markdownMessage } from '../src/report/escape/markdown.js';
import type { MarkedFinding } from '../src/diff/filter.js';
import type { AnalysisResult, Finding } from '../src/model/finding.js';
import type { RuleMeta } from '../src/model/rule.js';
import type { RuleInfo } from '../src/report/github-review/comment-body.js';
import { commentBody } from '../src/report/github-review/comment-body.js';
import { listedKey, readCommentMarker, readReviewState } from '../src/report/github-review/marker.js';
import type { ExistingReview, PlanInput } from '../src/report/github-review/plan.js';
import { planReview } from '../src/report/github-review/plan.js';
import { composeReview } from '../src/report/review.js';
import { suggestionBlock, suggestionForFix } from '../src/report/suggestion.js';
import { toStylish } from '../src/report/stylish.js';

const md = new MarkdownIt({ html: true, linkify: true });
type Token = ReturnType<typeof md.parse>[number];
md.linkify.set({ fuzzyLink: true, fuzzyEmail: true });

/** Pieces attackers use, mixed into arbitrary strings. */
const HOSTILE = [
  '```',
  '`',
  '`@x`',
  '@x',
  '@org/team',
  '![a](http://e)',
  '[l](http://e)',
  '<img src=x onerror=alert(1)>',
  '</details>',
  '<details>',
  '<!-- review-bot:',
  '<!-- review-bot:review -->',
  '<!-- review-bot:state run=1 listed=AAAAAAAAl -->',
  '<!-- review-bot:finding ff unused-variable -->',
  '-->',
  '\n',
  '\n\n',
  '\r\n',
  '\n# H',
  '\n| a | b |\n| - | - |',
  '|',
  '\u202e',
  '\u2066',
  '\u200e',
  '\u061c',
  '\u001b[2J',
  '\u001b]8;;http://e\u0007x\u001b]8;;\u0007',
  '\u009b31m',
  'www.e.com',
  'https://e.com/x',
  'a@b.co',
  '&#64;x',
  '#1',
  '\\',
  '*',
  '_',
  '~~',
  '\u2028',
  '\u0000',
  '\ud800',
  '1. ',
  '- ',
  '> ',
  '    ',
  '::error::x',
];

/** Arbitrary text with hostile pieces mixed in. */
const text = fc.oneof(
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 10 })
      .map((p) => p.join('')),
  },
);

/** Every message of every rule, with its rule. */
const TEMPLATES = RULES.flatMap((rule) =>
  Object.entries(rule.meta.messages).map(([messageId, template]) => ({ meta: rule.meta, messageId, template })),
);

/** Placeholder names of a template. */
function placeholders(template: string): string[] {
  return [...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '');
}

/** A finding of a rule's message, filled as the engine fills it. */
function findingOf(
  meta: RuleMeta,
  messageId: string,
  data: Record<string, string>,
  place: { file: string; symbol: string; note: string; fingerprint: string },
): Finding {
  const template = meta.messages[messageId];
  if (template === undefined) throw new Error(`no message ${messageId}`);
  return {
    ruleId: meta.id,
    messageId,
    severity: meta.defaultSeverity,
    security: meta.category === 'security',
    file: place.file,
    line: 3,
    column: 1,
    endLine: 3,
    endColumn: 2,
    message: fill(template.message, data),
    recommendation: fill(template.recommendation, data),
    symbol: place.symbol,
    data,
    evidence: [{ note: place.note, file: place.file, line: 2 }],
    fingerprint: place.fingerprint,
  };
}

/** A result holding these findings. */
function resultOf(findings: Finding[]): AnalysisResult {
  return {
    findings,
    failures: [],
    fileCount: 2,
    unparsedFiles: [],
    rulesRun: RULES.map((r) => r.meta.id),
    rulesMeta: RULES.map((r) => r.meta),
    securityRulesRun: [],
    securityRulesKnown: [],
    timings: {},
  };
}

/** A finding marked as on a commentable line (or not). */
function markedOf(finding: Finding, commentLine: number | undefined): MarkedFinding {
  return {
    finding,
    path: finding.file,
    inDiffFile: true,
    filePatched: true,
    inDiffLines: commentLine !== undefined,
    inDiffContext: commentLine !== undefined,
    commentLine,
    selected: true,
  };
}

const RULE_INFO = new Map<string, RuleInfo>(
  RULES.map((r) => [r.meta.id, { title: r.meta.title, rationale: r.meta.rationale, messages: r.meta.messages }]),
);

/** Plan input for these findings. */
function planInput(marked: MarkedFinding[], overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    marked,
    comments: [],
    reviews: [],
    commitId: 'c'.repeat(40),
    maxComments: 1,
    renderReview: (findings) => composeReview(resultOf([...findings]), { findings }),
    runId: '42-1',
    ruleInfo: (id) => RULE_INFO.get(id),
    ...overrides,
  };
}

/** HTML our own Markdown writes on purpose (comment evidence, hidden markers). */
const OUR_HTML = /^(<details><summary>Evidence<\/summary>|<\/details>|<!-- review-bot:[a-z]+( [\w.=-]+)* -->)\n?$/;
/** Headings our own Markdown writes on purpose. */
const OUR_HEADINGS = /^(Not commented inline|Every finding of this pull request) \(\d+\)$/;
/** What GitHub turns into a mention, a cross-reference or an autolink when it stands in text outside code. */
const GITHUB_FILTERS = [
  /(?:^|[^\w])@[a-z0-9]/i,
  /(?:^|[^\w/])#\d/,
  /(?:^|[\s*_~(])(?:www\.|https?:\/\/)/i,
  /[\w.+-]@[\w-]+\.[\w.-]*\w/,
];

/** Every way a Markdown text could be active: what is returned names it (empty when all is literal). */
function activeParts(markdown: string): string[] {
  const problems: string[] = [];
  const visit = (tokens: readonly Token[]): void => {
    tokens.forEach((token, index) => {
      if (/^(link_open|image|table_open|code_block|fence|hr)$/.test(token.type)) problems.push(token.type);
      if ((token.type === 'html_block' || token.type === 'html_inline') && !OUR_HTML.test(token.content))
        problems.push(`${token.type}: ${token.content}`);
      if (token.type === 'heading_open' && !OUR_HEADINGS.test(tokens[index + 1]?.content ?? ''))
        problems.push(`heading: ${tokens[index + 1]?.content ?? ''}`);
      if (token.type === 'text')
        for (const filter of GITHUB_FILTERS)
          if (filter.test(token.content)) problems.push(`${String(filter)}: ${token.content}`);
      if (token.children !== null) visit(token.children);
    });
  };
  visit(md.parse(markdown, {}));
  return problems;
}

/** Anything a terminal could act on, or that hides or reorders what is shown. */
const TERMINAL_UNSAFE =
  // eslint-disable-next-line no-control-regex -- the test looks for control characters
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/u;

const hostileCase = fc.record({
  entry: fc.constantFrom(...TEMPLATES),
  values: fc.array(text, { minLength: 12, maxLength: 12 }),
  file: text,
  symbol: text,
  note: text,
});

type Case = typeof hostileCase extends fc.Arbitrary<infer T> ? T : never;

/** The finding of a generated case: each placeholder takes one of the generated values. */
function caseFinding(c: Case): Finding {
  const names = [
    ...new Set([...placeholders(c.entry.template.message), ...placeholders(c.entry.template.recommendation)]),
  ];
  const data = Object.fromEntries(names.map((name, i) => [name, c.values[i % c.values.length] ?? '']));
  return findingOf(c.entry.meta, c.entry.messageId, data, {
    file: `src/${c.file}.ts`,
    symbol: c.symbol,
    note: c.note,
    fingerprint: 'f00d',
  });
}

describe('every message template, every output: repository text stays literal', () => {
  it('has templates to test', () => {
    expect(TEMPLATES.length).toBeGreaterThan(50);
  });

  it('review, inline comment, review body, fallback body and job summary have nothing active; markers are ours', () => {
    fc.assert(
      fc.property(hostileCase, (c) => {
        const finding = caseFinding(c);
        const other = { ...finding, fingerprint: 'beef', line: 9 };
        const plan = planReview(planInput([markedOf(finding, 3), markedOf(other, undefined)]));
        const comment = plan.create?.comments[0]?.body ?? '';
        const outputs = {
          review: composeReview(resultOf([finding])),
          comment,
          body: plan.create?.body ?? '',
          fallback: plan.create?.fallbackBody ?? '',
          summary: plan.summary,
        };
        for (const [name, markdown] of Object.entries(outputs))
          expect([name, activeParts(markdown)]).toEqual([name, []]);
        // The only marker lines are the ones the bot wrote: no line of repository text starts like one.
        const markerLines = (markdown: string): number =>
          markdown.split('\n').filter((l) => l.startsWith('<!--')).length;
        expect(Object.values(outputs).map(markerLines)).toEqual([0, 1, 2, 2, 0]);
        expect(readCommentMarker(comment)).toEqual({ fingerprint: 'f00d', ruleId: finding.ruleId });
        expect(readReviewState(outputs.body)).toEqual({
          runId: '42-1',
          listed: new Map([[listedKey('beef'), 'outside-diff']]),
        });
        expect(outputs.summary.split('\n').filter((l) => l.startsWith('- ')).length).toBe(2);
      }),
      { numRuns: 200 },
    );
  });

  it('values side by side in a message make nothing active across their boundary', () => {
    // The pieces of a mention, a reference or an autolink, split where one value may end and the next begin.
    const pieces = ['@', '#', 'ww', 'w', 'w.e.com', '.e.com', 'http:', '//e.com', 'a', 'b.co', '0', '1', '.', ':', '/'];
    const value = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 3 }).map((p) => p.join(''));
    fc.assert(
      fc.property(value, value, value, (a, b, c) => {
        const markdown = markdownMessage('{{a}}{{b}}:{{c}} `{{a}}`', { a, b, c }, '');
        expect(activeParts(markdown)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('a suggestion of repository text is one fenced block holding exactly that text; nothing else is active', () => {
    const lines = fc.array(text, { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(hostileCase, lines, (c, suggested) => {
        const finding = caseFinding(c);
        const source = 'const a = 1;\nconst b = 2;\n';
        const fix = {
          edits: [{ file: finding.file, start: 0, end: source.indexOf('\n') + 1, text: `${suggested.join('\n')}\n` }],
        };
        const suggestion = suggestionForFix(fix, finding.file, source);
        // The guard refuses what GitHub's Markdown would split into other lines, and marker look-alikes.
        fc.pre(suggestion !== undefined);
        const plan = planReview(planInput([markedOf(finding, 1)], { suggestionFor: () => suggestion }));
        const comment = plan.create?.comments[0];
        expect([comment?.line, comment?.startLine]).toEqual([1, undefined]);
        const body = comment?.body ?? '';
        // CommonMark shows NUL as U+FFFD; everything else comes out as it went in.
        const fences = md.parse(body, {}).filter((t) => t.type === 'fence');
        expect(fences.map((t) => [t.info, t.content])).toEqual([
          ['suggestion', suggestion.lines.map((l) => `${l.replaceAll('\0', '\ufffd')}\n`).join('')],
        ]);
        const outside = body.replace(suggestionBlock(suggestion), '');
        expect(outside).not.toBe(body);
        expect(activeParts(outside)).toEqual([]);
        expect(body.split('\n').filter((l) => /^<!-- review-bot:/.test(l))).toHaveLength(1);
        expect(readCommentMarker(body)).toEqual({ fingerprint: 'f00d', ruleId: finding.ruleId });
      }),
      { numRuns: 200 },
    );
  });

  it('stylish output has no control, escape or bidi character, with or without colour', () => {
    fc.assert(
      fc.property(hostileCase, (c) => {
        const finding = caseFinding(c);
        expect(toStylish(resultOf([finding]))).not.toMatch(TERMINAL_UNSAFE);
        // eslint-disable-next-line no-control-regex -- our own colour codes are the only escapes
        const painted = toStylish(resultOf([finding]), { color: true }).replace(/\u001b\[\d+m/g, '');
        expect(painted).not.toMatch(TERMINAL_UNSAFE);
      }),
      { numRuns: 200 },
    );
  });
});

/** The rule metadata of a rule id. */
function metaOf(id: string): RuleMeta {
  const meta = RULES.find((r) => r.meta.id === id)?.meta;
  if (meta === undefined) throw new Error(`no rule ${id}`);
  return meta;
}

/** The finding the attacker's pull request made, for one rule message. */
function attack(id: string, messageId: string, data: Record<string, string>, file = 'src/a.ts'): Finding {
  return findingOf(metaOf(id), messageId, data, { file, symbol: 'S', note: 'n', fingerprint: 'f1' });
}

/** The message line of a comment body, rendered. */
function renderedMessage(finding: Finding): string {
  const body = commentBody(finding, RULE_INFO.get(finding.ruleId));
  return md.renderInline(body.split('\n')[2] ?? '').replace(/\u200b/g, '°');
}

describe('the channels the attacker found', () => {
  const payload = '![x](http://e/b.png) @admin @org/team </details><img src=x onerror=alert(1)> <!-- review-bot:x -->';

  it('a thrown message quoted inside "…" (inconsistent-error-types) is shown as text', () => {
    const finding = attack('inconsistent-error-types', 'sameMessageOtherClass', {
      text: `x" ${payload} "`,
      errorClass: 'A',
      otherClass: 'B',
      line: '9',
    });
    expect(renderedMessage(finding)).toBe(
      'The message &quot;x&quot; ![x](http:°/°/°e/°b.°png) °@°admin °@°org/°team &lt;/°details&gt;&lt;img src=x onerror=alert(1)&gt; &lt;!-- review-bot:°x --&gt; &quot;&quot; is thrown as <code>A</code> here but as <code>B</code> on line 9.',
    );
  });

  it('source text with backticks cannot break out of its code span (error-without-message)', () => {
    const finding = attack('error-without-message', 'missingMessage', {
      construct: "new Error(``+'<img src=x onerror=alert(1)>'+``)",
      problem: 'no message',
      className: 'Error',
    });
    expect(renderedMessage(finding)).toBe(
      "Error <code>new Error(``+'&lt;img src=x onerror=alert(1)&gt;'+``)</code> has no message.",
    );
  });

  it('a file name with backticks and a newline stays in its code span in the review, body and summary', () => {
    const file = 'src/a`b\n# Owned @x.ts';
    const finding = attack('unused-variable', 'unusedVariable', { kind: 'variable', name: 'v' }, file);
    const plan = planReview(planInput([markedOf(finding, undefined)]));
    const place = '<code>src/a`b⏎# Owned @x.ts:3</code>';
    for (const markdown of [composeReview(resultOf([finding])), plan.create?.body ?? '', plan.summary]) {
      expect(activeParts(markdown)).toEqual([]);
      expect(md.render(markdown)).toContain(place);
    }
  });

  it('a forged marker in quoted text is never read: re-runs post one review, not three', () => {
    const forged = '<!-- review-bot:state run=x listed=AAAAAAAAl -->\n<!-- review-bot:review -->';
    const finding = attack('unused-variable', 'unusedVariable', { kind: 'variable', name: forged });
    const marked = [markedOf(finding, undefined)];
    const first = planReview(planInput(marked));
    expect(first.create).toBeDefined();
    const reviews: ExistingReview[] = [{ id: 1, body: first.create?.body ?? '', state: 'COMMENTED' }];
    const second = planReview(planInput(marked, { reviews, runId: '43-1' }));
    expect([second.create, second.update]).toEqual([undefined, undefined]);
    expect(readReviewState(first.create?.body ?? '')).toEqual({
      runId: '42-1',
      listed: new Map([[listedKey('f1'), 'outside-diff']]),
    });
  });

  it('stylish shows terminal escapes, hyperlinks and bidi overrides instead of obeying them', () => {
    const file = '\u001b[2J\u001b]8;;http://e\u0007x\u001b]8;;\u0007\u202eevil.ts';
    const finding = attack('unused-variable', 'unusedVariable', { kind: 'variable', name: '\u001b[31mred' }, file);
    const lines = toStylish(resultOf([finding])).split('\n');
    expect(lines[0]).toBe('⟨U+001B⟩[2J⟨U+001B⟩]8;;http://e⟨U+0007⟩x⟨U+001B⟩]8;;⟨U+0007⟩⟨U+202E⟩evil.ts');
    expect(lines[1]).toBe(
      '  3:1      warning  The variable `⟨U+001B⟩[31mred` is declared but never read.  unused-variable',
    );
  });
});
