import type { AnalysisResult, Finding } from '../model/finding.js';
import { plural } from './plural.js';

/**
 * The review's first line. It says "No security defects are detected in the
 * code." only when every security rule ran over every file and found nothing;
 * otherwise it counts the defects and says where, or says what was not checked.
 */
export function verdictLine(result: AnalysisResult, findings: readonly Finding[] = result.findings): string {
  const defects = findings.filter((f) => f.security);
  const known = result.securityRulesKnown;
  const ran = result.securityRulesRun;
  if (defects.length > 0) {
    const places = unique(defects.map((f) => `${f.file}:${String(f.line)}`));
    const shown =
      places.length <= 3 ? places.join(', ') : `${places.slice(0, 3).join(', ')} and ${String(places.length - 3)} more`;
    const noun = defects.length === 1 ? 'security defect was' : 'security defects were';
    return `${String(defects.length)} ${noun} detected, in ${shown}.${partialNote(result)}`;
  }
  if (known.length === 0 || ran.length === 0) {
    const failed = unique(result.failures.map((f) => f.ruleId).filter((id) => known.includes(id)));
    return failed.length === 0
      ? 'Security was not checked: no security rules are enabled.'
      : `Security was not checked: every security rule enabled failed (${failed.join(', ')}); see the log.`;
  }
  const gaps = coverageGaps(result);
  if (gaps.length > 0)
    return `No security defects were found, but security was only partly checked: ${gaps.join('; ')}.`;
  return 'No security defects are detected in the code.';
}

/**
 * What the security rules did not cover: rules that were disabled or failed, files left out unread (a syntax error, or
 * past a budget: too large, too deep, minified; each file's notice says which).
 */
function coverageGaps(result: AnalysisResult): string[] {
  const gaps: string[] = [];
  const ran = new Set(result.securityRulesRun);
  const missing = result.securityRulesKnown.filter((id) => !ran.has(id));
  if (missing.length > 0)
    gaps.push(
      `${String(missing.length)} of ${String(result.securityRulesKnown.length)} security rules did not run (${missing.join(', ')})`,
    );
  const unparsed = result.unparsedFiles.length;
  if (unparsed > 0)
    gaps.push(
      `${plural(unparsed, 'file')} ${unparsed === 1 ? 'was' : 'were'} not analysed (${result.unparsedFiles.slice(0, 3).join(', ')}${unparsed > 3 ? ', …' : ''})`,
    );
  return gaps;
}

function partialNote(result: AnalysisResult): string {
  const gaps = coverageGaps(result);
  return gaps.length === 0 ? '' : ` Security was only partly checked: ${gaps.join('; ')}.`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
