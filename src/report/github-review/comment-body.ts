/**
 * The Markdown of what the bot posts about one finding: an inline comment, or one line of a list in the
 * review body or the job summary. Repository text goes through the Markdown escaper (finding-markdown.ts);
 * rule titles and rationales are ours.
 */
import type { Finding } from '../../model/finding.js';
import { codeSpan, markdownMessage } from '../escape/markdown.js';
import type { MessageTemplates } from '../finding-markdown.js';
import { markdownFindingMessage, markdownPlace, markdownRecommendation } from '../finding-markdown.js';
import type { Suggestion } from '../suggestion.js';
import { suggestionBlock } from '../suggestion.js';
import { markComment } from './marker.js';

/** What a comment says about its rule; `messages` are its templates, for escaping data by where it stands. */
export interface RuleInfo {
  title: string;
  rationale: string;
  /** The rule's page (report/docs-url.ts), linked from the rule id. */
  docsUrl?: string | undefined;
  messages?: MessageTemplates | undefined;
}

/** GitHub rejects review and comment bodies over 65,536 characters. */
export const MAX_BODY = 65_000;
/** Evidence notes in one comment, at most. */
const MAX_EVIDENCE = 50;

/**
 * The body of an inline comment: severity and rule, message, recommendation, the suggested change (a
 * GitHub suggestion block, when the comment spans the lines it replaces), why it matters, evidence,
 * hidden fingerprint. Over GitHub's limit (only with thousands of evidence notes or huge quoted values),
 * the evidence goes first, then the message gives way to a pointer to the job summary.
 */
export function commentBody(finding: Finding, rule?: RuleInfo, suggestion?: Suggestion): string {
  const full = commentText(finding, rule, suggestion, true);
  const text = full.length <= MAX_BODY - 200 ? full : commentText(finding, rule, suggestion, false);
  const fits = text.length <= MAX_BODY - 200;
  return markComment(fits ? text : tooLongText(finding, rule), finding.fingerprint, finding.ruleId);
}

/** The visible text of a comment, with or without its evidence. */
function commentText(
  finding: Finding,
  rule: RuleInfo | undefined,
  suggestion: Suggestion | undefined,
  withEvidence: boolean,
): string {
  const parts = [
    `${severityLabel(finding)} · ${rule === undefined ? '' : `${rule.title} `}(${ruleLink(finding.ruleId, rule?.docsUrl)})`,
    '',
    markdownFindingMessage(finding, rule?.messages),
    '',
    `**Recommendation:** ${markdownRecommendation(finding, rule?.messages)}`,
  ];
  // Repository text, fenced longer than any backtick run in it (suggestion.ts), so it cannot close the block.
  if (suggestion !== undefined) parts.push('', suggestionBlock(suggestion));
  if (rule !== undefined) parts.push('', `_Why it matters:_ ${rule.rationale}`);
  if (withEvidence && finding.evidence.length > 0) {
    const notes = finding.evidence.slice(0, MAX_EVIDENCE).map(evidenceLine);
    const rest = finding.evidence.length - notes.length;
    if (rest > 0) notes.push(`- … and ${String(rest)} more`);
    parts.push('', '<details><summary>Evidence</summary>', '', ...notes, '', '</details>');
  }
  return parts.join('\n');
}

/** The rule id as code, linked to its page when there is one (our URL, never repository text). */
function ruleLink(ruleId: string, docsUrl: string | undefined): string {
  return docsUrl === undefined ? codeSpan(ruleId) : `[${codeSpan(ruleId)}](${docsUrl})`;
}

/** A comment whose message is too long for GitHub: where to read it instead. */
function tooLongText(finding: Finding, rule: RuleInfo | undefined): string {
  const title = rule === undefined ? '' : `${rule.title} `;
  return `${severityLabel(finding)} · ${title}(${codeSpan(finding.ruleId)})\n\nThe message is too long for a comment; the job summary lists it.`;
}

/** One evidence note, with its place. */
function evidenceLine(evidence: Finding['evidence'][number]): string {
  const place = evidence.file === undefined ? '' : ` (${markdownPlace(evidence.file, evidence.line)})`;
  return `- ${markdownMessage(undefined, {}, evidence.note)}${place}`;
}

/** One line of a list of findings: place, severity, rule, message, recommendation, and where it stands. */
export function findingLine(finding: Finding, path: string, status: string, rule?: RuleInfo): string {
  const message = markdownFindingMessage(finding, rule?.messages);
  const advice = markdownRecommendation(finding, rule?.messages);
  return `- ${markdownPlace(path, finding.line)} ${severityLabel(finding)} ${codeSpan(finding.ruleId)}: ${message} ${advice} _(${status})_`;
}

/** "**Error**", "**Warning**" or "**Info**", with "security" for security findings. */
function severityLabel(finding: Finding): string {
  const name = finding.severity.charAt(0).toUpperCase() + finding.severity.slice(1);
  return finding.security ? `**${name} (security)**` : `**${name}**`;
}
