#!/usr/bin/env node
/**
 * The `review-bot` command's entry (dist/cli.js). Its first import keeps V8's
 * compiled TypeScript between runs (src/shell/compile-cache.ts): evaluated
 * before `./cli.js` and the packages it loads. Tests import `./cli.js` itself,
 * which installs nothing.
 */
import './shell/install-compile-cache.js';
import './cli.js';
