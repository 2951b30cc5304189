import { fingerprint } from '../analyse/fingerprint.js';
import { compareFindings } from '../model/finding-text.js';
import type { Finding } from '../model/finding.js';
import type { Severity } from '../model/severity.js';
import type { EslintMessage, EslintResult } from './eslint-results.js';

/** What mapping ESLint's messages needs besides them. */
export interface MappingContext {
  /** Path relative to the analysed root, POSIX separators, of an absolute file path. */
  relativePath: (absolute: string) => string;
  /** The dotted symbol path around a place of a file (relative path), '' when unknown. */
  symbolAt: (file: string, line: number, column: number) => string;
  /** Documentation URL per ESLint rule id. */
  docsUrls: ReadonlyMap<string, string>;
}

/**
 * ESLint's messages as our findings: rule id `eslint/<rule>`, severity 2 ->
 * error and 1 -> warning, the same range conventions (ESLint's columns are
 * 1-based UTF-16 code units too), and fingerprints made like ours from the
 * rule, the file, the enclosing symbol path (or the message when there is
 * none) and an ordinal.
 */
export function findingsFromEslint(results: readonly EslintResult[], context: MappingContext): Finding[] {
  const findings: Finding[] = [];
  const keys = new Map<Finding, string>();
  for (const result of results) {
    const file = context.relativePath(result.filePath);
    for (const message of result.messages) {
      const severity = severityOf(message.severity);
      if (severity === undefined) continue;
      const finding = toFinding(message, file, severity, context);
      const symbol = context.symbolAt(file, finding.line, finding.column);
      if (symbol !== '') finding.symbol = symbol;
      keys.set(finding, symbol === '' ? message.message : symbol);
      findings.push(finding);
    }
  }
  findings.sort(compareFindings);
  const ordinals = new Map<string, number>();
  for (const finding of findings) {
    const symbol = keys.get(finding) ?? '';
    const key = [finding.ruleId, finding.file, symbol, finding.messageId].join('\u0000');
    const ordinal = ordinals.get(key) ?? 0;
    ordinals.set(key, ordinal + 1);
    finding.fingerprint = fingerprint(finding.ruleId, finding.file, symbol, finding.messageId, ordinal);
  }
  return findings;
}

/** ESLint's numeric severity as ours; 0 (off) never reaches results, and anything else is not a finding. */
function severityOf(severity: number): Severity | undefined {
  if (severity === 2) return 'error';
  if (severity === 1) return 'warning';
  return undefined;
}

/** One message as a finding, without its fingerprint. */
function toFinding(message: EslintMessage, file: string, severity: Severity, context: MappingContext): Finding {
  const rule = message.ruleId ?? (message.fatal === true ? 'parse-error' : 'directive');
  const line = Math.max(1, Math.trunc(message.line));
  const column = Math.max(1, Math.trunc(message.column));
  const endLine = Math.max(line, Math.trunc(message.endLine ?? line));
  const endColumn = Math.max(endLine === line ? column : 1, Math.trunc(message.endColumn ?? column));
  return {
    ruleId: `eslint/${rule}`,
    messageId: message.messageId ?? rule,
    severity,
    security: false,
    file,
    line,
    column,
    endLine,
    endColumn,
    message: message.message,
    recommendation: recommendationOf(message, rule, context.docsUrls.get(rule)),
    data: {},
    evidence: [],
    fingerprint: '',
  };
}

/** What to do: follow the rule's documentation when ESLint knows its URL. */
function recommendationOf(message: EslintMessage, rule: string, url: string | undefined): string {
  if (message.ruleId === null) {
    return message.fatal === true
      ? 'Fix the syntax error so that ESLint can parse the file.'
      : 'Remove or correct the ESLint directive comment.';
  }
  return url === undefined
    ? `Change the code as the project's ESLint rule \`${rule}\` requires.`
    : `Change the code as the ESLint rule \`${rule}\` requires: ${url}`;
}
