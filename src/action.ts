/** Entry point of the GitHub Action (bundled to dist/action.js, run by action.yml). */
import { runAction } from './github/run-action.js';

process.exitCode = await runAction();
