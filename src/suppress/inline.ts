import { fingerprint } from '../analyse/fingerprint.js';
import { compareFindings, fill } from '../model/finding-text.js';
import type { Finding } from '../model/finding.js';
import type { Range } from '../model/range.js';
import type { Severity } from '../model/severity.js';
import type { Directive } from './directives.js';
import { SUPPRESSION_META } from './meta.js';
import type { SuppressionMessageId } from './meta.js';

/** What inline suppressions are applied to. */
export interface InlineInput {
  /** The run's findings (none suppressed yet). */
  findings: readonly Finding[];
  /** The reported files' directives (`parseDirectives`), by path relative to the root (POSIX). */
  files: ReadonlyMap<string, readonly Directive[]>;
  /** Every rule id a comment may name. */
  knownRules: ReadonlySet<string>;
  /** The rules that ran: only their suppressions can be found unused. */
  rulesRun: ReadonlySet<string>;
  /** Severity of `suppression` findings; undefined when the configuration turns them off. */
  severity: Severity | undefined;
}

/**
 * Marks the findings that `review-bot-disable` comments suppress (kept, with
 * the comment's reason) and adds `suppression` findings for comments with no
 * reason, unknown rule ids, or nothing to suppress. Returns every finding,
 * sorted.
 */
export function applyInlineSuppressions(input: InlineInput): Finding[] {
  const byFile = groupByFile(input.findings);
  const out: Finding[] = [];
  for (const [path, findings] of byFile) if (!input.files.has(path)) out.push(...findings);
  for (const [path, directives] of input.files) {
    const findings = byFile.get(path) ?? [];
    if (directives.length === 0) {
      out.push(...findings);
      continue;
    }
    const used = new Map<Directive, Set<string>>();
    for (const finding of findings) out.push(suppressIfCovered(finding, directives, used));
    if (input.severity !== undefined) out.push(...problemsOf(path, directives, used, input, input.severity));
  }
  assignSuppressionFingerprints(out);
  return out.sort(compareFindings);
}

/** The finding, marked suppressed when a directive covers it (the first one is recorded as used). */
function suppressIfCovered(
  finding: Finding,
  directives: readonly Directive[],
  used: Map<Directive, Set<string>>,
): Finding {
  const directive = directives.find((d) => covers(d, finding, directives));
  if (directive === undefined) return finding;
  const rules = used.get(directive) ?? new Set<string>();
  rules.add(finding.ruleId);
  used.set(directive, rules);
  const suppressed =
    directive.reason === undefined
      ? { kind: 'inline' as const }
      : { kind: 'inline' as const, reason: directive.reason };
  return { ...finding, suppressed };
}

/** True when a disable directive covers the finding's start. */
function covers(directive: Directive, finding: Finding, all: readonly Directive[]): boolean {
  if (!names(directive, finding.ruleId)) return false;
  switch (directive.kind) {
    case 'disable-line':
      return finding.line === directive.line;
    case 'disable-next-line':
      return finding.line === directive.endLine + 1;
    case 'disable':
      return before(directive, finding) && !reEnabled(directive, finding, all);
    case 'enable':
      return false;
  }
}

/** True when an enable directive for the rule sits between the disable directive and the finding. */
function reEnabled(disable: Directive, finding: Finding, all: readonly Directive[]): boolean {
  return all.some((d) => d.kind === 'enable' && before(disable, d) && before(d, finding) && names(d, finding.ruleId));
}

/** True when the directive applies to the rule (no list means every rule). */
function names(directive: Directive, ruleId: string): boolean {
  return directive.rules.length === 0 || directive.rules.includes(ruleId);
}

/** True when `a` starts before `b`. */
function before(a: Range, b: Range): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

/** The `suppression` findings of one file's directives. */
function problemsOf(
  file: string,
  directives: readonly Directive[],
  used: ReadonlyMap<Directive, ReadonlySet<string>>,
  input: InlineInput,
  severity: Severity,
): Finding[] {
  const out: Finding[] = [];
  const report = (directive: Directive, messageId: SuppressionMessageId, data: Record<string, string>): void => {
    out.push(problem(file, directive, messageId, data, severity));
  };
  for (const directive of directives) {
    const unknown = directive.rules.filter((r) => !input.knownRules.has(r));
    for (const rule of unknown) report(directive, 'unknownRule', { rule: codeSpan(rule) });
    if (directive.kind === 'enable') continue;
    if (directive.reason === undefined) report(directive, 'missingReason', { rules: ruleList(directive.rules) });
    const suppressed = used.get(directive) ?? new Set<string>();
    if (directive.rules.length === 0) {
      if (suppressed.size === 0 && input.rulesRun.size > 0)
        report(directive, 'unusedSuppression', { rule: 'every rule' });
      continue;
    }
    for (const rule of directive.rules) {
      if (input.rulesRun.has(rule) && !suppressed.has(rule))
        report(directive, 'unusedSuppression', { rule: codeSpan(rule) });
    }
  }
  return out;
}

/** One `suppression` finding at a directive's comment. */
function problem(
  file: string,
  directive: Directive,
  messageId: SuppressionMessageId,
  data: Record<string, string>,
  severity: Severity,
): Finding {
  const text = SUPPRESSION_META.messages[messageId];
  return {
    ruleId: SUPPRESSION_META.id,
    messageId,
    severity,
    security: false,
    file,
    line: directive.line,
    column: directive.column,
    endLine: directive.endLine,
    endColumn: directive.endColumn,
    message: fill(text.message, data),
    recommendation: fill(text.recommendation, data),
    data,
    evidence: [],
    fingerprint: '',
  };
}

/** Line-independent fingerprints for `suppression` findings: rule, file, message id and the rule named, numbered in order. */
function assignSuppressionFingerprints(findings: readonly Finding[]): void {
  const ordinals = new Map<string, number>();
  for (const finding of [...findings].sort(compareFindings)) {
    if (finding.ruleId !== SUPPRESSION_META.id || finding.fingerprint !== '') continue;
    const named = String(finding.data['rule'] ?? finding.data['rules'] ?? '');
    const key = [finding.file, finding.messageId, named].join('\u0000');
    const ordinal = ordinals.get(key) ?? 0;
    ordinals.set(key, ordinal + 1);
    finding.fingerprint = fingerprint(SUPPRESSION_META.id, finding.file, named, finding.messageId, ordinal);
  }
}

/** The rules a directive names, as code spans, or "every rule". */
function ruleList(rules: readonly string[]): string {
  if (rules.length === 0) return 'every rule';
  const spans = rules.map(codeSpan);
  return spans.length === 1 ? (spans[0] ?? '') : `${spans.slice(0, -1).join(', ')} and ${spans.at(-1) ?? ''}`;
}

/** Text from the repository as a Markdown code span whose fence is longer than any backtick run inside it. */
function codeSpan(text: string): string {
  const clean = text.replace(/\p{Cc}/gu, ' ');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** Findings by file. */
function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = out.get(finding.file) ?? [];
    list.push(finding);
    out.set(finding.file, list);
  }
  return out;
}
