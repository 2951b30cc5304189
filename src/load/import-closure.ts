/**
 * The files a program gains by following imports: `tsc` compiles and checks every file its listed files import,
 * re-export or require (`"files": ["./src/index.ts"]` with `export * from './Client'` checks `Client.ts` too), so a
 * run that reviewed only the listed files would call code it never read clean. Shared by the loader and the cache key,
 * so that the files a run reads and the listing its cache entry is keyed by agree. Syntax only: `ts.preProcessFile`
 * finds the specifiers and `ts.resolveModuleName` resolves them as the compiler would; no program is built.
 */
import { dirname, resolve } from 'node:path';
import { ts } from 'ts-morph';

/** Absolute paths of the files a source imports, re-exports, requires or references, as the compiler resolves them. */
export function importedPaths(
  path: string,
  text: string,
  options: ts.CompilerOptions,
  cache: ts.ModuleResolutionCache,
  host: ts.ModuleResolutionHost = ts.sys,
): string[] {
  const info = ts.preProcessFile(text, true, true);
  const out: string[] = [];
  for (const imported of info.importedFiles) {
    const resolved = ts.resolveModuleName(imported.fileName, path, options, host, cache).resolvedModule;
    if (resolved !== undefined && resolved.isExternalLibraryImport !== true)
      out.push(resolve(resolved.resolvedFileName));
  }
  for (const referenced of info.referencedFiles) out.push(resolve(dirname(path), referenced.fileName));
  return out;
}

/**
 * The files the `start` files (by default every listed file) reach through their imports (and those files' imports,
 * to the end) that `keep` accepts and the list does not hold, in the order they are found. A listed file reached is
 * not walked. `readFile` answers undefined for a file it will not read (missing, or over a size budget): its imports
 * are not followed.
 */
export function importClosure(
  listed: readonly string[],
  options: ts.CompilerOptions,
  readFile: (path: string) => string | undefined,
  keep: (path: string) => boolean,
  start: readonly string[] = listed,
): string[] {
  const seen = new Set(listed.map((path) => resolve(path)));
  const cache = ts.createModuleResolutionCache(process.cwd(), (name) => name, options);
  const added: string[] = [];
  const queue = start.map((path) => resolve(path));
  for (let next = 0; next < queue.length; next++) {
    const path = queue[next] ?? '';
    const text = readFile(path);
    if (text === undefined) continue;
    for (const target of importedPaths(path, text, options, cache)) {
      if (seen.has(target)) continue;
      seen.add(target);
      if (!keep(target)) continue;
      added.push(target);
      queue.push(target);
    }
  }
  return added;
}
