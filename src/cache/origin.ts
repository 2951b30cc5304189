/**
 * Where a cache file came from. Everything an entry is checked against (the tool's build, from the published
 * package; the configuration's, tsconfig's, package's and sources' hashes; the working folder, the same on
 * every runner) can be computed by whoever writes a pull request, so an entry committed with the code under
 * review could serve that review with findings left out. A cache file git tracks therefore came with the
 * code, not from an earlier run (those write files git does not track: the Action's actions/cache restores
 * them, a local run leaves them), and is neither read nor written. Outside a git work tree there is no commit
 * a file can come with, and git is not started.
 */
import { existsSync, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { git } from '../shell/git.js';
import type { CachedRunOptions } from './fast.js';
import { locateCached } from './fast.js';
import { comparable, indexLists } from './git-index.js';
import { cacheFileFor } from './store.js';

/**
 * Why the cache in `location` must not be used for this run, or undefined when it may be. Never rejects: a
 * file that cannot be looked at cannot be read either, and a git that fails refuses the cache.
 */
export async function cacheRefusal(options: CachedRunOptions, location: string): Promise<string | undefined> {
  const located = locateCached(options);
  return located === undefined ? undefined : refusalOf(cacheFileFor(location, located.root));
}

/**
 * Why a cache file must not be used, or undefined: it does not exist, is outside any git work tree, or git
 * tracks neither it nor a folder on its path. The path is looked up as named and as its folders resolve: a
 * link committed in the cache folder's place brought the file as surely as a committed file. Messages name
 * only the path as given: where a link leads is the repository's text.
 */
async function refusalOf(file: string): Promise<string | undefined> {
  let real: string;
  try {
    lstatSync(file);
    real = join(realpathSync(dirname(file)), basename(file));
  } catch {
    return undefined; // no file there (or none that can be read): nothing to trust or refuse
  }
  // Paths to look up, relative to each work tree that holds them (a submodule's, then its superproject's, whose
  // index lists the submodule's folder): the file and each folder above it.
  const asked = new Map<string, Set<string>>();
  for (const path of [file, real])
    for (const top of workTreesAbove(dirname(path))) {
      const parts = relative(top, path).split(sep);
      const paths = asked.get(top) ?? new Set<string>();
      parts.forEach((_, i) => paths.add(parts.slice(0, i + 1).join('/')));
      asked.set(top, paths);
    }
  const steered = GIT_ENVIRONMENT.some((name) => process.env[name] !== undefined);
  if (steered) {
    // git decides which repository the folder belongs to: it is asked about the file, from its folder.
    asked.clear();
    asked.set(dirname(real), new Set([basename(real)]));
  }
  // No git inside any of these repositories may run (`gitExecutable`): the outermost holds them all.
  const outermost = [...asked.keys()].sort((a, b) => a.length - b.length)[0] ?? dirname(real);
  const refused = `cache ${file} not used: git tracks it or a folder on its path, so it came with the code under review, not from an earlier run; it is neither read nor written (untrack it with \`git rm --cached\` and list its folder in .gitignore)`;
  for (const [top, paths] of asked) {
    const fromIndex = steered ? undefined : listedInIndex(top, [...paths]);
    if (fromIndex === true) return refused;
    if (fromIndex === false) continue;
    try {
      if (await listedByGit(top, paths, outermost)) return refused;
    } catch {
      // git's own words may quote the repository (a `.git` file's text): the command to run says it instead.
      return `cache ${file} not used: git could not say whether it is tracked (run \`git ls-files -- ${basename(file)}\` in ${dirname(file)} to see why)`;
    }
  }
  return undefined;
}

/**
 * True when git, run in `top`, lists any of `paths` (relative to it), compared as the index reader compares;
 * git is not taken from PATH entries inside `repository`.
 */
async function listedByGit(top: string, paths: ReadonlySet<string>, repository: string): Promise<boolean> {
  const out = await git(top, ['--literal-pathspecs', 'ls-files', '-z', '--', ...paths], {
    repository,
    timeout: GIT_TIMEOUT,
  });
  const wanted = new Set([...paths].map(comparable));
  return out.split('\u0000').some((name) => wanted.has(comparable(name)));
}

/** How long git may take to list a few paths (milliseconds): it takes 5 ms. */
const GIT_TIMEOUT = 5000;

/** Variables that make git look elsewhere than the `.git` above the folder: git itself is asked then. */
const GIT_ENVIRONMENT = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR'];

/**
 * Whether the index of the work tree at `top` lists any of `paths` (relative to it), read from the index file; undefined
 * when only git can tell: a `.git` that is neither a folder nor a file naming one, a configured `core.worktree`,
 * an index unreadable or not of the kind read here (src/cache/git-index.ts).
 */
function listedInIndex(top: string, paths: readonly string[]): boolean | undefined {
  const gitDir = gitDirOf(top);
  if (gitDir === undefined) return undefined;
  let index: Buffer;
  try {
    index = regularFile(join(gitDir, 'index'));
  } catch (error) {
    // A repository with no index yet tracks nothing; any other failure is git's to explain.
    return isMissing(error) && existsSync(join(gitDir, 'HEAD')) ? false : undefined;
  }
  return indexLists(index, paths);
}

/** The git folder of the work tree at `top`: its `.git` folder, or the one its `.git` file names; undefined when git must be asked. */
function gitDirOf(top: string): string | undefined {
  const dotGit = join(top, '.git');
  try {
    if (statSync(dotGit).isDirectory())
      return /worktree/i.test(regularFile(join(dotGit, 'config')).toString('latin1')) ? undefined : dotGit;
    const named = /^gitdir: (.+)$/m.exec(regularFile(dotGit).toString('utf8'))?.[1];
    return named === undefined ? undefined : resolve(top, named.trim());
  } catch {
    return undefined;
  }
}

/**
 * A regular file's bytes; throws for anything else: a pipe or a device would block the run, and a folder
 * reviewed from an archive chooses what its `.git` holds.
 */
function regularFile(path: string): Buffer {
  if (!statSync(path).isFile()) throw new Error(`${path} is not a regular file`);
  return readFileSync(path);
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

/** The folders at or above `folder` holding `.git` (a folder, or a file naming one), nearest first. */
function workTreesAbove(folder: string): string[] {
  const trees = [];
  for (let dir = folder; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) trees.push(dir);
    if (dirname(dir) === dir) return trees;
  }
}
