import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { Project, ts } from 'ts-morph';
import type { FileSystemHost, SourceFile } from 'ts-morph';
import type { ProjectView } from '../model/project-view.js';
import { buildReferenceIndex } from '../analyse/reference-index.js';
import { buildPublicApi } from '../analyse/public-api.js';
import { DEFAULT_TEST_GLOBS } from '../config/config.js';
import { compileGlobs } from '../config/glob.js';
import type { GlobList } from '../config/glob.js';
import { declaresTests } from './test-suite.js';
import { isCompiledFromSchema, isGeneratedSource } from './generated.js';
import { limitsFrom, skipReasonOf } from './budget.js';
import { GuardedFileSystem } from './file-system.js';
import { readTsconfig } from './tsconfig.js';
import { listedFiles } from './listed-files.js';
import { importClosure } from './import-closure.js';
import { locateRoot, relativePathOf } from './root.js';
import { allKinds, createNodeIndex, wrapCompilerNode } from '../analyse/node-index.js';
import { createWorkClock } from '../analyse/work-clock.js';
import type { NodeIndex } from '../analyse/node-index.js';
import type { WorkClock } from '../analyse/work-clock.js';

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
  /**
   * Pull-request mode: the files a change touches (absolute paths). Only they are parsed at load; every other file
   * is parsed when something first needs it (see `ProjectView.files` and `filesWhoseText`). Undefined: every file
   * is parsed at load.
   */
  focus?: readonly string[] | undefined;
}

/**
 * A source file left out of the analysis: `unparsed` when it has a syntax
 * error (line and column point at it), `skipped` when it is past a per-file
 * budget (nesting depth, size, minified or generated; line and column are 1),
 * `missing` when the tsconfig lists it in `"files"` and it does not exist
 * (nothing of the project's code is left unread, so security coverage stands).
 */
export interface ParseProblem {
  kind: 'unparsed' | 'skipped' | 'missing';
  file: string;
  line: number;
  column: number;
  /** The syntax error, or why the file was skipped. */
  message: string;
}

/** The files a run's result names as left out of the analysis: every parse problem but a listed file that does not exist. */
export function leftOutFiles(problems: readonly ParseProblem[]): string[] {
  return problems.filter((p) => p.kind !== 'missing').map((p) => p.file);
}

/** The loaded project and what could not be loaded. */
export interface LoadedProject {
  view: ProjectView;
  /**
   * The files left out, by path: the project's own, known once it is loaded,
   * and, once the program is built (see `buildProgramOnFirstUse`), any file
   * the compiler read on its own and skipped (an imported declaration file).
   * Ask after the analysis, when every file that was read is known.
   */
  readonly parseProblems: () => ParseProblem[];
}

const JAVASCRIPT_EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs'];
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', ...JAVASCRIPT_EXTENSIONS];
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
  const { root, tsconfig } = locateRoot(options);
  const settings = options.settings ?? {};
  const fileSystem = new GuardedFileSystem(limitsFrom(settings));
  const { project, paths, missing } =
    tsconfig === undefined
      ? projectFromFolder(root, fileSystem)
      : projectFromTsconfig(tsconfig, root, fileSystem, settings['allowExtendsOutsideRoot'] === true);
  const focus = options.focus === undefined ? undefined : new Set(options.focus.map((path) => resolve(path)));
  const deferred = focus === undefined ? [] : paths.filter((path) => !focus.has(path));
  addSourceFiles(project, fileSystem, focus === undefined ? paths : paths.filter((path) => focus.has(path)));
  const files = trackFiles(project, fileSystem, root, deferred);
  if (deferred.length > 0) {
    parseAllBeforeWholeProjectReads(project, files.parseAll);
    programInLoadOrder(project, paths);
  }
  const typeWork = createWorkClock();
  buildProgramOnFirstUse(project, fileSystem, typeWork, files.parseAll);
  buildProgramBeforeLanguageService(project);
  const parseProblems = (): ParseProblem[] =>
    [
      ...[...fileSystem.skipped.values()]
        .filter((skipped) => isUnderRoot(skipped.path, root))
        .map((skipped): ParseProblem => ({
          kind: 'skipped',
          file: relativePathOf(root, skipped.path),
          line: 1,
          column: 1,
          message: skipped.reason,
        })),
      ...missing.map((listed): ParseProblem => ({
        kind: 'missing',
        file: relativePathOf(root, listed.path),
        line: 1,
        column: 1,
        message: listed.reason,
      })),
      ...files.unparsed,
    ].sort((a, b) => compare(a.file, b.file));
  const globs = {
    tests: compileGlobs(options.tests ?? DEFAULT_TEST_GLOBS),
    generated: compileGlobs(options.generated ?? []),
  };
  // Parsed as the program would: its target, and the module format its resolution of the file's imports depends on.
  const compilerOptions = project.getCompilerOptions();
  const declarationFile = (path: string): ts.SourceFile | undefined =>
    fileSystem.parseDeclarationFile(path, {
      languageVersion: compilerOptions.target ?? ts.ScriptTarget.Latest,
      impliedNodeFormat: ts.getImpliedNodeFormatForFile(
        path,
        undefined,
        project.getModuleResolutionHost(),
        compilerOptions,
      ),
    });
  return {
    view: createView(project, root, files, globs, settings, options.nodeKinds, typeWork, declarationFile),
    parseProblems,
  };
}

