import type { AnyRule } from '../src/model/rule.js';
import checkThenAct from './check-then-act.js';
import codeInjection from './code-injection.js';
import commandInjection from './command-injection.js';
import complexFunction from './complex-function.js';
import disabledTlsVerification from './disabled-tls-verification.js';
import duplicateImport from './duplicate-import.js';
import errorWithoutMessage from './error-without-message.js';
import hardcodedSecret from './hardcoded-secret.js';
import incompleteDocstring from './incomplete-docstring.js';
import inconsistentErrorTypes from './inconsistent-error-types.js';
import inconsistentIndentation from './inconsistent-indentation.js';
import inconsistentLocking from './inconsistent-locking.js';
import inconsistentNaming from './inconsistent-naming.js';
import inconsistentSignature from './inconsistent-signature.js';
import insecureRandomness from './insecure-randomness.js';
import missingDocstring from './missing-docstring.js';
import missingTests from './missing-tests.js';
import missingTypeHint from './missing-type-hint.js';
import redundantLock from './redundant-lock.js';
import reentrantLock from './reentrant-lock.js';
import sqlInjection from './sql-injection.js';
import unreleasedLock from './unreleased-lock.js';
import unusedImport from './unused-import.js';
import unusedMember from './unused-member.js';
import unusedVariable from './unused-variable.js';
import weakCrypto from './weak-crypto.js';

/**
 * Every rule, by id. Explicit on purpose: `test/rules-meta.test.ts` checks that
 * ids, file names, doc pages and fixtures agree with this list.
 */
export const RULES: readonly AnyRule[] = [
  checkThenAct,
  codeInjection,
  commandInjection,
  complexFunction,
  disabledTlsVerification,
  duplicateImport,
  errorWithoutMessage,
  hardcodedSecret,
  incompleteDocstring,
  inconsistentErrorTypes,
  inconsistentIndentation,
  inconsistentLocking,
  inconsistentNaming,
  inconsistentSignature,
  insecureRandomness,
  missingDocstring,
  missingTests,
  missingTypeHint,
  redundantLock,
  reentrantLock,
  sqlInjection,
  unreleasedLock,
  unusedImport,
  unusedMember,
  unusedVariable,
  weakCrypto,
];
