import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { AnyRule, RuleMeta } from '../model/rule.js';
import type { Severity } from '../model/severity.js';
import { UserError } from '../model/errors.js';
import { SUPPRESSION_META } from '../suppress/meta.js';
import { buildConfigSchema } from './schema.js';
import type { SchemaDocument } from './schema.js';
import { configProblem } from './validate.js';

/** The configuration file's name, looked up in the analysed root. JSON only: nothing from the repository is executed. */
const CONFIG_FILE_NAME = '.review-bot.json';

/**
 * Test code when the configuration names none: `*.test.*`, `*.spec.*`, and test, mock, fixture and test-helper
 * folders (rxdb's `src/plugins/test-utils/` makes passwords for its test documents with `Math.random()`; app-icon's
 * `src/testing/` compares its specs' images with ImageMagick).
 */
export const DEFAULT_TEST_GLOBS: readonly string[] = [
  '**/*.{test,spec}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  '**/*.{test,spec}-d.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  '**/{test,tests,testing,__tests__,__mocks__,__fixtures__,fixtures,mocks,test-utils,test-helpers}/**',
];

/** A rule's configured state. */
type RuleSetting = 'off' | Severity | { severity?: Severity | 'off'; options?: Record<string, unknown> };

/** The parsed configuration file. */
export interface Config {
  /** Per-rule severity and options; experimental rules are enabled by naming them here. */
  rules: Record<string, RuleSetting>;
  /** Project-wide settings rules read: `entryPoints` and `locks`. */
  settings: Record<string, unknown>;
  /** Globs of files never reported on (still loaded, so their types and uses count). */
  ignore?: readonly string[];
  /** Globs of test files; DEFAULT_TEST_GLOBS when the file names none. */
  tests?: readonly string[];
  /** Globs of generated files, added to those found by folder and header (src/load/generated.ts). */
  generated?: readonly string[];
  /** Where it came from, for messages (as the user would type it). */
  source: string | undefined;
  /** The file's JSON as parsed, validated by validateConfig. */
  raw?: Readonly<Record<string, unknown>>;
}

/** The keys rules and the loader read from `settings`. */
const SETTINGS_KEYS = ['entryPoints', 'locks', 'limits', 'allowExtendsOutsideRoot'];

/** The configuration file a run reads: the one given, else `.review-bot.json` in the root (it may not exist). */
export function configFileOf(root: string, explicitPath: string | undefined): string {
  return explicitPath === undefined ? join(root, CONFIG_FILE_NAME) : resolve(explicitPath);
}

/** Reads `.review-bot.json` from the root, or the file given; a missing default file is an empty config. */
export function loadConfig(root: string, explicitPath: string | undefined): Config {
  const path = configFileOf(root, explicitPath);
  if (!existsSync(path)) {
    if (explicitPath !== undefined) throw new UserError(`config file not found: ${explicitPath}`);
    return fromRaw({}, undefined);
  }
  const where = displayName(path);
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${where}: invalid JSON: ${jsonErrorText(error, text)}`);
  }
  if (!isRecord(parsed))
    throw new UserError(
      `${where}: expected a JSON object, got ${Array.isArray(parsed) ? 'an array' : JSON.stringify(parsed)}`,
    );
  return fromRaw(parsed, where);
}

/** A Config from parsed JSON (not yet validated). */
function fromRaw(raw: Record<string, unknown>, source: string | undefined): Config {
  const rules = isRecord(raw['rules']) ? raw['rules'] : {};
  return {
    rules: Object.fromEntries(
      Object.entries(rules).filter((entry): entry is [string, RuleSetting] => isRuleSetting(entry[1])),
    ),
    settings: Object.fromEntries(SETTINGS_KEYS.filter((k) => k in raw).map((k) => [k, raw[k]])),
    ignore: stringsOf(raw['ignore']) ?? [],
    tests: stringsOf(raw['tests']) ?? DEFAULT_TEST_GLOBS,
    generated: stringsOf(raw['generated']) ?? [],
    source,
    raw,
  };
}

/** The rules a configuration may name: the registry's and the engine's `suppression`. */
export function configurableMetas(registry: readonly AnyRule[]): RuleMeta[] {
  return [...registry.map((r) => r.meta), SUPPRESSION_META];
}

const schemas = new WeakMap<readonly AnyRule[], SchemaDocument>();

/** The configuration schema for a registry, built once. */
export function schemaFor(registry: readonly AnyRule[]): SchemaDocument {
  let schema = schemas.get(registry);
  if (schema === undefined) {
    schema = buildConfigSchema(configurableMetas(registry));
    schemas.set(registry, schema);
  }
  return schema;
}

/**
 * Checks the file (and rule settings laid over it) against the schema built
 * from the registry; throws a UserError naming the file, the JSON path and
 * what was expected.
 */
export function validateConfig(config: Config, registry: readonly AnyRule[]): void {
  const raw = config.raw ?? {};
  // Nothing configured, nothing to check: compiling the schema costs a fifth of a second on every run without a file.
  if (Object.keys(raw).length === 0 && Object.keys(config.rules).length === 0) return;
  const problem = configProblem(schemaFor(registry), { ...raw, rules: { ...asRecord(raw['rules']), ...config.rules } });
  if (problem !== undefined) throw new UserError(`${config.source ?? CONFIG_FILE_NAME}: ${problem}`);
}

/** The configured severity of the engine's `suppression` findings, or undefined when turned off. */
export function suppressionSeverity(config: Config): Severity | undefined {
  const setting = config.rules[SUPPRESSION_META.id];
  const chosen = typeof setting === 'object' ? setting.severity : setting;
  if (chosen === 'off') return undefined;
  return chosen ?? SUPPRESSION_META.defaultSeverity;
}

/** A path as the user would type it: relative to the current folder when inside it. */
function displayName(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/** JSON.parse's message with the line and column of its position. */
function jsonErrorText(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /at position (\d+)/.exec(message);
  if (match?.[1] === undefined) return message;
  const before = text.slice(0, Number(match[1])).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  return `${message.replace(/\s*(?:in JSON )?at position \d+.*$/, '')} at line ${String(line)} column ${String(column)}`;
}

function isRuleSetting(value: unknown): value is RuleSetting {
  return typeof value === 'string' || isRecord(value);
}

function stringsOf(value: unknown): readonly string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
