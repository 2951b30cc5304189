/**
 * What a cache key is made of, read without the compiler: hashes, the
 * package and lock files, the folder's source files, the files' current
 * hashes. The parts that need the compiler (the tsconfig's file list, the
 * imports of each file) are in project-files.ts.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { declaresGlobals } from './plan.js';

/** Everything besides file contents that a run's findings depend on. */
export interface KeyInputs {
  /** Tool name, version and build (see `toolBuild`). */
  tool: string;
  /** The resolved configuration (after the configuration file and inline settings). */
  config: unknown;
  /** The enabled rules: id, severity, options, and a hash of their metadata (their version). */
  rules: readonly { id: string; severity: string; options: unknown; meta: unknown }[];
  /** Command-line choices that change what is analysed or reported (paths, --project, --rule, --disable). */
  selection: unknown;
}

/** The hash of a text (hex). */
export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted, so equal values hash equally whatever the order they were built in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** A rule's version for the cache: its metadata (messages, options schema, scope...) hashed. */
export function ruleVersion(meta: unknown): string {
  return hashText(canonicalJson(meta)).slice(0, 16);
}

/** Package and lock files whose change may change resolved types (dependencies). */
const ENVIRONMENT_FILES = [
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'tsconfig.json',
  // Bulk suppressions move findings out of the result: a new file must not reuse an old result.
  'review-bot-suppressions.json',
  'jsconfig.json',
];

/** The hashes of the root's package, lock and configuration files that exist (ENVIRONMENT_FILES). */
export function environmentOf(root: string): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const name of ENVIRONMENT_FILES) {
    // A link to a device or a pipe (the repository chooses its links) is read as no file.
    const text = regularFileText(join(root, name));
    if (text !== undefined) environment[name] = hashText(text);
  }
  return environment;
}

export const SOURCE_EXTENSIONS: readonly string[] = [
  '.ts',
  '.tsx',
  '.mts',
  '.cts',
  '.js',
  '.jsx',
  '.mjs',
  '.cjs',
  '.json',
];
const SKIPPED = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', 'lib-cov']);

/** Source files under a folder (a superset of what the loader analyses: hidden and build folders skipped). */
export function folderFiles(folder: string): string[] {
  const out: string[] = [];
  const stack = [folder];
  for (let dir = stack.pop(); dir !== undefined; dir = stack.pop()) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name) && !entry.name.startsWith('.')) stack.push(path);
      } else if (entry.isFile() && SOURCE_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) {
        out.push(path);
      }
    }
  }
  return out;
}

/**
 * The text of a project file a cache entry names (relative to the root), or
 * undefined when there is none to read: gone, not a regular file (a pipe or a
 * device would block the run), or outside the root. The names come from the
 * cache file, which is read as untrusted input.
 */
export function projectFileText(root: string, file: string): string | undefined {
  const path = join(root, file);
  return isUnder(root, path) ? regularFileText(path) : undefined;
}

/** A regular file's text, or undefined when it is gone, unreadable or not a regular file. */
export function regularFileText(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** Current texts of the given files (relative to the root); a file that cannot be read has none. */
function currentTexts(root: string, files: Iterable<string>): Map<string, string> {
  const texts = new Map<string, string>();
  for (const file of files) {
    const text = projectFileText(root, file);
    // gone or unreadable: no text, so a check sees it as changed
    if (text !== undefined) texts.set(file, text);
  }
  return texts;
}

/** Current hashes of the given files (relative to the root); a file that cannot be read has none. */
export function currentHashes(root: string, files: Iterable<string>): Map<string, string> {
  return new Map([...currentTexts(root, files)].map(([file, text]) => [file, hashText(text)]));
}

/** True when the file's current text declares globals (see declaresGlobals); unreadable counts as true. */
export function currentlyGlobal(root: string, file: string): boolean {
  const text = projectFileText(root, file);
  return text === undefined || declaresGlobals(text);
}

export function isUnder(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..');
}