/**
 * The analysed files of a run and the files left out for a syntax error,
 * growing as a pull-request run parses the files it deferred (all of them at
 * once when something reads the whole project: `all`, `parseAll`). What a
 * deferred file turns out to be (analysed, or left out) is what a run that
 * parsed it at load makes of it: the same read under the same budgets, the
 * same syntax check, the same sorted list.
 */
interface TrackedFiles {
  /** Every analysed file, sorted by relative path: parses the deferred files first. */
  all: () => readonly SourceFile[];
  /** The analysed files parsed so far, sorted by relative path. */
  parsed: () => readonly SourceFile[];
  /** True for an analysed file (one of those parsed so far: a deferred file is not parsed for this). */
  isAnalysed: (file: SourceFile) => boolean;
  /** The analysed file whose tree this is, if it is one (its current tree: `--fix` replaces a file's text). */
  analysedOf: (tree: ts.SourceFile) => SourceFile | undefined;
  /** Parses the deferred files among `paths`, in load order. */
  parse: (paths: ReadonlySet<string>) => void;
  /** Parses every deferred file. */
  parseAll: () => void;
  /** The deferred files not parsed yet whose text (as the loader reads it) passes `test`; a file that read leaves out never passes. */
  pendingWhoseText: (test: (text: string) => boolean) => ReadonlySet<string>;
  /** The project's source files parsed so far, of every kind (ts-morph's `getSourceFiles`). */
  sourceFiles: () => readonly SourceFile[];
  /** The project's parsed source file at a path (ts-morph's `getSourceFile`). */
  lookup: (path: string) => SourceFile | undefined;
  /** The files with a syntax error, among those parsed. */
  readonly unparsed: readonly ParseProblem[];
  /** Milliseconds spent parsing deferred files so far. */
  parseTime: () => number;
}

