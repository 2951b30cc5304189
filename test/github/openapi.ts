/**
 * GitHub's OpenAPI descriptions for tests: request/response validation with
 * ajv, route matching, and sample objects built from schemas. The JSON files
 * are read directly (requiring @octokit/openapi would load every variant).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const require = createRequire(import.meta.url);

/** Folder of an installed package (found through its package.json, which every package exports or has). */
function packageFolder(name: string): string {
  const paths = require.resolve.paths(name) ?? [];
  for (const base of paths) {
    try {
      readFileSync(join(base, name, 'package.json'));
      return join(base, name);
    } catch {
      // try the next folder
    }
  }
  throw new Error(`package ${name} not found`);
}

/** Reads a JSON file. */
function readJson(path: string): JsonObject {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!isObject(parsed)) throw new Error(`${path}: not a JSON object`);
  return parsed;
}

/** True for a plain JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** OpenAPI 3.0 `nullable: true` -> JSON Schema `type: [..., 'null']` (or anyOf with null), everywhere. */
function convertNullable(value: Json): Json {
  if (Array.isArray(value)) return value.map(convertNullable);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'nullable' || key === 'example' || key === 'examples') continue;
    out[key] =
      key === 'properties' && isObject(child)
        ? Object.fromEntries(Object.entries(child).map(([name, schema]) => [name, convertNullable(schema)]))
        : convertNullable(child);
  }
  if (value['nullable'] !== true) return out;
  const type = out['type'];
  if (typeof type === 'string') {
    out['type'] = [type, 'null'];
    if (Array.isArray(out['enum'])) out['enum'] = [...out['enum'], null];
    return out;
  }
  return { anyOf: [{ type: 'null' }, out] };
}

/** One loaded OpenAPI document with a validator. */
export class OpenApi {
  readonly doc: JsonObject;
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly id: string;

