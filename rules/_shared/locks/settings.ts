/**
 * Extra lock APIs named in the configuration file, under the project-wide
 * key `locks`:
 *
 * ```json
 * {
 *   "locks": [
 *     { "module": "@livekit/mutex", "export": "Mutex", "acquire": ["lock"], "release": ["unlock"] },
 *     { "module": "redlock", "export": "default", "acquire": ["acquire"], "release": ["release"], "interProcess": true }
 *   ]
 * }
 * ```
 *
 * `module` and `export` name the class (`default` for a default export);
 * `runExclusive` lists methods that run a callback while holding the lock;
 * `acquire` methods return a release function (or an object with `release()`,
 * or a disposable); `release` lists methods on the lock that release it.
 * `reentrant` says whether a holder may acquire it again (default false);
 * `interProcess` marks locks shared with other threads or processes, which
 * redundant-lock never reports. Malformed entries are ignored.
 */
export interface ConfiguredLockApi {
  module: string;
  export: string;
  runExclusive: readonly string[];
  acquire: readonly string[];
  release: readonly string[];
  reentrant: boolean;
  interProcess: boolean;
}

/** The configured lock APIs, malformed entries left out. */
export function configuredLockApis(settings: Readonly<Record<string, unknown>>): ConfiguredLockApi[] {
  const raw = settings['locks'];
  if (!Array.isArray(raw)) return [];
  const out: ConfiguredLockApi[] = [];
  const entries: unknown[] = raw;
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) continue;
    const record = new Map<string, unknown>(Object.entries(entry));
    const module = record.get('module');
    const exported = record.get('export') ?? 'default';
    if (typeof module !== 'string' || typeof exported !== 'string') continue;
    out.push({
      module,
      export: exported,
      runExclusive: stringList(record.get('runExclusive'), ['runExclusive']),
      acquire: stringList(record.get('acquire'), ['acquire']),
      release: stringList(record.get('release'), ['release']),
      reentrant: record.get('reentrant') === true,
      interProcess: record.get('interProcess') === true,
    });
  }
  return out;
}

/** A list of strings, or the fallback when the value is missing or malformed. */
function stringList(value: unknown, fallback: readonly string[]): readonly string[] {
  if (!Array.isArray(value)) return fallback;
  const strings = value.filter((v): v is string => typeof v === 'string');
  return strings.length === value.length ? strings : fallback;
}