/** See `TrackedFiles`: the project's parsed files are taken as they are, `deferred` (in load order) parsed on demand. */
function trackFiles(
  project: Project,
  fileSystem: GuardedFileSystem,
  root: string,
  deferred: readonly string[],
): TrackedFiles {
  const files: SourceFile[] = [];
  const analysed = new Set<SourceFile>();
  let byTree = new Map<ts.SourceFile, SourceFile>();
  const unparsed: ParseProblem[] = [];
  const waiting = new Set(deferred);
  const texts = new Map<string, ScreenText>();
  const parseWork = createWorkClock();
  // ts-morph's own reads: `parseAllBeforeWholeProjectReads` makes the project's parse every deferred file first.
  const lookup = project.getSourceFile.bind(project);
  const sourceFiles = project.getSourceFiles.bind(project);
  const admit = (added: readonly SourceFile[]): void => {
    const candidates = added.filter((file) => isAnalysed(file, root) && !fileSystem.skipped.has(file.getFilePath()));
    const syntaxErrors = firstSyntaxErrors(candidates, project.getCompilerOptions());
    for (const file of candidates) {
      const problem = parseProblemOf(file, root, syntaxErrors.get(file.compilerNode));
      if (problem !== undefined) unparsed.push(problem);
      else {
        files.push(file);
        analysed.add(file);
      }
    }
    files.sort((a, b) => compare(relativePathOf(root, a), relativePathOf(root, b)));
  };
  admit(sourceFiles());
  const parse = (paths: ReadonlySet<string>): void => {
    const now = deferred.filter((path) => waiting.has(path) && paths.has(path));
    if (now.length === 0) return;
    for (const path of now) {
      waiting.delete(path);
      texts.delete(path);
    }
    parseWork.time(() => {
      addSourceFiles(project, fileSystem, now, lookup);
      admit(now.map((path) => lookup(path)).filter((file) => file !== undefined));
    });
  };
  const parseAll = (): void => {
    parse(waiting);
  };
  return {
    all: () => {
      parseAll();
      return files;
    },
    parsed: () => files,
    isAnalysed: (file) => analysed.has(file),
    analysedOf: (tree) => {
      const known = byTree.get(tree);
      if (known?.compilerNode === tree) return known;
      // A file added since, or whose text was replaced (its tree with it): the map is made again.
      byTree = new Map(files.map((file) => [file.compilerNode, file]));
      return byTree.get(tree);
    },
    parse,
    parseAll,
    pendingWhoseText: (test) => {
      const passing = new Set<string>();
      for (const path of waiting) {
        let text = texts.get(path);
        if (text === undefined) {
          text = screenTextOf(fileSystem, path);
          texts.set(path, text);
        }
        if (text.kind === 'unread' || (text.kind === 'text' && test(text.text))) passing.add(path);
      }
      return passing;
    },
    sourceFiles,
    lookup,
    unparsed,
    parseTime: () => parseWork.spent(),
  };
}

/** `TrackedFiles` of a project parsed whole at load (in memory): nothing deferred. */
function parsedWhole(project: Project, files: readonly SourceFile[]): TrackedFiles {
  const analysed = new Set(files);
  return {
    all: () => files,
    parsed: () => files,
    isAnalysed: (file) => analysed.has(file),
    analysedOf: (tree) => files.find((file) => file.compilerNode === tree),
    parse: () => undefined,
    parseAll: () => undefined,
    pendingWhoseText: () => new Set(),
    sourceFiles: () => project.getSourceFiles(),
    lookup: (path) => project.getSourceFile(path),
    unparsed: [],
    parseTime: () => 0,
  };
}

/**
 * A deferred file's text for a screen: as the loader reads it; `left out`
 * when that read leaves the file out (past a budget: it is never analysed);
 * `unread` when it cannot be read here (then it is parsed, and the loader's
 * read decides, as at load).
 */
type ScreenText = { kind: 'text'; text: string } | { kind: 'left out' } | { kind: 'unread' };

function screenTextOf(fileSystem: GuardedFileSystem, path: string): ScreenText {
  try {
    const text = fileSystem.peekText(path);
    return text === undefined ? { kind: 'left out' } : { kind: 'text', text };
  } catch {
    return { kind: 'unread' };
  }
}

/**
 * Makes every read of the whole project through ts-morph's `Project` (its
 * files, a file by path, its folders) parse the deferred files first, so that
 * a reader that did not ask for a part of the project (`ProjectView` methods)
 * sees what a run that parsed everything at load sees.
 */
function parseAllBeforeWholeProjectReads(project: Project, parseAll: () => void): void {
  for (const name of [
    'getSourceFile',
    'getSourceFileOrThrow',
    'getSourceFiles',
    'getDirectory',
    'getDirectoryOrThrow',
    'getDirectories',
    'getRootDirectories',
  ]) {
    const read: unknown = Reflect.get(project, name);
    if (typeof read !== 'function') throw new Error(`ts-morph's Project has no ${name} to wrap`);
    Reflect.set(project, name, (...args: unknown[]): unknown => {
      parseAll();
      const result: unknown = Reflect.apply(read, project, args);
      return result;
    });
  }
}

/**
 * Makes the compiler's programs (the project's and the language service's)
 * list the project's files in the order a run that parsed every file at load
 * added them (`paths`), whatever order a pull-request run parsed them in: the
 * order of a program's files is the order the checker binds them and merges
 * their global declarations in. ts-morph takes that list from its compiler
 * factory's `getSourceFilePaths` (its cache's insertion order).
 */
