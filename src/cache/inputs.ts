import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ts } from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import type { CachedFile } from './entry.js';
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

/**
 * The cache key: the key inputs, the project's file list (from the tsconfig,
 * or the folder), its compiler options, and its package and lock files. Any
 * file added or removed changes the key.
 */
export function cacheKey(inputs: KeyInputs, root: string, tsconfig: string | undefined): string {
  const environment: Record<string, string> = {};
  for (const name of ENVIRONMENT_FILES) {
    const path = join(root, name);
    if (existsSync(path)) environment[name] = hashText(readFileSync(path, 'utf8'));
  }
  return hashText(canonicalJson({ inputs, listing: listing(root, tsconfig), environment }));
}

/** The files the compiler will start from (tsconfig's file list and options, extends included) or the folder's source files. */
function listing(root: string, tsconfig: string | undefined): unknown {
  if (tsconfig !== undefined && existsSync(tsconfig)) {
    const read = ts.readConfigFile(tsconfig, (p) => ts.sys.readFile(p));
    const parsed = ts.parseJsonConfigFileContent(read.config ?? {}, ts.sys, dirname(tsconfig), undefined, tsconfig);
    const files = parsed.fileNames.map((f) => toRelative(root, f)).sort();
    if (files.length > 0) return { files, options: parsed.options };
  }
  return {
    files: folderFiles(root)
      .map((f) => toRelative(root, f))
      .sort(),
  };
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json'];
const SKIPPED = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', 'lib-cov']);

/** Source files under a folder (a superset of what the loader analyses: hidden and build folders skipped). */
function folderFiles(folder: string): string[] {
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

/** Current hashes of the given files (relative to the root); a file that cannot be read has none. */
export function currentHashes(root: string, files: Iterable<string>): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const file of files) {
    try {
      hashes.set(file, hashText(readFileSync(join(root, file), 'utf8')));
    } catch {
      // gone or unreadable: no hash, so the plan sees it as changed
    }
  }
  return hashes;
}

/** True when the file's current text declares globals (see declaresGlobals); unreadable counts as true. */
export function currentlyGlobal(root: string, file: string): boolean {
  try {
    return declaresGlobals(readFileSync(join(root, file), 'utf8'));
  } catch {
    return true;
  }
}

/**
 * What the cache keeps about each project file after a run: every file of the
 * program under the root and outside node_modules (declaration files too: they
 * count as global), its hash, and the project files it imports.
 */
export function describeFiles(
  root: string,
  program: readonly SourceFile[],
  options: ts.CompilerOptions,
): Record<string, CachedFile> {
  const own = program.filter((f) => isUnder(root, f.getFilePath()) && !f.isInNodeModules());
  const known = new Set(own.map((f) => resolve(f.getFilePath())));
  const resolutionCache = ts.createModuleResolutionCache(root, (name) => name, options);
  const out: Record<string, CachedFile> = {};
  for (const file of own) {
    const path = file.getFilePath();
    const text = readFileSync(path, 'utf8');
    const imports = new Set<string>();
    for (const target of importedPaths(path, text, options, resolutionCache))
      if (known.has(target)) imports.add(toRelative(root, target));
    out[toRelative(root, path)] = {
      hash: hashText(text),
      imports: [...imports].sort(),
      global: file.isDeclarationFile() || declaresGlobals(text),
    };
  }
  return out;
}

/** Absolute paths of the files a source imports, re-exports, requires or references, as the compiler resolves them. */
function importedPaths(
  path: string,
  text: string,
  options: ts.CompilerOptions,
  cache: ts.ModuleResolutionCache,
): string[] {
  const info = ts.preProcessFile(text, true, true);
  const out: string[] = [];
  for (const imported of info.importedFiles) {
    const resolved = ts.resolveModuleName(imported.fileName, path, options, ts.sys, cache).resolvedModule;
    if (resolved !== undefined) out.push(resolve(resolved.resolvedFileName));
  }
  for (const referenced of info.referencedFiles) out.push(resolve(dirname(path), referenced.fileName));
  return out;
}

function isUnder(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..');
}

function toRelative(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}
