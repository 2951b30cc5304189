import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import type { FileSystemHost, RuntimeDirEntry } from 'ts-morph';
import type { Limits } from './budget.js';
import { isPlainJson, overflowReasonOf, sizeLimitOf, textReasonOf, timeoutReasonOf, treeReasonOf } from './budget.js';
import { isStackOverflow, withParseBudget } from './parse-budget.js';

/** Text parsed per budgeted call by `addAllWithinBudgets` (about 0.1-0.2 s of parsing). */
const BATCH_CHARACTERS = 512 * 1024;

/** Extensions the compiler parses; every other file is read as it is. */
const PARSED = /\.(?:[cm]?[jt]sx?|json)$/;

/** A file the guard left out, and why. */
interface SkippedFile {
  /** Absolute path, as ts-morph names it. */
  path: string;
  reason: string;
}

/** A file the compiler read while `buildWithinBudgets` built the program: its text, and when it was read. */
interface CompilerRead {
  path: string;
  text: string;
  at: number;
}

/** The file the loader is adding through `addWithinBudgets`, and its text once read. */
interface OwnParse {
  path?: string;
  text?: string;
}

/**
 * ts-morph's view of the disk, read-only and guarded: every source file the
 * compiler reads (the project's own, and any file an import pulls in) is
 * decoded (UTF-8, or UTF-16 LE/BE by its byte order mark) and checked against
 * the per-file budgets. A file past a budget reads as empty text before the
 * program is built, so neither the binder, the checker nor a rule ever walks
 * it, and is recorded in `skipped`.
 *
 * Every file is parsed once, by the compiler, under the budgets. The
 * project's own files: the loader adds each through `addWithinBudgets`, which
 * runs that parse under the time budget and measures the tree it made. A file
 * the compiler reads on its own while it builds the program (an imported
 * declaration file, JSON, a dependency): the program is built, when a rule
 * first needs it, through `buildWithinBudgets`, which runs the build under the
 * time budget, blames an overflow or a timeout on the file being parsed, and
 * measures the trees of the files read before anything binds them. A file
 * read outside either (a `package.json` that module resolution reads for
 * `ProjectView.resolveModule`) is parsed here first, under the same budgets.
 */
export class GuardedFileSystem implements FileSystemHost {
  /** Files read as empty text because they are past a budget, by absolute path. */
  readonly skipped = new Map<string, SkippedFile>();

  /** Set while `addWithinBudgets` runs: the file it adds is read without a parse of its own. */
  private own: OwnParse | undefined;

  /** Set while `buildWithinBudgets` builds the program: the files the compiler reads, in order. */
  private reads: CompilerRead[] | undefined;

  constructor(private readonly limits: Limits) {}

  /**
   * Adds a file by `add` (ts-morph's `addSourceFileAtPath`, which reads the
   * file through this file system and parses it), with the per-file budgets
   * applied to that very parse: it runs under `limits.maxParseMilliseconds`, a
   * stack overflow is caught, and the tree it made is measured. A file past a
   * budget is dropped by `remove` and added again as empty text.
   */
  addWithinBudgets(add: () => ts.SourceFile, remove: () => void): void {
    const own: OwnParse = {};
    this.own = own;
    let outcome;
    try {
      outcome = withParseBudget(add, this.limits.maxParseMilliseconds);
    } finally {
      this.own = undefined;
    }
    this.settle(own, outcome.kind === 'done' ? outcome.value : outcome.kind, add, remove);
  }

