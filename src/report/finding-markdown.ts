/** The parts of a finding every Markdown output shows, escaped once here: place, symbol, message, recommendation. */
import type { Finding } from '../model/finding.js';
import type { MessageText } from '../model/rule.js';
import { codeSpan, markdownMessage } from './escape/markdown.js';

/** A rule's message templates by message id, as rule metadata carries them. */
export type MessageTemplates = Readonly<Record<string, MessageText>>;

/** The finding's message as Markdown, re-rendered from its template when known. */
export function markdownFindingMessage(finding: Finding, templates: MessageTemplates | undefined): string {
  return markdownMessage(templates?.[finding.messageId]?.message, finding.data, finding.message);
}

/** The finding's recommendation as Markdown, re-rendered from its template when known. */
export function markdownRecommendation(finding: Finding, templates: MessageTemplates | undefined): string {
  return markdownMessage(templates?.[finding.messageId]?.recommendation, finding.data, finding.recommendation);
}

/** `path:line` as a code span. */
export function markdownPlace(file: string, line: number | undefined): string {
  return codeSpan(line === undefined ? file : `${file}:${String(line)}`);
}
