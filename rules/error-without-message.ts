import { Node } from 'ts-morph';
import type { CallExpression, NewExpression, ThrowStatement } from 'ts-morph';
import { candidatesOf } from './error-without-message-utils/candidates.js';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { FindingDraft } from '../src/model/rule.js';
import type { ProjectView } from '../src/model/project-view.js';
import { symbolPathOf } from './_shared/names.js';
import { shorten } from './_shared/text.js';
import {
  BUILTIN_ERRORS,
  builtinOrUnknown,
  isUndefinedLiteral,
  messageStateOf,
} from './error-without-message-utils/message-state.js';
import {
  caughtSentinels,
  isCaughtLocally,
  isInsideTryBlock,
  isExcusedConstruction,
  isStatusObject,
  isUnreadSettledSlot,
  statusShapes,
  isSentinel,
} from './error-without-message-utils/delivery.js';
import type { StatusShapes } from './error-without-message-utils/delivery.js';
import { isTypedErrorClass } from './error-without-message-utils/typed-errors.js';
import { isExecutorReject, isPromiseReject, nonErrorKind } from './error-without-message-utils/values.js';
import { isWaivedByEslint } from './_shared/waivers.js';

type MessageId = 'missingMessage' | 'subclassWithoutMessage' | 'missingReason' | 'nonErrorThrown' | 'nonErrorRejected';

/** How each message state reads in a message. */
const PROBLEM_TEXT = {
  missing: 'no message',
  empty: 'an empty message',
  notText: 'a message that is not text',
} as const;

export default defineRule({
  meta: {
    id: 'error-without-message',
    description: 'Require errors to be thrown and rejected as Error objects with a message',
    category: 'correctness',
    defaultSeverity: 'warning',
    stability: 'experimental',
    scope: 'file',
    needsTypeChecker: true,
    skipFiles: ['test'],
    title: 'Errors without a clear message',
    rationale:
      'An error with no message, or a thrown string, reaches logs and callers as a bare "Error" or a value with no stack trace; whoever reads it cannot tell what failed or where.',
    messages: {
      missingMessage: {
        message: 'Error `{{construct}}` has {{problem}}.',
        recommendation: 'Pass `{{className}}` a message that says what failed and with which value.',
      },
      subclassWithoutMessage: {
        message: 'Error `{{construct}}` has no message: `{{className}}` passes none to `Error`.',
        recommendation: 'Pass `{{className}}` a message that says what failed and with which value.',
      },
      missingReason: {
        message:
          'Rejection `{{construct}}` has no reason, so the caller receives `undefined`: no message and no stack trace.',
        recommendation: "Reject with an `Error` whose message says what failed, as in `{{callee}}(new Error('…'))`.",
      },
      nonErrorThrown: {
        message:
          'Thrown value `{{value}}` is {{kind}}, not an `Error`, so the failure has no stack trace and `instanceof Error` checks miss it.',
        recommendation:
          'Throw an `Error` (or a subclass) whose message says what failed; attach extra data as properties or as `cause`.',
      },
      nonErrorRejected: {
        message:
          'Rejection reason `{{value}}` is {{kind}}, not an `Error`, so the failure has no stack trace and `instanceof Error` checks miss it.',
        recommendation:
          'Reject with an `Error` (or a subclass) whose message says what failed; attach extra data as properties or as `cause`.',
      },
    },
    options: NO_OPTIONS,
  },
  *check({ files, project }) {
    for (const file of files) {
      const candidates = candidatesOf(file);
      yield* errorsWithoutMessage(candidates.constructions, project);
      yield* thrownNonErrors(candidates.throws, caughtSentinels(project), statusShapes(project));
      yield* rejectionsWithoutReason(candidates.rejections, statusShapes(project));
    }
  },
});

/** `new Error()`, `new Error('')`, `new Error({})`, `Error()` and project error classes constructed without a message. */
function* errorsWithoutMessage(
  constructions: readonly (NewExpression | CallExpression)[],
  project: ProjectView,
): Generator<FindingDraft<MessageId>> {
  for (const construction of constructions) {
    if (Node.isCallExpression(construction) && !isBareBuiltinCall(construction)) continue;
    const args = construction.getArguments();
    if (args.some((a) => Node.isSpreadElement(a))) continue;
    const { state, className, through, declaration } = messageStateOf(construction.getExpression(), args);
    if (state !== 'missing' && state !== 'empty' && state !== 'notText') continue;
    if (isExcusedConstruction(construction, project)) continue;
    if (through !== undefined && declaration !== undefined && isTypedErrorClass(declaration, project)) continue;
    const construct = shorten(construction.getText());
    yield {
      node: construction,
      messageId: through === undefined ? 'missingMessage' : 'subclassWithoutMessage',
      symbol: { path: symbolPathOf(construction) },
      data: through === undefined ? { construct, problem: PROBLEM_TEXT[state], className } : { construct, className },
      evidence: declaration === undefined ? [] : [{ note: `\`${className}\` is declared here`, node: declaration }],
    };
  }
}

/** `throw 'text'`, `throw 42`, `throw { … }` and, with types, a thrown primitive value. */
function* thrownNonErrors(
  throws: readonly ThrowStatement[],
  sentinels: ReadonlySet<string>,
  shapes: StatusShapes,
): Generator<FindingDraft<MessageId>> {
  for (const statement of throws) {
    const thrown = statement.getExpression();
    if (isCaughtLocally(statement) || isSentinel(thrown, sentinels) || isStatusObject(thrown, shapes)) continue;
    if (isWaivedByEslint(statement, EQUIVALENT_ESLINT_RULES)) continue;
    const kind = nonErrorKind(thrown);
    if (kind === undefined) continue;
    yield {
      node: statement,
      messageId: 'nonErrorThrown',
      symbol: { path: symbolPathOf(statement) },
      data: { value: shorten(thrown.getText()), kind },
    };
  }
}

/** `Promise.reject()` and an executor's `reject()` with no reason or a non-Error reason. */
function* rejectionsWithoutReason(
  calls: readonly CallExpression[],
  shapes: StatusShapes,
): Generator<FindingDraft<MessageId>> {
  for (const call of calls) {
    if (!isPromiseReject(call) && !isExecutorReject(call)) continue;
    if (isInsideTryBlock(call) || isUnreadSettledSlot(call) || isWaivedByEslint(call, EQUIVALENT_ESLINT_RULES))
      continue;
    const reason = call.getArguments()[0];
    const symbol = { path: symbolPathOf(call) };
    if (reason === undefined || isUndefinedLiteral(reason)) {
      const callee = call.getExpression().getText();
      yield { node: call, messageId: 'missingReason', symbol, data: { construct: shorten(call.getText()), callee } };
      continue;
    }
    if (isStatusObject(reason, shapes)) continue;
    const kind = nonErrorKind(reason);
    if (kind !== undefined)
      yield { node: call, messageId: 'nonErrorRejected', symbol, data: { value: shorten(reason.getText()), kind } };
  }
}

/** ESLint rules that check what this rule checks for thrown and rejected values. */
const EQUIVALENT_ESLINT_RULES =
  /(?:^|[\s,])(?:@typescript-eslint\/)?(?:prefer-promise-reject-errors|no-throw-literal|only-throw-error)\b/;

/** `Error()` / `TypeError()` called without `new` (which also creates an error). */
function isBareBuiltinCall(call: CallExpression): boolean {
  const callee = call.getExpression();
  return Node.isIdentifier(callee) && BUILTIN_ERRORS.has(callee.getText()) && builtinOrUnknown(callee) === 'builtin';
}
