import type { RuleMeta } from '../model/rule.js';

/** The fixed headings of a rule's doc page, in order. */
export const DOC_HEADINGS = [
  '## Why',
  '## Examples',
  '### Invalid',
  '### Valid',
  '## Options',
  '## Known limitations',
  '## When not to use it',
] as const;

/** A fenced example of a doc page. */
export interface DocExample {
  kind: 'valid' | 'invalid';
  /** File extension the example is written in (ts, tsx, js...). */
  language: string;
  code: string;
  /** 1-based line of the opening fence in the doc page. */
  line: number;
}

/** The ```` ```ts valid ```` / ```` ```ts invalid ```` blocks of a doc page. */
export function docExamples(markdown: string): DocExample[] {
  const out: DocExample[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(ts|tsx|js|jsx|mts|cts)\s+(valid|invalid)\s*$/.exec(lines[i] ?? '');
    if (open === null) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i] ?? '');
    const [, language = 'ts', kind] = open;
    out.push({ kind: kind === 'valid' ? 'valid' : 'invalid', language, code: `${body.join('\n')}\n`, line: start + 1 });
  }
  return out;
}

/** The headings (## and ###) of a doc page, in order. */
export function docHeadings(markdown: string): string[] {
  return markdown
    .split('\n')
    .filter((line) => /^#{2,3} /.test(line))
    .map((line) => line.trim());
}

/** The README rules table, generated from metadata. */
export function rulesTable(metas: readonly RuleMeta[]): string {
  const rows = [...metas]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map(
      (m) =>
        `| [\`${m.id}\`](rules/${m.id}.md) | ${m.description} | ${m.category} | ${m.defaultSeverity} | ${m.stability === 'stable' ? 'on' : 'off (experimental)'} | ${m.needsTypeChecker ? 'yes' : 'no'} |`,
    );
  return [
    '| Rule | What it checks | Category | Severity | Default | Type checker |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** Replaces the text between `<!-- rules:start -->` and `<!-- rules:end -->`. */
export function withRulesTable(readme: string, table: string): string {
  return withBlock(readme, 'rules', table);
}

/** Replaces the text between `<!-- demo:start -->` and `<!-- demo:end -->` with the demo review in a fence. */
export function withDemoReview(readme: string, review: string): string {
  return withBlock(readme, 'demo', `\`\`\`markdown\n${review}\`\`\``);
}

function withBlock(readme: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} ... ${end} markers`);
  return `${readme.slice(0, from + start.length)}\n${body}\n${readme.slice(to)}`;
}
