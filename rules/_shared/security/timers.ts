/**
 * The global timers, as the DOM library and Node's types declare them: their parameters are named `handler`,
 * `callback`, `timeout`, `delay`, `arguments` and `args`, no secret's noun (insecure-randomness;
 * `test/library-declarations.test.ts` reads the installed declarations). Declaration files are taken to leave them as
 * those libraries declare them.
 */
export const GLOBAL_TIMERS: ReadonlySet<string> = new Set(['setTimeout', 'setInterval', 'setImmediate']);

/**
 * The timers that compile a string first argument as code: a browser's `setTimeout` and `setInterval` (the DOM
 * library's `TimerHandler` is `string | Function`). `setImmediate` is Node's (and Bun's, which follows Node), and
 * rejects anything but a function (`ERR_INVALID_ARG_TYPE`): given a string it throws, it never compiles it.
 */
export const CODE_TIMERS: ReadonlySet<string> = new Set(['setTimeout', 'setInterval']);
