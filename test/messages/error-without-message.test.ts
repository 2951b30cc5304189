import { describe, expect, it } from 'vitest';
import { renderLine } from './render.js';

/** The message and recommendation of one of the rule's message ids, as one checked line. */
function render(messageId: string, data: Record<string, string>): string {
  return renderLine('error-without-message', messageId, data);
}

describe('error-without-message messages', () => {
  it('says which problem a construction has, for each message state', () => {
    const problems = ['no message', 'an empty message', 'a message that is not text'];
    expect(
      problems.map((problem) => render('missingMessage', { construct: 'new Error()', problem, className: 'Error' })),
    ).toEqual([
      'Error `new Error()` has no message. Pass `Error` a message that says what failed and with which value.',
      'Error `new Error()` has an empty message. Pass `Error` a message that says what failed and with which value.',
      'Error `new Error()` has a message that is not text. Pass `Error` a message that says what failed and with which value.',
    ]);
  });

  it('names the subclass that passes no message on', () => {
    expect(render('subclassWithoutMessage', { construct: 'new LookupError()', className: 'LookupError' })).toBe(
      'Error `new LookupError()` has no message: `LookupError` passes none to `Error`. Pass `LookupError` a message that says what failed and with which value.',
    );
  });

  it('shows the rejecting call in its recommendation', () => {
    expect(render('missingReason', { construct: 'reject()', callee: 'reject' })).toBe(
      "Rejection `reject()` has no reason, so the caller receives `undefined`: no message and no stack trace. Reject with an `Error` whose message says what failed, as in `reject(new Error('…'))`.",
    );
  });

  it('describes one primitive, a union of several, and null in plain text', () => {
    const kinds = ['null', 'a value of type string', 'a value of type number | string'];
    for (const kind of kinds) {
      expect(render('nonErrorThrown', { value: 'reason', kind })).toContain(`Thrown value \`reason\` is ${kind}, not`);
      expect(render('nonErrorRejected', { value: 'reason', kind })).toContain(`reason \`reason\` is ${kind}, not`);
    }
  });
});
