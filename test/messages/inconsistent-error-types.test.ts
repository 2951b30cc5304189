import { describe, expect, it } from 'vitest';
import rule from '../../rules/inconsistent-error-types.js';
import { fill } from '../../src/analyse/run-rules.js';

const { messages } = rule.meta;

/** The message and recommendation of one messageId filled with data, checked for leftovers and markup in data. */
function render(messageId: string, data: Record<string, string>): string {
  const text = messages[messageId];
  if (text === undefined) throw new Error(`no message ${messageId}`);
  for (const value of Object.values(data)) expect(value).not.toContain('`');
  const out = `${fill(text.message, data)} ${fill(text.recommendation, data)}`;
  expect(out).not.toMatch(/\{\{|\s{2}|``/);
  return out;
}

describe('inconsistent-error-types messages', () => {
  it('quotes the message, with and without interpolated holes', () => {
    for (const text of ['Provider not found', "No such provider '${…}'."]) {
      expect(
        render('sameMessageOtherClass', { text, errorClass: 'Error', otherClass: 'NotFoundError', line: '9' }),
      ).toBe(
        `The message "${text}" is thrown as \`Error\` here but as \`NotFoundError\` on line 9. Throw \`NotFoundError\` here too, or give the two failures different messages if they are different failures.`,
      );
    }
  });

  it('names one absent value or both', () => {
    for (const absent of ['undefined', 'null', 'undefined | null']) {
      const data = {
        member: 'findByUuid',
        errorClass: 'NotFoundError',
        entity: 'Provider',
        sibling: 'find',
        absent,
        line: '4',
      };
      expect(render('throwsWhereSiblingReturns', data)).toContain(
        `sibling \`find\` returns \`${absent}\` for the same case`,
      );
      expect(render('returnsWhereSiblingThrows', data)).toContain(
        `Lookup \`findByUuid\` returns \`${absent}\` when no`,
      );
    }
  });
});
