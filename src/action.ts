/** Entry point of the GitHub Action (bundled to dist/action.js, run by action.yml). */
import { isMainThread } from 'node:worker_threads';
import { runAction } from './github/run-action.js';

// In a worker (the parse worker of load/parse-screen.ts runs this bundle), nothing starts.
if (isMainThread) process.exitCode = await runAction();
