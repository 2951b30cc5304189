/** Webhook event payloads for tests, built from and validated against @octokit/openapi-webhooks. */
import { isObject, webhooksApi } from './openapi.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What the pull_request event is about. */
export interface PullRequestEventOptions {
  action?: 'opened' | 'synchronize' | 'reopened';
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  baseSha: string;
  /** `owner/name` of the head repository; another name makes a fork pull request. */
  headRepo?: string;
  changedFiles?: number;
}

/** A `pull_request` webhook payload, with the schema errors it has (a test asserts none). */
export function pullRequestEvent(options: PullRequestEventOptions): {
  payload: Record<string, Json>;
  errors: string[];
} {
  const api = webhooksApi();
  const action = options.action ?? 'synchronize';
  const schema = { $ref: `#/components/schemas/webhook-pull-request-${action}` };
  const sample = api.sample(schema);
  const payload = isObject(sample) ? sample : {};
  const sampleRepo = isObject(payload['repository']) ? payload['repository'] : {};
  const repository = withFields(sampleRepo, {
    name: options.repo,
    full_name: `${options.owner}/${options.repo}`,
    owner: withFields(sampleRepo['owner'], { login: options.owner }),
  });
  const pr = isObject(payload['pull_request']) ? payload['pull_request'] : {};
  const sampleBase = isObject(pr['base']) ? pr['base'] : {};
  const sampleBaseRepo = isObject(sampleBase['repo']) ? sampleBase['repo'] : {};
  const headRepoName = options.headRepo ?? `${options.owner}/${options.repo}`;
  const [headOwner = options.owner, headName = options.repo] = headRepoName.split('/');
  const baseRepo = withFields(sampleBaseRepo, {
    name: options.repo,
    full_name: `${options.owner}/${options.repo}`,
    owner: { login: options.owner, id: 1, type: 'Organization' },
  });
  const headRepo = withFields(sampleBaseRepo, {
    name: headName,
    full_name: headRepoName,
    fork: headRepoName !== `${options.owner}/${options.repo}`,
    owner: { login: headOwner, id: 2, type: 'User' },
  });
  const head = withFields(pr['head'], {
    sha: options.headSha,
    ref: 'feature',
    label: `${headOwner}:feature`,
    repo: headRepo,
  });
  const base = withFields(sampleBase, {
    sha: options.baseSha,
    ref: 'main',
    label: `${options.owner}:main`,
    repo: baseRepo,
  });
  payload['action'] = action;
  payload['number'] = options.number;
  payload['repository'] = repository;
  payload['pull_request'] = {
    ...pr,
    number: options.number,
    head,
    base,
    state: 'open',
    changed_files: options.changedFiles ?? 1,
  };
  if (action === 'synchronize') {
    payload['before'] = options.baseSha;
    payload['after'] = options.headSha;
  }
  return { payload, errors: api.validate(schema, payload, `event ${action}`) };
}

/** A `push` webhook payload. */
export function pushEvent(
  owner: string,
  repo: string,
  sha: string,
): { payload: Record<string, Json>; errors: string[] } {
  const api = webhooksApi();
  const schema = { $ref: '#/components/schemas/webhook-push' };
  const sample = api.sample(schema);
  const payload = isObject(sample) ? sample : {};
  payload['after'] = sha;
  payload['repository'] = withFields(payload['repository'], { name: repo, full_name: `${owner}/${repo}` });
  return { payload, errors: api.validate(schema, payload, 'event push') };
}

/** An object with fields laid over it. */
function withFields(value: Json | undefined, fields: Record<string, Json>): Record<string, Json> {
  return { ...(isObject(value) ? value : {}), ...fields };
}
