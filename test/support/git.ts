import { execFileSync } from 'node:child_process';

/**
 * Runs git in a test's scratch repository, isolated from the machine's git
 * configuration (no system config, `HOME` in the test's folder, no signing),
 * with a fixed author, and returns its trimmed output.
 */
export function gitIn(cwd: string, home: string, args: readonly string[]): string {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'core.quotePath=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: home,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 't@example.com',
      GIT_CONFIG_NOSYSTEM: '1',
    },
  }).trim();
}
