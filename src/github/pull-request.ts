/** Reading a pull request's files, reviews and review comments (paginated). */
import type { GitHubFile } from '../diff/parse.js';
import type { ExistingComment, ExistingReview } from '../report/github-review/plan.js';
import type { ReviewClient } from './client.js';

/** owner/repo#number. */
export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

/** GitHub's "list pull request files" returns at most this many files. */
export const GITHUB_FILE_CAP = 3000;

/** The files of a pull request with their patches (at most 3000: GitHub's cap). */
export async function listFiles(client: ReviewClient, pr: PullRequestRef): Promise<GitHubFile[]> {
  const files = await client.paginate(client.rest.pulls.listFiles, {
    owner: pr.owner,
    repo: pr.repo,
    pull_number: pr.number,
    per_page: 100,
  });
  return files.map((f) => ({
    filename: f.filename,
    status: f.status,
    patch: f.patch,
    previous_filename: f.previous_filename,
  }));
}

/** Every review comment of the pull request. */
export async function listComments(client: ReviewClient, pr: PullRequestRef): Promise<ExistingComment[]> {
  const comments = await client.paginate(client.rest.pulls.listReviewComments, {
    owner: pr.owner,
    repo: pr.repo,
    pull_number: pr.number,
    per_page: 100,
  });
  return comments.map((c) => ({
    id: c.id,
    body: c.body,
    path: c.path,
    line: c.line ?? null,
    inReplyToId: c.in_reply_to_id,
    user: c.user.login,
  }));
}

/** Every review of the pull request, oldest first. */
export async function listReviews(client: ReviewClient, pr: PullRequestRef): Promise<ExistingReview[]> {
  const reviews = await client.paginate(client.rest.pulls.listReviews, {
    owner: pr.owner,
    repo: pr.repo,
    pull_number: pr.number,
    per_page: 100,
  });
  return reviews.map((r) => ({ id: r.id, body: r.body, state: r.state, htmlUrl: r.html_url }));
}

/** The head and base of a pull request. */
export interface PullRequestHead {
  headSha: string;
  baseSha: string;
  baseRef: string;
  changedFiles: number;
}

/** The head and base of a pull request (for --github-pr, where there is no event payload). */
export async function getPullRequest(client: ReviewClient, pr: PullRequestRef): Promise<PullRequestHead> {
  const { data } = await client.rest.pulls.get({ owner: pr.owner, repo: pr.repo, pull_number: pr.number });
  return { headSha: data.head.sha, baseSha: data.base.sha, baseRef: data.base.ref, changedFiles: data.changed_files };
}
