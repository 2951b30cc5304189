import { createRequire } from 'node:module';
import { isAbsolute, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../model/finding.js';
import { isRecord, parseDocsUrls, parseResults } from './eslint-results.js';
import type { EslintResult } from './eslint-results.js';
import { findingsFromEslint } from './to-findings.js';
import { importModule } from '../shell/import-module.js';

/** What running the project's ESLint gave. */
export type EslintOutcome =
  | { kind: 'ran'; findings: Finding[]; version: string }
  /** ESLint is not installed where the project can load it: a note, not a failure. */
  | { kind: 'not-installed'; note: string }
  /** ESLint is installed but could not run (a broken configuration, a crashing plugin): the first line of its error. */
  | { kind: 'failed'; error: string };

/** Where and how to run ESLint. */
export interface EslintInput {
  /** Absolute path of the analysed root: ESLint is loaded from here and runs with it as its working folder. */
  root: string;
  /** The dotted symbol path around a place of a file (relative path), '' when unknown. */
  symbolAt?: ((file: string, line: number, column: number) => string) | undefined;
  /** Texts (by path relative to the root) to lint instead of the files on disk. */
  overlay?: ReadonlyMap<string, string> | undefined;
}

/**
 * Runs the project's own ESLint, with the project's own configuration, through
 * ESLint's Node API (`loadESLint`/`ESLint`, `lintFiles(['.'])`), loaded from the
 * project's node_modules, never from ours. Loading the configuration runs the
 * project's `eslint.config.js`: this executes repository code, which is why
 * `--eslint` is opt-in.
 */
export async function runEslint(input: EslintInput): Promise<EslintOutcome> {
  const entry = resolveEslint(input.root);
  if (entry === undefined) {
    return {
      kind: 'not-installed',
      note: `--eslint: ESLint is not installed in ${input.root} (npm install --save-dev eslint); ESLint findings are left out`,
    };
  }
  try {
    const url = pathToFileURL(entry).href;
    const module: unknown = await importModule(url, () => import(url));
    const engine = await createEngine(module, input.root);
    const raw = await engine.lintFiles(['.']);
    const linted = await withOverlay(parseResults(raw), engine, input);
    const docsUrls = parseDocsUrls(engine.getRulesMetaForResults?.([...asList(raw), ...linted.raw]));
    const findings = findingsFromEslint(linted.results, {
      relativePath: (absolute) => relativePosix(input.root, absolute),
      symbolAt: input.symbolAt ?? (() => ''),
      docsUrls,
    });
    return { kind: 'ran', findings, version: engine.version };
  } catch (error) {
    return { kind: 'failed', error: firstLine(error) };
  }
}

/** The file ESLint's package resolves to from the project root, or undefined when it is not installed there. */
function resolveEslint(root: string): string | undefined {
  try {
    return createRequire(join(root, 'package.json')).resolve('eslint');
  } catch {
    return undefined;
  }
}

/** The few methods of an ESLint instance we call. */
interface Engine {
  version: string;
  lintFiles: (patterns: string[]) => Promise<unknown>;
  lintText: (text: string, options: { filePath: string }) => Promise<unknown>;
  getRulesMetaForResults?: ((results: unknown) => unknown) | undefined;
}

/** An ESLint instance for the root, from `loadESLint` (ESLint 8.57 and later) or the `ESLint` class. */
async function createEngine(module: unknown, root: string): Promise<Engine> {
  const api = isRecord(module) && isRecord(module['default']) ? module['default'] : module;
  if (!isRecord(api)) throw new Error('the eslint package exports nothing usable');
  const load = api['loadESLint'];
  const loaded: unknown = typeof load === 'function' ? Reflect.apply(load, api, [{ cwd: root }]) : api['ESLint'];
  const constructor: unknown = await Promise.resolve(loaded);
  if (typeof constructor !== 'function')
    throw new Error('the eslint package has no ESLint class (ESLint 8.57 or later is needed)');
  const instance: unknown = Reflect.construct(constructor, [{ cwd: root, errorOnUnmatchedPattern: false }]);
  if (!isRecord(instance)) throw new Error('new ESLint() gave no object');
  const lintFiles = instance['lintFiles'];
  const lintText = instance['lintText'];
  const getRulesMeta = instance['getRulesMetaForResults'];
  if (typeof lintFiles !== 'function' || typeof lintText !== 'function')
    throw new Error('ESLint has no lintFiles/lintText');
  const version: unknown = Reflect.get(constructor, 'version');
  return {
    version: typeof version === 'string' ? version : 'unknown',
    lintFiles: async (patterns) => {
      const out: unknown = await Promise.resolve(Reflect.apply(lintFiles, instance, [patterns]));
      return out;
    },
    lintText: async (text, options) => {
      const out: unknown = await Promise.resolve(Reflect.apply(lintText, instance, [text, options]));
      return out;
    },
    getRulesMetaForResults:
      typeof getRulesMeta === 'function'
        ? (results) => {
            const out: unknown = Reflect.apply(getRulesMeta, instance, [results]);
            return out;
          }
        : undefined,
  };
}

/** The results with overlaid files linted from their texts; `raw` is what ESLint returned (for its rules' metadata). */
async function withOverlay(
  results: EslintResult[],
  engine: Engine,
  input: EslintInput,
): Promise<{ results: EslintResult[]; raw: unknown[] }> {
  const raw: unknown[] = [];
  if (input.overlay === undefined || input.overlay.size === 0) return { results, raw };
  const byPath = new Map(results.map((r) => [r.filePath, r]));
  for (const [file, text] of input.overlay) {
    const filePath = join(input.root, file);
    if (!byPath.has(filePath)) continue;
    const linted: unknown = await engine.lintText(text, { filePath });
    raw.push(...asList(linted));
    for (const result of parseResults(linted)) byPath.set(result.filePath, result);
  }
  return { results: [...byPath.values()], raw };
}

/** The value if it is a list, else an empty list. */
function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Path relative to the root with POSIX separators. */
function relativePosix(root: string, absolute: string): string {
  const path = isAbsolute(absolute) ? relative(root, absolute) : absolute;
  return path.split(sep).join('/');
}

/** The first line of an error's message. */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
