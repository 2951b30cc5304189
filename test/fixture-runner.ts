import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyse } from '../src/pipeline.js';
import type { Finding } from '../src/model/finding.js';
import { RULES } from '../rules/index.js';

/** Root of the fixtures folder. */
export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** A fixture folder: fixtures/<rule-id>/<case>/, or a whole-project fixture like fixtures/provider-tree. */
export interface FixtureCase {
  ruleId: string | undefined;
  name: string;
  dir: string;
}

/** Every rule fixture case (folders starting with `valid-` or `invalid-`) and the whole-project demo. */
export function listFixtureCases(): FixtureCase[] {
  const out: FixtureCase[] = [];
  for (const group of readdirSync(FIXTURES).sort()) {
    const groupDir = join(FIXTURES, group);
    if (!statSync(groupDir).isDirectory() || group.startsWith('_')) continue;
    if (existsSync(join(groupDir, 'tsconfig.json')) || existsSync(join(groupDir, 'package.json'))) {
      out.push({ ruleId: undefined, name: group, dir: groupDir });
      continue;
    }
    for (const name of readdirSync(groupDir).sort()) {
      const dir = join(groupDir, name);
      if (statSync(dir).isDirectory() && /^(valid|invalid)-/.test(name)) out.push({ ruleId: group, name, dir });
    }
  }
  return out;
}

/** Runs a fixture: only its rule (with options.json) for rule fixtures, the default rule set for project fixtures. */
export function runFixture(fixture: FixtureCase): Finding[] {
  const optionsPath = join(fixture.dir, 'options.json');
  if (fixture.ruleId === undefined) return analyse({ path: fixture.dir }).result.findings;
  const rule = RULES.find((r) => r.meta.id === fixture.ruleId);
  if (rule === undefined) throw new Error(`fixture ${fixture.dir} names no registered rule`);
  const options = existsSync(optionsPath) ? readOptions(optionsPath) : {};
  return analyse({ path: fixture.dir, only: [rule.meta.id], inlineRules: { [rule.meta.id]: { options } } }).result
    .findings;
}

function readOptions(path: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`${path}: expected a JSON object`);
  return Object.fromEntries(Object.entries(parsed));
}

/** The stored form of findings: everything but the fingerprint, in a fixed key order. */
export function serialiseFindings(findings: readonly Finding[]): string {
  const rows = findings.map((f) => ({
    ruleId: f.ruleId,
    messageId: f.messageId,
    severity: f.severity,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    ...(f.symbol === undefined ? {} : { symbol: f.symbol }),
    message: f.message,
    recommendation: f.recommendation,
    data: f.data,
    evidence: f.evidence,
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}
