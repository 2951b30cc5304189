import type { AnalysisResult, Finding } from '../model/finding.js';
import { TOOL } from '../meta.js';
import { verdictLine } from './verdict.js';

/**
 * The JSON report, a contract other tools read (version 1). Nothing in it
 * depends on the clock or on absolute paths: two runs give the same bytes.
 */
export function toJson(result: AnalysisResult): string {
  const byRule: Record<string, number> = {};
  for (const finding of result.findings) byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
  const report = {
    version: 1,
    tool: { name: TOOL.name, version: TOOL.version },
    verdict: verdictLine(result),
    findings: result.findings.map(toContract),
    ...(result.suppressed === undefined || result.suppressed.length === 0
      ? {}
      : { suppressed: result.suppressed.map((f) => ({ ...toContract(f), suppressed: f.suppressed })) }),
    summary: { files: result.fileCount, byRule: sortKeys(byRule) },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** One finding in the contract's shape and key order. */
function toContract(f: Finding): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    message: f.message,
    recommendation: f.recommendation,
    ...(f.symbol === undefined ? {} : { symbol: f.symbol }),
    fingerprint: f.fingerprint,
    ...(f.evidence.length === 0
      ? {}
      : {
          evidence: f.evidence.map((e) => ({
            note: e.note,
            ...(e.file === undefined ? {} : { file: e.file }),
            ...(e.line === undefined ? {} : { line: e.line }),
          })),
        }),
  };
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
