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

/** Posts, updates, replies and deletes as planned; creating the review comes first, deleting last. */
export async function applyPlan(
  client: ReviewClient,
  pr: PullRequestRef,
  plan: ReviewPlan,
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
    try {
      const { data } = await client.rest.pulls.createReview({
        ...base,
        commit_id: review.commitId,
        event: review.event,
        body: review.body,
        comments: review.comments.map((c) => ({ path: c.path, line: c.line, side: c.side, body: c.body })),
      });
      Object.assign(result, { reviewUrl: data.html_url, created: true, comments: review.comments.length });
    } catch (error) {
      if (httpFailure(error)?.status !== 422 || review.comments.length === 0) throw error;
      log(
        `GitHub could not place an inline comment (${httpFailure(error)?.message ?? '422'}); posting the review with every finding in its body`,
      );
      const leftover = await findHalfMadeReview(client, pr, runIdOfReview(review.body));
      if (leftover !== undefined) {
        Object.assign(result, { reviewUrl: leftover, created: true });
      } else {
        const { data } = await client.rest.pulls.createReview({
          ...base,
          commit_id: review.commitId,
          event: review.event,
          body: review.fallbackBody,
        });
        Object.assign(result, { reviewUrl: data.html_url, created: true, movedToBody: true });
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

/**
 * After a rejected review: a review of this run that was made anyway. A pending one is deleted (and
 * undefined returned, so the review is posted again); a submitted one is kept and its URL returned.
 */
async function findHalfMadeReview(
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
