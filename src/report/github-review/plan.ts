/**
 * Pure planning of a pull-request review: findings + what the bot already said on the pull request ->
 * what to post, update and delete, and the job summary. No I/O here; post.ts applies the plan. Markers are
 * in marker.ts, the Markdown of one finding in comment-body.ts.
 */
import type { MarkedFinding } from '../../diff/filter.js';
import type { Finding } from '../../model/finding.js';
import { severityRank } from '../../model/severity.js';
import { escapeMarkdownText } from '../escape/markdown.js';
import type { Suggestion } from '../suggestion.js';
import type { RuleInfo } from './comment-body.js';
import { commentBody, findingLine, MAX_BODY } from './comment-body.js';
import type { BodyReason, ListedEntry } from './marker.js';
import {
  fingerprintOfResolvedReply,
  listedKey,
  markResolved,
  markReview,
  readCommentMarker,
  readReviewState,
  reviewText,
  stateLine,
} from './marker.js';

/** A review comment already on the pull request. */
export interface ExistingComment {
  id: number;
  body: string;
  path: string;
  /** Null when the comment is outdated. */
  line: number | null;
  inReplyToId?: number | undefined;
  user?: string | undefined;
}

/** A review already on the pull request. */
export interface ExistingReview {
  id: number;
  body: string;
  state: string;
  htmlUrl?: string | undefined;
}

/** An inline comment to post with the review: on one line, or on `startLine`..`line` when it carries a suggestion. */
interface PlannedComment {
  path: string;
  line: number;
  /** First line of a comment over several lines (those its suggestion replaces). */
  startLine?: number | undefined;
  side: 'RIGHT';
  body: string;
  fingerprint: string;
}

/** A review to create. */
interface PlannedReview {
  commitId: string;
  event: 'COMMENT';
  body: string;
  comments: PlannedComment[];
  /** The same review with every inline comment moved into the body (used once if GitHub rejects a comment's place). */
  fallbackBody: string;
}

/** A finding listed in the review body, and why it is not on a line. */
interface BodyEntry {
  marked: MarkedFinding;
  reason: BodyReason;
}

/** Everything a run will do on the pull request. */
export interface ReviewPlan {
  /** The review to create; undefined when there is nothing new to say. */
  create: PlannedReview | undefined;
  /** When nothing is new: the latest bot review whose body is out of date, and its new body. */
  update: { reviewId: number; body: string; htmlUrl?: string | undefined } | undefined;
  /** Bot comments whose finding is gone and that nobody replied to. */
  delete: { commentId: number; fingerprint: string }[];
  /** Bot comments whose finding is gone but that have replies: say so in the thread. */
  replies: { commentId: number; body: string; fingerprint: string }[];
  /** The findings of this pull request, most severe first. */
  findings: MarkedFinding[];
  /** Findings of the pull request a bot comment already covers. */
  alreadyCommented: MarkedFinding[];
  /** Findings listed in the body and why. */
  inBody: BodyEntry[];
  /** The latest bot review (for the review-url output when nothing is created). */
  latestReview: ExistingReview | undefined;
  /**
   * The job summary, complete: the review, then every finding of the pull request with where it stands
   * (under 1 MiB; past that, the count of those left out). Written whatever happens to the review.
   */
  summary: string;
}

/** What the planner needs. */
export interface PlanInput {
  /** Every finding, marked against the diff; only `selected` ones belong to the pull request. */
  marked: readonly MarkedFinding[];
  comments: readonly ExistingComment[];
  reviews: readonly ExistingReview[];
  /** `pull_request.head.sha`. */
  commitId: string;
  /** Most inline comments in one review. */
  maxComments: number;
  /** Renders the seed-style review of these findings (composeReview). */
  renderReview: (findings: readonly Finding[]) => string;
  /** Rules that failed in this run: their findings may be missing, so their comments are kept. */
  failedRules?: ReadonlySet<string> | undefined;
  /** A note for the body, e.g. that GitHub listed only the first 3000 files. */
  note?: string | undefined;
  /** A unique id of this run, hidden in the review body so a half-made review can be found. */
  runId?: string | undefined;
  /** Title, rationale and message templates of a rule, for inline comments and lists. */
  ruleInfo?: ((ruleId: string) => RuleInfo | undefined) | undefined;
  /**
   * The GitHub suggestion of a finding's safe fix, when every line it replaces is commentable in the diff;
   * an inline comment that carries one spans exactly those lines.
   */
  suggestionFor?: ((marked: MarkedFinding) => Suggestion | undefined) | undefined;
}