  /**
   * `addWithinBudgets` for each path in turn (`add(path)`, `remove(path)`),
   * many parses to one budgeted call: entering the budget costs about 0.3 ms
   * (a watchdog thread), as much as parsing a small file. A call takes files
   * until it has parsed `BATCH_CHARACTERS` of text; a file it ran out of time
   * in is added again alone, under a budget of its own, and the next call
   * starts after it. So each file still gets the whole budget to itself.
   */
  addAllWithinBudgets(
    paths: readonly string[],
    add: (path: string) => ts.SourceFile,
    remove: (path: string) => void,
  ): void {
    let next = 0;
    while (next < paths.length) {
      const done: { parsed: OwnParse; tree: ts.SourceFile | undefined }[] = [];
      const outcome = withParseBudget(() => {
        let characters = 0;
        for (let path = paths[next]; path !== undefined && characters < BATCH_CHARACTERS; path = paths[next]) {
          const parsed: OwnParse = {};
          this.own = parsed;
          let tree: ts.SourceFile | undefined;
          try {
            tree = add(path);
          } catch (error) {
            // The parser ran out of stack in this file: it is skipped below, as `addWithinBudgets` would.
            if (!isStackOverflow(error)) throw error;
          } finally {
            this.own = undefined;
          }
          done.push({ parsed, tree });
          next++;
          characters += parsed.text?.length ?? 0;
        }
      }, this.limits.maxParseMilliseconds);
      this.own = undefined;
      for (const { parsed, tree } of done) {
        const path = parsed.path;
        if (path === undefined) continue;
        this.settle(
          parsed,
          tree ?? 'overflow',
          () => add(path),
          () => {
            remove(path);
          },
        );
      }
      if (outcome.kind !== 'done') {
        // The budget ran out (or the stack, outside any one parse) in the file at `next`: that file gets its own.
        const path = paths[next];
        next++;
        if (path === undefined) continue;
        remove(path); // in case it was added before the budget ran out, so that it is read and measured again
        this.addWithinBudgets(
          () => add(path),
          () => {
            remove(path);
          },
        );
      }
    }
  }

  /**
   * Settles a project file once `add` parsed it: a parse that ran out of time
   * or stack, or made a tree past the limits, leaves the file skipped, dropped
   * by `remove` and added again by `add` as empty text.
   */
  private settle(
    parsed: OwnParse,
    outcome: ts.SourceFile | 'timeout' | 'overflow',
    add: () => unknown,
    remove: () => void,
  ): void {
    const { path, text } = parsed;
    if (path === undefined || text === undefined || this.skipped.has(path)) return;
    const reason =
      outcome === 'timeout'
        ? timeoutReasonOf(this.limits)
        : outcome === 'overflow'
          ? overflowReasonOf(text, this.limits)
          : treeReasonOf(path, outcome, this.limits);
    if (reason === undefined) return;
    this.skip(path, reason);
    remove();
    add();
  }

  /** @inheritdoc */
  isCaseSensitive(): boolean {
    return process.platform !== 'win32' && process.platform !== 'darwin';
  }

  /** @inheritdoc */
  readFileSync(filePath: string): string {
    if (!PARSED.test(filePath)) return decodeText(readFileSync(filePath));
    const known = this.skipped.get(filePath);
    if (known !== undefined) return '';
    const read = this.readWithinBudgets(filePath);
    if (read.reason !== undefined) return this.skip(filePath, read.reason);
    const { text } = read;
    if (this.own !== undefined && this.own.path === undefined) {
      this.own.path = filePath;
      this.own.text = text;
      return text;
    }
    if (this.reads !== undefined) {
      this.reads.push({ path: filePath, text, at: performance.now() });
      return text;
    }
    const reason = this.screen(filePath, text);
    return reason === undefined ? text : this.skip(filePath, reason);
  }

