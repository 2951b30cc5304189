import { existsSync, statSync } from 'node:fs';
import { UserError } from './model/errors.js';

/** The project to load and the paths to report on, from the command line's paths. */
export interface CliTarget {
  path: string;
  project: string | undefined;
  files: string[];
}

/**
 * One folder is the project. Files, or several folders, narrow the report
 * within the project of the current folder (or of --project).
 */
export function cliTarget(paths: readonly string[], project: string | undefined): CliTarget {
  for (const path of paths) if (!existsSync(path)) throw new UserError(`path not found: ${path}`);
  const [only] = paths;
  if (project === undefined && paths.length === 1 && only !== undefined && statSync(only).isDirectory()) {
    return { path: only, project: undefined, files: [] };
  }
  return { path: '.', project, files: [...paths] };
}
