/**
 * Pure planning of a pull-request review: findings + what the bot already
 * said on the pull request -> what to post, update and delete. No I/O here;
 * post.ts applies the plan.
 */
import type { MarkedFinding } from '../../diff/filter.js';
import type { Finding } from '../../model/finding.js';
import { severityRank } from '../../model/severity.js';

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

/** An inline comment to post with the review. */
export interface PlannedComment {
  path: string;
  line: number;
  side: 'RIGHT';
  body: string;
  fingerprint: string;
}

/** A review to create. */
export interface PlannedReview {
  commitId: string;
  event: 'COMMENT';
  body: string;
  comments: PlannedComment[];
  /** The same review with every inline comment moved into the body (used once if GitHub rejects a comment's place). */
  fallbackBody: string;
}

/** Why a finding of the pull request is in the body instead of on a line. */
export type BodyReason = 'outside-diff' | 'no-patch' | 'limit' | 'rejected';

const BODY_REASONS: readonly BodyReason[] = ['outside-diff', 'no-patch', 'limit', 'rejected'];

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
  inBody: { marked: MarkedFinding; reason: BodyReason }[];
  /** The latest bot review (for the review-url output when nothing is created). */
  latestReview: ExistingReview | undefined;
  /** The review text without markers (for the job summary). */
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
  /** Title and rationale of a rule, for inline comments. */
  ruleInfo?: ((ruleId: string) => RuleInfo | undefined) | undefined;
}

const MARKER_PREFIX = 'review-bot:';
const REVIEW_MARKER = `<!-- ${MARKER_PREFIX}review -->`;
/** GitHub rejects review and comment bodies over 65536 characters. */
const MAX_BODY = 65_000;

/** The hidden marker an inline comment carries. */
export function findingMarker(fingerprint: string): string {
  return `<!-- ${MARKER_PREFIX}finding ${fingerprint} -->`;
}

/** The fingerprint in a bot comment's marker, or undefined for other comments. */
export function fingerprintOfComment(body: string): string | undefined {
  return /<!-- review-bot:finding ([0-9a-zA-Z_-]+) -->/.exec(body)?.[1];
}

/** The fingerprint a bot "resolved" reply refers to. */
export function fingerprintOfResolvedReply(body: string): string | undefined {
  return /<!-- review-bot:resolved ([0-9a-zA-Z_-]+) -->/.exec(body)?.[1];
}

/** True for a review the bot wrote. */
export function isBotReview(body: string): boolean {
  return body.includes(REVIEW_MARKER);
}

/** The run id hidden in a bot review body. */
export function runIdOfReview(body: string): string | undefined {
  return /<!-- review-bot:run ([^ ]+) -->/.exec(body)?.[1];
}

/** Fingerprints a bot review lists in its body, with the reason given there. */
export function listedFingerprints(body: string): { fingerprint: string; reason: BodyReason | undefined }[] {
  const match = /<!-- review-bot:listed ([^>]*) -->/.exec(body);
  const entries =
    match?.[1]
      ?.split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '') ?? [];
  return entries.map((entry) => {
    const [fingerprint = '', reason] = entry.split(':');
    return { fingerprint, reason: BODY_REASONS.find((r) => r === reason) };
  });
}

/** Most severe first: security, then severity, then place. */
export function compareForReview(a: MarkedFinding, b: MarkedFinding): number {
  return (
    Number(b.finding.security) - Number(a.finding.security) ||
    severityRank(a.finding.severity) - severityRank(b.finding.severity) ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.finding.line - b.finding.line ||
    a.finding.column - b.finding.column ||
    (a.finding.ruleId < b.finding.ruleId ? -1 : a.finding.ruleId > b.finding.ruleId ? 1 : 0)
  );
}

