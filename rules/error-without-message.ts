import { Node, SyntaxKind } from 'ts-morph';
import type { CallExpression, SourceFile } from 'ts-morph';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { FindingDraft } from '../src/model/rule.js';
import { MODULE_PATH, symbolPathOf } from './_shared/names.js';
import { codeSpan, shorten } from './_shared/text.js';
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
  isMessageSetAfterwards,
  isSentinel,
} from './error-without-message-utils/delivery.js';
import { isExecutorReject, isPromiseReject, nonErrorKind } from './error-without-message-utils/values.js';

type MessageId = 'missingMessage' | 'missingReason' | 'nonErrorThrown' | 'nonErrorRejected';

export default defineRule({
  meta: {
    id: 'error-without-message',
    description: 'Require errors to be thrown and rejected as Error objects with a message',
    category: 'correctness',
    defaultSeverity: 'warning',
    stability: 'stable',
    scope: 'file',
    needsTypeChecker: true,
    skipFiles: ['test'],
    title: 'Errors without a clear message',
    rationale:
      'An error with no message, or a thrown string, reaches logs and callers as a bare "Error" or a value with no stack trace; whoever reads it cannot tell what failed or where.',
    messages: {
      missingMessage: {
        message: 'Error {{construct}} in {{where}} has {{problem}}.',
        recommendation: 'Pass `{{className}}` a message that says what failed and with which value.',
      },
      missingReason: {
        message:
          'Rejection {{construct}} in {{where}} has no reason, so the caller receives `undefined`: no message and no stack trace.',
        recommendation: "Reject with an `Error` whose message says what failed, as in `{{callee}}(new Error('…'))`.",
      },
      nonErrorThrown: {
        message:
          'Thrown value {{value}} in {{where}} is {{kind}}, not an `Error`, so the failure has no stack trace and `instanceof Error` checks miss it.',
        recommendation:
          'Throw an `Error` (or a subclass) whose message says what failed; attach extra data as properties or as `cause`.',
      },
      nonErrorRejected: {
        message:
          'Rejection reason {{value}} in {{where}} is {{kind}}, not an `Error`, so the failure has no stack trace and `instanceof Error` checks miss it.',
        recommendation:
          'Reject with an `Error` (or a subclass) whose message says what failed; attach extra data as properties or as `cause`.',
      },
    },
    options: NO_OPTIONS,
  },
  *check({ files, project }) {
    for (const file of files) {
      yield* errorsWithoutMessage(file);
      yield* thrownNonErrors(file, caughtSentinels(project));
      yield* rejectionsWithoutReason(file);
    }
  },
});

/** `new Error()`, `new Error('')`, `Error()` and project error classes constructed without a message. */
function* errorsWithoutMessage(file: SourceFile): Generator<FindingDraft<MessageId>> {
  const constructions = [
    ...file.getDescendantsOfKind(SyntaxKind.NewExpression),
    ...file.getDescendantsOfKind(SyntaxKind.CallExpression),
  ];
  for (const construction of constructions) {
    if (Node.isCallExpression(construction) && !isBareBuiltinCall(construction)) continue;
    if (isMessageSetAfterwards(construction)) continue;
    const callee = construction.getExpression();
    const args = construction.getArguments();
    if (args.some((a) => Node.isSpreadElement(a))) continue;
    const { state, className, through, declaration } = messageStateOf(callee, args);
    if (state !== 'missing' && state !== 'empty') continue;
    const problem =
      state === 'empty'
        ? 'an empty message'
        : through === undefined
          ? 'no message'
          : `no message: \`${through}\` passes none to \`Error\``;
    yield {
      node: construction,
      messageId: 'missingMessage',
      symbol: { path: symbolPathOf(construction) },
      data: {
        where: whereText(construction),
        construct: codeSpan(shorten(construction.getText())),
        problem,
        className,
      },
      evidence: declaration === undefined ? [] : [{ note: `\`${className}\` is declared here`, node: declaration }],
    };
  }
}

/** `throw 'text'`, `throw 42`, `throw { … }` and, with types, a thrown primitive value. */
function* thrownNonErrors(file: SourceFile, sentinels: ReadonlySet<string>): Generator<FindingDraft<MessageId>> {
  for (const statement of file.getDescendantsOfKind(SyntaxKind.ThrowStatement)) {
    if (isCaughtLocally(statement) || isSentinel(statement.getExpression(), sentinels)) continue;
    const kind = nonErrorKind(statement.getExpression());
    if (kind === undefined) continue;
    yield {
      node: statement,
      messageId: 'nonErrorThrown',
      symbol: { path: symbolPathOf(statement) },
      data: { where: whereText(statement), value: codeSpan(shorten(statement.getExpression().getText())), kind },
    };
  }
}

/** `Promise.reject()` and an executor's `reject()` with no reason or a non-Error reason. */
function* rejectionsWithoutReason(file: SourceFile): Generator<FindingDraft<MessageId>> {
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (!isPromiseReject(call) && !isExecutorReject(call)) continue;
    if (isInsideTryBlock(call)) continue;
    const reason = call.getArguments()[0];
    const where = whereText(call);
    const symbol = { path: symbolPathOf(call) };
    const callee = call.getExpression().getText();
    if (reason === undefined || isUndefinedLiteral(reason)) {
      yield {
        node: call,
        messageId: 'missingReason',
        symbol,
        data: { where, construct: codeSpan(shorten(call.getText())), callee },
      };
      continue;
    }
    const kind = nonErrorKind(reason);
    if (kind !== undefined)
      yield {
        node: call,
        messageId: 'nonErrorRejected',
        symbol,
        data: { where, value: codeSpan(shorten(reason.getText())), kind },
      };
  }
}

/** `Error()` / `TypeError()` called without `new` (which also creates an error). */
function isBareBuiltinCall(call: CallExpression): boolean {
  const callee = call.getExpression();
  return Node.isIdentifier(callee) && BUILTIN_ERRORS.has(callee.getText()) && builtinOrUnknown(callee) === 'builtin';
}

/** "`Class.method`" for code in a named function, "top-level code" otherwise. */
function whereText(node: Node): string {
  const path = symbolPathOf(node);
  return path === MODULE_PATH ? 'top-level code' : `\`${path}\``;
}
