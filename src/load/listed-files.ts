/**
 * What a tsconfig's file list (`ParsedCommandLine.fileNames`) gives a run to analyse. Shared by the loader and the
 * cache key, so that the files a run reads and the listing its cache entry is keyed by always agree. No compiler here:
 * the list is passed in.
 */

/** A tsconfig's inputs, as the loader takes them. */
export interface ListedFiles {
  /** The listed files that exist. */
  present: string[];
  /** Files listed in `"files"` that do not exist (`tsc` reports each as TS6053 and checks the rest). */
  missing: string[];
  /**
   * True when no existing listed file is one the run analyses (none listed, or only declaration files, as a
   * tsconfig kept to check a JavaScript package's typings lists): the folder's source files stand in for them.
   */
  walk: boolean;
}

/** Declaration files: the compiler reads them, the rules do not analyse them. */
const DECLARATION = /\.d\.[cm]?ts$/;

/** Splits a tsconfig's file list by whether each file exists, and says whether the folder stands in for it. */
export function listedFiles(fileNames: readonly string[], exists: (path: string) => boolean): ListedFiles {
  const present: string[] = [];
  const missing: string[] = [];
  for (const path of fileNames) (exists(path) ? present : missing).push(path);
  return { present, missing, walk: present.every((path) => DECLARATION.test(path)) };
}
