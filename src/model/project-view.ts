import type { Node, Project, SourceFile, ts } from 'ts-morph';

/** How an identifier occurrence touches what it names. */
export type Access = 'read' | 'write' | 'readwrite';

/**
 * How a name stands where it occurs: `name` for a plain name (a variable,
 * function, class, import or type reference, `export { name }`), `property`
 * for the name of a member of something else (`a.name`, `this['name']`,
 * `A.name` in a type, `const { name } = a`, a JSX attribute).
 */
export type OccurrenceRole = 'name' | 'property';

/** One place where a name is used (never its own declaration name, except the `name` of `const { name } = a`, which reads a property). */
export interface Occurrence {
  /** The identifier, private identifier, or string literal (as in `this['name']`). */
  readonly node: Node;
  readonly access: Access;
  /** Plain name or property name (see OccurrenceRole). */
  readonly role: OccurrenceRole;
  /** The file it occurs in. */
  readonly file: SourceFile;
  /** The compiler's node, for syntax checks that need no ts-morph wrapper. */
  readonly compilerNode: ts.Node;
  /** Same as ReferenceIndex.resolve(this); computed once. */
  resolve(): readonly Node[] | undefined;
}

/**
 * One pass over every identifier of the project, keyed by name. Built once per
 * run, on first use; cross-file questions ("is this member used anywhere?")
 * are answered from it instead of a reference search per declaration.
 */
export interface ReferenceIndex {
  /** Every use of `name` as an identifier, property name or literal key (`a['name']`, `T['name']`), declarations excluded. */
  occurrences(name: string): readonly Occurrence[];
  /** The occurrences of `name` in one file. */
  occurrencesIn(file: SourceFile, name: string): readonly Occurrence[];
  /**
   * The declared names (compiler nodes, document order) of the bindings named
   * `name` the file declares (variables, parameters, functions, classes,
   * imports, types...), to tell where a name may be shadowed.
   */
  declarationsIn(file: SourceFile, name: string): readonly ts.Node[];
  /**
   * The declarations the checker resolves an occurrence to, or `undefined`
   * when it cannot tell (an `any` receiver, an unresolved import, a dynamic key).
   */
  resolve(occurrence: Occurrence): readonly Node[] | undefined;
  /** True when some element access in the file uses a non-literal key on `this` or an instance (`this[key]`). */
  hasDynamicAccess(file: SourceFile): boolean;
}

/** The public surface of the analysed project: what its entry points export. */
export interface PublicApi {
  /** Source files treated as entry points (package.json exports/main/types/bin, index.ts, or configured). */
  readonly entryPoints: readonly SourceFile[];
  /** How entry points were found, for messages: e.g. "src/index.ts". */
  readonly description: string;
  /** True when the declaration is exported, directly or through re-exports, from an entry point. */
  isExported(declaration: Node): boolean;
  /**
   * True when the declaration is exported from an entry point, or is an
   * in-project class, interface, type alias or function that an exported
   * declaration's signature names (its return type, a parameter type, a
   * base class...), so code outside the project can reach its public members.
   */
  exposes(declaration: Node): boolean;
  /**
   * True when code outside the project can hold an instance of this class
   * (or a value of this declaration): as `exposes`, except that a class named
   * only as a parameter's type is not handed out (`constructor(store: Store)`:
   * the caller passes its own value in, and cannot make a `Store` it cannot
   * import).
   */
  handsOut(declaration: Node): boolean;
  /**
   * The analysed source file a build-output file was compiled from
   * (`dist/index.d.ts` -> `src/index.ts`), through the tsconfig's outDir/rootDir
   * or the path's trailing segments; undefined when none is found.
   */
  sourceOf(file: SourceFile): SourceFile | undefined;
}

