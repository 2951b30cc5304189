/**
 * The command itself (dist/engine.cjs): `run` runs `main` on the command line
 * and sets the exit code. Called by the entry, src/bin.ts, once the compile
 * cache is installed, with the entry's own `import()` (src/shell/import-module.ts
 * says why the engine needs it), after the quick path (src/hit.ts) when that
 * was tried (a local run with `--cache`) and could not serve the run.
 */
import { main } from './cli.js';
import type { ImportModule } from './shell/import-module.js';
import { lendImport } from './shell/import-module.js';

/**
 * Runs the command on the process's arguments; `importer` is the entry's `import()`; `fastCheckMissed`: the
 * quick path's fast check of the cache missed on this command line, and is not made again.
 */
export function run(importer: ImportModule, fastCheckMissed = false): void {
  lendImport(importer);
  void main(process.argv.slice(2), undefined, { env: process.env, fastCheckMissed }).then((code) => {
    process.exitCode = code;
  });
}
