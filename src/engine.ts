/**
 * The command itself (dist/engine.cjs): runs `main` on the command line and
 * sets the exit code. Loaded by the entry, src/bin.ts, once the compile cache
 * is installed.
 */
import { main } from './cli.js';

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
