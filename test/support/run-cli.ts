import { main } from '../../src/cli.js';
import type { Io } from '../../src/cli.js';

/** What one in-process run of the CLI returned and wrote. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process, without colour, progress or environment variables, and captures what it writes. */
export async function runCli(...argv: string[]): Promise<CliRun> {
  const written = { out: '', err: '' };
  const io: Io = {
    out: (text) => {
      written.out += text;
    },
    err: (text) => {
      written.err += text;
    },
    color: false,
    progress: () => ({ update: () => undefined, done: () => undefined }),
  };
  const code = await main(argv, io, { env: {} });
  return { code, ...written };
}
