import type { AnyRule } from '../src/model/rule.js';
import complexFunction from './complex-function.js';
import duplicateImport from './duplicate-import.js';
import errorWithoutMessage from './error-without-message.js';

/**
 * Every rule, by id. Explicit on purpose: `test/rules-meta.test.ts` checks that
 * ids, file names, doc pages and fixtures agree with this list.
 */
export const RULES: readonly AnyRule[] = [
  complexFunction,
  duplicateImport,
  errorWithoutMessage,
];