  /**
   * Builds the program by `build` (ts-morph's `getProgram()`), the compiler's
   * parse of every file it reads on its own kept to the per-file budgets
   * without a second parse. The build runs under the time budget; the compiler
   * parses a file right after reading it, so an overflow is the last file
   * read's, and so is a timeout unless that file, parsed alone under the
   * budget, finishes (then the build was only long, and runs on with twice
   * the time). A file read more than the budget before the next is parsed
   * alone under it too. Once built, the tree of every file read is measured.
   * A file past a budget is forgotten by `forget` and reads as empty text in
   * the next build; files already parsed are kept, so each build goes further.
   */
  buildWithinBudgets(build: () => ts.Program, forget: (path: string) => void): ts.Program {
    const cleared = new Set<string>();
    /** Files read and not yet measured: a build that ends early (out of time, or a file dropped) measures none. */
    const unmeasured = new Set<string>();
    let budget = this.limits.maxParseMilliseconds;
    for (;;) {
      const reads: CompilerRead[] = [];
      this.reads = reads;
      let outcome;
      try {
        outcome = withParseBudget(build, budget);
      } finally {
        this.reads = undefined;
      }
      const ended = performance.now();
      for (const r of reads) unmeasured.add(r.path);
      const last = reads.at(-1);
      const suspects = reads.filter(
        (r, i) => (reads[i + 1]?.at ?? ended) - r.at > this.limits.maxParseMilliseconds && !cleared.has(r.path),
      );
      if (outcome.kind === 'overflow') {
        if (last === undefined) throw new Error('stack overflow while building the program, with no file being parsed');
        this.skip(last.path, overflowReasonOf(last.text, this.limits));
        forget(last.path);
        continue;
      }
      if (outcome.kind === 'timeout' && last !== undefined && !cleared.has(last.path)) suspects.push(last);
      let dropped = false;
      for (const suspect of suspects) {
        const reason = this.screen(suspect.path, suspect.text);
        if (reason === undefined) cleared.add(suspect.path);
        else {
          this.skip(suspect.path, reason);
          forget(suspect.path);
          dropped = true;
        }
      }
      if (outcome.kind === 'timeout') {
        if (!dropped) budget *= 2;
        continue;
      }
      if (dropped) continue;
      const program = outcome.value;
      for (const path of unmeasured) {
        unmeasured.delete(path);
        const parsed = this.skipped.has(path) ? undefined : program.getSourceFile(path);
        const reason = parsed === undefined ? undefined : treeReasonOf(path, parsed, this.limits);
        if (reason === undefined) continue;
        this.skip(path, reason);
        forget(path);
        dropped = true;
      }
      if (!dropped) return program;
    }
  }

  /**
   * A declaration file parsed on its own (parents set, nothing bound) under
   * the per-file budgets, for a question syntax answers without the program
   * (which class a dependency's export is); undefined when it is not a
   * declaration file or is past a budget. Nothing is recorded: a program
   * built later reads and judges the file itself.
   */
  parseDeclarationFile(path: string, options: ts.CreateSourceFileOptions): ts.SourceFile | undefined {
    if (!/\.d\.[cm]?ts$/.test(path) || this.skipped.has(path) || !this.fileExistsSync(path)) return undefined;
    const read = this.readWithinBudgets(path);
    if (read.reason !== undefined) return undefined;
    const parsed = this.parseWithinBudgets(path, read.text, options, true);
    return parsed.reason === undefined ? parsed.tree : undefined;
  }

  /**
   * A file's text as the loader's read of it returns it, or undefined when
   * that read would leave the file out (past the size or shape budget):
   * nothing is recorded. A pull-request run screens the files it has not
   * parsed by this text (`ProjectView.filesWhoseText`).
   */
  peekText(path: string): string | undefined {
    const read = this.readWithinBudgets(path);
    return read.reason === undefined ? read.text : undefined;
  }

  /** A file's text, or why it is past the size or shape budget (read as `readFileSync` reads it). */
  private readWithinBudgets(path: string): { text: string; reason?: undefined } | { reason: string } {
    const size = statSync(path).size;
    const limit = sizeLimitOf(path, this.limits);
    if (size > limit)
      return { reason: `${formatBytes(size)}, over the ${formatBytes(limit)} limit (limits.maxFileBytes)` };
    const text = decodeText(readFileSync(path));
    const shape = textReasonOf(path, text, this.limits);
    return shape === undefined ? { text } : { reason: shape };
  }

  /** A file parsed alone under the time budget and measured, or why it is past the time or tree budget. */
  private parseWithinBudgets(
    path: string,
    text: string,
    options: ts.ScriptTarget | ts.CreateSourceFileOptions,
    setParentNodes: boolean,
  ): { tree: ts.SourceFile; reason?: undefined } | { reason: string } {
    const outcome = withParseBudget(
      () => ts.createSourceFile(path, text, options, setParentNodes),
      this.limits.maxParseMilliseconds,
    );
    if (outcome.kind === 'timeout') return { reason: timeoutReasonOf(this.limits) };
    if (outcome.kind === 'overflow') return { reason: overflowReasonOf(text, this.limits) };
    const tree = treeReasonOf(path, outcome.value, this.limits);
    return tree === undefined ? { tree: outcome.value } : { reason: tree };
  }

