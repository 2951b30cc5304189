import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryFolder } from './temporary-folder.js';
import { BUILT_CLI, compileCacheOn } from './support/built-cli.js';
import { runCli } from './support/run-cli.js';
import { isRecord } from '../src/eslint/eslint-results.js';
import { withEslint } from '../src/eslint/merge.js';
import { runEslint } from '../src/eslint/run-eslint.js';
import type { EslintOutcome } from '../src/eslint/run-eslint.js';
import { symbolLocator } from '../src/eslint/symbol-path.js';
import { readSourceText } from '../src/fix/files.js';
import { FIXTURES, serialiseFindings } from './fixture-runner.js';

const FIXTURE = join(FIXTURES, '_eslint', 'project');
const NODE_MODULES = join(import.meta.dirname, '..', 'node_modules');

/** A copy of the fixture project in a temporary folder, with our node_modules (ESLint included) linked in when asked. */
function copyOfFixture(withEslint: boolean): string {
  const root = join(temporaryFolder('review-bot-eslint-'), 'project');
  cpSync(FIXTURE, root, { recursive: true, filter: (path) => !path.endsWith('expected.json') });
  if (withEslint) symlinkSync(NODE_MODULES, join(root, 'node_modules'), 'dir');
  return root;
}

/** Runs the project's ESLint with symbol paths from the loaded project. */
async function lint(root: string, overlay?: ReadonlyMap<string, string>): Promise<EslintOutcome> {
  const textOf = (file: string): string | undefined => overlay?.get(file) ?? readSourceText(root, file);
  return runEslint({ root, overlay, symbolAt: symbolLocator(textOf) });
}

/** The findings of a run that must have run. */
function findingsOf(outcome: EslintOutcome) {
  if (outcome.kind !== 'ran') throw new Error(`ESLint did not run: ${JSON.stringify(outcome)}`);
  return outcome.findings;
}

describe('--eslint: the project own ESLint', () => {
  it("maps every message of the project's configuration to a finding", async () => {
    const outcome = await lint(copyOfFixture(true));
    expect(outcome).toMatchObject({ kind: 'ran', version: expect.stringMatching(/^\d+\.\d+\.\d+/) as unknown });
    await expect(serialiseFindings(findingsOf(outcome))).toMatchFileSnapshot(join(FIXTURE, 'expected.json'));
  });

  it('gives fingerprints that survive lines inserted above the findings, and differ between findings', async () => {
    const root = copyOfFixture(true);
    const before = findingsOf(await lint(root));
    const cart = join(root, 'src/cart.js');
    writeFileSync(cart, `// Moved down.\n\n${readFileSync(cart, 'utf8')}`);
    const after = findingsOf(await lint(root));
    expect(after.map((f) => f.line)).toEqual(before.map((f) => f.line + 2));
    expect(after.map((f) => f.fingerprint)).toEqual(before.map((f) => f.fingerprint));
    expect(new Set(before.map((f) => f.fingerprint)).size).toBe(before.length);
  });

  it('lints texts laid over the files on disk', async () => {
    const root = copyOfFixture(true);
    const fixed = readFileSync(join(root, 'src/cart.js'), 'utf8').replace('    const count = this.items.length;\n', '');
    const findings = findingsOf(await lint(root, new Map([['src/cart.js', fixed]])));
    expect(findings.map((f) => f.ruleId)).toEqual(['eslint/eqeqeq', 'eslint/local/no-todo', 'eslint/no-var']);
  });

  it('keeps only the findings in the paths the report is narrowed to', async () => {
    const root = copyOfFixture(true);
    const empty = { findings: [], failures: [], fileCount: 0, unparsedFiles: [], rulesRun: [], rulesMeta: [] };
    const result = { ...empty, securityRulesRun: [], securityRulesKnown: [], timings: {} };
    const inSrc = await withEslint(result, root, { paths: [join(root, 'src')] });
    expect(inSrc.result.findings.map((f) => f.ruleId)).toHaveLength(4);
    const elsewhere = await withEslint(result, root, { paths: [join(root, 'src/types.ts'), join(root, 'sr')] });
    expect(elsewhere.result.findings).toEqual([]);
  });

  it('says in one line that ESLint is not installed, and does not fail', async () => {
    const root = copyOfFixture(false);
    expect(await lint(root)).toEqual({
      kind: 'not-installed',
      note: `--eslint: ESLint is not installed in ${root} (npm install --save-dev eslint); ESLint findings are left out`,
    });
  });

  it('reports a broken ESLint configuration in one line', async () => {
    const root = copyOfFixture(true);
    writeFileSync(join(root, 'eslint.config.js'), "throw new Error('broken config\\nsecond line');\n");
    expect(await lint(root)).toEqual({ kind: 'failed', error: 'broken config' });
  });
});

describe('review-bot --eslint', () => {
  it("merges the project's ESLint findings into ours, sorted by place", async () => {
    const root = copyOfFixture(true);
    const { code, out, err } = await runCli(root, '--eslint', '--format', 'json', '--fail-on', 'error');
    const parsed: unknown = JSON.parse(out);
    const ids =
      isRecord(parsed) && Array.isArray(parsed['findings'])
        ? parsed['findings'].map((f: unknown) => (isRecord(f) ? `${String(f['line'])} ${String(f['ruleId'])}` : ''))
        : [];
    expect(ids.filter((id) => id.includes('eslint/'))).toEqual([
      '9 eslint/no-unused-vars',
      '10 eslint/eqeqeq',
      '14 eslint/local/no-todo',
      '15 eslint/no-var',
    ]);
    expect(ids).toContain('9 unused-variable');
    expect(err).toBe('');
    expect(code).toBe(1);
  });

  it('goes on without ESLint, with one line, when the project has not installed it', async () => {
    const root = copyOfFixture(false);
    const { code, out, err } = await runCli(root, '--eslint', '--format', 'json', '--fail-on', 'error');
    expect(err).toBe(
      `review-bot: warning: --eslint: ESLint is not installed in ${root} (npm install --save-dev eslint); ESLint findings are left out\n`,
    );
    expect(out).not.toContain('eslint/');
    expect(code).toBe(0);
  });

  it('exits 2 with one line when the ESLint configuration is broken, and still reports the rest', async () => {
    const root = copyOfFixture(true);
    writeFileSync(join(root, 'eslint.config.js'), "throw new Error('broken config');\n");
    const { code, out, err } = await runCli(root, '--eslint', '--format', 'json', '--fail-on', 'never');
    expect(err).toBe('review-bot: rule eslint crashed: broken config\n');
    expect(out).toContain('"unused-variable"');
    expect(code).toBe(2);
  });

  it('merges them the same from the built command, whose engine imports ESLint through its entry', async () => {
    const root = copyOfFixture(true);
    const args = [root, '--eslint', '--format', 'json', '--fail-on', 'never'];
    const { out } = await runCli(...args);
    expect(out).toContain('eslint/eqeqeq');
    // Twice: the first run may compile the engine and write its compile cache entry, the second runs from it.
    for (let run = 0; run < 2; run++) {
      const built = spawnSync(process.execPath, [BUILT_CLI, ...args], { encoding: 'utf8', env: compileCacheOn() });
      expect({ status: built.status, stderr: built.stderr, stdout: built.stdout }).toEqual({
        status: 0,
        stderr: '',
        stdout: out,
      });
    }
  });

  it('runs no ESLint without --eslint', async () => {
    const { out } = await runCli(copyOfFixture(true), '--format', 'json', '--fail-on', 'never');
    expect(out).not.toContain('eslint/');
  });
});
