/**
 * `import()` of a package or file URL at run time, for the engine's two
 * dynamic imports that leave the bundle: the GitHub client (ES modules) and a
 * project's own ESLint.
 *
 * The built command compiles dist/engine.cjs itself on Node 20, with
 * `vm.compileFunction`, so that V8's compiled code is kept between runs
 * (compile-cache.ts). Code compiled that way cannot run `import()`: V8 asks
 * Node for the callback Node registers only for code its own loader compiled,
 * and Node 20 offers no way to give one with cached code ("A dynamic import
 * callback was not specified"; its `USE_MAIN_CONTEXT_DEFAULT_LOADER` is lost
 * when the code comes from the cache, and prints an experimental warning). So
 * the entry, dist/cli.cjs, a module Node's own loader compiled, lends its own
 * `import()` when it starts the engine (src/engine.ts). It resolves from
 * dist/, as the engine's own would. Run from source, as the tests run it, the
 * engine imports by itself.
 */

/** Loads a module by specifier and resolves to its namespace. */
export type ImportModule = (specifier: string) => Promise<unknown>;

let lent: ImportModule | undefined;

/** Makes `importModule` use the entry's `import()` from now on. */
export function lendImport(importer: ImportModule): void {
  lent = importer;
}

/**
 * The module `specifier` names: through the entry's `import()` when it lent
 * one, else `own`, the caller's `import()` of the same specifier (which is
 * what the Action's bundle, which carries the GitHub client inside it, and a
 * run from source use).
 */
export function importModule<T>(specifier: string, own: () => Promise<T>): Promise<T> {
  return lent === undefined ? own() : (lent(specifier) as Promise<T>);
}
