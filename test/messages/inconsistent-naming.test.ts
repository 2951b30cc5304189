import { describe, expect, it } from 'vitest';
import rule from '../../rules/inconsistent-naming.js';
import { fill } from '../../src/model/finding-text.js';

/** The template of a message id; a missing one fails the test. */
function templateOf(id: string): { message: string; recommendation: string } {
  const template = (rule.meta.messages as Record<string, { message: string; recommendation: string } | undefined>)[id];
  if (template === undefined) throw new Error(`no message ${id}`);
  return template;
}

const { message, recommendation } = templateOf('inconsistentName');

describe('inconsistent-naming messages', () => {
  it('states the figures for one and for many names of the dominant style', () => {
    const data = { name: 'row_count', style: 'snake_case', total: 2, kinds: 'variables', dominant: 'camelCase' };
    expect(fill(message, { ...data, count: 1 })).toBe(
      '`row_count` is snake_case while 1 of 2 variables in this project are camelCase.',
    );
    expect(fill(message, { ...data, count: 12, total: 13 })).toBe(
      '`row_count` is snake_case while 12 of 13 variables in this project are camelCase.',
    );
    expect(fill(recommendation, { ...data, count: 1, suggestion: 'rowCount' })).toBe(
      'Rename `row_count` to `rowCount`, the style of the other variables.',
    );
  });

  it('never renders with a placeholder left unfilled', () => {
    expect(() => fill(message, { name: 'x_y' })).toThrow(/has no data/);
  });
});
