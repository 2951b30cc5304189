/**
 * V8's compiled code for the large CommonJS files every run of the command
 * loads (TypeScript, 9 MB, ts-morph and its helpers, 4 MB, and the command's
 * own engine, dist/engine.cjs), kept between runs. Without it V8 parses and
 * compiles them at every start: about 0.15 s of CPU and, for the parser's
 * working memory, about 17 MiB of a small project's peak (BENCHMARKS.md).
 *
 * Node 22.1+ has this built in (`module.enableCompileCache`), and it is used
 * where present. On Node 20 the command compiles those files itself with
 * `vm.compileFunction`, as Node's loader does, handing V8 the code cached by
 * an earlier run and keeping what V8 produces on a miss.
 *
 * Where: `.compile-cache/` in review-bot's own installed folder (beside
 * `dist/`), never in the reviewed project; whoever can write there can
 * change review-bot itself, so the cache is trusted as its code is. Each
 * entry is named by a SHA-256 of the file's path and identity on disk (size,
 * modification and change times to the nanosecond, inode and device: what
 * git's index compares to know a file unchanged; an install or an edit
 * replaces or rewrites the file, which changes its change time, and no
 * program can set that back), its length, Node's version and the
 * architecture. Hashing the text itself cost 35 ms of every start (12 MB).
 * V8 rejects an entry made under other flags, and a
 * rejected, unreadable or unwritable entry only means compiling as usual.
 * Entries are written to a temporary name and renamed, so parallel runs never
 * read half an entry. `NODE_DISABLE_COMPILE_CACHE` (Node's own switch) turns
 * it off. Code compiled here cannot run `import()` on Node 20: the engine
 * imports through the entry's (import-module.ts).
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { compileFunction } from 'node:vm';

// The module objects themselves, whose members this module replaces: a default import would be a copy of each
// (esbuild's CommonJS interop defines a getter per member, 1–2 ms of every start for `fs`'s hundred).
const fs = process.getBuiltinModule('node:fs');
const Module = process.getBuiltinModule('node:module');

/**
 * Files at least this long (in characters) are cached: TypeScript, ts-morph, its helpers (@ts-morph/common,
 * 120 kB: compiled afresh it took 8 ms of every run that parses, from its entry 2 ms) and our engine (about
 * 470 kB); a small file compiles faster than its entry is named, read and checked.
 */
const LARGE = 64 * 1024;

/** The parameters Node's CommonJS wrapper gives a module's code. */
const WRAPPER_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname'];

/** The part of a CommonJS module `_compile` uses. */
interface CommonJsModule {
  exports: unknown;
}

/** `Module.prototype._compile`; Node 20.19+ passes the format the loader settled on (`module`, `commonjs`, or none). */
type Compile = (this: CommonJsModule, content: string, filename: string, format?: string) => unknown;

/** Caches compiled code in `folder` (created on first write) for every large CommonJS file loaded from now on. */
export function installCompileCache(folder: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env['NODE_DISABLE_COMPILE_CACHE'] !== undefined) return;
  const builtin: unknown = Reflect.get(Module, 'enableCompileCache');
  if (typeof builtin === 'function') {
    try {
      Reflect.apply(builtin, Module, [folder]);
    } catch {
      // Node reports its own cache's failures in its return value; a cache is never worth failing a run for.
    }
    return;
  }
  const prototype: unknown = Module.prototype;
  const compile: unknown = Reflect.get(Module.prototype, '_compile');
  if (typeof compile !== 'function' || typeof prototype !== 'object' || prototype === null) return;
  const original = compile as Compile;
  const cached: Compile = function (content, filename, format) {
    if (content.length < LARGE || format === 'module')
      return Reflect.apply(original, this, [content, filename, format]);
    let run: (...args: unknown[]) => unknown;
    try {
      run = compileCached(content, filename, folder);
    } catch (error) {
      // Not CommonJS (an ES module in a package without `type`): Node tells it by its syntax and loads it its way.
      if (error instanceof SyntaxError) return Reflect.apply(original, this, [content, filename, format]);
      throw error;
    }
    return run.call(this.exports, this.exports, createRequire(filename), this, filename, dirname(filename));
  };
  Reflect.set(prototype, '_compile', cached);
  readLargeFilesFaster();
}

/** Node's loader for `.js` files (or whichever a loader registered before, such as tsx's). */
type LoadJs = (this: unknown, module: unknown, filename: string) => unknown;