function programInLoadOrder(project: Project, paths: readonly string[]): void {
  const context: unknown = Reflect.get(project, '_context');
  const factory: unknown =
    typeof context === 'object' && context !== null ? Reflect.get(context, 'compilerFactory') : undefined;
  const listed: unknown =
    typeof factory === 'object' && factory !== null ? Reflect.get(factory, 'getSourceFilePaths') : undefined;
  if (typeof factory !== 'object' || factory === null || typeof listed !== 'function')
    throw new Error("ts-morph's compiler factory has no getSourceFilePaths to order");
  const rank = new Map(paths.map((path, index) => [path, index]));
  Reflect.set(factory, 'getSourceFilePaths', (): IterableIterator<string> => {
    const current = [...(Reflect.apply(listed, factory, []) as Iterable<string>)];
    const ranked = current.map((path, index) => ({ path, rank: rank.get(path) ?? paths.length + index }));
    const ordered = ranked.sort((a, b) => a.rank - b.rank).map((entry) => entry.path);
    return ordered[Symbol.iterator]();
  });
}

/**
 * Leaves the compiler's program unbuilt until something first needs it (a
 * type, a symbol, a module resolution), and builds it then under the per-file
 * budgets (`GuardedFileSystem.buildWithinBudgets`). Building it parses every
 * file the project imports, the `lib` files and the dependencies' declaration
 * files, and creating its checker binds them all: on a small package more
 * than the rules' own work, and nothing a run whose questions syntax settles
 * needs (a pull request's few files, a package with no lock). Both are timed
 * on `clock`, as work the rules share. ts-morph builds the program when its
 * one Program object's `compilerObject` is first read (by its type checker,
 * by a node's `getType()`, by a rule); the property is shadowed on that
 * object so the first read builds through the budgets. A program ts-morph
 * builds again after a file changes (`--fix`) is built as ts-morph builds it.
 */
function buildProgramOnFirstUse(
  project: Project,
  fileSystem: GuardedFileSystem,
  clock: WorkClock,
  parseAll: () => void,
): void {
  const program = project.getProgram();
  const prototype = Object.getPrototypeOf(program) as object;
  if (Object.getOwnPropertyDescriptor(prototype, 'compilerObject') === undefined)
    throw new Error("ts-morph's Program has no compilerObject getter to defer");
  // ts-morph's own getter, run on the object: it builds the program once, and again after a file changes.
  const current = (): ts.Program => Reflect.get(prototype, 'compilerObject', program) as ts.Program;
  let built = false;
  let timed: ts.Program | undefined;
  Object.defineProperty(program, 'compilerObject', {
    configurable: true,
    get(): ts.Program {
      let compiled: ts.Program;
      if (built) compiled = current();
      else {
        built = true;
        compiled = clock.time(() => {
          // The program holds every file of the project: a pull-request run's deferred ones are parsed first.
          parseAll();
          return fileSystem.buildWithinBudgets(current, (path) => {
            const parsed = project.getSourceFile(path);
            if (parsed !== undefined) project.removeSourceFile(parsed);
          });
        });
      }
      if (compiled !== timed) {
        timed = compiled;
        timeTypeChecker(compiled, clock);
      }
      return compiled;
    },
  });
}

/**
 * Makes the language service (ts-morph's `findReferences`) build the project's
 * program first, through `buildProgramOnFirstUse`. The language service keeps
 * a program of its own, made from the same parsed files: after that build it
 * reads nothing new, while as the first to build it would read every `lib` and
 * dependency declaration file outside the budgeted build (each then screened
 * by a parse of its own). Its own checker is still its own (creating the
 * project's too would cost a second checker's set-up when no rule needs it).
 */
function buildProgramBeforeLanguageService(project: Project): void {
  const service = project.getLanguageService();
  const prototype = Object.getPrototypeOf(service) as object;
  if (Object.getOwnPropertyDescriptor(prototype, 'compilerObject') === undefined)
    throw new Error("ts-morph's LanguageService has no compilerObject getter to wrap");
  Object.defineProperty(service, 'compilerObject', {
    configurable: true,
    get(): ts.LanguageService {
      Reflect.get(project.getProgram(), 'compilerObject');
      return Reflect.get(prototype, 'compilerObject', service) as ts.LanguageService;
    },
  });
}

