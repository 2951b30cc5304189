import { describe, expect, it } from 'vitest';
import { renderLine } from './render.js';

/** The message and recommendation of one of the rule's message ids, as one checked line. */
function render(messageId: string, data: Record<string, string>): string {
  return renderLine('inconsistent-error-types', messageId, data);
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
