/**
 * A fake GitHub REST API over node:http for tests. It keeps state (pull
 * requests, files, reviews, review comments), validates every request
 * against GitHub's OpenAPI description (operation, path parameters, query,
 * body) and every JSON response it sends, paginates with Link headers,
 * answers 422 "Line could not be resolved" for comments outside a hunk as
 * GitHub does, and injects faults on demand.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileDiffFromGitHub } from '../../src/diff/parse.js';
import type { Hunk } from '../../src/diff/parse.js';
import type { Operation, OpenApi } from './openapi.js';
import { isObject, matchOperation, restApi } from './openapi.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A file of a pull request as "list pull request files" returns it. */
export interface FakeFile {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  patch?: string | undefined;
  previous_filename?: string | undefined;
  additions?: number;
  deletions?: number;
}

/** A stored review comment. */
export interface FakeComment {
  id: number;
  reviewId: number | null;
  path: string;
  line: number | null;
  /** First line of a comment over several lines (GitHub's `start_line`). */
  startLine?: number | undefined;
  side: 'RIGHT' | 'LEFT';
  body: string;
  commitId: string;
  user: string;
  inReplyToId?: number | undefined;
}

/** A stored review. */
export interface FakeReview {
  id: number;
  body: string;
  state: 'COMMENTED' | 'PENDING' | 'APPROVED' | 'CHANGES_REQUESTED';
  commitId: string;
  user: string;
}

/** A stored pull request. */
export interface FakePull {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  baseSha: string;
  /** Every head the pull request had (a review may name an older one). */
  commits: string[];
  files: FakeFile[];
  reviews: FakeReview[];
  comments: FakeComment[];
}

/** A fault to answer instead of the real response. */
export interface Fault {
  method?: string | undefined;
  /** Matched against the path (without query). */
  path?: RegExp | undefined;
  /** Only requests that write (not GET/HEAD). */
  writesOnly?: boolean | undefined;
  status: number;
  body?: Json | string | undefined;
  headers?: Record<string, string> | undefined;
  /** How many matching requests get the fault (default 1). */
  times?: number | undefined;
  /** Never answer (the client must time out); `status` is then only logged. */
  stall?: boolean | undefined;
  /** Carry the request out, then answer the fault instead of the result (a 502 after GitHub made the review). */
  afterAction?: boolean | undefined;
  /** With `afterAction` on creating a review: leave the review half made (PENDING). */
  leavePending?: boolean | undefined;
}

/** One request the server saw. */
export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  operation: string | undefined;
  /** When the request arrived (ms since the epoch). */
  at: number;
}

const DOCS = 'https://docs.github.com/rest';

/** GitHub's 403 for a GITHUB_TOKEN that may not write (fork pull requests), on every write. */
export function forbiddenFault(path?: RegExp): Fault {
  return {
    path,
    writesOnly: true,
    status: 403,
    body: {
      message: 'Resource not accessible by integration',
      documentation_url: `${DOCS}/pulls/reviews#create-a-review-for-a-pull-request`,
      status: '403',
    },
    times: Number.POSITIVE_INFINITY,
  };
}

/** GitHub's secondary rate limit answer. */
export function secondaryRateLimitFault(path?: RegExp, retryAfterSeconds = 1): Fault {
  return {
    path,
    status: 403,
    headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-remaining': '4000' },
    body: {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000.',
      documentation_url:
        'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      status: '403',
    },
  };
}

/** A 502 as GitHub's front end gives it. */
export function badGatewayFault(path?: RegExp, method?: string): Fault {
  return { path, method, status: 502, body: { message: 'Server Error' } };
}

/** The fake server. */
export class FakeGitHub {
  readonly api: OpenApi;
  readonly pulls = new Map<string, FakePull>();
  readonly log: LoggedRequest[] = [];
  /** Requests or responses that do not match GitHub's description: a test asserts this stays empty. */
  readonly violations: string[] = [];
  private readonly faults: Fault[] = [];
  /** Responses held open by `stall` faults (closed by stop()). */
  private readonly stalled: ServerResponse[] = [];
  private server: Server | undefined;
  private nextId = 1000;
  /** The login of the token's user (GITHUB_TOKEN is github-actions[bot]). */
  botLogin = 'github-actions[bot]';
  url = '';

