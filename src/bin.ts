#!/usr/bin/env node
/**
 * The `review-bot` command's entry (dist/cli.js). It installs the compile
 * cache (src/shell/compile-cache.ts) before anything else loads, then loads
 * the command itself, `dist/engine.cjs` beside it (src/engine.ts, bundled as
 * CommonJS so that the cache covers it too: scripts/build.mjs). Only the built
 * entry runs; tests import `./cli.js` itself, which installs nothing.
 */
import { createRequire } from 'node:module';
import './shell/install-compile-cache.js';

createRequire(import.meta.url)('./engine.cjs');