/**
 * Times the type checker's creation on `clock`: creating it binds every file
 * (a second on a large project), work every type-aware rule shares and none
 * should be charged for.
 */
function timeTypeChecker(program: ts.Program, clock: WorkClock): void {
  const create = program.getTypeChecker.bind(program);
  let created: ts.TypeChecker | undefined;
  program.getTypeChecker = () => (created ??= clock.time(create));
}

/**
 * The first syntax error of each file that has one, as the program's
 * `getSyntacticDiagnostics` gives it (the parser's errors and, in a
 * JavaScript file, TypeScript-only syntax), but a legacy octal literal or
 * escape in sloppy-mode JavaScript, which Node runs (`isSloppyLegacyOctal`). A TypeScript file's are the
 * parser's alone, which TypeScript keeps on the tree (`parseDiagnostics`,
 * what the program returns for such a file, sorted the program's way): read
 * there, since a program cost 5–8 ms of a pull-request run's half second,
 * its code compiled cold. JavaScript files (and any tree without that list)
 * go through a program of those files alone with the project's options: no
 * `lib`, no import resolved or followed, nothing bound. The project's
 * program is not built for this (see `buildProgramOnFirstUse`). It sees the
 * very trees ts-morph parsed, so what it records on them (the imports a file
 * makes, under the same options) is what the project's program would record.
 */
function firstSyntaxErrors(
  files: readonly SourceFile[],
  options: ts.CompilerOptions,
): Map<ts.SourceFile, ts.DiagnosticWithLocation> {
  const errors = new Map<ts.SourceFile, ts.DiagnosticWithLocation>();
  const byName = new Map<string, ts.SourceFile>();
  for (const file of files) {
    const tree = file.compilerNode;
    const parsed = parseDiagnosticsOf(tree);
    if (parsed === undefined || (tree.flags & ts.NodeFlags.JavaScriptFile) !== 0) byName.set(tree.fileName, tree);
    else {
      const first = ts.sortAndDeduplicateDiagnostics(parsed)[0];
      if (first !== undefined) errors.set(tree, first);
    }
  }
  if (byName.size === 0) return errors;
  const host: ts.CompilerHost = {
    getSourceFile: (name) => byName.get(name),
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (name) => byName.has(name),
    readFile: () => undefined,
    directoryExists: () => false,
    getDirectories: () => [],
    resolveModuleNameLiterals: (literals) => literals.map(() => ({ resolvedModule: undefined })),
    resolveTypeReferenceDirectiveReferences: (references) =>
      references.map(() => ({ resolvedTypeReferenceDirective: undefined })),
  };
  const program = ts.createProgram({
    rootNames: [...byName.keys()],
    options: { ...options, noLib: true, noResolve: true, types: [] },
    host,
  });
  const isEsModule = esModuleTest(files[0]?.getProject().getFileSystem());
  for (const file of byName.values()) {
    const first = program.getSyntacticDiagnostics(file).find((d) => !isSloppyLegacyOctal(file, d, isEsModule));
    if (first !== undefined) errors.set(file, first);
  }
  return errors;
}

/** TypeScript's errors for a legacy octal literal (`0644`) and a legacy octal escape (`'\1'`). */
const LEGACY_OCTAL_CODES: ReadonlySet<number> = new Set([1121, 1487]);

/**
 * True for TypeScript's error on a legacy octal literal or escape (`mode: 0644`) in sloppy-mode JavaScript, where
 * the language allows both (Annex B) and Node runs them: a CommonJS script (no `import` or `export`, not `.mjs`,
 * and a `.js` or `.jsx` file not made an ES module by its nearest `package.json`: `isEsModule`), with no
 * `'use strict'` anywhere in its text, outside any class (whose code is strict). The tree is whole either way; in
 * strict code, TypeScript files and ES modules the error stands.
 */
