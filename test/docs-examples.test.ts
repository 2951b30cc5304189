import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { docExamples } from '../src/docs/rule-docs.js';
import { loadInMemory } from '../src/load/project.js';
import { analyseView } from '../src/pipeline.js';
import type { Finding } from '../src/model/finding.js';

// Every example in a rule's doc page is run through its rule: an `invalid`
// block gives exactly one finding, a `valid` block none. The findings are
// kept in .shot files with ^^^ under each range, so wording changes show up
// in review.
describe.each(RULES.map((r) => [r.meta.id, r] as const))('%s doc examples', (id, rule) => {
  const path = join(import.meta.dirname, '..', 'rules', `${id}.md`);
  // A missing page is reported by rules-meta.test.ts; here it just has no examples.
  const examples = existsSync(path) ? docExamples(readFileSync(path, 'utf8')) : [];

  it('has at least one invalid and one valid example', () => {
    expect(examples.some((e) => e.kind === 'invalid')).toBe(true);
    expect(examples.some((e) => e.kind === 'valid')).toBe(true);
  });

  it('gives exactly one finding per invalid example and none per valid one', async () => {
    const shots: string[] = [];
    for (const example of examples) {
      const { view, parseProblems } = loadInMemory({ [`example.${example.language}`]: example.code });
      expect(parseProblems(), `rules/${id}.md:${String(example.line)} parses`).toEqual([]);
      const result = analyseView(
        view,
        { rules: {}, settings: {}, source: undefined },
        { registry: [rule], only: [id] },
      );
      const label = `rules/${id}.md:${String(example.line)} (${example.kind})`;
      expect(result.failures, label).toEqual([]);
      expect(result.findings.length, label).toBe(example.kind === 'invalid' ? 1 : 0);
      shots.push(shot(label, example.code, result.findings));
    }
    await expect(shots.join('\n')).toMatchFileSnapshot(join(import.meta.dirname, 'docs-snapshots', `${id}.shot`));
  });
});

/** The example with ^^^ under each finding's first line, and its message. */
function shot(label: string, code: string, findings: readonly Finding[]): string {
  const out = [`// ${label}`];
  code
    .trimEnd()
    .split('\n')
    .forEach((text, index) => {
      out.push(text);
      for (const f of findings.filter((x) => x.line === index + 1)) {
        const end = f.endLine === f.line ? f.endColumn : text.length + 1;
        out.push(`${' '.repeat(f.column - 1)}${'^'.repeat(Math.max(1, end - f.column))} ${f.ruleId}: ${f.message}`);
      }
    });
  return `${out.join('\n')}\n`;
}
