import type { AnyRule } from '../model/rule.js';
import type { Severity } from '../model/severity.js';
import { configureRules } from '../pipeline.js';
import { SUPPRESSION_META } from '../suppress/meta.js';
import { DEFAULT_TEST_GLOBS, suppressionSeverity } from './config.js';
import type { Config } from './config.js';
import { compileGlobs } from './glob.js';

/** How the configuration classifies one file (`--print-config <file>`). */
interface FileClass {
  path: string;
  ignored: boolean;
  generated: boolean;
  test: boolean;
}

/**
 * The configuration a run uses, with every default filled in: each rule's
 * severity ("off" when it does not run) and full options, and the file
 * globs. Itself a valid configuration file. With a file, the output also
 * says whether the globs ignore it, mark it generated or a test.
 */
export function effectiveConfig(config: Config, registry: readonly AnyRule[], file?: string): Record<string, unknown> {
  const configured = new Map(configureRules(registry, config, {}).map((c) => [c.rule.meta.id, c]));
  const rules: Record<string, { severity: Severity | 'off'; options: Record<string, unknown> }> = {};
  for (const rule of [...registry].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))) {
    const id = rule.meta.id;
    const setting = config.rules[id];
    const options = typeof setting === 'object' ? (setting.options ?? {}) : {};
    rules[id] = {
      severity: configured.get(id)?.severity ?? 'off',
      options: { ...defaultsOf(rule), ...options },
    };
  }
  rules[SUPPRESSION_META.id] = { severity: suppressionSeverity(config) ?? 'off', options: {} };
  const tests = config.tests ?? DEFAULT_TEST_GLOBS;
  const out: Record<string, unknown> = {
    rules,
    ignore: config.ignore ?? [],
    tests,
    generated: config.generated ?? [],
    entryPoints: config.settings['entryPoints'] ?? [],
    locks: config.settings['locks'] ?? [],
  };
  return file === undefined ? out : { file: classify(config, file), ...out };
}

/** Whether the configuration's globs ignore a file, mark it generated, or a test. */
function classify(config: Config, path: string): FileClass {
  return {
    path,
    ignored: compileGlobs(config.ignore ?? []).matches(path),
    generated: compileGlobs(config.generated ?? []).matches(path),
    test: compileGlobs(config.tests ?? DEFAULT_TEST_GLOBS).matches(path),
  };
}

/** A rule's option defaults as a plain record. */
function defaultsOf(rule: AnyRule): Record<string, unknown> {
  const defaults: unknown = rule.meta.options.defaults;
  return typeof defaults === 'object' && defaults !== null ? { ...defaults } : {};
}
