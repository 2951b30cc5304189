import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Project, ts } from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import type { ProjectView } from '../model/project-view.js';
import { UserError } from '../model/errors.js';
import { buildReferenceIndex } from '../analyse/reference-index.js';
import { buildPublicApi } from '../analyse/public-api.js';
import { DEFAULT_TEST_GLOBS } from '../config/config.js';
import { compileGlobs } from '../config/glob.js';
import type { GlobList } from '../config/glob.js';
import { isCompiledFromSchema, isGeneratedSource } from './generated.js';
import { limitsFrom, skipReasonOf } from './budget.js';
import { GuardedFileSystem } from './file-system.js';
import { readTsconfig } from './tsconfig.js';
import { allKinds, createNodeIndex, wrapCompilerNode } from '../analyse/node-index.js';
import { createWorkClock } from '../analyse/work-clock.js';
import type { NodeIndex } from '../analyse/node-index.js';

/** What to load. */
export interface LoadOptions {
  /** Folder (or file) to analyse. */
  path: string;
  /** Explicit tsconfig.json; its folder becomes the analysed root. */
  project?: string | undefined;
  /** Project-wide settings from the configuration file. */
  settings?: Readonly<Record<string, unknown>> | undefined;
  /** Node kinds the enabled rules declared (`nodesOf`); every kind is collected when undefined. */
  nodeKinds?: readonly ts.SyntaxKind[] | undefined;
  /** Globs of test files (the configuration's `tests`); DEFAULT_TEST_GLOBS when undefined. */
  tests?: readonly string[] | undefined;
  /** Globs of generated files (the configuration's `generated`), added to the folders and headers isGeneratedSource knows. */
  generated?: readonly string[] | undefined;
}

/**
 * A source file left out of the analysis: `unparsed` when it has a syntax
 * error (line and column point at it), `skipped` when it is past a per-file
 * budget (nesting depth, size, minified or generated; line and column are 1).
 */
export interface ParseProblem {
  kind: 'unparsed' | 'skipped';
  file: string;
  line: number;
  column: number;
  /** The syntax error, or why the file was skipped. */
  message: string;
}

/** The loaded project and what could not be loaded. */
export interface LoadedProject {
  view: ProjectView;
  parseProblems: ParseProblem[];
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const SKIPPED_FOLDERS = new Set([
  'node_modules',
  '.git',
  'dist',
  'build',
  'out',
  'coverage',
  'lib-cov',
  '.next',
  '.turbo',
  '.cache',
  '.corpora',
]);

/** Compiler options for a folder that has no tsconfig.json. */
const DEFAULT_COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.Preserve,
  allowJs: true,
  checkJs: false,
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  resolveJsonModule: true,
  allowImportingTsExtensions: true,
  experimentalDecorators: true,
};

/** Loads a folder (with or without tsconfig.json) into a ts-morph project with its type checker. */
export function loadProject(options: LoadOptions): LoadedProject {
  const { root, tsconfig } = locate(options);
  const settings = options.settings ?? {};
  const fileSystem = new GuardedFileSystem(limitsFrom(settings));
  const project =
    tsconfig === undefined
      ? projectFromFolder(root, fileSystem)
      : projectFromTsconfig(tsconfig, fileSystem, settings['allowExtendsOutsideRoot'] === true);
  // Building the program now pulls in every imported file through the guarded file system, each parsed under the budgets.
  fileSystem.buildWithinBudgets(
    () => project.getProgram().compilerObject,
    (path) => {
      const parsed = project.getSourceFile(path);
      if (parsed !== undefined) project.removeSourceFile(parsed);
    },
  );
  const parseProblems: ParseProblem[] = [...fileSystem.skipped.values()]
    .filter((skipped) => isUnderRoot(skipped.path, root))
    .map((skipped) => ({
      kind: 'skipped',
      file: relativePathOf(root, skipped.path),
      line: 1,
      column: 1,
      message: skipped.reason,
    }));
  const files: SourceFile[] = [];
  for (const file of project.getSourceFiles()) {
    if (!isAnalysed(file, root) || fileSystem.skipped.has(file.getFilePath())) continue;
    const problem = parseProblemOf(file, root);
    if (problem === undefined) files.push(file);
    else parseProblems.push(problem);
  }
  files.sort((a, b) => compare(relativePathOf(root, a), relativePathOf(root, b)));
  parseProblems.sort((a, b) => compare(a.file, b.file));
  const globs = {
    tests: compileGlobs(options.tests ?? DEFAULT_TEST_GLOBS),
    generated: compileGlobs(options.generated ?? []),
  };
  return { view: createView(project, root, files, globs, settings, options.nodeKinds), parseProblems };
}

