/**
 * The one source of user-facing snippets and lists: every message quotes
 * source text through `shorten` and lists names through `listOf`.
 */

/** Longest snippet of source text a message quotes, ellipsis included. */
const MAX_SNIPPET = 60;

/** Source text on one line (line breaks and their indentation become one space), cut to 60 characters with a trailing `…`. */
export function shorten(text: string): string {
  const oneLine = text.replace(/\s*\n\s*/g, ' ').trim();
  return oneLine.length <= MAX_SNIPPET ? oneLine : `${oneLine.slice(0, MAX_SNIPPET - 1)}…`;
}

/** Text as a Markdown code span whose fence is longer than any backtick run inside it. */
export function codeSpan(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = longestRun > 0 || text.startsWith(' ') || text.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A list in prose: `a`, `a and b`, `a, b and c`; empty for no items. */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/** A list in prose of at most `max` items, the rest counted: `a, b, c and 2 more`; `listOf` when all fit. */
export function listFirst(items: readonly string[], max: number): string {
  const rest = items.length - max;
  return rest > 0 ? `${items.slice(0, max).join(', ')} and ${String(rest)} more` : listOf(items);
}

/**
 * The tail that stands for the items a message does not name, in prose:
 * empty for none, ` and 1 other field`, ` and 3 other fields`; the message
 * names the first item in code itself (`\`{{field}}\`{{others}}`).
 */
export function andOthers(count: number, noun: string): string {
  return count <= 0 ? '' : ` and ${String(count)} other ${plural(count, noun).replace(/^\d+ /, '')}`;
}

/** A count with its noun: `1 module`, `3 modules`. */
export function plural(count: number, noun: string): string {
  return `${String(count)} ${noun}${count === 1 ? '' : 's'}`;
}
