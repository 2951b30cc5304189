import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineRule } from '../src/model/rule.js';
import { analyse, analyseView } from '../src/pipeline.js';
import { loadInMemory } from '../src/load/project.js';
import { RULES } from '../rules/index.js';

const DUPLICATE = join(import.meta.dirname, '..', 'fixtures', 'duplicate-import', 'invalid-two-value-imports');

/** A rule that throws on one file and reports every other file. */
const crashing = defineRule({
  meta: {
    id: 'crash-on-main',
    description: 'Disallow nothing, crash on main.ts',
    category: 'correctness',
    defaultSeverity: 'warning',
    stability: 'stable',
    scope: 'file',
    needsTypeChecker: false,
    title: 'Test crashes',
    rationale: 'Only for tests.',
    messages: { seen: { message: 'Seen `{{file}}`.', recommendation: 'Nothing.' } },
    options: { defaults: {}, schema: { type: 'object', properties: {} } },
  },
  *check({ files }) {
    for (const file of files) {
      if (file.getBaseName() === 'main.ts') throw new Error('boom');
      yield { node: file, messageId: 'seen', data: { file: file.getBaseName() } };
    }
  },
});

describe('rule isolation', () => {
  it('records a crashing rule with its id and file while other rules and files still run', () => {
    const duplicate = RULES.filter((r) => r.meta.id === 'duplicate-import');
    const { result } = analyse({ path: DUPLICATE, registry: [crashing, ...duplicate] });
    expect(result.failures.map((f) => [f.ruleId, f.file, f.error instanceof Error ? f.error.message : ''])).toEqual([
      ['crash-on-main', 'src/main.ts', 'boom'],
    ]);
    expect(result.findings.map((f) => [f.ruleId, f.file])).toEqual([
      ['crash-on-main', 'src/lib.ts'],
      ['duplicate-import', 'src/main.ts'],
    ]);
  });
});

describe('fingerprints', () => {
  it('do not change when lines are inserted above a finding', () => {
    const rule = RULES.filter((r) => r.meta.id === 'duplicate-import');
    const source = "import { a } from './lib';\nimport { b } from './lib';\nexport const c = a + b;\n";
    const before = loadInMemory({ 'main.ts': source, 'lib.ts': 'export const a = 1, b = 2;\n' });
    const after = loadInMemory({ 'main.ts': source.replace('\n', '\n\n\n'), 'lib.ts': 'export const a = 1, b = 2;\n' });
    const config = { rules: {}, settings: {}, source: undefined };
    const [x] = analyseView(before.view, config, { registry: rule }).findings;
    const [y] = analyseView(after.view, config, { registry: rule }).findings;
    expect(x?.line).toBe(2);
    expect(y?.line).toBe(4);
    expect(x?.fingerprint).toMatch(/^[0-9a-f]{20}$/);
    expect(y?.fingerprint).toBe(x?.fingerprint);
  });
});