/** The job summary stays under GitHub's 1 MiB, with room for the line the caller adds. */
const MAX_SUMMARY_BYTES = 1_000_000;
/** The hidden list of findings in a body takes at most this much; past it (5,000 findings) the rest count as new. */
const MAX_STATE = 45_000;

/** Most severe first: security, then severity, then place. */
function compareForReview(a: MarkedFinding, b: MarkedFinding): number {
  return (
    Number(b.finding.security) - Number(a.finding.security) ||
    severityRank(a.finding.severity) - severityRank(b.finding.severity) ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.finding.line - b.finding.line ||
    a.finding.column - b.finding.column ||
    (a.finding.ruleId < b.finding.ruleId ? -1 : a.finding.ruleId > b.finding.ruleId ? 1 : 0)
  );
}

/** Plans the review: what to post, update, delete and reply, and the job summary. */
export function planReview(input: PlanInput): ReviewPlan {
  const findings = uniqueByFingerprint(input.marked.filter((m) => m.selected)).sort(compareForReview);
  const current = new Set(findings.map((m) => m.finding.fingerprint));
  const botComments = input.comments.filter(
    (c) => c.inReplyToId === undefined && readCommentMarker(c.body) !== undefined,
  );
  const botReviews = input.reviews.filter((r) => readReviewState(r.body) !== undefined);
  const commented = new Set(botComments.map((c) => readCommentMarker(c.body)?.fingerprint ?? ''));
  const previousReasons = new Map<string, BodyReason>();
  for (const review of botReviews)
    for (const [key, reason] of readReviewState(review.body)?.listed ?? []) previousReasons.set(key, reason);

  const isListed = (m: MarkedFinding): boolean => previousReasons.has(listedKey(m.finding.fingerprint));
  const alreadyCommented = findings.filter((m) => commented.has(m.finding.fingerprint));
  const fresh = findings.filter((m) => !commented.has(m.finding.fingerprint) && !isListed(m));
  const inline: MarkedFinding[] = [];
  for (const m of fresh) if (m.commentLine !== undefined && inline.length < input.maxComments) inline.push(m);
  const inlineSet = new Set(inline);
  const inBody = findings
    .filter((m) => !commented.has(m.finding.fingerprint) && !inlineSet.has(m))
    // A finding listed before keeps the reason given then, so an unchanged review reads the same.
    .map((marked) => ({
      marked,
      reason: previousReasons.get(listedKey(marked.finding.fingerprint)) ?? reasonFor(marked),
    }));

  const review = input.renderReview(findings.map((m) => ({ ...m.finding, file: m.path }))).trim();
  const body = reviewBody(input, review, inBody);
  const latestReview = botReviews.at(-1);
  let create: PlannedReview | undefined;
  let update: ReviewPlan['update'];
  if (fresh.length > 0) {
    const rejected = [...inBody, ...inline.map((marked) => ({ marked, reason: 'rejected' as const }))].sort((x, y) =>
      compareForReview(x.marked, y.marked),
    );
    create = {
      commitId: input.commitId,
      event: 'COMMENT',
      body,
      comments: inline.map((m) => plannedComment(input, m)),
      fallbackBody: reviewBody(input, review, rejected),
    };
  } else if (latestReview !== undefined && reviewText(latestReview.body) !== reviewText(body)) {
    update = { reviewId: latestReview.id, body, htmlUrl: latestReview.htmlUrl };
  }
  const statusOf = findingStatus(
    new Set(alreadyCommented),
    inlineSet,
    new Map(inBody.map((b) => [b.marked, b.reason])),
  );
  return {
    create,
    update,
    ...planCleanup(input, botComments, current),
    findings,
    alreadyCommented,
    inBody,
    latestReview,
    summary: jobSummary(input, review, findings, statusOf),
  };
}

