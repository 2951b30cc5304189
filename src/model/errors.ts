/**
 * A problem with the user's input (a missing path, a broken tsconfig or
 * configuration file): printed as one line, exit code 2, no stack trace.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}
