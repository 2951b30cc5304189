import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { Project, ts } from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import type { ProjectView } from '../model/project-view.js';
import { UserError } from '../model/errors.js';
import { buildReferenceIndex } from '../analyse/reference-index.js';
import { buildPublicApi } from '../analyse/public-api.js';
import { isGeneratedSource } from './generated.js';
import { allKinds, createNodeIndex, wrapCompilerNode } from '../analyse/node-index.js';
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
}

/** A source file that could not be parsed; it is left out of the analysis. */
export interface ParseProblem {
  file: string;
  line: number;
  column: number;
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
  const project = tsconfig === undefined ? projectFromFolder(root) : projectFromTsconfig(tsconfig);
  const all = project.getSourceFiles().filter((file) => isAnalysed(file, root));
  const parseProblems: ParseProblem[] = [];
  const files: SourceFile[] = [];
  for (const file of all) {
    const problem = parseProblemOf(file, root);
    if (problem === undefined) files.push(file);
    else parseProblems.push(problem);
  }
  files.sort((a, b) => compare(relativePathOf(root, a), relativePathOf(root, b)));
  return { view: createView(project, root, files, options.settings ?? {}, options.nodeKinds), parseProblems };
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
  for (const [path, text] of Object.entries(sources)) project.createSourceFile(join('/', path), text);
  const files = project.getSourceFiles().filter((file) => isAnalysed(file, '/'));
  const parseProblems = files
    .map((file) => parseProblemOf(file, '/'))
    .filter((p): p is ParseProblem => p !== undefined);
  return { view: createView(project, '/', files, settings), parseProblems };
}

/** Finds the analysed root and tsconfig from the options. */
function locate(options: LoadOptions): { root: string; tsconfig: string | undefined } {
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

/** Loads a project from its tsconfig, turning a broken tsconfig into a one-line error. */
function projectFromTsconfig(tsconfig: string): Project {
  const read = ts.readConfigFile(tsconfig, (p) => ts.sys.readFile(p));
  if (read.error !== undefined) throw new UserError(formatDiagnostic(read.error));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(tsconfig), undefined, tsconfig);
  const fatal = parsed.errors.find((d) => d.category === ts.DiagnosticCategory.Error && d.code !== NO_INPUTS_CODE);
  if (fatal !== undefined) throw new UserError(formatDiagnostic(fatal, tsconfig));
  const project = new Project({
    tsConfigFilePath: tsconfig,
    skipAddingFilesFromTsConfig: true,
    compilerOptions: { noEmit: true },
  });
  project.addSourceFilesFromTsConfig(tsconfig);
  if (parsed.fileNames.length === 0) addFolderFiles(project, dirname(tsconfig));
  return project;
}

/** TS18003: "No inputs were found in config file"; we fall back to the folder's files. */
const NO_INPUTS_CODE = 18003;

/** Loads every source file under a folder with default compiler options. */
function projectFromFolder(root: string): Project {
  const project = new Project({ compilerOptions: DEFAULT_COMPILER_OPTIONS, skipAddingFilesFromTsConfig: true });
  addFolderFiles(project, root);
  return project;
}

function addFolderFiles(project: Project, root: string): void {
  for (const path of walk(root)) project.addSourceFileAtPath(path);
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
  const path = file.getFilePath();
  if (file.isDeclarationFile() || file.isFromExternalLibrary() || file.isInNodeModules()) return false;
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
    file: relativePathOf(root, file),
    line: line + 1,
    column: character + 1,
    message: ts.flattenDiagnosticMessageText(first.messageText, ' '),
  };
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

/** Path relative to the root with POSIX separators. */
export function relativePathOf(root: string, file: SourceFile | string): string {
  const path = typeof file === 'string' ? file : file.getFilePath();
  return relative(root, path).split(sep).join('/');
}

const TEST_NAME = /\.(test|spec)(-d)?\.[cm]?[jt]sx?$/;
const TEST_FOLDERS = new Set(['test', 'tests', '__tests__', '__mocks__', '__fixtures__', 'fixtures', 'mocks']);

/** True for test code by name or folder: tests, and the mocks and fixtures they use (none of it ships). */
export function isTestPath(relativePath: string): boolean {
  if (TEST_NAME.test(basename(relativePath))) return true;
  return relativePath
    .split('/')
    .slice(0, -1)
    .some((part) => TEST_FOLDERS.has(part));
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

/** Builds the read-only view rules receive; indexes are computed on first use. */
function createView(
  project: Project,
  root: string,
  files: SourceFile[],
  settings: Readonly<Record<string, unknown>>,
  nodeKinds?: readonly ts.SyntaxKind[],
): ProjectView {
  const memos = new Map<string, unknown>();
  let nodeIndex: NodeIndex | undefined;
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
    isTestFile: (file) => isTestPath(relativePathOf(root, file)),
    isGeneratedFile: (file) => isGeneratedSource(relativePathOf(root, file), file.getFullText()),
    packageJson: readPackageJson(root),
    get references() {
      return memo('references', () => buildReferenceIndex(files));
    },
    get publicApi() {
      return memo('publicApi', () => buildPublicApi(view));
    },
    settings,
    memo,
    nodesOf: (file, kind) => (nodeIndex ??= createNodeIndex(nodeKinds ?? allKinds())).nodesOf(file, kind),
    wrap: wrapCompilerNode,
  };
  return view;
}
