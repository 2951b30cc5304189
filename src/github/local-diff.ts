/** The diff of a branch against its base, from the local git repository. git is started by absolute path. */
import { git } from '../shell/git.js';
import type { FileDiff } from '../diff/parse.js';
import { parseUnifiedDiff } from '../diff/parse.js';

/**
 * `git diff <base>...<head>`: the changes of head since it left base (the merge base), as pull requests show
 * them, every path from the repository's top whatever the folder of it that git runs in.
 */
export async function localDiff(cwd: string, base: string, head = 'HEAD'): Promise<FileDiff[]> {
  const text = await git(cwd, [
    'diff',
    '--no-color',
    '--no-ext-diff',
    '--no-relative',
    '--find-renames',
    '--unified=3',
    '--src-prefix=a/',
    '--dst-prefix=b/',
    `${base}...${head}`,
  ]);
  return parseUnifiedDiff(text);
}

/** The repository root containing a folder, or undefined outside a git repository. */
export async function gitRoot(cwd: string): Promise<string | undefined> {
  try {
    return (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
  } catch {
    return undefined;
  }
}

/** The commit checked out in a folder, or undefined. */
export async function headCommit(cwd: string): Promise<string | undefined> {
  try {
    return (await git(cwd, ['rev-parse', 'HEAD'])).trim();
  } catch {
    return undefined;
  }
}