/** The inline comment of a finding: on its line, or over the lines its suggestion replaces. */
function plannedComment(input: PlanInput, m: MarkedFinding): PlannedComment {
  const suggestion = input.suggestionFor?.(m);
  const rule = input.ruleInfo?.(m.finding.ruleId);
  const common = { path: m.path, side: 'RIGHT' as const, fingerprint: m.finding.fingerprint };
  if (suggestion === undefined)
    return { ...common, line: m.commentLine ?? m.finding.line, body: commentBody(m.finding, rule) };
  return {
    ...common,
    line: suggestion.endLine,
    ...(suggestion.startLine < suggestion.endLine ? { startLine: suggestion.startLine } : {}),
    body: commentBody(m.finding, rule, suggestion),
  };
}

/** Deletions and "resolved" replies for bot comments whose finding is gone, and for duplicate bot comments. */
function planCleanup(
  input: PlanInput,
  botComments: readonly ExistingComment[],
  current: ReadonlySet<string>,
): Pick<ReviewPlan, 'delete' | 'replies'> {
  const failed = input.failedRules ?? new Set<string>();
  const replies = new Map<number, ExistingComment[]>();
  for (const c of input.comments) {
    if (c.inReplyToId === undefined) continue;
    replies.set(c.inReplyToId, [...(replies.get(c.inReplyToId) ?? []), c]);
  }
  const plannedDeletes: ReviewPlan['delete'] = [];
  const plannedReplies: ReviewPlan['replies'] = [];
  const seen = new Set<string>();
  for (const comment of [...botComments].sort((a, b) => a.id - b.id)) {
    const marker = readCommentMarker(comment.body);
    const fingerprint = marker?.fingerprint ?? '';
    const thread = replies.get(comment.id) ?? [];
    const duplicate = seen.has(fingerprint);
    seen.add(fingerprint);
    const gone = !current.has(fingerprint) && !failed.has(marker?.ruleId ?? '');
    if (!gone && !duplicate) continue;
    if (thread.length === 0) {
      plannedDeletes.push({ commentId: comment.id, fingerprint });
    } else if (gone && !thread.some((r) => fingerprintOfResolvedReply(r.body) === fingerprint)) {
      const text = `Resolved: review-bot no longer reports this finding at ${escapeMarkdownText(input.commitId.slice(0, 12))}.`;
      plannedReplies.push({ commentId: comment.id, fingerprint, body: markResolved(text, fingerprint) });
    }
  }
  return { delete: plannedDeletes, replies: plannedReplies };
}

/** Why a finding that is not commented goes to the body. */
function reasonFor(marked: MarkedFinding): BodyReason {
  if (marked.commentLine !== undefined) return 'limit';
  return marked.inDiffFile && !marked.filePatched ? 'no-patch' : 'outside-diff';
}

const REASONS: Readonly<Record<BodyReason, string>> = {
  'outside-diff': 'not on a line this diff shows',
  'no-patch': 'GitHub shows this file without a diff',
  limit: `over the limit of inline comments`,
  rejected: 'GitHub could not place the comment',
};

/**
 * The review body: the review, the note, the findings not commented inline, then the hidden state. Under
 * GitHub's limit the human-readable part comes first: whole lines are kept while they fit, and what does
 * not fit is counted and left to the job summary. Lines are whole Markdown, so cutting between them is safe.
 */
