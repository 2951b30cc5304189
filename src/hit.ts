/**
 * The command's quick path (dist/hit.cjs): the entry (src/bin.ts) loads it
 * instead of the engine for a local run with `--cache`. It is the
 * command itself (`main`, the same code as dist/engine.cjs) built without the
 * modules only an analysis needs (the compiler, ts-morph, the rules: 84 kB
 * instead of 475 kB, which a cache hit never runs but had to read and
 * deserialise at every start). A run the cache serves as it is finishes here;
 * any other run stops at the first module the quick path lacks
 * (src/shell/quick-path.ts), what it meant to print is dropped, and the entry
 * starts the engine, which runs the command from the beginning.
 */
import { main, processIo } from './cli.js';
import { lastFastCheckOutcome } from './shell/core.js';
import { lendImport } from './shell/import-module.js';
import { engineNeeded, needEngine } from './shell/quick-path.js';

/** How the quick path ended: the exit code of a run it served, or why the engine must run it. */
export type QuickOutcome = { served: true; code: number } | { served: false; fastCheckMissed: boolean };

/** Runs the command on `argv` when the quick path can; prints nothing otherwise. */
export async function serve(argv: readonly string[]): Promise<QuickOutcome> {
  // The GitHub client and a project's ESLint are imported through this (src/shell/import-module.ts).
  lendImport(() => needEngine());
  const real = processIo();
  const written: [stream: 'out' | 'err', text: string][] = [];
  const code = await main(argv, {
    ...real,
    out: (text) => written.push(['out', text]),
    err: (text) => written.push(['err', text]),
  });
  if (engineNeeded()) return { served: false, fastCheckMissed: lastFastCheckOutcome() === 'miss' };
  for (const [stream, text] of written) real[stream](text);
  return { served: true, code };
}
