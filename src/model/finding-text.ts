/**
 * How findings are worded and ordered, shared by the engine and the suppress
 * stage. It loads nothing else: a cache hit sorts and suppresses stored
 * findings without loading the compiler (src/cache/fast.ts).
 */
import type { Finding } from './finding.js';

/** Replaces `{{name}}` placeholders; a missing value is a bug in the rule. */
export function fill(template: string, data: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const value = data[name];
    if (value === undefined) throw new Error(`message placeholder {{${name}}} has no data`);
    return String(value);
  });
}

/** Sort order of findings everywhere: file, line, column, rule id, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