/**
 * Loads source texts into an in-memory project (used to run documentation
 * examples); the root is `/`, compiler options are the folder defaults.
 */
export function loadInMemory(
  sources: Readonly<Record<string, string>>,
  settings: Readonly<Record<string, unknown>> = {},
): LoadedProject {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: DEFAULT_COMPILER_OPTIONS });
  const limits = limitsFrom(settings);
  const parseProblems: ParseProblem[] = [];
  for (const [path, text] of Object.entries(sources)) {
    const reason = skipReasonOf(path, text, limits);
    if (reason === undefined) project.createSourceFile(join('/', path), text);
    else
      parseProblems.push({
        kind: 'skipped',
        file: relativePathOf('/', join('/', path)),
        line: 1,
        column: 1,
        message: reason,
      });
  }
  const files = project.getSourceFiles().filter((file) => isAnalysed(file, '/'));
  for (const file of files) {
    const problem = parseProblemOf(file, '/');
    if (problem !== undefined) parseProblems.push(problem);
  }
  const globs = { tests: compileGlobs(DEFAULT_TEST_GLOBS), generated: compileGlobs([]) };
  return { view: createView(project, '/', files, globs, settings), parseProblems };
}

/** The analysed root the options name (where the configuration file is looked up), before anything is loaded. */
export function analysedRoot(options: Pick<LoadOptions, 'path' | 'project'>): string {
  return locate(options).root;
}

/** Finds the analysed root and tsconfig from the options. */
function locate(options: Pick<LoadOptions, 'path' | 'project'>): { root: string; tsconfig: string | undefined } {
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

/** Loads a project from its tsconfig (read by readTsconfig, which refuses a broken one in one line). */
function projectFromTsconfig(
  tsconfig: string,
  fileSystem: GuardedFileSystem,
  allowExtendsOutsideRoot: boolean,
): Project {
  const parsed = readTsconfig(tsconfig, { allowExtendsOutsideRoot });
  const project = new Project({
    fileSystem,
    skipAddingFilesFromTsConfig: true,
    compilerOptions: { ...parsed.options, noEmit: true },
  });
  const paths = parsed.fileNames.length === 0 ? walk(dirname(tsconfig)) : parsed.fileNames;
  addSourceFiles(project, fileSystem, paths);
  return project;
}

/** Loads every source file under a folder with default compiler options. */
function projectFromFolder(root: string, fileSystem: GuardedFileSystem): Project {
  const project = new Project({
    fileSystem,
    compilerOptions: DEFAULT_COMPILER_OPTIONS,
    skipAddingFilesFromTsConfig: true,
  });
  addSourceFiles(project, fileSystem, walk(root));
  return project;
}

/** Adds the project's files, each parsed once, under the per-file budgets (GuardedFileSystem.addAllWithinBudgets). */
function addSourceFiles(project: Project, fileSystem: GuardedFileSystem, paths: readonly string[]): void {
  fileSystem.addAllWithinBudgets(
    paths,
    (path) => project.addSourceFileAtPath(path).compilerNode,
    (path) => {
      const added = project.getSourceFile(path);
      if (added !== undefined) project.removeSourceFile(added);
    },
  );
}

/** Source files under a folder, skipping dependencies, build output and hidden folders. */
function walk(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) out.push(...walk(path));
    } else if (entry.isFile() && isSourceName(entry.name)) {
      out.push(path);
    }
  }
  return out;
}

