import type { AnalysisResult, Finding, RuleMetaOfRun } from '../model/finding.js';
import type { Category } from '../model/rule.js';
import { severityRank } from '../model/severity.js';
import { codeSpan, escapeMarkdownText } from './escape/markdown.js';
import { markdownFindingMessage, markdownPlace, markdownRecommendation } from './finding-markdown.js';
import { plural } from './plural.js';
import { verdictMarkdown } from './verdict.js';

/** Options of the review composer. */
export interface ReviewOptions {
  /** The findings to review (e.g. those in a pull request); all of the result's by default. */
  findings?: readonly Finding[] | undefined;
  /** How many places to list per theme before summarising the rest. */
  maxPlaces?: number | undefined;
}

interface Theme {
  meta: RuleMetaOfRun | undefined;
  ruleId: string;
  findings: Finding[];
}

const DEFAULT_MAX_PLACES = 8;

/**
 * The review as Markdown: the security verdict, a numbered list with one item
 * per theme (rule), and an "Overall" paragraph. A pure function of the
 * findings: the same input always gives the same text.
 */
export function composeReview(result: AnalysisResult, options: ReviewOptions = {}): string {
  const findings = options.findings ?? result.findings;
  const metaById = new Map(result.rulesMeta.map((meta) => [meta.id, meta]));
  const themes = groupThemes(findings, metaById);
  const lines: string[] = [verdictMarkdown(result, findings), ''];
  if (themes.length === 0) {
    lines.push(
      `No other issues were found by the ${String(result.rulesRun.length)} rules that ran over ${plural(result.fileCount, 'file')}.`,
      '',
    );
  } else {
    const security = findings.some((f) => f.security);
    const count = plural(findings.length, 'finding');
    lines.push(
      security
        ? `The review found ${count} in ${plural(themes.length, 'theme')}, security first:`
        : `However, the review found ${count} in ${plural(themes.length, 'theme')}:`,
      '',
    );
    themes.forEach((theme, index) =>
      lines.push(...renderTheme(theme, index + 1, options.maxPlaces ?? DEFAULT_MAX_PLACES), ''),
    );
  }
  lines.push(overall(result, themes, findings));
  return `${lines.join('\n')}\n`;
}

/** Groups findings by rule: security first, then by severity, then by rule id. */
function groupThemes(findings: readonly Finding[], metaById: ReadonlyMap<string, RuleMetaOfRun>): Theme[] {
  const byRule = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byRule.get(finding.ruleId);
    if (list === undefined) byRule.set(finding.ruleId, [finding]);
    else list.push(finding);
  }
  const themes = [...byRule].map(([ruleId, list]) => ({ ruleId, meta: metaById.get(ruleId), findings: list }));
  return themes.sort((a, b) => themeRank(a) - themeRank(b) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

/** Order of categories within one severity: what breaks first, style last. */
const CATEGORY_ORDER: readonly Category[] = [
  'security',
  'concurrency',
  'correctness',
  'suspicious',
  'complexity',
  'tests',
  'docs',
  'style',
];

function themeRank(theme: Theme): number {
  const first = theme.findings[0];
  if (first === undefined) return 999;
  const worst = Math.min(...theme.findings.map((f) => severityRank(f.severity)));
  const category = theme.meta === undefined ? CATEGORY_ORDER.length : CATEGORY_ORDER.indexOf(theme.meta.category);
  return (first.security ? 0 : 100) + worst * 10 + category;
}

/**
 * One numbered item: title, places, why it matters, what to do. Repository text (file names, symbols,
 * message data) goes through the Markdown escaper; titles and rationales are ours.
 */
function renderTheme(theme: Theme, number: number, maxPlaces: number): string[] {
  const title = theme.meta?.title ?? escapeMarkdownText(theme.ruleId);
  const severities = [...new Set(theme.findings.map((f) => f.severity))].join('/');
  const out = [
    `${String(number)}. **${title}** (${codeSpan(theme.ruleId)}, ${severities}, ${plural(theme.findings.length, 'place')}):`,
  ];
  const templates = theme.meta?.messages;
  const recommendations = new Set(theme.findings.map((f) => f.recommendation));
  const shared = recommendations.size === 1;
  for (const finding of theme.findings.slice(0, maxPlaces)) {
    const symbol = finding.symbol === undefined ? '' : ` ${codeSpan(finding.symbol)}`;
    const advice = shared ? '' : ` ${markdownRecommendation(finding, templates)}`;
    const message = markdownFindingMessage(finding, templates);
    out.push(`   - ${markdownPlace(finding.file, finding.line)}${symbol}: ${message}${advice}`);
  }
  const rest = theme.findings.length - maxPlaces;
  if (rest > 0) out.push(`   - … and ${String(rest)} more (${summariseFiles(theme.findings.slice(maxPlaces))}).`);
  if (theme.meta !== undefined) out.push(`   Why it matters: ${theme.meta.rationale}`);
  const first = theme.findings[0];
  if (shared && first !== undefined) out.push(`   What to do: ${markdownRecommendation(first, templates)}`);
  return out;
}

/** "in `a.ts`, `b.ts` and 3 other files". */
function summariseFiles(findings: readonly Finding[]): string {
  const files = [...new Set(findings.map((f) => codeSpan(f.file)))];
  return files.length <= 3
    ? `in ${files.join(', ')}`
    : `in ${files.slice(0, 3).join(', ')} and ${plural(files.length - 3, 'other file')}`;
}

/** The closing paragraph: counts by theme and by severity. */
function overall(result: AnalysisResult, themes: readonly Theme[], findings: readonly Finding[]): string {
  const checked = `review-bot checked ${plural(result.fileCount, 'file')} with ${plural(result.rulesRun.length, 'rule')}`;
  if (themes.length === 0) return `Overall, ${checked} and found nothing to change.`;
  const bySeverity = (['error', 'warning', 'info'] as const)
    .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => plural(n, s === 'info' ? 'note' : s));
  const byTheme = themes.map(
    (t) => `${t.meta?.title.toLowerCase() ?? escapeMarkdownText(t.ruleId)} ${String(t.findings.length)}`,
  );
  const failures =
    result.failures.length === 0
      ? ''
      : ` ${plural(result.failures.length, 'rule failure')} left part of the code unchecked; see the log.`;
  return `Overall, ${checked} and found ${plural(findings.length, 'finding')} (${bySeverity.join(', ')}): ${byTheme.join('; ')}. Each finding above names its place and is provable from the code; start with the first items.${failures}`;
}
