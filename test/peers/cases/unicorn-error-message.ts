// sindresorhus/eslint-plugin-unicorn test/error-message.js at cc58720b95c45395f671ebb8fa1fdc176c3250b6 (MIT licence)
// The peer's test cases, taken as data. Its invalid cases are snapshot tests: each expects one finding.
// Generated from the peer's test file by loading it with a recording tester; do not edit by hand.
import type { PeerCase } from '../harness.js';

export const CASES: readonly PeerCase[] = [
  {
    kind: 'valid',
    code: "throw new Error('error')",
  },
  {
    kind: 'valid',
    code: "throw new TypeError('error')",
  },
  {
    kind: 'valid',
    code: "throw new MyCustomError('error')",
  },
  {
    kind: 'valid',
    code: 'throw new MyCustomError()',
  },
  {
    kind: 'valid',
    code: 'throw generateError()',
  },
  {
    kind: 'valid',
    code: 'throw foo()',
  },
  {
    kind: 'valid',
    code: 'throw err',
  },
  {
    kind: 'valid',
    code: 'throw 1',
  },
  {
    kind: 'valid',
    code: "const err = TypeError('error');\nthrow err;",
  },
  {
    kind: 'valid',
    code: 'new Error("message", 0, 0)',
  },
  {
    kind: 'valid',
    code: 'new Error(foo)',
  },
  {
    kind: 'valid',
    code: "const errors = [];\nif (condition) {\n\terrors.push('hello');\n}\n\nif (errors.length) {\n\tthrow new Error(errors.join('\\\\n'));\n}",
  },
  {
    kind: 'valid',
    code: 'new Error(...foo)',
  },
  {
    kind: 'valid',
    code: '/* global x */\nconst a = x;\nthrow x;',
  },
  {
    kind: 'valid',
    code: "const Error = function () {};\nconst err = new Error({\n\tname: 'Unauthorized',\n});",
  },
  {
    kind: 'invalid',
    code: 'throw new Error()',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'throw Error()',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: "throw new Error('')",
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'throw new Error(``)',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'const err = new Error();\nthrow err;',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'let err = 1;\nerr = new Error();\nthrow err;',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'let err = new Error();\nerr = 1;\nthrow err;',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'const foo = new TypeError()',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'const foo = new SyntaxError()',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'const errorMessage = Object.freeze({errorMessage: 1}).errorMessage;\nthrow new Error(errorMessage)',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'throw new Error([])',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'throw new Error([foo])',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'throw new Error([0][0])',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'throw new Error({})',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'throw new Error({foo})',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'throw new Error({foo: 0}.foo)',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'throw new Error(lineNumber=2)',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'throw new Error(false)',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'const error = new RangeError;',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'throw Object.assign(new Error(), {foo})',
    errors: [{}],
  },
  {
    kind: 'valid',
    code: 'new AggregateError(errors, "message")',
  },
  {
    kind: 'valid',
    code: 'new NotAggregateError(errors)',
  },
  {
    kind: 'valid',
    code: 'new AggregateError(...foo)',
  },
  {
    kind: 'valid',
    code: 'new AggregateError(...foo, "")',
  },
  {
    kind: 'valid',
    code: 'new AggregateError(errors, ...foo)',
  },
  {
    kind: 'valid',
    code: 'new AggregateError(errors, message, "")',
  },
  {
    kind: 'valid',
    code: 'new AggregateError("", message, "")',
  },
  {
    kind: 'invalid',
    code: 'new AggregateError(errors)',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'AggregateError(errors)',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'new AggregateError(errors, "")',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'new AggregateError(errors, ``)',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'new AggregateError(errors, "", extraArgument)',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'const errorMessage = Object.freeze({errorMessage: 1}).errorMessage;\nthrow new AggregateError(errors, errorMessage)',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'new AggregateError(errors, [])',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'new AggregateError(errors, [foo])',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'new AggregateError(errors, [0][0])',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'new AggregateError(errors, {})',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'new AggregateError(errors, {foo})',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'new AggregateError(errors, {foo: 0}.foo)',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'new AggregateError(errors, lineNumber=2)',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'const error = new AggregateError;',
    errors: [{}],
  },
  {
    kind: 'valid',
    code: 'new SuppressedError(error, suppressed, "message")',
  },
  {
    kind: 'valid',
    code: 'new NotSuppressedError(error, suppressed)',
  },
  {
    kind: 'valid',
    code: 'new SuppressedError(...foo)',
  },
  {
    kind: 'valid',
    code: 'new SuppressedError(...foo, "")',
  },
  {
    kind: 'valid',
    code: 'new SuppressedError(error, suppressed, ...foo)',
  },
  {
    kind: 'valid',
    code: 'new SuppressedError(error, suppressed, message, "")',
  },
  {
    kind: 'valid',
    code: 'new SuppressedError("", "", message, "")',
  },
  {
    kind: 'invalid',
    code: 'new SuppressedError(error, suppressed,)',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'new SuppressedError(error,)',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'new SuppressedError()',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'SuppressedError(error, suppressed,)',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'SuppressedError(error,)',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'SuppressedError()',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'new SuppressedError(error, suppressed, "")',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'new SuppressedError(error, suppressed, ``)',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'new SuppressedError(error, suppressed, "", options)',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'const errorMessage = Object.freeze({errorMessage: 1}).errorMessage;\nthrow new SuppressedError(error, suppressed, errorMessage)',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'new SuppressedError(error, suppressed, [])',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'new SuppressedError(error, suppressed, [foo])',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'new SuppressedError(error, suppressed, [0][0])',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'new SuppressedError(error, suppressed, {})',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'new SuppressedError(error, suppressed, {foo})',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'new SuppressedError(error, suppressed, {foo: 0}.foo)',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'new SuppressedError(error, suppressed, lineNumber=2)',
    errors: [{}],
  },
  {
    kind: 'invalid',
    code: 'const error = new SuppressedError;',
    errors: [{}],
  },
];
