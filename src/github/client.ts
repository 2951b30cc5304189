/**
 * The Octokit client: retries transient failures (@octokit/plugin-retry) and
 * keeps to GitHub's rate limits (@octokit/plugin-throttling: one write at a
 * time, at least a second apart, so well under the 80 writes a minute of the
 * secondary limit).
 */
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';

/** The client class with both plugins. */
export const ReviewOctokit = Octokit.plugin(retry, throttling);
/** An instance of the client. */
export type ReviewClient = InstanceType<typeof ReviewOctokit>;

/** Where and how to connect. */
export interface ClientOptions {
  token: string;
  /** REST API root, e.g. https://api.github.com or https://ghe.example.com/api/v3. */
  baseUrl: string;
  /**
   * Test mode (env REVIEW_BOT_TEST_FAST_RETRY=1): the same retries and limits, but every wait is
   * counted in milliseconds instead of seconds, so tests do not sleep.
   */
  fast?: boolean | undefined;
  /** Where to say that a request is retried. */
  log?: ((message: string) => void) | undefined;
}

/** How many times a rate-limited request is tried again. */
const RATE_LIMIT_RETRIES = 2;

/** Creates the client. */
export function createClient(options: ClientOptions): ReviewClient {
  const log = options.log ?? (() => undefined);
  const fast = options.fast === true;
  return new ReviewOctokit({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: 'review-bot',
    log: { debug: () => undefined, info: () => undefined, warn: log, error: log },
    retry: { retries: 3, retryAfterBaseValue: fast ? 1 : 1000 },
    throttle: {
      retryAfterBaseValue: fast ? 1 : 1000,
      fallbackSecondaryRateRetryAfter: 60,
      ...(fast ? fastGroups() : {}),
      onRateLimit: (retryAfter, request, _octokit, retryCount) => {
        log(`GitHub rate limit hit on ${request.method} ${request.url}; retry ${retryCount + 1} in ${retryAfter}s`);
        return retryCount < RATE_LIMIT_RETRIES;
      },
      onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => {
        log(
          `GitHub secondary rate limit hit on ${request.method} ${request.url}; retry ${retryCount + 1} in ${retryAfter}s`,
        );
        return retryCount < RATE_LIMIT_RETRIES;
      },
    },
  });
}

/** Write limiters without the one-second spacing, for tests. */
function fastGroups(): { write: Bottleneck.Group; notifications: Bottleneck.Group } {
  return {
    write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
    notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
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
