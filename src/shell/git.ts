/**
 * git, run by absolute path in a process of its own. Shared by the local diff (src/github/local-diff.ts) and the
 * cache's check of where its file came from (src/cache/origin.ts).
 */
import type { ExecFileOptionsWithStringEncoding } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { UserError } from '../model/errors.js';

/** `execFile` with text output, as a promise. */
type RunFile = (
  file: string,
  args: readonly string[],
  options: ExecFileOptionsWithStringEncoding,
) => Promise<{ stdout: string; stderr: string }>;
let runFile: RunFile | undefined;

/**
 * `execFile` as a promise, from `node:child_process` loaded when git first runs: a run that starts no git (a
 * cache hit, a review without `--diff`) does not pay the 3–5 ms Node takes to load it. Loaded with
 * `process.getBuiltinModule`, which is synchronous: the engine's cached code cannot run `import()` (see
 * src/shell/import-module.ts).
 */
const execFileAsync: RunFile = (file, args, options) => {
  runFile ??= promisify(process.getBuiltinModule('node:child_process').execFile);
  return runFile(file, args, options);
};

/** Where git was found, per repository root it must stay out of. */
const resolved = new Map<string, string | undefined>();

/**
 * The absolute path of `git`, looked up once on PATH, skipping relative entries, entries inside the
 * repository (its committed `node_modules/.bin/git` must never run) and any `node_modules/.bin`.
 */
export function gitExecutable(repository: string, path = process.env['PATH'] ?? ''): string | undefined {
  const untrusted = [resolve(repository), process.cwd()];
  const key = [...untrusted, path].join('\u0000');
  if (!resolved.has(key)) resolved.set(key, findOnPath('git', path, untrusted));
  return resolved.get(key);
}

/** The first executable `name` in the trusted PATH entries. */
function findOnPath(name: string, path: string, untrusted: readonly string[]): string | undefined {
  const names = process.platform === 'win32' ? [`${name}.exe`, `${name}.cmd`] : [name];
  for (const entry of path.split(delimiter)) {
    if (!isTrustedEntry(entry, untrusted)) continue;
    for (const candidate of names.map((n) => join(entry, n))) if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** An absolute PATH entry outside the untrusted folders and outside any node_modules/.bin. */
function isTrustedEntry(entry: string, untrusted: readonly string[]): boolean {
  if (entry === '' || !isAbsolute(entry)) return false;
  if (untrusted.some((folder) => isInside(resolve(entry), folder))) return false;
  return !entry.split(sep).some((part, i, parts) => part === 'node_modules' && parts[i + 1] === '.bin');
}

/** True when `path` is `folder` or inside it. */
function isInside(path: string, folder: string): boolean {
  const inside = relative(folder, path);
  return inside === '' || (!inside.startsWith('..') && !isAbsolute(inside));
}

/** True for an executable regular file. */
function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where and how long git runs. */
interface GitOptions {
  /** The work tree whose PATH entries must not supply git (the folder git runs in by default). */
  repository?: string;
  /** Milliseconds before git is stopped (two minutes by default). */
  timeout?: number;
}

/**
 * Runs git (by absolute path) in a folder, in a process of its own (the caller goes on meanwhile), and resolves
 * to its standard output, file names printed as they are; rejects with a UserError that says why it failed.
 * The repository's own configuration may not start a program through the file system monitor
 * (`core.fsmonitor`, which git runs when it reads the index), and git is stopped when it does not answer (a
 * pipe in the place of `.git/config` would hold it forever): a folder reviewed from an archive carries its
 * `.git`.
 */
export async function git(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  const { repository = cwd, timeout = 120_000 } = options;
  const executable = gitExecutable(repository);
  const command = `git ${args.filter((a) => !a.startsWith('-')).join(' ')}`;
  if (executable === undefined)
    throw new UserError(
      `${command}: git was not found on PATH (entries inside the repository and node_modules/.bin are skipped)`,
    );
  try {
    const run = await execFileAsync(executable, ['-c', 'core.quotePath=false', '-c', 'core.fsmonitor=false', ...args], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      timeout,
    });
    return run.stdout;
  } catch (error) {
    // Node stops a child that outlives its timeout (`killed`), or one whose output passes `maxBuffer` (its code says so).
    const stopped = typeof error === 'object' && error !== null && 'killed' in error && error.killed === true;
    const overflow =
      typeof error === 'object' &&
      error !== null &&
      'code' in error &&
      error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER';
    const why = stopped && !overflow ? `no answer in ${String(timeout / 1000)} s` : whyFailed(error, executable);
    throw new UserError(`${command} failed: ${why}`, { cause: error });
  }
}

/** Why a child process failed: its first line of standard error, its exit code, the signal, or why it could not start. */
function whyFailed(error: unknown, executable: string): string {
  const field = (name: string): unknown =>
    typeof error === 'object' && error !== null && name in error ? Reflect.get(error, name) : undefined;
  const stderr = field('stderr');
  const firstLine = (typeof stderr === 'string' ? stderr : Buffer.isBuffer(stderr) ? stderr.toString('utf8') : '')
    .trim()
    .split('\n')[0];
  if (firstLine !== undefined && firstLine !== '') return firstLine;
  const code = field('code'); // the exit code, or why git could not start (ENOENT)
  if (typeof code === 'number') return `exit code ${String(code)}`;
  const signal = field('signal');
  if (typeof signal === 'string') return `killed by ${signal}`;
  if (typeof code === 'string') return `cannot start ${executable} (${code})`;
  return error instanceof Error && error.message !== '' ? error.message : 'unknown reason';
}
