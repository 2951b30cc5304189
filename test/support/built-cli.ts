import { join } from 'node:path';

/** The built command, `dist/cli.cjs`: what an install runs (tests of the source import src/cli.ts instead). */
export const BUILT_CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.cjs');

/**
 * This process's environment for a run of the built command with its compile cache on, whatever the shell that
 * started the tests says (`NODE_DISABLE_COMPILE_CACHE` left out), and `extra` laid over it.
 */
export function compileCacheOn(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const inherited = { ...process.env };
  delete inherited['NODE_DISABLE_COMPILE_CACHE'];
  return { ...inherited, ...extra };
}
