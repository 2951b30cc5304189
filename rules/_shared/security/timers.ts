/**
 * The global timers, as the DOM library and Node's types declare them: a browser compiles a string first argument
 * as code (code-injection), and their parameters are named `handler`, `callback`, `timeout`, `delay`, `arguments`
 * and `args`, no secret's noun (insecure-randomness; `test/library-declarations.test.ts` reads the installed
 * declarations). Declaration files are taken to leave them as those libraries declare them.
 */
export const GLOBAL_TIMERS: ReadonlySet<string> = new Set(['setTimeout', 'setInterval', 'setImmediate']);
