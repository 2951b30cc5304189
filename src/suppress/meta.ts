import type { RuleMeta } from '../model/rule.js';

/** The message ids of the engine's own `suppression` findings. */
export type SuppressionMessageId = 'missingReason' | 'unknownRule' | 'unusedSuppression';

/**
 * Metadata of `suppression`, the findings the engine (not a rule) reports
 * about `review-bot-disable` comments. It is configured like a rule
 * (`"rules": { "suppression": "off" | <severity> }`) and documented in
 * rules/suppression.md.
 */
export const SUPPRESSION_META: RuleMeta<SuppressionMessageId, Record<string, never>> = {
  id: 'suppression',
  description: 'Require suppression comments to name known rules, give a reason, and suppress something',
  category: 'suspicious',
  defaultSeverity: 'warning',
  stability: 'stable',
  scope: 'file',
  needsTypeChecker: false,
  title: 'Suppression comments',
  rationale:
    'A suppression hides a finding from every later review, so it must say why, name a real rule, and still be needed.',
  messages: {
    missingReason: {
      message: 'Suppression of {{rules}} gives no reason.',
      recommendation: 'Add ` -- ` and the reason after the rule ids, e.g. `-- the lock is held by the caller`.',
    },
    unknownRule: {
      message: 'Suppression names {{rule}}, which is not a review-bot rule.',
      recommendation: 'Use a rule id from the rules table, or remove {{rule}} from the comment.',
    },
    unusedSuppression: {
      message: 'Suppression of {{rule}} matches no finding.',
      recommendation: 'Remove the comment, or {{rule}} from it: the finding it suppressed is gone.',
    },
  },
  options: { defaults: {}, schema: { type: 'object', properties: {}, additionalProperties: false } },
};

/** The prefix of every directive, after the comment's delimiters. */
const DIRECTIVE_PREFIX = 'review-bot-';

/** False when a file's text cannot hold a directive (no comment can start with the prefix): nothing to parse. */
export function mayHoldDirectives(text: string): boolean {
  return text.includes(DIRECTIVE_PREFIX);
}
