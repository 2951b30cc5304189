import { Script, createContext } from 'node:vm';
import type { Context } from 'node:vm';

/**
 * How a parse run under the per-file budget ended: its value, out of stack
 * (the parser recursed too deeply), or out of time.
 */
type BudgetedParse<T> = { kind: 'done'; value: T } | { kind: 'overflow' } | { kind: 'timeout' };

/** The one-call script the parse runs under: `vm`'s timeout interrupts whatever it calls. */
const RUN = new Script('run()');

/** The context RUN is run in (created on first use); its `run` is the parse of the moment. */
let sandbox: Context | undefined;

/** Set while a parse runs under the budget. */
let running = false;

/**
 * Runs a synchronous parse on this thread, stopped after `milliseconds`.
 *
 * A parse cannot be interrupted from JavaScript, but Node's `vm` timeout can
 * stop any JavaScript running on the thread, including functions of this
 * realm that the timed script calls: its watchdog thread terminates the
 * execution, and the call throws `ERR_SCRIPT_EXECUTION_TIMEOUT`. The
 * TypeScript parser keeps its state in module variables that every parse
 * sets afresh, so a parse stopped halfway (by the watchdog or by a stack
 * overflow) leaves nothing behind for the next. A stack overflow is caught
 * here too: it reads as `overflow` whatever realm threw it.
 */
export function withParseBudget<T>(parse: () => T, milliseconds: number): BudgetedParse<T> {
  // A parse started by another is covered by the other's budget (its overflow and timeout are the other's).
  if (running) return { kind: 'done', value: parse() };
  sandbox ??= createContext({ run: undefined });
  let finished: { value: T } | undefined;
  sandbox['run'] = (): void => {
    finished = { value: parse() };
  };
  running = true;
  try {
    RUN.runInContext(sandbox, { timeout: milliseconds });
  } catch (error) {
    if (isTimeout(error)) return { kind: 'timeout' };
    if (isStackOverflow(error)) return { kind: 'overflow' };
    throw error;
  } finally {
    running = false;
    sandbox['run'] = undefined;
  }
  // Node throws whenever its watchdog fired, so a parse that did not finish has thrown; this is the type's due.
  return finished === undefined ? { kind: 'timeout' } : { kind: 'done', value: finished.value };
}

/** The error `vm` throws when the watchdog stopped the script. */
function isTimeout(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && 'code' in error && error.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT'
  );
}

/** A RangeError, from this realm or the sandbox's (the overflow may hit in either); the parser throws no other. */
export function isStackOverflow(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && error.name === 'RangeError';
}
