import { createHash } from 'node:crypto';

/**
 * A line-independent fingerprint: the same finding keeps it when code moves.
 * `ordinal` tells apart findings that share rule, file, symbol and message id.
 */
export function fingerprint(ruleId: string, file: string, symbol: string, messageId: string, ordinal: number): string {
  const hash = createHash('sha256');
  hash.update([ruleId, file, symbol, messageId, String(ordinal)].join('\u0000'));
  return hash.digest('hex').slice(0, 20);
}
