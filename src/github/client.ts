/**
 * The Octokit client: retries transient failures (@octokit/plugin-retry) and
 * keeps to GitHub's rate limits (@octokit/plugin-throttling: one write at a
 * time, at least a second apart, so well under the 80 writes a minute of the
 * secondary limit).
 */
import type { Octokit } from '@octokit/rest';
import type { retry } from '@octokit/plugin-retry';
import type { throttling } from '@octokit/plugin-throttling';
import type Bottleneck from 'bottleneck/light.js';
import { importModule } from '../shell/import-module.js';

/** The client class with both plugins. */
type ReviewOctokit = ReturnType<typeof Octokit.plugin<typeof Octokit, [typeof retry, typeof throttling]>>;
/** An instance of the client. */
export type ReviewClient = InstanceType<ReviewOctokit>;

/** The libraries the client is made of. */
interface ClientLibraries {
  ReviewOctokit: ReviewOctokit;
  Bottleneck: typeof Bottleneck;
}

/** Loaded on the first connection: a local review never loads them (about 75 ms and 11 MiB of every run). */
let libraries: Promise<ClientLibraries> | undefined;

/** Octokit with its plugins, and Bottleneck, loaded once. */
function loadLibraries(): Promise<ClientLibraries> {
  libraries ??= Promise.all([
    importModule('@octokit/rest', () => import('@octokit/rest')),
    importModule('@octokit/plugin-retry', () => import('@octokit/plugin-retry')),
    importModule('@octokit/plugin-throttling', () => import('@octokit/plugin-throttling')),
    importModule('bottleneck/light.js', () => import('bottleneck/light.js')),
  ]).then(([rest, retryPlugin, throttlingPlugin, bottleneck]) => ({
    ReviewOctokit: rest.Octokit.plugin(retryPlugin.retry, throttlingPlugin.throttling),
    Bottleneck: bottleneck.default,
  }));
  return libraries;
}

/** How long the client waits between attempts; tests pass milliseconds where GitHub needs seconds. */
export interface ClientTiming {
  /** The unit of every retry wait (a 5xx is retried after 1, 4, 9 units; a rate limit after `retry-after` units). */
  retryUnitMs: number;
  /** Least time between two writes (GitHub asks for about a second). */
  writeSpacingMs: number;
}

/** GitHub's pace: waits counted in seconds, writes a second apart. */
const GITHUB_TIMING: ClientTiming = { retryUnitMs: 1000, writeSpacingMs: 1000 };

/** Where and how to connect. */
export interface ClientOptions {
  token: string;
  /** REST API root, e.g. https://api.github.com or https://ghe.example.com/api/v3 (checked: no credentials). */
  baseUrl: string;
  /** Each request (each attempt) is given up after this many milliseconds. */
  timeoutMs: number;
  /** How many times a failed request is tried again (5xx, timeouts, rate limits). */
  retries: number;
  timing?: ClientTiming | undefined;
  /** Where to say that a request is retried. */
  log?: ((message: string) => void) | undefined;
}

/** The client, and how often and at what pace to retry what it must not retry blindly (creating a review). */
export interface Connection {
  client: ReviewClient;
  retry: { retries: number; unitMs: number };
}

/** Creates the client with its retry policy. */
export async function connect(options: ClientOptions): Promise<Connection> {
  const timing = options.timing ?? GITHUB_TIMING;
  const client = createClient(options, await loadLibraries());
  return { client, retry: { retries: options.retries, unitMs: timing.retryUnitMs } };
}

/** Creates the client. */
function createClient(options: ClientOptions, { ReviewOctokit, Bottleneck }: ClientLibraries): ReviewClient {
  const log = options.log ?? (() => undefined);
  const timing = options.timing ?? GITHUB_TIMING;
  const retries = options.retries;
  return new ReviewOctokit({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: 'review-bot',
    log: { debug: () => undefined, info: () => undefined, warn: log, error: log },
    request: { fetch: fetchWithTimeout(options.timeoutMs) },
    retry: { retries, retryAfterBaseValue: timing.retryUnitMs },
    throttle: {
      retryAfterBaseValue: timing.retryUnitMs,
      fallbackSecondaryRateRetryAfter: 60,
      ...writeGroups(Bottleneck, timing.writeSpacingMs),
      onRateLimit: (retryAfter, request, _octokit, retryCount) => {
        log(`GitHub rate limit hit on ${request.method} ${request.url}; retry ${retryCount + 1} in ${retryAfter}s`);
        return retryCount < retries;
      },
      onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => {
        log(
          `GitHub secondary rate limit hit on ${request.method} ${request.url}; retry ${retryCount + 1} in ${retryAfter}s`,
        );
        return retryCount < retries;
      },
    },
  });
}

/** fetch that gives up after `ms` (headers and body); Octokit reports it as a 500 with the reason, and retries it. */
function fetchWithTimeout(ms: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(ms);
    const signal = init?.signal == null ? timeout : AbortSignal.any([init.signal, timeout]);
    return fetch(input, { ...init, signal });
  };
}

/** The throttling plugin's write limiters: one write at a time, `spacingMs` apart. */
function writeGroups(
  library: typeof Bottleneck,
  spacingMs: number,
): { write: Bottleneck.Group; notifications: Bottleneck.Group } {
  return {
    write: new library.Group({ maxConcurrent: 1, minTime: spacingMs }),
    notifications: new library.Group({ maxConcurrent: 1, minTime: spacingMs }),
  };
}

/** An HTTP error from the client, with what GitHub said. */
export interface HttpFailure {
  status: number;
  message: string;
}

/** Reads the status and message of an Octokit RequestError; undefined for other errors. */
export function httpFailure(error: unknown): HttpFailure | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error) || typeof error.status !== 'number')
    return undefined;
  const message = error instanceof Error ? error.message : '';
  return { status: error.status, message };
}

/** True when the token may read but not write (fork pull requests on `pull_request`, read-only permissions). */
export function isWriteForbidden(error: unknown): boolean {
  const failure = httpFailure(error);
  if (failure === undefined) return false;
  if (failure.status === 403 && /secondary rate|rate limit/i.test(failure.message)) return false;
  return failure.status === 403 || failure.status === 401;
}