function isSloppyLegacyOctal(
  tree: ts.SourceFile,
  diagnostic: ts.Diagnostic,
  isEsModule: (fileName: string) => boolean,
): boolean {
  if (!LEGACY_OCTAL_CODES.has(diagnostic.code) || diagnostic.start === undefined) return false;
  if (!/\.c?jsx?$/.test(tree.fileName) || ts.isExternalModule(tree)) return false;
  if (/\.jsx?$/.test(tree.fileName) && isEsModule(tree.fileName)) return false;
  if (/(['"])use strict\1/.test(tree.text)) return false;
  const start = diagnostic.start;
  let inClass = false;
  const visit = (node: ts.Node): void => {
    if (inClass || start < node.pos || start >= node.end) return;
    if (ts.isClassLike(node)) inClass = true;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(tree, visit);
  return !inClass;
}

/**
 * Whether Node loads a `.js` file as an ES module: its nearest `package.json` (this folder's or the closest
 * above) says `"type": "module"`. TypeScript's own `impliedNodeFormat` is set only under `node16`/`nodenext`
 * resolution, and the loader's trees never carry it; Node decides so whatever the tsconfig says. Each folder is
 * asked once; a `package.json` that does not parse is taken to say nothing.
 */
function esModuleTest(fileSystem: FileSystemHost | undefined): (fileName: string) => boolean {
  const byFolder = new Map<string, boolean>();
  const isModuleFolder = (folder: string): boolean => {
    let known = byFolder.get(folder);
    if (known === undefined) {
      const manifest = join(folder, 'package.json');
      if (fileSystem?.fileExistsSync(manifest) === true) {
        let type: unknown;
        try {
          type = (JSON.parse(fileSystem.readFileSync(manifest)) as { type?: unknown }).type;
        } catch {
          type = undefined;
        }
        known = type === 'module';
      } else known = dirname(folder) !== folder && isModuleFolder(dirname(folder));
      byFolder.set(folder, known);
    }
    return known;
  };
  return (fileName) => isModuleFolder(dirname(fileName));
}

/** The parser's errors TypeScript keeps on a tree (an internal field: undefined should a version not have it). */
function parseDiagnosticsOf(tree: ts.SourceFile): readonly ts.DiagnosticWithLocation[] | undefined {
  const value: unknown = Reflect.get(tree, 'parseDiagnostics');
  return Array.isArray(value) ? (value as ts.DiagnosticWithLocation[]) : undefined;
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
  const syntaxErrors = firstSyntaxErrors(files, project.getCompilerOptions());
  for (const file of files) {
    const problem = parseProblemOf(file, '/', syntaxErrors.get(file.compilerNode));
    if (problem !== undefined) parseProblems.push(problem);
  }
  const globs = { tests: compileGlobs(DEFAULT_TEST_GLOBS), generated: compileGlobs([]) };
  return {
    view: createView(
      project,
      '/',
      parsedWhole(project, files),
      globs,
      settings,
      undefined,
      createWorkClock(),
      () => undefined,
    ),
    parseProblems: () => [...parseProblems],
  };
}

/** An empty project with its compiler options, the files it holds in load order, and the listed files not found. */
interface ProjectFiles {
  project: Project;
  paths: readonly string[];
  missing: readonly { path: string; reason: string }[];
}

/** A project from its tsconfig (read by readTsconfig, which refuses a broken one in one line). */
function projectFromTsconfig(
  tsconfig: string,
  root: string,
  fileSystem: GuardedFileSystem,
  allowExtendsOutsideRoot: boolean,
): ProjectFiles {
  const parsed = readTsconfig(tsconfig, { allowExtendsOutsideRoot });
  // A file listed in "files" that does not exist is left out and named (`tsc` reports it and checks the rest).
  const listed = listedFiles(parsed.fileNames, (path) => fileSystem.fileExistsSync(path));
  const paths = listed.walk
    ? walk(dirname(tsconfig))
    : [...listed.present, ...importedInputsOf(parsed, listed.present, root, (path) => peekText(fileSystem, path))];
  // A tsconfig that names no inputs the rules analyse (one kept for declaration output, or for a JavaScript package's
  // typings) leaves the folder's files to stand in. The program holds its JavaScript files only under allowJs; the
  // checker, asked about a file outside the program, reads a tree nothing bound (rhea@3.0.5: a crash inside the
  // checker; elsewhere answers no program would give).
  const allowJs = listed.walk && paths.some(isJavaScriptName) ? { allowJs: true } : {};
  const project = new Project({
    fileSystem,
    skipAddingFilesFromTsConfig: true,
    compilerOptions: { ...parsed.options, ...allowJs, noEmit: true },
  });
  const missing = listed.missing.map((path) => ({ path, reason: `listed in "files" of ${basename(tsconfig)}` }));
  return { project, paths, missing };
}

function isJavaScriptName(path: string): boolean {
  return JAVASCRIPT_EXTENSIONS.some((ext) => path.endsWith(ext));
}

/** A project of every source file under a folder, with default compiler options. */
function projectFromFolder(root: string, fileSystem: GuardedFileSystem): ProjectFiles {
  const project = new Project({
    fileSystem,
    compilerOptions: DEFAULT_COMPILER_OPTIONS,
    skipAddingFilesFromTsConfig: true,
  });
  return { project, paths: walk(root), missing: [] };
}

/** Adds files to the project, each parsed once, under the per-file budgets (GuardedFileSystem.addAllWithinBudgets). */
function addSourceFiles(
  project: Project,
  fileSystem: GuardedFileSystem,
  paths: readonly string[],
  lookup: (path: string) => SourceFile | undefined = (path) => project.getSourceFile(path),
): void {
  fileSystem.addAllWithinBudgets(
    paths,
    (path) => project.addSourceFileAtPath(path).compilerNode,
    (path) => {
      const added = lookup(path);
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

/**
 * The files a tsconfig makes part of its program beyond its list, that the rules analyse: what its listed files
 * import, to the end (`importClosure`), under the root and outside dependency and build folders. `tsc` checks every
 * file a program's files import. blwebhooks lists only `src/index.ts` in `"files"`, one `export * from "./Client"`:
 * `tsc` checks `Client.ts` through it, and so does a run. Followed from every file of a `"files"` list, and from each
 * file an `include` list names as a path without wildcards (Eleventy's `"include": ["src/UserConfig.js", …]`, two
 * entry files whose imports make 60): such an entry is a file list written under another key. A pattern's matches
 * are taken as they are listed (its patterns are its scope, and reading every matched file's imports before the
 * parse would cost a third of it): their imports are not followed, and a file a named one imports but a pattern
 * matched already is not walked again. One with no file the rules analyse stands the folder in (`listedFiles`).
 */
export function importedInputsOf(
  parsed: ts.ParsedCommandLine,
  present: readonly string[],
  root: string,
  readFile: (path: string) => string | undefined,
): string[] {
  const start = entryFilesOf(parsed, present);
  if (start.length === 0) return [];
  return importClosure(
    present,
    parsed.options,
    readFile,
    (path) => isUnderRoot(path, root) && isSourceName(basename(path)),
    start,
  );
}

/**
 * The listed files whose imports a program follows beyond what the tsconfig's patterns match: all of a `"files"`
 * list's, else those an `include` entry without wildcards names (resolved from the tsconfig's folder, as `tsc` does).
 */
function entryFilesOf(parsed: ts.ParsedCommandLine, present: readonly string[]): readonly string[] {
  const raw: unknown = parsed.raw;
  if (typeof raw !== 'object' || raw === null) return [];
  const { files, include } = raw as { files?: unknown; include?: unknown };
  if (Array.isArray(files)) return present;
  const configFile = parsed.options.configFilePath;
  if (!Array.isArray(include) || typeof configFile !== 'string') return [];
  const named = new Set(
    include
      .filter((entry): entry is string => typeof entry === 'string' && !/[*?]/.test(entry))
      .map((entry) => resolve(dirname(configFile), entry)),
  );
  return present.filter((path) => named.has(resolve(path)));
}

/** A file's text within the per-file budgets, or undefined (past one, or gone since it was resolved). */
function peekText(fileSystem: GuardedFileSystem, path: string): string | undefined {
  try {
    return fileSystem.peekText(path);
  } catch {
    return undefined;
  }
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

/** The problem a file's first syntax error makes, if it has one. */
function parseProblemOf(
  file: SourceFile,
  root: string,
  first: ts.DiagnosticWithLocation | undefined,
): ParseProblem | undefined {
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
  tracked: TrackedFiles,
  { tests, generated }: FileGlobs,
  settings: Readonly<Record<string, unknown>>,
  nodeKinds: readonly ts.SyntaxKind[] | undefined,
  typeWork: WorkClock,
  parseDeclarationFile: (path: string) => ts.SourceFile | undefined,
): ProjectView {
  const declarationFiles = new Map<string, ts.SourceFile | undefined>();
  const memos = new Map<string, unknown>();
  let nodeIndex: NodeIndex | undefined;
  const clock = createWorkClock();
  let resolved: boolean | undefined;
  let resolver: ModuleResolver | undefined;
  const memo = <T>(key: string, build: () => T): T => {
    if (memos.has(key)) return memos.get(key) as T;
    const value = build();
    memos.set(key, value);
    return value;
  };
  const view: ProjectView = {
    root,
    project,
    get files() {
      return tracked.all();
    },
    filesWhoseText: (test) => {
      tracked.parse(tracked.pendingWhoseText(test));
      return tracked.parsed().filter((file) => test(file.getFullText()));
    },
    sourceFilesWhoseText: (test) => {
      tracked.parse(tracked.pendingWhoseText(test));
      return tracked.sourceFiles().filter((file) => test(file.getFullText()));
    },
    isAnalysed: tracked.isAnalysed,
    sourceFileAt: (path) => {
      tracked.parse(new Set([path]));
      return tracked.lookup(path);
    },
    filesAt: (paths) => {
      tracked.parse(paths);
      return tracked.parsed().filter((file) => paths.has(file.getFilePath()));
    },
    get dependenciesResolved() {
      resolved ??= allImportsResolve(tracked.all());
      return resolved;
    },
    relativePath: (file) => relativePathOf(root, file),
    isTestFile: (file) =>
      tests.matches(relativePathOf(root, file)) ||
      memo(`declares-tests:${file.getFilePath()}`, () => declaresTests(file.compilerNode)),
    isGeneratedFile: (file) =>
      generated.matches(relativePathOf(root, file)) ||
      isGeneratedSource(relativePathOf(root, file), file.getFullText()) ||
      memo(`compiled-from-schema:${file.getFilePath()}`, () => isCompiledFromSchema(file.getFilePath(), existsSync)),
    packageJson: readPackageJson(root),
    get references() {
      return memo('references', () => buildReferenceIndex(tracked, clock));
    },
    get publicApi() {
      return memo('publicApi', () => buildPublicApi(view));
    },
    settings,
    memo,
    nodesOf: (file, kind) => (nodeIndex ??= createNodeIndex(nodeKinds ?? allKinds(), clock)).nodesOf(file, kind),
    sharedWork: () => ({
      '(program and checker)': typeWork.spent(),
      '(syntax indexes)': clock.spent(),
      '(deferred parses)': tracked.parseTime(),
    }),
    resolveModule: (file, specifier) => (resolver ??= moduleResolverOf(project))(file, specifier),
    declarationFile: (path) => {
      if (!declarationFiles.has(path)) declarationFiles.set(path, parseDeclarationFile(path));
      return declarationFiles.get(path);
    },
    wrap: wrapCompilerNode,
  };
  return view;
}

/** `ProjectView.resolveModule`: a file's import specifier to the file it resolves to. */
type ModuleResolver = (file: ts.SourceFile, specifier: ts.StringLiteralLike) => string | undefined;

/**
 * Resolves imports as the compiler's program does when it is built: TypeScript's
 * `resolveModuleName` with the project's options, ts-morph's module resolution
 * host (the file system the program reads through), one resolution cache, and
 * the mode the program gives the import (`getModeForUsageLocation`: ESM or
 * CommonJS, a `resolution-mode` attribute).
 */
function moduleResolverOf(project: Project): ModuleResolver {
  const options = project.getCompilerOptions();
  const host = project.getModuleResolutionHost();
  const cache = ts.createModuleResolutionCache(host.getCurrentDirectory?.() ?? '/', (name) => name, options);
  return (file, specifier) => {
    const mode = ts.getModeForUsageLocation(file, specifier, options);
    return ts.resolveModuleName(specifier.text, file.fileName, options, host, cache, undefined, mode).resolvedModule
      ?.resolvedFileName;
  };
}
