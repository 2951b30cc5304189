import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ts } from 'ts-morph';
import { UserError } from '../model/errors.js';

/** How a tsconfig may be read. */
interface TsconfigPolicy {
  /** Let `extends` reach files outside the repository root (`allowExtendsOutsideRoot` in the configuration). */
  allowExtendsOutsideRoot: boolean;
}

/**
 * Reads and parses a tsconfig, refusing in one line: a broken one, one nested
 * too deeply to parse, and one whose `extends` chain reads a file outside the
 * repository root (the nearest folder above the tsconfig holding `.git`, else
 * the tsconfig's folder) unless the policy allows it.
 */
export function readTsconfig(tsconfig: string, policy: TsconfigPolicy): ts.ParsedCommandLine {
  const repositoryRoot = repositoryRootOf(dirname(tsconfig));
  const outside: string[] = [];
  const host: ts.ParseConfigHost = {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    readDirectory: (...args) => ts.sys.readDirectory(...args),
    fileExists: (path) => ts.sys.fileExists(path),
    readFile: (path) => {
      if (!policy.allowExtendsOutsideRoot && !isInside(path, repositoryRoot)) {
        outside.push(path);
        return undefined;
      }
      return ts.sys.readFile(path);
    },
  };
  const parsed = guardDepth(tsconfig, () => {
    const read = ts.readConfigFile(tsconfig, (p) => ts.sys.readFile(p));
    if (read.error !== undefined) throw new UserError(formatDiagnostic(read.error));
    return ts.parseJsonConfigFileContent(read.config, host, dirname(tsconfig), undefined, tsconfig);
  });
  const [first] = outside;
  if (first !== undefined)
    throw new UserError(
      `${tsconfig}: "extends" reaches ${first}, outside the repository root ${repositoryRoot} (set "allowExtendsOutsideRoot": true in .review-bot.json to allow it)`,
    );
  const fatal = parsed.errors.find((d) => d.category === ts.DiagnosticCategory.Error && d.code !== NO_INPUTS_CODE);
  if (fatal !== undefined) throw new UserError(formatDiagnostic(fatal, tsconfig));
  return parsed;
}

/** TS18003: "No inputs were found in config file"; the loader falls back to the folder's files. */
const NO_INPUTS_CODE = 18003;

/** Runs a parse, turning a stack overflow (a tsconfig nested thousands deep) into a one-line error. */
function guardDepth<T>(tsconfig: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof RangeError) throw new UserError(`${tsconfig}: nested too deeply to parse`);
    throw error;
  }
}

/** The nearest folder at or above `folder` that holds `.git`, else `folder` itself. */
function repositoryRootOf(folder: string): string {
  let current = resolve(folder);
  for (;;) {
    if (existsSync(join(current, '.git'))) return realOrResolved(current);
    const parent = dirname(current);
    if (parent === current) return realOrResolved(folder);
    current = parent;
  }
}

/** True when the path, symbolic links resolved, is the root or under it. */
function isInside(path: string, root: string): boolean {
  const rel = relative(root, realOrResolved(path));
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith('/') && !/^[a-zA-Z]:/.test(rel));
}

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function formatDiagnostic(diagnostic: ts.Diagnostic, fallbackFile?: string): string {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  const file = diagnostic.file;
  if (file !== undefined && diagnostic.start !== undefined) {
    const { line, character } = ts.getLineAndCharacterOfPosition(file, diagnostic.start);
    return `${file.fileName}:${line + 1}:${character + 1}: ${text}`;
  }
  return fallbackFile === undefined ? text : `${fallbackFile}: ${text}`;
}
