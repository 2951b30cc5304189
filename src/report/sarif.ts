import type { AnalysisResult, Finding, RuleMetaOfRun, Suppression } from '../model/finding.js';
import type { Severity } from '../model/severity.js';
import { TOOL } from '../meta.js';
import { docsUrl } from './docs-url.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF rule id: `review-bot/<id>`, stable across releases (GitHub matches alerts by it). */
function sarifRuleId(id: string): string {
  return `${TOOL.name}/${id}`;
}

/** The tool.driver.rules entry of a rule, from its metadata. */
function sarifRule(meta: RuleMetaOfRun, docs: string | undefined): Record<string, unknown> {
  return {
    id: sarifRuleId(meta.id),
    name: meta.id,
    shortDescription: { text: meta.description },
    helpUri: docsUrl(meta.id, docs),
    fullDescription: { text: meta.rationale },
    help: {
      text: `${meta.description}. ${meta.rationale}`,
      markdown: `**${meta.title}**: ${meta.description}.\n\n${meta.rationale}`,
    },
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity], enabled: meta.stability === 'stable' },
    properties: { category: meta.category, stability: meta.stability, tags: [meta.category] },
  };
}

/**
 * SARIF 2.1.0 log of a run: the rules that ran (with `helpUri` from `docsTemplate`, see docs-url.ts),
 * line-independent partial fingerprints and UTF-16 columns.
 */
export function toSarif(result: AnalysisResult, docsTemplate?: string): Record<string, unknown> {
  const metas = result.rulesMeta;
  const index = new Map(metas.map((m, i) => [m.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL.name,
            version: TOOL.version,
            semanticVersion: TOOL.version,
            rules: metas.map((m) => sarifRule(m, docsTemplate)),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: [...result.findings, ...(result.suppressed ?? [])].map((f) => toResult(f, index.get(f.ruleId))),
      },
    ],
  };
}

function toResult(f: Finding, ruleIndex: number | undefined): Record<string, unknown> {
  return {
    ruleId: sarifRuleId(f.ruleId),
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVEL[f.severity],
    message: { text: `${f.message} ${f.recommendation}` },
    locations: [
      location(
        f.file,
        { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        f.symbol,
      ),
    ],
    partialFingerprints: { 'reviewBotFingerprint/v1': f.fingerprint },
    ...(f.suppressed === undefined ? {} : { suppressions: [sarifSuppression(f.suppressed)] }),
    ...(f.evidence.some((e) => e.file !== undefined)
      ? {
          relatedLocations: f.evidence
            .filter((e) => e.file !== undefined)
            .map((e, id) => ({
              id,
              ...location(e.file ?? f.file, { startLine: e.line ?? 1 }),
              message: { text: e.note },
            })),
        }
      : {}),
  };
}

/** A suppressed result's SARIF suppression: `inSource` with the comment's reason, or `external` for the suppressions file. */
function sarifSuppression(suppressed: Suppression): Record<string, unknown> {
  if (suppressed.kind === 'bulk') return { kind: 'external', justification: 'Accepted in the bulk suppressions file.' };
  return { kind: 'inSource', ...(suppressed.reason === undefined ? {} : { justification: suppressed.reason }) };
}

function location(file: string, region: Record<string, number>, symbol?: string): Record<string, unknown> {
  return {
    physicalLocation: { artifactLocation: { uri: encodeURI(file), uriBaseId: '%SRCROOT%' }, region },
    ...(symbol === undefined ? {} : { logicalLocations: [{ fullyQualifiedName: symbol }] }),
  };
}
