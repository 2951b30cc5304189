/**
 * Where a run's project is, from the command's path and --project, before
 * anything is loaded; and paths relative to it. No compiler here: a cache
 * hit and `--version` load nothing more (src/cache/fast.ts).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { SourceFile } from 'ts-morph';
import { UserError } from '../model/errors.js';

/** The folder or tsconfig a run names. */
interface RootOptions {
  /** Folder to analyse. */
  path: string;
  /** Explicit tsconfig.json, or a folder holding one. */
  project?: string | undefined;
}

/** The analysed root the options name (where the configuration file is looked up), before anything is loaded. */
export function analysedRoot(options: RootOptions): string {
  return locateRoot(options).root;
}

/** Finds the analysed root and tsconfig from the options; a missing path is bad input (one line). */
export function locateRoot(options: RootOptions): { root: string; tsconfig: string | undefined } {
  if (options.project !== undefined) {
    const tsconfig = resolve(options.project);
    if (!existsSync(tsconfig)) throw new UserError(`tsconfig not found: ${options.project}`);
    if (statSync(tsconfig).isDirectory()) {
      const inside = join(tsconfig, 'tsconfig.json');
      if (!existsSync(inside)) throw new UserError(`no tsconfig.json in ${options.project}`);
      return { root: tsconfig, tsconfig: inside };
    }
    return { root: dirname(tsconfig), tsconfig };
  }
  const path = resolve(options.path);
  if (!existsSync(path)) throw new UserError(`path not found: ${options.path}`);
  if (!statSync(path).isDirectory())
    throw new UserError(`not a folder: ${options.path} (name the folder to analyse; files narrow the report)`);
  const tsconfig = join(path, 'tsconfig.json');
  return { root: path, tsconfig: existsSync(tsconfig) ? tsconfig : undefined };
}

/** A file's path relative to the root, with forward slashes. */
export function relativePathOf(root: string, file: SourceFile | string): string {
  const path = typeof file === 'string' ? file : file.getFilePath();
  return relative(root, path).split(sep).join('/');
}