function isSourceName(name: string): boolean {
  if (name.endsWith('.d.ts') || name.endsWith('.d.mts') || name.endsWith('.d.cts')) return false;
  if (name.endsWith('.min.js')) return false;
  return SOURCE_EXTENSIONS.some((ext) => name.endsWith(ext));
}

/** True for files the rules look at: under the root, not declarations, not dependencies. */
function isAnalysed(file: SourceFile, root: string): boolean {
  if (file.isDeclarationFile() || file.isFromExternalLibrary() || file.isInNodeModules()) return false;
  return isUnderRoot(file.getFilePath(), root);
}

/** True for a path under the root, outside dependency, build and hidden folders. */
function isUnderRoot(path: string, root: string): boolean {
  const rel = relative(root, path);
  return !rel.startsWith('..') && !rel.split(/[\\/]/).some((part) => SKIPPED_FOLDERS.has(part));
}

/** The first syntax error of a file, if it has one. */
function parseProblemOf(file: SourceFile, root: string): ParseProblem | undefined {
  const diagnostics = file.getProject().getProgram().compilerObject.getSyntacticDiagnostics(file.compilerNode);
  const first = diagnostics[0];
  if (first === undefined) return undefined;
  const { line, character } = ts.getLineAndCharacterOfPosition(file.compilerNode, first.start);
  return {
    kind: 'unparsed',
    file: relativePathOf(root, file),
    line: line + 1,
    column: character + 1,
    message: ts.flattenDiagnosticMessageText(first.messageText, ' '),
  };
}

/** Path relative to the root with POSIX separators. */
export function relativePathOf(root: string, file: SourceFile | string): string {
  const path = typeof file === 'string' ? file : file.getFilePath();
  return relative(root, path).split(sep).join('/');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function readPackageJson(root: string): Readonly<Record<string, unknown>> | undefined {
  const path = join(root, 'package.json');
  if (!existsSync(path)) return undefined;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when every module specifier of the files resolves to a file. */
function allImportsResolve(files: readonly SourceFile[]): boolean {
  for (const file of files) {
    for (const decl of file.getImportDeclarations()) {
      if (decl.getModuleSpecifierSourceFile() === undefined && !isBuiltin(decl.getModuleSpecifierValue())) return false;
    }
  }
  return true;
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:');
}

/** The configured globs of test and generated files. */
interface FileGlobs {
  tests: GlobList;
  generated: GlobList;
}

/** Builds the read-only view rules receive; indexes are computed on first use. */
function createView(
  project: Project,
  root: string,
  files: SourceFile[],
  { tests, generated }: FileGlobs,
  settings: Readonly<Record<string, unknown>>,
  nodeKinds?: readonly ts.SyntaxKind[],
): ProjectView {
  const memos = new Map<string, unknown>();
  let nodeIndex: NodeIndex | undefined;
  const clock = createWorkClock();
  let resolved: boolean | undefined;
  const memo = <T>(key: string, build: () => T): T => {
    if (memos.has(key)) return memos.get(key) as T;
    const value = build();
    memos.set(key, value);
    return value;
  };
  const view: ProjectView = {
    root,
    project,
    files,
    get dependenciesResolved() {
      resolved ??= allImportsResolve(files);
      return resolved;
    },
    relativePath: (file) => relativePathOf(root, file),
    isTestFile: (file) => tests.matches(relativePathOf(root, file)),
    isGeneratedFile: (file) =>
      generated.matches(relativePathOf(root, file)) ||
      isGeneratedSource(relativePathOf(root, file), file.getFullText()) ||
      memo(`compiled-from-schema:${file.getFilePath()}`, () => isCompiledFromSchema(file.getFilePath(), existsSync)),
    packageJson: readPackageJson(root),
    get references() {
      return memo('references', () => buildReferenceIndex(files, clock));
    },
    get publicApi() {
      return memo('publicApi', () => buildPublicApi(view));
    },
    settings,
    memo,
    nodesOf: (file, kind) => (nodeIndex ??= createNodeIndex(nodeKinds ?? allKinds(), clock)).nodesOf(file, kind),
    sharedWorkTime: () => clock.spent(),
    wrap: wrapCompilerNode,
  };
  return view;
}
