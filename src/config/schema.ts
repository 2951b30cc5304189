import type { JsonSchema, RuleMeta } from '../model/rule.js';
import { SEVERITIES } from '../model/severity.js';

/** A JSON Schema document, as plain JSON. */
export type SchemaDocument = Record<string, unknown>;

/** Where the published schema lives inside the package. */
export const SCHEMA_PATH = 'schema/review-bot.schema.json';

/** The values a rule's setting may be when it is a string. */
const SETTING_VALUES: readonly string[] = ['off', ...SEVERITIES];

/** A list of glob patterns, relative to the analysed folder. */
function globList(description: string): SchemaDocument {
  return { type: 'array', description, items: { type: 'string', minLength: 1 }, uniqueItems: true };
}

/**
 * The JSON Schema of `.review-bot.json`, built from the rules' metadata:
 * the one description both the validator and editors (through `$schema`) use.
 */
export function buildConfigSchema(metas: readonly RuleMeta[]): SchemaDocument {
  const rules = [...metas].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'review-bot configuration',
    description: 'The `.review-bot.json` file of a project reviewed by review-bot.',
    type: 'object',
    properties: {
      $schema: { type: 'string', description: 'The JSON Schema of this file, for editors.' },
      rules: {
        type: 'object',
        description:
          'Per-rule settings: "off", a severity, or { "severity", "options" }. Naming an experimental rule with a severity enables it.',
        properties: Object.fromEntries(rules.map((meta) => [meta.id, ruleSettingSchema(meta)])),
        additionalProperties: false,
      },
      ignore: globList(
        'Files never reported on (globs relative to the analysed folder). They are still loaded, so their types and their uses of other code count.',
      ),
      tests: globList(
        'Test code (globs), for missing-tests and the rules that skip tests. Replaces the default: *.test.*, *.spec.* and files under test/, tests/, testing/, __tests__/, __mocks__/, __fixtures__/, fixtures/, mocks/, test-utils/ or test-helpers/. A file whose top level declares tests (describe, it, test, suite with a literal title and a function) is test code whatever the globs.',
      ),
      generated: globList(
        'Generated or vendored files (globs), in addition to generated/ and vendor/ folders and generator headers such as "@generated" or "Code generated ... DO NOT EDIT": the rules about style, documentation, types, naming, complexity and unused code skip them.',
      ),
      entryPoints: {
        type: 'array',
        description:
          "The project's public entry points (paths relative to the analysed folder), when package.json does not say.",
        items: { type: 'string', minLength: 1 },
      },
      locks: { type: 'array', description: 'More lock APIs for the lock rules.', items: LOCK_API_SCHEMA },
      limits: LIMITS_SCHEMA,
      allowExtendsOutsideRoot: {
        type: 'boolean',
        description:
          'Let a tsconfig.json extend a file outside the repository (refused by default: the reviewed repository must not read files of the machine).',
        default: false,
      },
    },
    additionalProperties: false,
  };
}

/** The schema of one rule's setting: a string severity, or an object with severity and options. */
function ruleSettingSchema(meta: RuleMeta): SchemaDocument {
  const severity = { enum: SETTING_VALUES, description: `Default: "${meta.defaultSeverity}".` };
  return {
    description: `${meta.description} (${meta.category}, ${meta.stability}, default severity ${meta.defaultSeverity}).`,
    if: { type: 'string' },
    then: severity,
    else: {
      type: 'object',
      properties: { severity, options: closedOptions(meta.options.schema) },
      additionalProperties: false,
    },
  };
}

/** A rule's options schema, closed to unknown options. */
function closedOptions(schema: JsonSchema): SchemaDocument {
  return { ...schema, type: 'object', properties: schema.properties ?? {}, additionalProperties: false };
}

/** Per-file budgets (src/load/budget.ts): a file past one is left out of the analysis with a note. */
const LIMITS_SCHEMA: SchemaDocument = {
  type: 'object',
  description: 'Per-file budgets: a file past one is skipped with a note naming it and why (see docs/robustness.md).',
  properties: {
    maxNestingDepth: positive('Deepest syntax-tree nesting a file may have.', 300),
    maxSiblings: positive('Most members, statements or elements one list may hold.', 2000),
    maxFileBytes: positive('Largest source file analysed, in bytes.', 1048576),
    maxAverageLineLength: positive('A file whose lines average more characters than this is taken as minified.', 500),
    maxLineLength: positive('A file with most of its text on lines longer than this is taken as minified.', 10000),
  },
  additionalProperties: false,
};

/** A positive whole number with its default. */
function positive(description: string, fallback: number): SchemaDocument {
  return { type: 'integer', minimum: 1, description, default: fallback };
}

/** One configured lock API (see rules/_shared/locks/settings.ts, which reads it). */
const LOCK_API_SCHEMA: SchemaDocument = {
  type: 'object',
  description: 'A lock class: where it is exported from and which methods acquire and release it.',
  properties: {
    module: { type: 'string', minLength: 1, description: 'The module that exports the lock class, e.g. "redlock".' },
    export: {
      type: 'string',
      minLength: 1,
      description: 'The exported name of the class; "default" for a default export.',
    },
    runExclusive: methodList('Methods that run a callback while holding the lock.', 'runExclusive'),
    acquire: methodList(
      'Methods that acquire the lock and return a release function, an object with release(), or a disposable.',
      'acquire',
    ),
    release: methodList('Methods on the lock that release it.', 'release'),
    reentrant: { type: 'boolean', description: 'Whether a holder may acquire it again.', default: false },
    interProcess: {
      type: 'boolean',
      description: 'Shared with other threads or processes (redundant-lock never reports these).',
      default: false,
    },
  },
  required: ['module'],
  additionalProperties: false,
};

/** A list of method names with its default. */
function methodList(description: string, fallback: string): SchemaDocument {
  return { type: 'array', description, items: { type: 'string', minLength: 1 }, default: [fallback] };
}