/**
 * Node 20 reads a module's text with `readFileSync(filename, 'utf8')`, whose
 * decoder takes about 100 ms for TypeScript's 9 MB on every start (Node 22
 * decodes with simdutf, ten times faster). TypeScript's bundle is plain ASCII,
 * and ASCII bytes read as Latin-1 are the same text, made by a copy. So for a
 * large file, the loader's own read of it is answered with the text read that
 * way (UTF-8 when any byte is past ASCII): `fs.readFileSync` is replaced only
 * while the loader loads that one file, and only for that file's path and
 * encoding; everything else the loader decides (the module's format, errors)
 * is its own.
 */
function readLargeFilesFaster(): void {
  const extensions: unknown = Reflect.get(Module, '_extensions');
  const loadJs: unknown =
    typeof extensions === 'object' && extensions !== null ? Reflect.get(extensions, '.js') : undefined;
  if (typeof loadJs !== 'function') return;
  const original = loadJs as LoadJs;
  const load: LoadJs = function (module, filename) {
    const text = largeTextOf(filename);
    if (text === undefined) return Reflect.apply(original, this, [module, filename]);
    const read = fs.readFileSync;
    const answer = function (this: unknown, ...args: unknown[]): unknown {
      if (args[0] === filename && args[1] === 'utf8') {
        fs.readFileSync = read;
        return text;
      }
      return Reflect.apply(read, this, args);
    };
    fs.readFileSync = answer as typeof fs.readFileSync;
    try {
      return Reflect.apply(original, this, [module, filename]);
    } finally {
      // Unless the module replaced it meanwhile (graceful-fs and the like patch `fs`), which is theirs to keep.
      if (fs.readFileSync === answer) fs.readFileSync = read;
    }
  };
  Reflect.set(extensions as object, '.js', load);
}

/** A large file's text, read fast (see `readLargeFilesFaster`); undefined for a small one or one that cannot be read. */
function largeTextOf(filename: string): string | undefined {
  try {
    if (statSync(filename).size < LARGE) return undefined;
    const bytes = readFileSync(filename);
    return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  } catch {
    return undefined;
  }
}

/**
 * The module's wrapper function, compiled from cached code when the entry is
 * there and V8 accepts it. A function of its own, so that the entry's bytes
 * are garbage before the module runs (it loads the next large file).
 */
function compileCached(content: string, filename: string, folder: string): (...args: unknown[]) => unknown {
  const identity = identityOf(filename);
  const entry =
    identity === undefined
      ? undefined
      : join(
          folder,
          createHash('sha256')
            .update(`${process.version}\0${process.arch}\0${filename}\0${String(content.length)}\0${identity}`)
            .digest('hex')
            .slice(0, 40),
        );
  const cachedData = entry === undefined ? undefined : readEntry(entry);
  const run = compileFunction(content, WRAPPER_PARAMETERS, {
    filename,
    ...(cachedData === undefined ? { produceCachedData: true } : { cachedData }),
  }) as ((...args: unknown[]) => unknown) & { cachedData?: Buffer; cachedDataRejected?: boolean };
  if (entry !== undefined && cachedData === undefined && run.cachedData !== undefined)
    writeEntry(folder, entry, run.cachedData);
  else if (entry !== undefined && run.cachedDataRejected === true) writeEntry(folder, entry, undefined);
  delete run.cachedData;
  return run;
}

/** A file's identity on disk (size, modification and change times in nanoseconds, inode, device); undefined when it cannot be read. */
function identityOf(filename: string): string | undefined {
  try {
    const stat = statSync(filename, { bigint: true });
    return [stat.size, stat.mtimeNs, stat.ctimeNs, stat.ino, stat.dev].join('\0');
  } catch {
    return undefined;
  }
}

/** An entry's bytes, or undefined when there is none (or it cannot be read). */
function readEntry(entry: string): Buffer | undefined {
  try {
    return readFileSync(entry);
  } catch {
    return undefined;
  }
}

/** Writes an entry through a temporary name; `undefined` removes a rejected one, for the next run's miss to replace. */
function writeEntry(folder: string, entry: string, data: Buffer | undefined): void {
  try {
    if (data === undefined) {
      unlinkSync(entry);
      return;
    }
    mkdirSync(folder, { recursive: true });
    const temporary = `${entry}.${String(process.pid)}.tmp`;
    writeFileSync(temporary, data);
    renameSync(temporary, entry);
  } catch {
    // A read-only install: every run compiles as usual.
  }
}
