import type { AnalysisResult, Finding } from '../model/finding.js';
import { markdownOfParts, type TextPart } from './escape/markdown.js';
import { plural } from './plural.js';

/**
 * The review's first line. It says "No security defects are detected in the
 * code." only when every security rule ran over every file and found nothing;
 * otherwise it counts the defects and says where, or says what was not checked.
 */
export function verdictLine(result: AnalysisResult, findings: readonly Finding[] = result.findings): string {
  return verdictParts(result, findings)
    .map((part) => part.text)
    .join('');
}

/**
 * The verdict line as Markdown: the places and file names, which come from the
 * reviewed repository, as code spans (literal, never linked, and copied without
 * the invisible breaks that keep prose from being linked), the rest as text.
 */
export function verdictMarkdown(result: AnalysisResult, findings: readonly Finding[] = result.findings): string {
  return markdownOfParts(verdictParts(result, findings));
}

function verdictParts(result: AnalysisResult, findings: readonly Finding[]): TextPart[] {
  const defects = findings.filter((f) => f.security);
  const known = result.securityRulesKnown;
  const ran = result.securityRulesRun;
  if (defects.length > 0) {
    const places = unique(defects.map((f) => `${f.file}:${String(f.line)}`));
    const noun = defects.length === 1 ? 'security defect was' : 'security defects were';
    return [
      text(`${String(defects.length)} ${noun} detected, in `),
      ...listed(places, 3),
      text('.'),
      ...partialNote(result),
    ];
  }
  if (known.length === 0 || ran.length === 0) {
    const failed = unique(result.failures.map((f) => f.ruleId).filter((id) => known.includes(id)));
    return [
      text(
        failed.length === 0
          ? 'Security was not checked: no security rules are enabled.'
          : `Security was not checked: every security rule enabled failed (${failed.join(', ')}); see the log.`,
      ),
    ];
  }
  const gaps = coverageGaps(result);
  if (gaps.length > 0)
    return [text('No security defects were found, but security was only partly checked: '), ...gaps, text('.')];
  return [text('No security defects are detected in the code.')];
}

/**
 * What the security rules did not cover: rules that were disabled or failed, files left out unread (a syntax error, or
 * past a budget: too large, too deep, minified; each file's notice says which).
 */
function coverageGaps(result: AnalysisResult): TextPart[] {
  const gaps: TextPart[][] = [];
  const ran = new Set(result.securityRulesRun);
  const missing = result.securityRulesKnown.filter((id) => !ran.has(id));
  if (missing.length > 0)
    gaps.push([
      text(
        `${String(missing.length)} of ${String(result.securityRulesKnown.length)} security rules did not run (${missing.join(', ')})`,
      ),
    ]);
  const unparsed = result.unparsedFiles;
  if (unparsed.length > 0)
    gaps.push([
      text(`${plural(unparsed.length, 'file')} ${unparsed.length === 1 ? 'was' : 'were'} not analysed (`),
      ...codeList(unparsed.slice(0, 3)),
      text(unparsed.length > 3 ? ', …)' : ')'),
    ]);
  return gaps.flatMap((gap, index) => [...(index > 0 ? [text('; ')] : []), ...gap]);
}

function partialNote(result: AnalysisResult): TextPart[] {
  const gaps = coverageGaps(result);
  return gaps.length === 0 ? [] : [text(' Security was only partly checked: '), ...gaps, text('.')];
}

/** The first `shown` values as code, joined by commas, then "and N more" for the rest. */
function listed(values: readonly string[], shown: number): TextPart[] {
  const parts = codeList(values.slice(0, shown));
  if (values.length > shown) parts.push(text(` and ${String(values.length - shown)} more`));
  return parts;
}

/** Values as code, joined by commas. */
function codeList(values: readonly string[]): TextPart[] {
  return values.flatMap((value, index) => [...(index > 0 ? [text(', ')] : []), code(value)]);
}

function text(value: string): TextPart {
  return { text: value, code: false };
}

function code(value: string): TextPart {
  return { text: value, code: true };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