/** Plans the review: what to post, update, delete and reply. */
export function planReview(input: PlanInput): ReviewPlan {
  const findings = uniqueByFingerprint(input.marked.filter((m) => m.selected)).sort(compareForReview);
  const current = new Set(findings.map((m) => m.finding.fingerprint));
  const botComments = input.comments.filter(
    (c) => c.inReplyToId === undefined && fingerprintOfComment(c.body) !== undefined,
  );
  const botReviews = input.reviews.filter((r) => isBotReview(r.body));
  const commented = new Set(botComments.map((c) => fingerprintOfComment(c.body) ?? ''));
  const previousReasons = new Map<string, BodyReason | undefined>();
  for (const review of botReviews)
    for (const entry of listedFingerprints(review.body)) previousReasons.set(entry.fingerprint, entry.reason);
  const listed = new Set(previousReasons.keys());

  const alreadyCommented = findings.filter((m) => commented.has(m.finding.fingerprint));
  const fresh = findings.filter((m) => !commented.has(m.finding.fingerprint) && !listed.has(m.finding.fingerprint));
  const inline: MarkedFinding[] = [];
  for (const m of fresh) if (m.commentLine !== undefined && inline.length < input.maxComments) inline.push(m);
  const inlineSet = new Set(inline);
  const inBody = findings
    .filter((m) => !commented.has(m.finding.fingerprint) && !inlineSet.has(m))
    // A finding listed before keeps the reason given then, so an unchanged review reads the same.
    .map((marked) => ({
      marked,
      reason:
        (listed.has(marked.finding.fingerprint) ? previousReasons.get(marked.finding.fingerprint) : undefined) ??
        reasonFor(marked),
    }));

  const renderBody = (bodyList: readonly { marked: MarkedFinding; reason: BodyReason }[]): string =>
    reviewBody(input, findings, bodyList);
  const body = renderBody(inBody);
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
      body: withRunId(body, input.runId),
      comments: inline.map((m) => ({
        path: m.path,
        line: m.commentLine ?? m.finding.line,
        side: 'RIGHT',
        body: commentBody(m.finding, input.ruleInfo?.(m.finding.ruleId)),
        fingerprint: m.finding.fingerprint,
      })),
      fallbackBody: withRunId(renderBody(rejected), input.runId),
    };
  } else if (latestReview !== undefined && visible(latestReview.body) !== visible(body)) {
    update = { reviewId: latestReview.id, body: withRunId(body, input.runId), htmlUrl: latestReview.htmlUrl };
  }
  const cleanup = planCleanup(input, botComments, current);
  return {
    create,
    update,
    ...cleanup,
    findings,
    alreadyCommented,
    inBody,
    latestReview,
    summary: visible(body),
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
    const fingerprint = fingerprintOfComment(comment.body) ?? '';
    const thread = replies.get(comment.id) ?? [];
    const duplicate = seen.has(fingerprint);
    seen.add(fingerprint);
    const gone = !current.has(fingerprint) && !failed.has(ruleOfComment(comment.body) ?? '');
    if (!gone && !duplicate) continue;
    if (thread.length === 0) {
      plannedDeletes.push({ commentId: comment.id, fingerprint });
    } else if (gone && !thread.some((r) => fingerprintOfResolvedReply(r.body) === fingerprint)) {
      plannedReplies.push({
        commentId: comment.id,
        fingerprint,
        body: `${resolvedMarker(fingerprint)}\nResolved: review-bot no longer reports this finding at ${input.commitId.slice(0, 12)}.`,
      });
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

/** The review body: the seed-style review, the findings not commented inline, hidden markers. */
function reviewBody(
  input: PlanInput,
  findings: readonly MarkedFinding[],
  inBody: readonly { marked: MarkedFinding; reason: BodyReason }[],
): string {
  const parts = [input.renderReview(findings.map((m) => ({ ...m.finding, file: m.path }))).trim()];
  if (input.note !== undefined) parts.push(`> [!NOTE]\n> ${input.note}`);
  if (inBody.length > 0) {
    const items = inBody.map(({ marked, reason }) => bodyItem(marked, reason));
    parts.push(`### Not commented inline (${inBody.length})\n\n${fitLines(items, MAX_BODY / 2)}`);
  }
  const listed = `<!-- ${MARKER_PREFIX}listed ${inBody.map((b) => `${b.marked.finding.fingerprint}:${b.reason}`).join(',')} -->`;
  // The markers must survive: the visible text is cut first.
  const budget = Math.max(5_000, MAX_BODY - listed.length - REVIEW_MARKER.length - 200);
  return `${REVIEW_MARKER}\n${truncate(parts.join('\n\n'), budget)}\n\n${listed}`;
}

/** One line of the "not commented inline" list. */
function bodyItem(marked: MarkedFinding, reason: BodyReason): string {
  const f = marked.finding;
  return `- \`${marked.path}:${f.line}\` ${severityLabel(f)} \`${f.ruleId}\`: ${f.message} ${f.recommendation} _(${REASONS[reason]})_`;
}

/** What a comment says about its rule. */
export interface RuleInfo {
  title: string;
  rationale: string;
  /** The rule's page (report/docs-url.ts). */
  docsUrl: string;
}

/** The body of an inline comment: severity and rule, message, recommendation, why it matters, evidence, hidden fingerprint. */
export function commentBody(finding: Finding, rule?: RuleInfo): string {
  const parts = [
    findingMarker(finding.fingerprint),
    `${severityLabel(finding)} · ${rule === undefined ? `(\`${finding.ruleId}\`)` : `${rule.title} ([\`${finding.ruleId}\`](${rule.docsUrl}))`}`,
    '',
    finding.message,
    '',
    `**Recommendation:** ${finding.recommendation}`,
  ];
  if (rule !== undefined) parts.push('', `_Why it matters:_ ${rule.rationale}`);
  if (finding.evidence.length > 0) {
    const notes = finding.evidence.map(
      (e) => `- ${e.note}${e.file === undefined ? '' : ` (\`${e.file}${e.line === undefined ? '' : `:${e.line}`}\`)`}`,
    );
    parts.push('', '<details><summary>Evidence</summary>', '', fitLines(notes, 20_000), '', '</details>');
  }
  parts.push(`<!-- ${MARKER_PREFIX}rule ${finding.ruleId} -->`);
  return truncate(parts.join('\n'), MAX_BODY);
}

/** The rule id a bot comment names. */
function ruleOfComment(body: string): string | undefined {
  return /<!-- review-bot:rule ([^ ]+) -->/.exec(body)?.[1];
}

/** "**Error**", "**Warning**" or "**Info**", with "security" for security findings. */
function severityLabel(finding: Finding): string {
  const name = finding.severity.charAt(0).toUpperCase() + finding.severity.slice(1);
  return finding.security ? `**${name} (security)**` : `**${name}**`;
}

/** The marker of a "resolved" reply. */
function resolvedMarker(fingerprint: string): string {
  return `<!-- ${MARKER_PREFIX}resolved ${fingerprint} -->`;
}

/** Adds the run id marker. */
function withRunId(body: string, runId: string | undefined): string {
  return runId === undefined ? body : `${body}\n<!-- ${MARKER_PREFIX}run ${runId} -->`;
}

/** The body without hidden markers, for comparing and for the job summary. */
export function visible(body: string): string {
  return body.replace(/<!-- review-bot:[^>]*-->\n*/g, '').trim();
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

/** Joins lines until the budget is spent, then says how many were left out. */
function fitLines(lines: readonly string[], budget: number): string {
  const kept: string[] = [];
  let size = 0;
  for (const line of lines) {
    if (size + line.length + 1 > budget) {
      kept.push(`- … and ${lines.length - kept.length} more (see the job summary)`);
      break;
    }
    kept.push(line);
    size += line.length + 1;
  }
  return kept.join('\n');
}

/** Cuts text to a length, saying so. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 60)}\n\n… (cut: GitHub limits a body to 65536 characters)`;
}
