import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CacheEntry } from './entry.js';
import { CACHE_FORMAT, isCacheEntry } from './entry.js';

/** What reading the cache gave: an entry that may be used, and/or a note saying why none could be. */
export interface CacheRead {
  entry?: CacheEntry;
  /** One line for the user when a cache file existed but was not used; absent when there was none. */
  note?: string;
}

/**
 * The cache file for one analysed root inside the cache folder: one file per
 * root, so a monorepo can share a folder. A location ending in `.json` is the
 * file itself.
 */
export function cacheFileFor(location: string, root: string): string {
  if (location.endsWith('.json')) return resolve(location);
  const id = createHash('sha256').update(resolve(root)).digest('hex').slice(0, 16);
  return join(resolve(location), `review-bot-${id}.json`);
}

/**
 * Reads a cache file. Nothing in it is trusted: bytes that are not JSON, a
 * shape that is not a cache entry, another format or another tool build all
 * give no entry and a note; a missing file gives neither.
 */
export function readCache(file: string, tool: string): CacheRead {
  let text: string;
  try {
    // A pipe or a device in the cache's place would block the run.
    if (!statSync(file).isFile()) return { note: `cache ${file} is not a regular file; ignored` };
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { note: `cache ${file} is not valid JSON; ignored` };
  }
  if (typeof value === 'object' && value !== null && 'format' in value && value.format !== CACHE_FORMAT)
    return { note: `cache ${file} has format ${describe(value.format)}, not ${String(CACHE_FORMAT)}; ignored` };
  if (typeof value === 'object' && value !== null && 'tool' in value && value.tool !== tool)
    return { note: `cache ${file} was written by ${describe(value.tool)}, not ${tool}; ignored` };
  if (!isCacheEntry(value)) return { note: `cache ${file} is not a review-bot cache entry; ignored` };
  return { entry: value };
}

/** Writes a cache file atomically (a reader never sees half a file); a failure is returned as a note, never thrown. */
export function writeCache(file: string, entry: CacheEntry): string | undefined {
  const temporary = `${file}.${String(process.pid)}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, JSON.stringify(entry));
    renameSync(temporary, file);
    return undefined;
  } catch (error) {
    return `cache ${file} could not be written (${error instanceof Error ? error.message : String(error)}); the next run starts from scratch`;
  }
}

/** A short, safe rendering of an untrusted value for a note. */
function describe(value: unknown): string {
  const json: unknown = JSON.stringify(value);
  const text = typeof value === 'string' ? value : typeof json === 'string' ? json : 'nothing';
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 60 ? `${clean.slice(0, 57)}...` : clean;
}
