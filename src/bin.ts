#!/usr/bin/env node
/**
 * The `review-bot` command's entry (dist/cli.cjs, CommonJS: Node starts it
 * 10 ms sooner than an ES module). It installs the compile
 * cache (src/shell/compile-cache.ts) before anything else loads, then loads
 * the command itself, `dist/engine.cjs` beside it (src/engine.ts, bundled as
 * CommonJS so that the cache covers it too: scripts/build.mjs). A local run
 * with `--cache` first goes to the quick path, `dist/hit.cjs` (src/hit.ts:
 * the command without the compiler and the rules), which serves a run the
 * cache holds as it is; the engine runs anything else. Only the
 * built entry runs; tests import `./cli.js` itself, which installs nothing.
 */
import { createRequire } from 'node:module';
import './shell/install-compile-cache.js';
import type { QuickOutcome } from './hit.js';

/** What dist/engine.cjs exports (src/engine.ts). */
interface Engine {
  run(importer: (specifier: string) => Promise<unknown>, fastCheckMissed?: boolean): void;
}

/** What dist/hit.cjs exports (src/hit.ts). */
interface Quick {
  serve(argv: readonly string[]): Promise<QuickOutcome>;
}

const load = createRequire(import.meta.url);
// The engine's code, compiled by the cache, cannot run `import()` on Node 20: it uses this module's (src/shell/import-module.ts).
const importer = (specifier: string): Promise<unknown> => import(specifier);
const argv = process.argv.slice(2);
const engine = (): Engine => load('./engine.cjs') as Engine;
/**
 * The quick path takes a command line with `--cache`, but not with `--github-pr` (which it cannot serve) nor
 * `--diff` (whose git commands the engine would run again when the cache misses: 30–40 ms of a pull request's run).
 */
const optionOf = (arg: string): string => arg.replace(/=.*/s, '');
if (argv.includes('--cache') && !argv.some((arg) => ['--diff', '--github-pr'].includes(optionOf(arg)))) {
  (load('./hit.cjs') as Quick).serve(argv).then(
    (outcome) => {
      if (outcome.served) process.exitCode = outcome.code;
      else engine().run(importer, outcome.fastCheckMissed);
    },
    // Nothing was printed: the engine runs the command and says what failed, if anything does.
    () => {
      engine().run(importer);
    },
  );
} else engine().run(importer);
