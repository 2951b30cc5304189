/**
 * The hidden markers review-bot leaves in what it posts, and how it reads them back (after reviewdog's
 * commentutil, kept apart from planning and posting).
 *
 * Forgery-proof by position: a marker is read only from a line the bot alone writes, never searched for.
 * - A review body starts with the line `<!-- review-bot:review -->` and ends with the line
 *   `<!-- review-bot:state run=<id> listed=<entries> -->`.
 * - An inline comment ends with the line `<!-- review-bot:finding <fingerprint> <rule> -->`.
 * - A "resolved" reply ends with the line `<!-- review-bot:resolved <fingerprint> -->`.
 * Every other line holds repository text only through the Markdown escaper, which writes `<` as `\<` and
 * keeps code spans on one line, so no such line can equal a marker line (test/escaping.test.ts proves it
 * for arbitrary text); and even a line that did would not be read, since only the first and last lines are.
 *
 * The listed fingerprints are compact: 8 base64url characters of a hash per finding plus one letter for
 * the reason, without separators (9 characters each: 3,000 findings take 27,000 characters).
 */
import { createHash } from 'node:crypto';

/** Why a finding of the pull request is in the body instead of on a line. */
export type BodyReason = 'outside-diff' | 'no-patch' | 'limit' | 'rejected';

const BODY_REASONS: readonly BodyReason[] = ['outside-diff', 'no-patch', 'limit', 'rejected'];

/** One letter per reason, for the compact list. */
const REASON_CODE: Readonly<Record<BodyReason, string>> = {
  'outside-diff': 'o',
  'no-patch': 'n',
  limit: 'l',
  rejected: 'r',
};

const KEY_LENGTH = 8;
const ENTRY_LENGTH = KEY_LENGTH + 1;

/** First line of every bot review. */
const REVIEW_MARKER = '<!-- review-bot:review -->';
const STATE_LINE = /^<!-- review-bot:state run=([\w.-]+) listed=([\w-]*) -->$/;
const FINDING_LINE = /^<!-- review-bot:finding ([\w-]+) ([\w-]+) -->$/;
/** Before markers moved to the end, an inline comment started with this line. */
const LEGACY_FINDING_LINE = /^<!-- review-bot:finding ([\w-]+) -->$/;
const RESOLVED_LINE = /^<!-- review-bot:resolved ([\w-]+) -->$/;

/** What a bot review remembers: the run that wrote it, and the findings its body lists (by key). */
export interface ReviewState {
  runId: string | undefined;
  listed: ReadonlyMap<string, BodyReason>;
}

/** The short key of a fingerprint in a review's listed entries. */
export function listedKey(fingerprint: string): string {
  return createHash('sha256').update(fingerprint).digest('base64url').slice(0, KEY_LENGTH);
}

/** A review body: the first-line marker, the text, the last-line state. */
export function markReview(text: string, runId: string | undefined, listed: readonly ListedEntry[]): string {
  return `${REVIEW_MARKER}\n${text}\n\n${stateLine(runId, listed)}`;
}

/** A finding listed in a review body, with the reason it is there. */
export interface ListedEntry {
  fingerprint: string;
  reason: BodyReason;
}

/** The last line of a review body. A run id outside `[\w.-]` is written with `_` in place of other characters. */
export function stateLine(runId: string | undefined, listed: readonly ListedEntry[]): string {
  const run = runId === undefined || runId === '' ? '-' : runId.replace(/[^\w.-]/g, '_');
  const entries = listed.map((e) => listedKey(e.fingerprint) + REASON_CODE[e.reason]).join('');
  return `<!-- review-bot:state run=${run} listed=${entries} -->`;
}

/** The state of a bot review, or undefined when the body is not one the bot wrote. */
export function readReviewState(body: string): ReviewState | undefined {
  const lines = body.trimEnd().split(/\r?\n/);
  if (lines[0] !== REVIEW_MARKER) return undefined;
  const state = STATE_LINE.exec(lines.at(-1) ?? '');
  if (state === null) return { runId: undefined, listed: new Map() };
  const [, run = '-', entries = ''] = state;
  const listed = new Map<string, BodyReason>();
  for (let at = 0; at + ENTRY_LENGTH <= entries.length; at += ENTRY_LENGTH) {
    const reason = reasonOfCode(entries.charAt(at + KEY_LENGTH));
    if (reason !== undefined) listed.set(entries.slice(at, at + KEY_LENGTH), reason);
  }
  return { runId: run === '-' ? undefined : run, listed };
}

/** The reason a one-letter code stands for. */
function reasonOfCode(code: string): BodyReason | undefined {
  return BODY_REASONS.find((reason) => REASON_CODE[reason] === code);
}

/** The run id hidden in a bot review body. */
export function runIdOfReview(body: string): string | undefined {
  return readReviewState(body)?.runId;
}

/** The text of a review body without its marker lines, for comparing two bodies. */
export function reviewText(body: string): string {
  const lines = body.trimEnd().split(/\r?\n/);
  if (lines[0] === REVIEW_MARKER) lines.shift();
  if (STATE_LINE.test(lines.at(-1) ?? '')) lines.pop();
  return lines.join('\n').trim();
}

/** An inline comment: the text, then the marker line naming its finding and rule. */
export function markComment(text: string, fingerprint: string, ruleId: string): string {
  return `${text}\n\n<!-- review-bot:finding ${safeToken(fingerprint)} ${safeToken(ruleId)} -->`;
}

/** The finding and rule a bot comment's last line names; undefined for other comments. */
export function readCommentMarker(body: string): { fingerprint: string; ruleId: string | undefined } | undefined {
  const lines = body.trimEnd().split(/\r?\n/);
  const marker = FINDING_LINE.exec(lines.at(-1) ?? '');
  if (marker !== null) return { fingerprint: marker[1] ?? '', ruleId: marker[2] };
  const legacy = LEGACY_FINDING_LINE.exec(lines[0] ?? '');
  return legacy === null ? undefined : { fingerprint: legacy[1] ?? '', ruleId: legacyRule(lines) };
}

/** The rule an old-style comment named on its last line. */
function legacyRule(lines: readonly string[]): string | undefined {
  return /^<!-- review-bot:rule ([\w-]+) -->$/.exec(lines.at(-1) ?? '')?.[1];
}

/** The fingerprint of a bot comment, or undefined for other comments. */
export function fingerprintOfComment(body: string): string | undefined {
  return readCommentMarker(body)?.fingerprint;
}

/** A "resolved" reply: the text, then the marker line naming the finding. */
export function markResolved(text: string, fingerprint: string): string {
  return `${text}\n\n<!-- review-bot:resolved ${safeToken(fingerprint)} -->`;
}

/** The fingerprint a bot "resolved" reply refers to. */
export function fingerprintOfResolvedReply(body: string): string | undefined {
  return RESOLVED_LINE.exec(body.trimEnd().split(/\r?\n/).at(-1) ?? '')?.[1];
}

/** Fingerprints and rule ids are `[\w-]`; anything else is replaced so a marker stays one parseable line. */
function safeToken(text: string): string {
  return text === '' ? '-' : text.replace(/[^\w-]/g, '_');
}
