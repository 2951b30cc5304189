import { Ajv } from 'ajv';
import type { ErrorObject } from 'ajv';
import { globProblem } from './glob.js';
import type { SchemaDocument } from './schema.js';

/**
 * Checks a parsed configuration against the schema and returns the first
 * problem as one line: the JSON path, what was expected and what was found
 * (`rules.complex-function.options.maxComplexity: expected a number, got "20"`),
 * or undefined when the configuration is valid.
 */
export function configProblem(schema: SchemaDocument, value: unknown): string | undefined {
  const validate = compiled(schema);
  if (!validate(value)) {
    const [first] = validate.errors ?? [];
    return first === undefined ? 'invalid configuration' : describeError(first);
  }
  return globProblems(value);
}

const validators = new WeakMap<SchemaDocument, ReturnType<Ajv['compile']>>();

/** Compiles a schema once. */
function compiled(schema: SchemaDocument): ReturnType<Ajv['compile']> {
  let validate = validators.get(schema);
  if (validate === undefined) {
    validate = new Ajv({ allErrors: false, verbose: true, strict: true, allowUnionTypes: true }).compile(schema);
    validators.set(schema, validate);
  }
  return validate;
}

/** The first glob under `ignore`, `tests` or `generated` that cannot be compiled. */
function globProblems(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  for (const key of ['ignore', 'tests', 'generated']) {
    const list = value[key];
    if (!Array.isArray(list)) continue;
    for (const [index, pattern] of list.entries()) {
      if (typeof pattern !== 'string') continue;
      const problem = globProblem(pattern);
      if (problem !== undefined) return `${key}[${String(index)}]: invalid glob ${JSON.stringify(pattern)}: ${problem}`;
    }
  }
  return undefined;
}

/** One Ajv error as `path: expected ..., got ...`. */
function describeError(error: ErrorObject): string {
  const segments = pointerSegments(error.instancePath);
  const data: unknown = error.data;
  if (error.keyword === 'additionalProperties') {
    const name = stringParam(error.params, 'additionalProperty');
    const known =
      isRecord(error.parentSchema) && isRecord(error.parentSchema['properties'])
        ? error.parentSchema['properties']
        : {};
    return `${displayPath([...segments, name])}: unknown ${nounFor(segments)}${suggestion(name, Object.keys(known))}`;
  }
  const where = segments.length === 0 ? '(top level)' : displayPath(segments);
  if (error.keyword === 'required') return `${where}: missing key "${stringParam(error.params, 'missingProperty')}"`;
  return `${where}: expected ${expectation(error)}, got ${show(data)}${enumSuggestion(error)}`;
}

/** What the schema wanted, in words. */
function expectation(error: ErrorObject): string {
  if (/^#\/properties\/rules\/properties\/[^/]+\/else\/type$/.test(error.schemaPath))
    return '"off", "error", "warning", "info" or an object with "severity" and "options"';
  const schema = isRecord(error.parentSchema) ? error.parentSchema : {};
  switch (error.keyword) {
    case 'type': {
      const types: unknown = schema['type'];
      const names = (Array.isArray(types) ? types : [types]).map((t) => TYPE_NAMES[String(t)] ?? String(t));
      return orList(names);
    }
    case 'enum': {
      const allowed: unknown = schema['enum'];
      return Array.isArray(allowed) ? orList(allowed.map((v) => JSON.stringify(v))) : 'one of the allowed values';
    }
    case 'minimum':
      return `a number >= ${String(schema['minimum'])}`;
    case 'maximum':
      return `a number <= ${String(schema['maximum'])}`;
    case 'minLength':
      return 'a non-empty string';
    case 'uniqueItems':
      return 'no duplicate entries';
    default:
      return `a value that ${error.message ?? 'matches the schema'}`;
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

/** "a", "a or b", "a, b or c". */
function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;
}

/** What an unknown key is, from where it sits. */
function nounFor(parent: readonly string[]): string {
  if (parent.length === 1 && parent[0] === 'rules') return 'rule';
  if (parent.length === 3 && parent[0] === 'rules' && parent[2] === 'options') return 'option';
  return 'key';
}

/** ` (did you mean "x"?)` for a near miss, else the known names. */
function suggestion(name: string, known: readonly string[]): string {
  if (known.length === 0) return ' (no keys are allowed here)';
  const near = closest(name, known);
  return near === undefined ? ` (expected one of: ${known.join(', ')})` : ` (did you mean "${near}"?)`;
}

/** A near-miss hint for an enum value such as "warn". */
function enumSuggestion(error: ErrorObject): string {
  if (error.keyword !== 'enum' || typeof error.data !== 'string') return '';
  const allowed = stringParam(error.params, 'allowedValues');
  const values = Array.isArray(error.params['allowedValues'])
    ? error.params['allowedValues'].filter((v): v is string => typeof v === 'string')
    : [allowed];
  const near = closest(error.data, values);
  return near === undefined ? '' : ` (did you mean "${near}"?)`;
}

/** The known name closest to `name`, when it is a likely typo. */
function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = candidate.startsWith(name) || name.startsWith(candidate) ? 1 : editDistance(name, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 4)) ? best : undefined;
}

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The segments of a JSON pointer. */
function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** `rules.unused-member.options`, `locks[0].module`, `rules["a.b"]`. */
function displayPath(segments: readonly string[]): string {
  let out = '';
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** A value as it appears in the file, shortened. */
function show(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (isRecord(value)) return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A string parameter of an Ajv error. */
function stringParam(params: Record<string, unknown>, name: string): string {
  const value = params[name];
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
