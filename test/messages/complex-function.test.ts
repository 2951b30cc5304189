import { describe, expect, it } from 'vitest';
import { fill } from '../../src/model/finding-text.js';
import { RULES } from '../../rules/index.js';

/** The templates of complex-function by message id. */
function templates(): Record<string, { message: string; recommendation: string }> {
  const rule = RULES.find((r) => r.meta.id === 'complex-function');
  if (rule === undefined) throw new Error('no complex-function rule');
  return rule.meta.messages;
}

describe('complex-function messages', () => {
  it('read as prose with one, three, and three-and-more contributors, for every kind of function', () => {
    const lists = [
      'if at line 3 (+1)',
      'nested if at line 5 (+3), nested for at line 4 (+2), for at line 3 (+1)',
      'nested if at line 5 (+3), nested for at line 4 (+2), for at line 3 (+1), and 7 more',
    ];
    for (const [messageId, template] of Object.entries(templates()))
      for (const contributors of lists) {
        const data = {
          name: 'Tree.load',
          score: 16,
          limit: 15,
          contributors,
          block: 'if block',
          blockLine: 5,
          blockScore: 4,
        };
        const message = fill(template.message, data);
        const recommendation = fill(template.recommendation, data);
        expect(message, messageId).toMatch(
          /^[A-Z][a-z]+ `Tree\.load` has a cognitive complexity of 16 \(limit 15\): .+[^.]\.$/,
        );
        expect(message.endsWith(`${contributors}.`)).toBe(true);
        expect(recommendation).toBe(
          'Extract the if block at line 5, which contributes 4 of the 16, into a named function; guard clauses and early returns remove further nesting.',
        );
        for (const text of [message, recommendation]) expect(text).not.toMatch(/\{\{| {2}| ,/);
      }
  });
});