/** Read-only view of the loaded project that rules receive. */
export interface ProjectView {
  /** Absolute path of the analysed folder (the tsconfig's folder with --project). */
  readonly root: string;
  /** The ts-morph project, type checker included. */
  readonly project: Project;
  /**
   * Every analysed source file, sorted by relative path. Declaration files, node_modules and the configuration's
   * `generated` files excluded. A pull-request run parses at load only the changed files, and the rest when first
   * needed: reading this parses every file. A reader that needs only some files asks for them by the methods below,
   * which parse only those.
   */
  readonly files: readonly SourceFile[];
  /**
   * The analysed files whose text passes `test`, in `files` order: `files` narrowed by a screen of their text, which
   * must pass every file the caller needs (one that spells a name, a word). A pull-request run parses only the
   * files that pass of those it has not parsed yet.
   */
  filesWhoseText(test: (text: string) => boolean): readonly SourceFile[];
  /** The project's source files of every kind (ts-morph's `getSourceFiles`) whose text passes `test`, as `filesWhoseText` parses them; in no set order. */
  sourceFilesWhoseText(test: (text: string) => boolean): readonly SourceFile[];
  /** True when the file is one of `files` (told without parsing any other file). */
  isAnalysed(file: SourceFile): boolean;
  /** The project's source file at an absolute path, as ts-morph's `getSourceFile` finds it, parsing only that file if a pull-request run had not. */
  sourceFileAt(path: string): SourceFile | undefined;
  /** The analysed files at these absolute paths, in `files` order, parsing only them if a pull-request run had not. */
  filesAt(paths: ReadonlySet<string>): readonly SourceFile[];
  /** False when some imports could not be resolved (dependencies not installed): types may be `any`. */
  readonly dependenciesResolved: boolean;
  /** Path relative to the root, POSIX separators. */
  relativePath(file: SourceFile | string): string;
  /** True for test files: the configuration's `tests` globs; by default `*.test.*`, `*.spec.*`, or files under test/, tests/, __tests__/. */
  isTestFile(file: SourceFile): boolean;
  /** True for generated or vendored files: a generator's header or file name, or a `generated/` or `vendor/` folder (load/generated.ts). */
  isGeneratedFile(file: SourceFile): boolean;
  /** The project's package.json, if any. */
  readonly packageJson: Readonly<Record<string, unknown>> | undefined;
  /** The reference index (built on first use, once per run). */
  readonly references: ReferenceIndex;
  /** The public API (computed on first use, once per run). */
  readonly publicApi: PublicApi;
  /** Project-wide settings from the configuration file (e.g. extra lock APIs), untyped JSON. */
  readonly settings: Readonly<Record<string, unknown>>;
  /**
   * Milliseconds spent so far on work the rules share, done for whichever rule
   * asks first, by what it is (the name --debug shows it under): building the
   * compiler's program and creating its checker, the node index's and the
   * reference index's walks, a pull-request run's parse of files it deferred.
   * Each millisecond is counted under one name.
   */
  sharedWork(): Readonly<Record<string, number>>;
  /**
   * The file an import's module specifier resolves to, as the compiler's
   * program resolves it (the same function, options, host and resolution
   * mode, with one cache for the run), without building the program;
   * undefined when it does not resolve to a file.
   */
  resolveModule(file: ts.SourceFile, specifier: ts.StringLiteralLike): string | undefined;
  /**
   * A declaration file (`.d.ts`) an import resolves to (a dependency's),
   * parsed alone, once per run, under the per-file budgets: not bound, no
   * program built. Undefined for any other file and for one past a budget.
   */
  declarationFile(path: string): ts.SourceFile | undefined;
  /** Computes a value once per run and shares it between rules (e.g. a lock model). */
  memo<T>(key: string, build: () => T): T;
  /**
   * The file's compiler nodes of one kind, in document order, from one walk per
   * file shared by every rule of the run (src/analyse/node-index.ts). Declare
   * the kinds in the rule's meta (`nodeKinds`) so that walk collects them.
   */
  nodesOf(file: SourceFile, kind: ts.SyntaxKind): readonly ts.Node[];
  /** The ts-morph wrapper of one compiler node of `file` (ts-morph's own, cached), for the few nodes a rule inspects deeply or reports. */
  wrap(file: SourceFile, node: ts.Node): Node;
}