  /**
   * Why a file the compiler reads on its own is left out, from a parse of it
   * alone here under the budgets: a file that took a build past the time
   * budget, or one read outside any build. JSON the parser cannot stall on
   * (`isPlainJson`: a dependency's package.json, read to resolve an import)
   * needs no parse to be within them.
   */
  private screen(path: string, text: string): string | undefined {
    if (isPlainJson(path, text, this.limits)) return undefined;
    return this.parseWithinBudgets(path, text, ts.ScriptTarget.Latest, false).reason;
  }

  /** @inheritdoc */
  readFile(filePath: string): Promise<string> {
    return Promise.resolve(this.readFileSync(filePath));
  }

  /** @inheritdoc */
  readDirSync(dirPath: string): RuntimeDirEntry[] {
    return readdirSync(dirPath, { withFileTypes: true }).map((entry) => {
      const name = join(dirPath, entry.name);
      const entryOf = (isFile: boolean, isDirectory: boolean): RuntimeDirEntry => ({
        name,
        isFile,
        isDirectory,
        isSymlink: entry.isSymbolicLink(),
      });
      if (!entry.isSymbolicLink()) return entryOf(entry.isFile(), entry.isDirectory());
      const target = statOrUndefined(name);
      return entryOf(target?.isFile() ?? false, target?.isDirectory() ?? false);
    });
  }

  /** @inheritdoc */
  fileExistsSync(filePath: string): boolean {
    return statOrUndefined(filePath)?.isFile() ?? false;
  }

  /** @inheritdoc */
  fileExists(filePath: string): Promise<boolean> {
    return Promise.resolve(this.fileExistsSync(filePath));
  }

  /** @inheritdoc */
  directoryExistsSync(dirPath: string): boolean {
    return statOrUndefined(dirPath)?.isDirectory() ?? false;
  }

  /** @inheritdoc */
  directoryExists(dirPath: string): Promise<boolean> {
    return Promise.resolve(this.directoryExistsSync(dirPath));
  }

  /** @inheritdoc */
  realpathSync(path: string): string {
    return realpathSync(path);
  }

  /** @inheritdoc */
  getCurrentDirectory(): string {
    return process.cwd();
  }

  /** Never used: files are added one by one. */
  globSync(): string[] {
    throw refused('glob');
  }

  /** Never used: files are added one by one. */
  glob(): Promise<string[]> {
    return Promise.reject(refused('glob'));
  }

  /** review-bot never changes the repository. */
  deleteSync(): void {
    throw refused('delete');
  }

  /** review-bot never changes the repository. */
  delete(): Promise<void> {
    return Promise.reject(refused('delete'));
  }

  /** review-bot never changes the repository. */
  writeFileSync(): void {
    throw refused('write');
  }

  /** review-bot never changes the repository. */
  writeFile(): Promise<void> {
    return Promise.reject(refused('write'));
  }

  /** review-bot never changes the repository. */
  mkdirSync(): void {
    throw refused('mkdir');
  }

  /** review-bot never changes the repository. */
  mkdir(): Promise<void> {
    return Promise.reject(refused('mkdir'));
  }

  /** review-bot never changes the repository. */
  moveSync(): void {
    throw refused('move');
  }

  /** review-bot never changes the repository. */
  move(): Promise<void> {
    return Promise.reject(refused('move'));
  }

  /** review-bot never changes the repository. */
  copySync(): void {
    throw refused('copy');
  }

  /** review-bot never changes the repository. */
  copy(): Promise<void> {
    return Promise.reject(refused('copy'));
  }

  /** Records a skipped file and returns the empty text the compiler sees instead. */
  private skip(path: string, reason: string): string {
    this.skipped.set(path, { path, reason });
    return '';
  }
}

/**
 * Source bytes as text: UTF-16 LE or BE when the byte order mark says so,
 * else UTF-8 (invalid bytes become U+FFFD); the byte order mark is dropped.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  return new TextDecoder('utf-8').decode(bytes);
}

function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function refused(what: string): Error {
  return new Error(`review-bot never changes the analysed files (${what} refused)`);
}

/** A byte count for messages: `2.0 MiB`, `512 KiB`, `300 bytes`. */
function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${String(Math.round(bytes / 1024))} KiB`;
  return `${String(bytes)} bytes`;
}