  constructor() {
    this.api = restApi();
  }

  /** Starts listening on 127.0.0.1 and a free port. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${address.port}`;
    return this.url;
  }

  /** Stops the server. */
  async stop(): Promise<void> {
    for (const res of this.stalled) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server?.close(() => {
        resolve();
      }),
    );
  }

  /** Adds or replaces a pull request. */
  addPull(
    pull: Omit<FakePull, 'reviews' | 'comments' | 'commits'> &
      Partial<Pick<FakePull, 'reviews' | 'comments' | 'commits'>>,
  ): FakePull {
    const stored: FakePull = { reviews: [], comments: [], commits: [pull.headSha], ...pull };
    this.pulls.set(`${pull.owner}/${pull.repo}#${pull.number}`, stored);
    return stored;
  }

  /** Moves a pull request to a new head with new files (a push); reviews and comments stay, comments on vanished lines become outdated. */
  push(pull: FakePull, headSha: string, files: FakeFile[]): void {
    pull.headSha = headSha;
    pull.commits.push(headSha);
    pull.files = files;
    for (const comment of pull.comments) {
      const file = files.find((f) => f.filename === comment.path);
      const diff = file === undefined ? undefined : fileDiffFromGitHub(file);
      if (comment.line !== null && (diff === undefined || !diff.visibleLines.has(comment.line))) comment.line = null;
    }
  }

  /** Adds a reply by someone else to a comment. */
  reply(pull: FakePull, commentId: number, body: string, user = 'octocat'): FakeComment {
    const parent = pull.comments.find((c) => c.id === commentId);
    if (parent === undefined) throw new Error(`no comment ${commentId}`);
    const comment: FakeComment = { ...parent, id: this.id(), body, user, inReplyToId: commentId, reviewId: null };
    pull.comments.push(comment);
    return comment;
  }

  /** Queues a fault. */
  inject(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  /** Removes every queued fault. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Requests that changed state (not GET). */
  writes(): LoggedRequest[] {
    return this.log.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
  }

  /** Turns the review an answer describes back into a PENDING one (a review half made). */
  private leavePending(answer: Answer): void {
    const id = isObject(answer.body) ? answer.body['id'] : undefined;
    for (const pull of this.pulls.values())
      for (const review of pull.reviews) if (review.id === id) review.state = 'PENDING';
  }

  /** A new id. */
  private id(): number {
    this.nextId += 1;
    return this.nextId;
  }

  /** Handles one request. */
  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    let body: unknown;
    const entry: LoggedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      status: 0,
      operation: undefined,
      at: Date.now(),
    };
    this.log.push(entry);
    const send = (
      status: number,
      data: Json | string | undefined,
      headers: Record<string, string> = {},
      schema?: Json,
    ): void => {
      entry.status = status;
      if (schema !== undefined && data !== undefined && typeof data !== 'string' && status < 300) {
        const errors = this.api.validate(schema, data, `response ${entry.operation ?? ''} ${status}`);
        if (errors.length > 0) this.violations.push(`response of ${method} ${url.pathname}: ${errors.join('; ')}`);
      }
      const text = data === undefined ? '' : typeof data === 'string' ? data : JSON.stringify(data);
      res.writeHead(status, {
        'content-type': typeof data === 'string' ? 'text/html' : 'application/json; charset=utf-8',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        'x-github-request-id': `FAKE:${entry.operation ?? ''}`,
        ...headers,
      });
      res.end(text);
    };
    try {
      if (raw !== '') {
        try {
          body = JSON.parse(raw);
        } catch {
          this.violations.push(`${method} ${url.pathname}: body is not JSON`);
          send(400, { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' });
          return;
        }
      }
      entry.body = body;
      const operation = matchOperation(this.api, method, url.pathname);
      entry.operation = operation === undefined ? undefined : `${operation.method} ${operation.template}`;
      if (operation === undefined) {
        this.violations.push(`${method} ${url.pathname}: no such operation in GitHub's API`);
        send(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
        return;
      }
      const problems = this.checkRequest(operation, url.searchParams, body, req);
      if (problems.length > 0) {
        this.violations.push(`${entry.operation}: ${problems.join('; ')}`);
        send(422, { message: 'Invalid request.', errors: problems, documentation_url: DOCS, status: '422' });
        return;
      }
      const fault = this.takeFault(method, url.pathname);
      if (fault?.stall === true) {
        entry.status = fault.status;
        this.stalled.push(res);
        return;
      }
      if (fault !== undefined && fault.afterAction !== true) {
        send(fault.status, fault.body, fault.headers ?? {});
        return;
      }
      const answer = this.route(operation, url, body);
      if (fault !== undefined) {
        if (fault.leavePending === true) this.leavePending(answer);
        send(fault.status, fault.body, fault.headers ?? {});
        return;
      }
      send(answer.status, answer.body, answer.headers, answer.schema);
    } catch (error) {
      this.violations.push(
        `${method} ${url.pathname}: fake server error ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      send(500, { message: 'fake server error' });
    }
  }

  /** Checks auth, path parameters, query parameters and the body against the operation. */
  private checkRequest(operation: Operation, query: URLSearchParams, body: unknown, req: IncomingMessage): string[] {
    const problems: string[] = [];
    if (!/^(token|bearer) \S+$/i.test(req.headers.authorization ?? ''))
      problems.push('no token in the Authorization header');
    const parameters = Array.isArray(operation.operation['parameters']) ? operation.operation['parameters'] : [];
    for (const p of parameters) {
      const param = this.api.deref(p);
      if (!isObject(param) || typeof param['name'] !== 'string') continue;
      const name = param['name'];
      const value =
        param['in'] === 'path'
          ? operation.params[name]
          : param['in'] === 'query'
            ? (query.get(name) ?? undefined)
            : undefined;
      if (value === undefined) {
        if (param['required'] === true && param['in'] !== 'header')
          problems.push(`missing ${JSON.stringify(param['in'])} parameter ${name}`);
        continue;
      }
      const schema = this.api.deref(param['schema']);
      const type = isObject(schema) ? schema['type'] : undefined;
      if (type === 'integer' && !/^\d+$/.test(value)) problems.push(`${name} must be an integer, got "${value}"`);
      if (isObject(schema) && Array.isArray(schema['enum']) && !schema['enum'].includes(value))
        problems.push(`${name} must be one of ${JSON.stringify(schema['enum'])}`);
    }
    const known = new Set(
      parameters.map((p) => {
        const d = this.api.deref(p);
        return isObject(d) && d['in'] === 'query' ? d['name'] : undefined;
      }),
    );
    for (const name of query.keys()) if (!known.has(name)) problems.push(`unknown query parameter ${name}`);
    const requestBody = this.api.deref(operation.operation['requestBody']);
    const content = isObject(requestBody) ? requestBody['content'] : undefined;
    const media = isObject(content) ? content['application/json'] : undefined;
    const schema = isObject(media) ? media['schema'] : undefined;
    if (schema !== undefined) {
      if (body === undefined && isObject(requestBody) && requestBody['required'] === true)
        problems.push('missing request body');
      else if (body !== undefined)
        problems.push(
          ...this.api
            .validate(schema, body, `request ${operation.method} ${operation.template}`)
            .map((e) => `body ${e}`),
        );
    } else if (body !== undefined && operation.method !== 'DELETE') {
      problems.push('this operation takes no body');
    }
    return problems;
  }

  /** The first queued fault matching the request. */
  private takeFault(method: string, path: string): Fault | undefined {
    const index = this.faults.findIndex(
      (f) =>
        (f.method === undefined || f.method === method) &&
        (f.writesOnly !== true || (method !== 'GET' && method !== 'HEAD')) &&
        (f.path === undefined || f.path.test(path)),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index];
    if (fault === undefined) return undefined;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) this.faults.splice(index, 1);
    return fault;
  }

  /** Answers a valid request from the state. */
  private route(op: Operation, url: URL, body: unknown): Answer {
    const key = `${op.params['owner'] ?? ''}/${op.params['repo'] ?? ''}#${op.params['pull_number'] ?? ''}`;
    const pull = this.pulls.get(key);
    const schema = responseSchema(op);
    const notFound: Answer = { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
    const input = isObject(body) ? body : {};
    switch (`${op.method} ${op.template}`) {
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}':
        return pull === undefined ? notFound : { status: 200, body: this.pullJson(pull), schema };
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files':
        return pull === undefined
          ? notFound
          : this.page(
              url,
              pull.files.slice(0, 3000).map((f) => this.fileJson(pull, f)),
              schema,
            );
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments':
        return pull === undefined
          ? notFound
          : this.page(
              url,
              pull.comments.map((c) => this.commentJson(pull, c)),
              schema,
            );
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews':
        return pull === undefined
          ? notFound
          : this.page(
              url,
              pull.reviews.map((r) => this.reviewJson(pull, r)),
              schema,
            );
      case 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews':
        return pull === undefined ? notFound : this.createReview(pull, input, schema);
      case 'PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}': {
        const review = pull?.reviews.find((r) => r.id === Number(op.params['review_id']));
        if (pull === undefined || review === undefined) return notFound;
        review.body = typeof input['body'] === 'string' ? input['body'] : review.body;
        return { status: 200, body: this.reviewJson(pull, review), schema };
      }
      case 'DELETE /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}': {
        const review = pull?.reviews.find((r) => r.id === Number(op.params['review_id']));
        if (pull === undefined || review === undefined) return notFound;
        if (review.state !== 'PENDING') return unprocessable('Can not delete a non-pending pull request review');
        pull.reviews = pull.reviews.filter((r) => r !== review);
        pull.comments = pull.comments.filter((c) => c.reviewId !== review.id);
        return { status: 200, body: this.reviewJson(pull, review), schema };
      }
      case 'POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies': {
        const parent = pull?.comments.find((c) => c.id === Number(op.params['comment_id']));
        if (pull === undefined || parent === undefined) return notFound;
        const top = parent.inReplyToId ?? parent.id;
        const comment: FakeComment = {
          ...parent,
          id: this.id(),
          reviewId: null,
          body: typeof input['body'] === 'string' ? input['body'] : '',
          user: this.botLogin,
          inReplyToId: top,
        };
        pull.comments.push(comment);
        return { status: 201, body: this.commentJson(pull, comment), schema };
      }
      case 'DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}': {
        const id = Number(op.params['comment_id']);
        for (const candidate of this.pulls.values()) {
          if (candidate.owner !== op.params['owner'] || candidate.repo !== op.params['repo']) continue;
          const before = candidate.comments.length;
          candidate.comments = candidate.comments.filter((c) => c.id !== id);
          if (candidate.comments.length < before) return { status: 204, body: undefined };
        }
        return notFound;
      }
      default:
        this.violations.push(`${op.method} ${op.template}: not implemented by the fake`);
        return { status: 501, body: { message: 'not implemented by the fake' } };
    }
  }

  /** POST reviews: all or nothing, like GitHub. */
  private createReview(pull: FakePull, input: Record<string, Json>, schema: Json | undefined): Answer {
    const commitId = typeof input['commit_id'] === 'string' ? input['commit_id'] : pull.headSha;
    if (!pull.commits.includes(commitId)) return unprocessable('commit_id is not part of the pull request');
    const event = typeof input['event'] === 'string' ? input['event'] : undefined;
    const body = typeof input['body'] === 'string' ? input['body'] : '';
    if ((event === 'COMMENT' || event === 'REQUEST_CHANGES') && body === '')
      return unprocessable('Body is required for this review action');
    const comments = Array.isArray(input['comments']) ? input['comments'] : [];
    const placed: { path: string; line: number; startLine?: number; side: 'RIGHT' | 'LEFT'; body: string }[] = [];
    for (const c of comments) {
      if (!isObject(c) || typeof c['path'] !== 'string') return unprocessable('Path could not be resolved');
      const file = pull.files.find((f) => f.filename === c['path']);
      if (file === undefined) return unprocessable('Path could not be resolved');
      if (typeof c['line'] !== 'number') return unprocessable('Line could not be resolved');
      const side = c['side'] === 'LEFT' ? 'LEFT' : 'RIGHT';
      const diff = fileDiffFromGitHub(file);
      const lines =
        side === 'RIGHT' ? diff.visibleLines : new Set(diff.hunks.flatMap((h) => h.lines.map((l) => l.oldLine ?? -1)));
      if (!lines.has(c['line'])) return unprocessable('Line could not be resolved');
      const startLine = c['start_line'];
      if (startLine !== undefined) {
        const problem = multiLineProblem(diff.hunks, side, c['start_side'] ?? side, startLine, c['line']);
        if (problem !== undefined) return unprocessable(problem);
      }
      placed.push({
        path: c['path'],
        line: c['line'],
        ...(typeof startLine === 'number' ? { startLine } : {}),
        side,
        body: typeof c['body'] === 'string' ? c['body'] : '',
      });
    }
    const review: FakeReview = {
      id: this.id(),
      body,
      state:
        event === undefined
          ? 'PENDING'
          : event === 'APPROVE'
            ? 'APPROVED'
            : event === 'REQUEST_CHANGES'
              ? 'CHANGES_REQUESTED'
              : 'COMMENTED',
      commitId,
      user: this.botLogin,
    };
    pull.reviews.push(review);
    for (const c of placed)
      pull.comments.push({
        id: this.id(),
        reviewId: review.id,
        path: c.path,
        line: c.line,
        startLine: c.startLine,
        side: c.side,
        body: c.body,
        commitId,
        user: this.botLogin,
      });
    return { status: 200, body: this.reviewJson(pull, review), schema };
  }

  /** One page of a list, with GitHub's Link header. */
  private page(url: URL, items: Json[], schema: Json | undefined): Answer {
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? '30')));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? '1'));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number, rel: string): string => {
      const target = new URL(url.toString());
      target.searchParams.set('per_page', String(perPage));
      target.searchParams.set('page', String(n));
      return `<${target.toString()}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'));
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    return {
      status: 200,
      body: items.slice((page - 1) * perPage, page * perPage),
      headers: links.length > 0 ? { link: links.join(', ') } : {},
      schema,
    };
  }

  /** A sample of a component schema with fields laid over it. */
  private object(component: string, fields: Record<string, Json>): Json {
    const base = this.api.sample({ $ref: `#/components/schemas/${component}` });
    return { ...(isObject(base) ? base : {}), ...fields };
  }

  /** A user object. */
  private user(login: string): Json {
    return this.object('simple-user', { login, id: login.length, type: login.endsWith('[bot]') ? 'Bot' : 'User' });
  }

  /** The pull request as GitHub returns it. */
  private pullJson(pull: FakePull): Json {
    const repo = this.object('repository', {
      name: pull.repo,
      full_name: `${pull.owner}/${pull.repo}`,
      owner: this.user(pull.owner),
    });
    return this.object('pull-request', {
      number: pull.number,
      state: 'open',
      html_url: `https://github.test/${pull.owner}/${pull.repo}/pull/${pull.number}`,
      head: { label: 'head', ref: 'feature', sha: pull.headSha, user: this.user(pull.owner), repo },
      base: { label: 'base', ref: 'main', sha: pull.baseSha, user: this.user(pull.owner), repo },
      changed_files: pull.files.length,
      user: this.user('contributor'),
    });
  }

  /** A file entry. */
  private fileJson(pull: FakePull, file: FakeFile): Json {
    const fields: Record<string, Json> = {
      filename: file.filename,
      status: file.status,
      additions: file.additions ?? 0,
      deletions: file.deletions ?? 0,
      changes: (file.additions ?? 0) + (file.deletions ?? 0),
      sha: pull.headSha,
      blob_url: `https://github.test/${pull.owner}/${pull.repo}/blob/${pull.headSha}/${file.filename}`,
      raw_url: `https://github.test/${pull.owner}/${pull.repo}/raw/${pull.headSha}/${file.filename}`,
      contents_url: `https://github.test/repos/${pull.owner}/${pull.repo}/contents/${file.filename}`,
    };
    if (file.patch !== undefined) fields['patch'] = file.patch;
    if (file.previous_filename !== undefined) fields['previous_filename'] = file.previous_filename;
    return this.object('diff-entry', fields);
  }

  /** A review comment. */
  private commentJson(pull: FakePull, c: FakeComment): Json {
    const fields: Record<string, Json> = {
      id: c.id,
      pull_request_review_id: c.reviewId,
      path: c.path,
      line: c.line,
      original_line: c.line ?? 1,
      start_line: c.line === null ? null : (c.startLine ?? null),
      original_start_line: c.startLine ?? null,
      start_side: c.startLine === undefined ? null : c.side,
      side: c.side,
      body: c.body,
      commit_id: c.commitId,
      original_commit_id: c.commitId,
      user: this.user(c.user),
      html_url: `https://github.test/${pull.owner}/${pull.repo}/pull/${pull.number}#discussion_r${c.id}`,
      diff_hunk: '@@ -1 +1 @@',
    };
    if (c.inReplyToId !== undefined) fields['in_reply_to_id'] = c.inReplyToId;
    return this.object('pull-request-review-comment', fields);
  }

  /** A review. */
  private reviewJson(pull: FakePull, r: FakeReview): Json {
    return this.object('pull-request-review', {
      id: r.id,
      body: r.body,
      state: r.state,
      commit_id: r.commitId,
      user: this.user(r.user),
      html_url: `https://github.test/${pull.owner}/${pull.repo}/pull/${pull.number}#pullrequestreview-${r.id}`,
    });
  }
}

