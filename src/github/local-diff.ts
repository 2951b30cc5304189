/** The diff of a branch against its base, from the local git repository. */
import { execFileSync } from 'node:child_process';
import { UserError } from '../model/errors.js';
import type { FileDiff } from '../diff/parse.js';
import { parseUnifiedDiff } from '../diff/parse.js';

/** Runs git in a folder and returns its standard output. */
function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', ['-c', 'core.quotePath=false', ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** `git diff <base>...<head>`: the changes of head since it left base (the merge base), as pull requests show them. */
export function localDiff(cwd: string, base: string, head = 'HEAD'): FileDiff[] {
  let text: string;
  try {
    text = git(cwd, [
      'diff',
      '--no-color',
      '--no-ext-diff',
      '--find-renames',
      '--unified=3',
      '--src-prefix=a/',
      '--dst-prefix=b/',
      `${base}...${head}`,
    ]);
  } catch (error) {
    const stderr = typeof error === 'object' && error !== null && 'stderr' in error ? String(error.stderr).trim() : '';
    throw new UserError(
      `--diff: git diff ${base}...${head} failed${stderr === '' ? '' : `: ${stderr.split('\n')[0] ?? ''}`}`,
    );
  }
  return parseUnifiedDiff(text);
}

/** The repository root containing a folder, or undefined outside a git repository. */
export function gitRoot(cwd: string): string | undefined {
  try {
    return git(cwd, ['rev-parse', '--show-toplevel']).trim();
  } catch {
    return undefined;
  }
}

/** The commit checked out in a folder, or undefined. */
export function headCommit(cwd: string): string | undefined {
  try {
    return git(cwd, ['rev-parse', 'HEAD']).trim();
  } catch {
    return undefined;
  }
}
