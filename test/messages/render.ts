import { expect } from 'vitest';
import { fill } from '../../src/model/finding-text.js';
import { RULES } from '../../rules/index.js';
import { loadInMemory } from '../../src/load/project.js';
import { analyseView } from '../../src/pipeline.js';

/** The message and recommendation of a rule's message id, filled with data. */
export function render(ruleId: string, messageId: string, data: Record<string, string>): string[] {
  const text = RULES.find((r) => r.meta.id === ruleId)?.meta.messages[messageId];
  if (text === undefined) throw new Error(`${ruleId} has no message ${messageId}`);
  return [fill(text.message, data), fill(text.recommendation, data)];
}

/**
 * The message and recommendation of a rule's message id as one line, filled
 * with data that holds no code markup, checked for leftover placeholders,
 * doubled spaces and empty code spans.
 */
export function renderLine(ruleId: string, messageId: string, data: Record<string, string>): string {
  for (const value of Object.values(data)) expect(value).not.toContain('`');
  const out = render(ruleId, messageId, data).join(' ');
  expect(out).not.toMatch(/\{\{|\s{2}|``/);
  return out;
}

/**
 * What one rule says about a small in-memory project: each finding as
 * `line: message recommendation`, checked to be well-formed (no placeholder
 * left, no empty code span, no doubled space, no empty list).
 */
export function messagesFor(ruleId: string, sources: Readonly<Record<string, string>>): string[] {
  const { view, parseProblems } = loadInMemory(sources);
  expect(parseProblems()).toEqual([]);
  const registry = RULES.filter((r) => r.meta.id === ruleId);
  const result = analyseView(
    view,
    { rules: { [ruleId]: 'warning' }, settings: {}, source: undefined },
    { registry, only: [ruleId] },
  );
  expect(result.failures).toEqual([]);
  return result.findings.map((f) => {
    const text = `${String(f.line)}: ${f.message} ${f.recommendation}`;
    expect(text).not.toMatch(/\{\{|``|\s{2}|\band\s+(?:but|[,.])/);
    return text;
  });
}