function reviewBody(input: PlanInput, review: string, inBody: readonly BodyEntry[]): string {
  const state = stateLine(input.runId, fittingEntries(inBody));
  let budget = MAX_BODY - state.length - 200;
  const head = fitLines(
    review.split('\n'),
    budget / 2,
    (n) => `… (${String(n)} more lines of the review are in the job summary)`,
  );
  budget -= head.length;
  const parts = [head];
  if (input.note !== undefined) parts.push(`> [!NOTE]\n> ${escapeMarkdownText(input.note)}`);
  if (inBody.length > 0) {
    const items = inBody.map(({ marked, reason }) => itemLine(input, marked, REASONS[reason]));
    const list = fitLines(items, budget - 100, (n) => `- … and ${String(n)} more, listed in the job summary`);
    parts.push(`### Not commented inline (${String(inBody.length)})\n\n${list}`);
  }
  return markReview(parts.join('\n\n'), input.runId, fittingEntries(inBody));
}

/** The listed entries that fit the hidden state, in review order. */
function fittingEntries(inBody: readonly BodyEntry[]): ListedEntry[] {
  const max = Math.floor(MAX_STATE / 9);
  return inBody.slice(0, max).map((b) => ({ fingerprint: b.marked.finding.fingerprint, reason: b.reason }));
}

/** Where each finding of the pull request stands, in words. */
function findingStatus(
  commented: ReadonlySet<MarkedFinding>,
  inline: ReadonlySet<MarkedFinding>,
  inBody: ReadonlyMap<MarkedFinding, BodyReason>,
): (m: MarkedFinding) => string {
  return (m) => {
    if (commented.has(m)) return 'commented inline earlier';
    if (inline.has(m)) return 'commented inline';
    const reason = inBody.get(m);
    return reason === undefined ? 'listed in the review' : `in the review body: ${REASONS[reason]}`;
  };
}

/** The complete job summary: the review, the note, and one line for every finding of the pull request. */
function jobSummary(
  input: PlanInput,
  review: string,
  findings: readonly MarkedFinding[],
  statusOf: (m: MarkedFinding) => string,
): string {
  const parts = [review];
  if (input.note !== undefined) parts.push(`> [!NOTE]\n> ${escapeMarkdownText(input.note)}`);
  if (findings.length > 0) {
    const lines = findings.map((m) => itemLine(input, m, statusOf(m)));
    const budget = MAX_SUMMARY_BYTES - Buffer.byteLength(parts.join('\n\n')) - 1_000;
    const list = fitBytes(
      lines,
      budget,
      (n) =>
        `- … and ${String(n)} more (GitHub limits a job summary to 1 MiB; the JSON and SARIF outputs have every finding)`,
    );
    parts.push(`### Every finding of this pull request (${String(findings.length)})\n\n${list}`);
  }
  return parts.join('\n\n');
}

/** One list line for a finding. */
function itemLine(input: PlanInput, marked: MarkedFinding, status: string): string {
  return findingLine(marked.finding, marked.path, status, input.ruleInfo?.(marked.finding.ruleId));
}

/** Keeps findings with distinct fingerprints (the first of each). */
function uniqueByFingerprint(marked: readonly MarkedFinding[]): MarkedFinding[] {
  const seen = new Set<string>();
  return marked.filter((m) => {
    if (seen.has(m.finding.fingerprint)) return false;
    seen.add(m.finding.fingerprint);
    return true;
  });
}

/** Joins whole lines while they fit in `budget` characters, then says how many were left out. */
function fitLines(lines: readonly string[], budget: number, more: (left: number) => string): string {
  return fitBy(lines, budget, more, (line) => line.length);
}

/** Joins whole lines while they fit in `budget` UTF-8 bytes, then says how many were left out. */
function fitBytes(lines: readonly string[], budget: number, more: (left: number) => string): string {
  return fitBy(lines, budget, more, (line) => Buffer.byteLength(line));
}

/** Joins whole lines while their measured size fits the budget; the rest is counted, never cut mid-line. */
function fitBy(
  lines: readonly string[],
  budget: number,
  more: (left: number) => string,
  size: (line: string) => number,
): string {
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (used + size(line) + 1 > budget) {
      kept.push(more(lines.length - kept.length));
      break;
    }
    kept.push(line);
    used += size(line) + 1;
  }
  return kept.join('\n');
}