interface Answer {
  status: number;
  body: Json | undefined;
  headers?: Record<string, string>;
  schema?: Json | undefined;
}

/** GitHub's 422 for a review it cannot make. */
/**
 * Why GitHub refuses a comment over `start_line`..`line` (undefined when it accepts it): the start must be
 * a line before the end, on the same side, and every line between must be in one hunk of the diff.
 */
function multiLineProblem(
  hunks: readonly Hunk[],
  side: 'RIGHT' | 'LEFT',
  startSide: Json,
  startLine: Json,
  line: number,
): string | undefined {
  if (typeof startLine !== 'number' || !Number.isInteger(startLine)) return 'start_line must be an integer';
  if (startSide !== side) return 'start_side must be the side of the comment';
  if (startLine >= line) return 'start_line must precede the end line';
  const lineOf = (l: Hunk['lines'][number]): number | undefined => (side === 'RIGHT' ? l.newLine : l.oldLine);
  const inOneHunk = hunks.some((h) => {
    const shown = new Set(h.lines.map(lineOf));
    for (let n = startLine; n <= line; n += 1) if (!shown.has(n)) return false;
    return true;
  });
  return inOneHunk ? undefined : 'start_line must be part of the same hunk as the line';
}

function unprocessable(error: string): Answer {
  return {
    status: 422,
    body: {
      message: 'Unprocessable Entity',
      errors: [error],
      documentation_url: `${DOCS}/pulls/reviews#create-a-review-for-a-pull-request`,
      status: '422',
    },
  };
}

/** The JSON schema of the operation's success response. */
function responseSchema(op: Operation): Json | undefined {
  const responses = op.operation['responses'];
  if (!isObject(responses)) return undefined;
  for (const status of ['200', '201']) {
    const response = restApi().deref(responses[status]);
    const content = isObject(response) ? response['content'] : undefined;
    const media = isObject(content) ? content['application/json'] : undefined;
    if (isObject(media)) return media['schema'];
  }
  return undefined;
}

/** Reads a request body. */
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}
