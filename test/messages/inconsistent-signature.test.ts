import { describe, expect, it } from 'vitest';
import rule from '../../rules/inconsistent-signature.js';
import { fill } from '../../src/model/finding-text.js';
import { listOf } from '../../rules/_shared/text.js';

/** The template of a message id; a missing one fails the test. */
function templateOf(id: string): { message: string; recommendation: string } {
  const template = (rule.meta.messages as Record<string, { message: string; recommendation: string } | undefined>)[id];
  if (template === undefined) throw new Error(`no message ${id}`);
  return template;
}

/** The message and recommendation of a template, filled as the engine fills them. */
function render(id: string, data: Record<string, string | number>): string[] {
  const template = templateOf(id);
  return [fill(template.message, data), fill(template.recommendation, data)];
}

describe('inconsistent-signature messages', () => {
  it('names one aspect, or lists two and three', () => {
    const base = {
      param: 'tags',
      member: 'increment',
      siblingDeclaration: 'tags?: string[]',
      sibling: 'gauge',
      line: 5,
    };
    const one = render('inconsistentParameter', {
      ...base,
      suggestion: 'tags?: string[]',
      aspects: listOf(['type']),
      details: '`Record<string, string>` vs `string[]`',
    });
    expect(one[0]).toBe(
      'Parameter `tags` of `increment` differs from `tags?: string[]` in its sibling `gauge` (line 5) in type: `Record<string, string>` vs `string[]`.',
    );
    const many = render('inconsistentParameter', {
      ...base,
      suggestion: 'tags?: string[]',
      aspects: listOf(['spelling', 'type', 'absent-value convention']),
      details: 'a; b; c',
    });
    expect(many[0]).toContain('in spelling, type and absent-value convention: a; b; c.');
  });

  it('recommends only the spelling for a spelling difference', () => {
    const [message, recommendation] = render('inconsistentParameterName', {
      param: 'chat_id',
      member: 'leave',
      siblingName: 'chatId',
      sibling: 'getScores',
      line: 2,
    });
    expect(message).toBe('Parameter `chat_id` of `leave` is spelled `chatId` in its sibling `getScores` (line 2).');
    expect(recommendation).toBe(
      'Rename `chat_id` to `chatId`, keeping its own type, as `getScores` spells it, or change every sibling to one spelling.',
    );
  });

  it('fills the absent-return template without empty code spans', () => {
    const text = render('inconsistentAbsentReturn', {
      member: 'findByName',
      returned: 'Provider | null',
      sibling: 'find',
      siblingReturned: 'Provider | undefined',
      line: 3,
      absent: 'null',
      siblingAbsent: 'undefined',
      entity: 'Provider',
    }).join('\n');
    expect(text).not.toContain('``');
    expect(text).toContain('`null` here, `undefined` there for a missing `Provider`');
  });
});
