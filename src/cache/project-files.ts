/**
 * The parts of a cache key that need the compiler: the project's file list as
 * the tsconfig gives it (extends, include and exclude applied) and, after a
 * run, each file's imports as the compiler resolves them. Also what a later
 * run must re-read to know, without the compiler, that the file list is the
 * same (`Watched`, used by fast.ts).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { ts } from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import type { CachedFile, Watched } from './entry.js';
import type { KeyInputs } from './inputs.js';
import { relativePathOf } from '../load/root.js';
import { listedFiles } from '../load/listed-files.js';
import { importedPaths } from '../load/import-closure.js';
import { importedInputsOf } from '../load/project.js';
import { canonicalJson, environmentOf, folderFiles, hashText, isUnder } from './inputs.js';
import { declaresGlobals } from './plan.js';

/**
 * The cache key: the key inputs, the project's file list (from the tsconfig,
 * or the folder), its compiler options, and its package and lock files. Any
 * file added or removed changes the key. `watched` says what decides the file
 * list (undefined when a folder in `node_modules` or `.git` does).
 */
export function cacheKey(
  inputs: KeyInputs,
  root: string,
  tsconfig: string | undefined,
): { key: string; watched: Watched | undefined } {
  const { listing, watched } = listingOf(root, tsconfig);
  return { key: hashText(canonicalJson({ inputs, listing, environment: environmentOf(root) })), watched };
}

/**
 * The files the compiler will start from (tsconfig's file list and options,
 * extends included) or the folder's source files; and the configuration files
 * the tsconfig's parse read and the folders whose contents its patterns match
 * (TypeScript's `wildcardDirectories`, what `tsc --watch` watches for new files).
 */
function listingOf(root: string, tsconfig: string | undefined): { listing: unknown; watched: Watched | undefined } {
  const folderListing = (): { files: string[] } => ({
    files: folderFiles(root)
      .map((f) => relativePathOf(root, f))
      .sort(),
  });
  if (tsconfig === undefined || !existsSync(tsconfig))
    return { listing: folderListing(), watched: { configs: [], dirs: [{ path: root, recursive: true }] } };
  const configs = new Set<string>([resolve(tsconfig)]);
  const host: ts.ParseConfigHost = {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    readDirectory: (...args) => ts.sys.readDirectory(...args),
    fileExists: (path) => ts.sys.fileExists(path),
    readFile: (path) => {
      configs.add(resolve(path));
      return ts.sys.readFile(path);
    },
  };
  const read = ts.readConfigFile(tsconfig, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(read.config ?? {}, host, dirname(tsconfig), undefined, tsconfig);
  const dirs = Object.entries(parsed.wildcardDirectories ?? {}).map(([path, flags]) => ({
    path: resolve(path),
    recursive: (flags & ts.WatchDirectoryFlags.Recursive) !== 0,
  }));
  // As the loader takes them (listedFiles): with no file listed the rules analyse, the folder's files stand in and the
  // root is watched too. A folder outside the root is refused by the walk itself (fast.ts), which makes the whole
  // record unusable. A listed file that is missing is left out of the present files the key names, so its coming back
  // changes the key; the fast check, which cannot see it come back, is not offered the record.
  const listed = listedFiles(parsed.fileNames, (path) => statSync(path, { throwIfNoEntry: false })?.isFile() === true);
  // The files a "files" list (or an `include` entry naming a file) reaches through imports, as the loader adds them:
  // they depend on those files' text, which no check of configurations and folders can see, so a listing that gains
  // any is not watched.
  const imported = listed.walk ? [] : importedInputsOf(parsed, listed.present, root, readTextOrUndefined);
  const files = [...listed.present, ...imported].map((f) => relativePathOf(root, f)).sort();
  const listing = { ...(listed.walk ? folderListing() : { files }), options: parsed.options };
  const watchedDirs = listed.walk ? [...dirs, { path: root, recursive: true }] : dirs;
  const unwatchable = listed.missing.length > 0 || imported.length > 0 || dirs.some((d) => inDependencies(d.path));
  return {
    listing,
    watched: unwatchable ? undefined : { configs: [...configs].sort(), dirs: watchedDirs },
  };
}

/** A file's text, or undefined when it cannot be read. */
function readTextOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** True for a path in `node_modules` or `.git`, which a cache check does not walk. */
function inDependencies(path: string): boolean {
  return path.split(sep).some((part) => part === 'node_modules' || part === '.git');
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
      if (known.has(target)) imports.add(relativePathOf(root, target));
    out[relativePathOf(root, path)] = {
      hash: hashText(text),
      imports: [...imports].sort(),
      global: file.isDeclarationFile() || declaresGlobals(text),
    };
  }
  return out;
}
