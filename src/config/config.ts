import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AnyRule } from '../model/rule.js';
import type { Severity } from '../model/severity.js';
import { SEVERITIES } from '../model/severity.js';
import { UserError } from '../model/errors.js';

/** The configuration file's name, looked up in the analysed root. JSON only: nothing from the repository is executed. */
export const CONFIG_FILE_NAME = '.review-bot.json';

/** A rule's configured state. */
export type RuleSetting = 'off' | Severity | { severity?: Severity | 'off'; options?: Record<string, unknown> };

/** The parsed configuration file. */
export interface Config {
  /** Per-rule severity and options; experimental rules are enabled by naming them here. */
  rules: Record<string, RuleSetting>;
  /** Project-wide settings rules may read (`entryPoints`, `locks`, ...). */
  settings: Record<string, unknown>;
  /** Where it came from, for messages. */
  source: string | undefined;
}

const TOP_LEVEL_KEYS = new Set([
  '$schema',
  'rules',
  'entryPoints',
  'locks',
  'ignore',
  'includePublicMembers',
  'limits',
  'allowExtendsOutsideRoot',
]);

/** Reads `.review-bot.json` from the root, or the file given; a missing default file is an empty config. */
export function loadConfig(root: string, explicitPath: string | undefined): Config {
  const path = explicitPath === undefined ? join(root, CONFIG_FILE_NAME) : resolve(explicitPath);
  if (!existsSync(path)) {
    if (explicitPath !== undefined) throw new UserError(`config file not found: ${explicitPath}`);
    return { rules: {}, settings: {}, source: undefined };
  }
  const text = readFileSync(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${path}: invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new UserError(`${path}: expected a JSON object`);
  const record = Object.fromEntries(Object.entries(parsed));
  for (const key of Object.keys(record)) {
    if (!TOP_LEVEL_KEYS.has(key))
      throw new UserError(`${path}: unknown key "${key}" (known: ${[...TOP_LEVEL_KEYS].join(', ')})`);
  }
  const rules: unknown = record['rules'] ?? {};
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules))
    throw new UserError(`${path}: "rules" must be an object`);
  const settings = Object.fromEntries(Object.entries(record).filter(([key]) => key !== 'rules' && key !== '$schema'));
  // Shapes are checked by validateConfig against the registry before use.
  return { rules: Object.fromEntries(Object.entries(rules)), settings, source: path };
}

/** Checks rule ids and settings against the registry; throws a UserError naming the first problem. */
export function validateConfig(config: Config, registry: readonly AnyRule[]): void {
  const where = config.source ?? CONFIG_FILE_NAME;
  const byId = new Map(registry.map((r) => [r.meta.id, r]));
  for (const [id, setting] of Object.entries(config.rules)) {
    const rule = byId.get(id);
    if (rule === undefined) throw new UserError(`${where}: unknown rule "${id}"`);
    if (typeof setting === 'string') {
      if (setting !== 'off' && !isSeverity(setting))
        throw new UserError(
          `${where}: rule "${id}": expected "off", "error", "warning" or "info", got "${String(setting)}"`,
        );
      continue;
    }
    if (typeof setting !== 'object' || Array.isArray(setting))
      throw new UserError(`${where}: rule "${id}": expected a severity or an object`);
    if (setting.severity !== undefined && setting.severity !== 'off' && !isSeverity(setting.severity)) {
      throw new UserError(`${where}: rule "${id}": unknown severity "${String(setting.severity)}"`);
    }
    validateOptions(where, rule, setting.options ?? {});
  }
}

/** Shallow check of options against the rule's schema: known names, right JSON types. */
export function validateOptions(where: string, rule: AnyRule, options: Record<string, unknown>): void {
  const properties = rule.meta.options.schema.properties ?? {};
  for (const [name, value] of Object.entries(options)) {
    const schema = properties[name];
    if (schema === undefined) throw new UserError(`${where}: rule "${rule.meta.id}": unknown option "${name}"`);
    const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
    if (types.length > 0 && !jsonTypes(value).some((t) => types.includes(t))) {
      throw new UserError(`${where}: rule "${rule.meta.id}": option "${name}" must be ${types.join(' or ')}`);
    }
  }
}

/** The JSON-schema types a value satisfies. */
function jsonTypes(value: unknown): string[] {
  if (Array.isArray(value)) return ['array'];
  if (value === null) return ['null'];
  if (typeof value === 'number') return Number.isInteger(value) ? ['integer', 'number'] : ['number'];
  return [typeof value];
}

function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}
