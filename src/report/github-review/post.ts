/** Applies a ReviewPlan to a pull request through Octokit. I/O only: every decision is in plan.ts. */
import type { ReviewClient } from '../../github/client.js';
import { httpFailure, isWriteForbidden } from '../../github/client.js';
import type { PullRequestRef } from '../../github/pull-request.js';
import { listReviews } from '../../github/pull-request.js';
import type { ReviewPlan } from './plan.js';
import { runIdOfReview } from './marker.js';

/** What applying the plan did. */
export interface PostResult {
  /** URL of the review created or updated by this run. */
  reviewUrl: string | undefined;
  created: boolean;
  updated: boolean;
  /** Inline comments posted. */
  comments: number;
  /** GitHub could not place a comment (422): the review was posted once more with every finding in its body. */
  movedToBody: boolean;
  deleted: number;
  replied: number;
  /** Updates, replies or deletions that failed (reported in the log; the review stands). */
  failed: number;
}

/** How often a review creation that may have reached GitHub is tried again, and the unit of the waits between. */
export interface CreateRetry {
  retries: number;
  unitMs: number;
}

/**
 * Posts, updates, replies and deletes as planned; creating the review comes first, deleting last.
 * Creating a review is never retried blindly: after a 5xx or a timeout, GitHub may have made it, so the
 * reviews of the pull request are read first and a review carrying this run's marker is taken as made.
 */
export async function applyPlan(
  client: ReviewClient,
  pr: PullRequestRef,
  plan: ReviewPlan,
  retry: CreateRetry,
  log: (message: string) => void,
): Promise<PostResult> {
  const result: PostResult = {
    reviewUrl: undefined,
    created: false,
    updated: false,
    comments: 0,
    movedToBody: false,
    deleted: 0,
    replied: 0,
    failed: 0,
  };
  const base = { owner: pr.owner, repo: pr.repo, pull_number: pr.number };
  if (plan.create !== undefined) {
    const review = plan.create;
    const runId = runIdOfReview(review.body);
    const comments = review.comments.map((c) => ({
      path: c.path,
      ...(c.startLine === undefined ? {} : { start_line: c.startLine, start_side: c.side }),
      line: c.line,
      side: c.side,
      body: c.body,
    }));
    try {
      const made = await createOnce(
        client,
        pr,
        { ...base, commit_id: review.commitId, event: review.event, body: review.body, comments },
        runId,
        retry,
        log,
      );
      Object.assign(result, { reviewUrl: made.url, created: true, comments: made.fresh ? review.comments.length : 0 });
    } catch (error) {
      if (httpFailure(error)?.status !== 422 || review.comments.length === 0) throw error;
      log(
        `GitHub could not place an inline comment (${httpFailure(error)?.message ?? '422'}); posting the review with every finding in its body`,
      );
      const leftover = await findReviewOfRun(client, pr, runId);
      if (leftover !== undefined) {
        Object.assign(result, { reviewUrl: leftover, created: true });
      } else {
        const made = await createOnce(
          client,
          pr,
          { ...base, commit_id: review.commitId, event: review.event, body: review.fallbackBody },
          runId,
          retry,
          log,
        );
        Object.assign(result, { reviewUrl: made.url, created: true, movedToBody: true });
      }
    }
  }
  // After the review: tidying up. A failure here is reported and skipped, unless the token cannot
  // write at all and nothing was posted yet (then the caller falls back to annotations).
  const tidy = async (what: string, step: () => Promise<void>): Promise<void> => {
    try {
      await step();
    } catch (error) {
      if (isWriteForbidden(error) && !result.created) throw error;
      const failure = httpFailure(error);
      if (failure?.status === 404 && what.startsWith('delete')) return; // already gone
      result.failed += 1;
      log(`could not ${what}: ${failure === undefined ? String(error) : `${failure.status} ${failure.message}`}`);
    }
  };
  const update = plan.update;
  if (update !== undefined) {
    await tidy(`update review ${update.reviewId}`, async () => {
      const { data } = await client.rest.pulls.updateReview({ ...base, review_id: update.reviewId, body: update.body });
      Object.assign(result, { reviewUrl: data.html_url, updated: true });
    });
  }
  for (const reply of plan.replies) {
    await tidy(`reply to comment ${reply.commentId}`, async () => {
      await client.rest.pulls.createReplyForReviewComment({ ...base, comment_id: reply.commentId, body: reply.body });
      result.replied += 1;
    });
  }
  for (const comment of plan.delete) {
    await tidy(`delete comment ${comment.commentId}`, async () => {
      await client.rest.pulls.deleteReviewComment({ owner: pr.owner, repo: pr.repo, comment_id: comment.commentId });
      result.deleted += 1;
    });
  }
  return result;
}

/** What "create a review" is sent. */
interface CreateReviewRequest {
  owner: string;
  repo: string;
  pull_number: number;
  commit_id: string;
  event: 'COMMENT';
  body: string;
  comments?: { path: string; start_line?: number; start_side?: 'RIGHT'; line: number; side: 'RIGHT'; body: string }[];
}

/**
 * Creates a review at most once. A 5xx, a timeout or a dropped connection may come after GitHub made the
 * review: before each new attempt, a review with this run's marker is looked for and, if found, taken.
 */
async function createOnce(
  client: ReviewClient,
  pr: PullRequestRef,
  request: CreateReviewRequest,
  runId: string | undefined,
  retry: CreateRetry,
  log: (message: string) => void,
): Promise<{ url: string | undefined; fresh: boolean }> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      // The client's own retry is off for this POST: it would post again without looking.
      const { data } = await client.rest.pulls.createReview({ ...request, request: { retries: 0 } });
      return { url: data.html_url, fresh: true };
    } catch (error) {
      if (!mayHaveBeenMade(error) || runId === undefined || attempt >= retry.retries) throw error;
      log(
        `creating the review failed (${describeFailure(error)}); looking for it before trying again, since GitHub may have made it`,
      );
      const made = await findReviewOfRun(client, pr, runId);
      if (made !== undefined) {
        log('GitHub had made the review: it is not posted again');
        return { url: made, fresh: true };
      }
      await sleep(retry.unitMs * (attempt + 1) ** 2);
    }
  }
}

/** True for a failure after which the request may have been carried out: a 5xx, a timeout, no answer. */
function mayHaveBeenMade(error: unknown): boolean {
  const failure = httpFailure(error);
  return failure === undefined ? error instanceof Error : failure.status >= 500;
}

/** Status and message of a failed request, in a few words. */
function describeFailure(error: unknown): string {
  const failure = httpFailure(error);
  if (failure !== undefined) return `${String(failure.status)} ${failure.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** Waits. */
async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A review this run made: a submitted one gives its URL; a pending one (half made) is deleted and
 * undefined returned, so the review is posted again.
 */
async function findReviewOfRun(
  client: ReviewClient,
  pr: PullRequestRef,
  runId: string | undefined,
): Promise<string | undefined> {
  if (runId === undefined) return undefined;
  const mine = (await listReviews(client, pr)).filter((r) => runIdOfReview(r.body) === runId);
  for (const review of mine) {
    if (review.state !== 'PENDING') return review.htmlUrl;
    await client.rest.pulls.deletePendingReview({
      owner: pr.owner,
      repo: pr.repo,
      pull_number: pr.number,
      review_id: review.id,
    });
  }
  return undefined;
}