  constructor(doc: JsonObject, id: string) {
    this.id = id;
    const components = convertNullable(isObject(doc['components']) ? doc['components'] : {});
    this.doc = { ...doc, components: isObject(components) ? components : {} };
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: true });
    addFormatsModule.default(this.ajv);
    for (const format of ['int64', 'int32', 'double', 'repo.nwo', 'binary', 'timestamp'])
      this.ajv.addFormat(format, true);
    this.ajv.addSchema({ $id: id, components: this.doc['components'] });
  }

  /** Validates data against a schema of this document (refs resolved within it); returns error texts. */
  validate(schema: Json, data: unknown, cacheKey?: string): string[] {
    let validate = cacheKey === undefined ? undefined : this.compiled.get(cacheKey);
    if (validate === undefined) {
      const rebased = this.rebase(convertNullable(schema));
      validate = this.ajv.compile(isObject(rebased) ? rebased : {});
      if (cacheKey !== undefined) this.compiled.set(cacheKey, validate);
    }
    if (validate(data)) return [];
    return (validate.errors ?? [])
      .slice(0, 10)
      .map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'} ${JSON.stringify(e.params)}`);
  }

  /** Points `#/components/...` refs at the document added to ajv. */
  private rebase(schema: Json): Json {
    if (Array.isArray(schema)) return schema.map((s) => this.rebase(s));
    if (!isObject(schema)) return schema;
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(schema)) {
      out[key] =
        key === '$ref' && typeof value === 'string' && value.startsWith('#/')
          ? `${this.id}${value}`
          : this.rebase(value);
    }
    return out;
  }

  /** Follows a local `$ref`. */
  deref(value: Json | undefined): Json | undefined {
    let current = value;
    for (let i = 0; i < 20 && isObject(current) && typeof current['$ref'] === 'string'; i += 1) {
      const ref: string = current['$ref'];
      let target: Json | undefined = this.doc;
      for (const part of ref.replace(/^#\//, '').split('/'))
        target = isObject(target) ? target[part.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined;
      current = target;
    }
    return current;
  }

  /** A minimal object valid against a schema: required properties only, first enum value, null where allowed. */
  sample(schema: Json | undefined, depth = 0): Json {
    const s = this.deref(schema);
    if (!isObject(s) || depth > 40) return null;
    if (s['const'] !== undefined) return s['const'];
    if (Array.isArray(s['enum']) && s['enum'].length > 0) return s['enum'][0] ?? null;
    if (Array.isArray(s['allOf'])) {
      const merged: JsonObject = {};
      for (const part of s['allOf']) {
        const value = this.sample(part, depth + 1);
        if (isObject(value)) Object.assign(merged, value);
      }
      return merged;
    }
    for (const key of ['anyOf', 'oneOf']) {
      const options = s[key];
      if (Array.isArray(options)) {
        const nullable = options.some((o) => {
          const d = this.deref(o);
          return isObject(d) && d['type'] === 'null';
        });
        if (nullable) return null;
        return this.sample(options[0], depth + 1);
      }
    }
    const types = Array.isArray(s['type'])
      ? s['type']
      : [s['type'] ?? (isObject(s['properties']) ? 'object' : 'string')];
    if (types.includes('null')) return null;
    const type = types[0];
    if (type === 'object') {
      const out: JsonObject = {};
      const properties = isObject(s['properties']) ? s['properties'] : {};
      const required = Array.isArray(s['required']) ? s['required'] : [];
      for (const name of required) if (typeof name === 'string') out[name] = this.sample(properties[name], depth + 1);
      return out;
    }
    if (type === 'array') {
      const min = typeof s['minItems'] === 'number' ? s['minItems'] : 0;
      return min > 0 ? [this.sample(s['items'], depth + 1)] : [];
    }
    if (type === 'integer' || type === 'number') return typeof s['minimum'] === 'number' ? s['minimum'] : 1;
    if (type === 'boolean') return false;
    switch (s['format']) {
      case 'date-time':
        return '2026-01-01T00:00:00Z';
      case 'date':
        return '2026-01-01';
      case 'uri':
      case 'uri-template':
        return 'https://github.test/x';
      case 'email':
        return 'octocat@github.test';
      default:
        return 'x';
    }
  }
}

let rest: OpenApi | undefined;
let webhooks: OpenApi | undefined;

/** GitHub's REST API description (api.github.com). */
export function restApi(): OpenApi {
  rest ??= new OpenApi(readJson(join(packageFolder('@octokit/openapi'), 'generated', 'api.github.com.json')), 'rest');
  return rest;
}

/** GitHub's webhook payload descriptions (api.github.com). */
export function webhooksApi(): OpenApi {
  webhooks ??= new OpenApi(
    readJson(join(packageFolder('@octokit/openapi-webhooks'), 'generated', 'api.github.com.json')),
    'webhooks',
  );
  return webhooks;
}

/** A matched operation of the REST description. */
export interface Operation {
  template: string;
  method: string;
  operation: JsonObject;
  params: Record<string, string>;
}

interface Route {
  template: string;
  regex: RegExp;
  names: string[];
  item: JsonObject;
}

let routes: Route[] | undefined;

/** Finds the operation for a method and path, with its path parameters. */
export function matchOperation(api: OpenApi, method: string, pathname: string): Operation | undefined {
  routes ??= Object.entries(isObject(api.doc['paths']) ? api.doc['paths'] : {})
    .map(([template, item]) => {
      const names: string[] = [];
      const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { template, regex: new RegExp(`^${pattern}$`), names, item: isObject(item) ? item : {} };
    })
    .sort((a, b) => a.names.length - b.names.length); // literal segments win over parameters
  for (const route of routes) {
    const match = route.regex.exec(pathname);
    const operation = route.item[method.toLowerCase()];
    if (match === null || !isObject(operation)) continue;
    const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
    return { template: route.template, method: method.toUpperCase(), operation, params };
  }
  return undefined;
}
