import { cpSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { temporaryFolder } from './temporary-folder.js';
import { fileTree } from './support/file-tree.js';
import { runFix } from '../src/fix/run-fix.js';
import { loadProject } from '../src/load/project.js';
import { analyse } from '../src/pipeline.js';
import { listFixtureCases, serialiseFindings } from './fixture-runner.js';

/** A copy of a fixture's project (everything but its expected.* files) in a temporary folder. */
function copyOf(dir: string): string {
  const root = temporaryFolder('review-bot-rule-fix-');
  for (const name of readdirSync(dir).filter((n) => !n.startsWith('expected.')))
    cpSync(join(dir, name), join(root, name), { recursive: true });
  return root;
}

/** The compiler's diagnostics of a project, as text. */
function diagnosticsOf(root: string): string[] {
  const { view } = loadProject({ path: root });
  return view.project
    .getPreEmitDiagnostics()
    .map((d) => ts.flattenDiagnosticMessageText(d.compilerObject.messageText, '\n'));
}

const cases = listFixtureCases().filter((c) => c.ruleId !== undefined && existsSync(join(c.dir, 'expected.fixed')));

/** The rule's options of a fixture (its options.json), as the fixture runner passes them. */
function optionsOf(dir: string, ruleId: string): { [id: string]: { options: Record<string, unknown> } } {
  const path = join(dir, 'options.json');
  const parsed: unknown = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
  const options = typeof parsed === 'object' && parsed !== null ? Object.fromEntries(Object.entries(parsed)) : {};
  return { [ruleId]: { options } };
}

describe('rule fixes (fixtures/<rule>/<case>/expected.fixed)', () => {
  it('has fix fixtures', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const fixture of cases) {
    const ruleId = fixture.ruleId ?? '';
    it(`${ruleId}/${fixture.name}: --fix writes exactly expected.fixed, leaves only unfixable findings, breaks no type check`, async () => {
      const root = copyOf(fixture.dir);
      const before = diagnosticsOf(root);
      const inlineRules = optionsOf(fixture.dir, ruleId);
      const run = runFix((overlay) => analyse({ path: root, only: [ruleId], overlay, inlineRules }), { write: true });
      expect(run.outcome.applied).toBeGreaterThan(0);
      expect(fileTree(join(root, 'src'))).toEqual(fileTree(join(fixture.dir, 'expected.fixed', 'src')));
      const left = run.pipeline.result.findings;
      expect(left.filter((f) => f.fix !== undefined)).toEqual([]);
      await expect(serialiseFindings(left)).toMatchFileSnapshot(join(fixture.dir, 'expected.fixed.json'));
      expect(diagnosticsOf(root).filter((d) => !before.includes(d))).toEqual([]);
    });
  }
});

describe('findings a rule must not fix (fixtures/<rule>/*-no-safe-fix)', () => {
  const unsafe = listFixtureCases().filter((c) => c.ruleId !== undefined && c.name.endsWith('-no-safe-fix'));

  it('has such fixtures', () => {
    expect(unsafe.length).toBeGreaterThan(0);
  });

  for (const fixture of unsafe) {
    const ruleId = fixture.ruleId ?? '';
    it(`${ruleId}/${fixture.name}: every finding comes without a fix`, () => {
      const { findings } = analyse({
        path: fixture.dir,
        only: [ruleId],
        inlineRules: optionsOf(fixture.dir, ruleId),
      }).result;
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.filter((f) => f.fix !== undefined).map((f) => `${f.file}:${String(f.line)}`)).toEqual([]);
    });
  }
});
