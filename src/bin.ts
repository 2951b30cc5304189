#!/usr/bin/env node
/**
 * The `review-bot` command's entry (dist/cli.cjs, CommonJS: Node starts it
 * 10 ms sooner than an ES module). It installs the compile
 * cache (src/shell/compile-cache.ts) before anything else loads, then loads
 * the command itself, `dist/engine.cjs` beside it (src/engine.ts, bundled as
 * CommonJS so that the cache covers it too: scripts/build.mjs). Only the built
 * entry runs; tests import `./cli.js` itself, which installs nothing.
 */
import { createRequire } from 'node:module';
import './shell/install-compile-cache.js';

/** What dist/engine.cjs exports (src/engine.ts). */
interface Engine {
  run(importer: (specifier: string) => Promise<unknown>): void;
}

const engine = createRequire(import.meta.url)('./engine.cjs') as Engine;
// The engine's code, compiled by the cache, cannot run `import()` on Node 20: it uses this module's (src/shell/import-module.ts).
engine.run((specifier) => import(specifier));
