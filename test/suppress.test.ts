import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { compareFindings } from '../src/model/finding-text.js';
import type { Finding } from '../src/model/finding.js';
import { analyse } from '../src/pipeline.js';
import type { PipelineOptions, PipelineResult } from '../src/pipeline.js';
import { readSuppressions, serialiseSuppressions, SUPPRESSIONS_FILE_NAME } from '../src/suppress/bulk.js';
import { parseDirectives } from '../src/suppress/directives.js';
import type { Directive } from '../src/suppress/directives.js';
import { FIXTURES, serialiseFindings } from './fixture-runner.js';

const SUPPRESS = join(FIXTURES, '_suppress');

/** Rules with findings in the demo project, of both scopes and with and without symbols, to keep the runs short. */
const SOME_RULES = ['unused-import', 'missing-docstring', 'missing-type-hint', 'unused-member', 'missing-tests'];

/** Every finding of a run, suppressed ones included, in the stored form plus `suppressed`. */
function serialiseAll(findings: readonly Finding[]): string {
  const sorted = [...findings].sort(compareFindings);
  const rows = sorted.map((finding) => {
    const [row] = JSON.parse(serialiseFindings([finding])) as Record<string, unknown>[];
    return finding.suppressed === undefined ? row : { ...row, suppressed: finding.suppressed };
  });
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** Parses a snippet and returns its directives without positions. */
function directivesIn(text: string, name = 'a.ts'): Pick<Directive, 'kind' | 'rules' | 'reason' | 'line'>[] {
  const kind = name.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, true, kind);
  return parseDirectives(file).map(({ kind: k, rules, reason, line }) => ({ kind: k, rules, reason, line }));
}

describe('inline suppression comments', () => {
  it('reads the four directive forms, rule lists and reasons', () => {
    expect(
      directivesIn(
        [
          '// review-bot-disable-next-line a, b -- the reason',
          'x(); // review-bot-disable-line c',
          '/* review-bot-disable -- all of them */',
          '/* review-bot-enable a */',
          '/*',
          ' * review-bot-disable d',
          ' * -- on two lines',
          ' */',
        ].join('\n'),
      ),
    ).toEqual([
      { kind: 'disable-next-line', rules: ['a', 'b'], reason: 'the reason', line: 1 },
      { kind: 'disable-line', rules: ['c'], reason: undefined, line: 2 },
      { kind: 'disable', rules: [], reason: 'all of them', line: 3 },
      { kind: 'enable', rules: ['a'], reason: undefined, line: 4 },
      { kind: 'disable', rules: ['d'], reason: 'on two lines', line: 5 },
    ]);
  });

  it('never takes strings, templates, regular expressions or JSX text for comments', () => {
    const text = readFileSync(join(SUPPRESS, 'not-directives', 'src', 'strings.tsx'), 'utf8');
    expect(directivesIn(text, 'strings.tsx')).toEqual([]);
    expect(
      directivesIn('const t = `${a}// review-bot-disable-line x -- no`; // review-bot-disable-line y -- yes'),
    ).toEqual([{ kind: 'disable-line', rules: ['y'], reason: 'yes', line: 1 }]);
  });

  it('finds comments before a closing brace and at the end of the file', () => {
    expect(
      directivesIn('function f() {\n  g();\n  // review-bot-enable a\n}\n// review-bot-enable b\n').map((d) => d.rules),
    ).toEqual([['a'], ['b']]);
  });

  it.each(readdirSync(SUPPRESS).sort())('fixture %s', async (name) => {
    const { result } = analyse({ path: join(SUPPRESS, name), only: ['unused-variable'] });
    const all = [...result.findings, ...(result.suppressed ?? [])];
    expect(result.findings.every((f) => f.suppressed === undefined)).toBe(true);
    expect(result.suppressed?.every((f) => f.suppressed?.kind === 'inline')).toBe(true);
    await expect(serialiseAll(all)).toMatchFileSnapshot(join(SUPPRESS, name, 'expected.json'));
  });
});

describe('suppressed findings in the reports', () => {
  /** Runs the CLI in-process on a suppression fixture. */
  const cli = (...argv: string[]) => runCli(join(SUPPRESS, 'with-reasons'), '--rule', 'unused-variable', ...argv);

  it('keeps them in JSON under suppressed, with the reason, and they never fail a run', async () => {
    const { code, out } = await cli('--format', 'json', '--fail-on', 'info');
    const report = JSON.parse(out) as { findings: { line: number }[]; suppressed: Record<string, unknown>[] };
    expect(report.findings.map((f) => f.line)).toEqual([5, 4]);
    expect(report.suppressed).toHaveLength(6);
    expect(report.suppressed[0]).toMatchObject({
      ruleId: 'unused-variable',
      file: 'src/block.ts',
      line: 2,
      suppressed: { kind: 'inline', reason: 'generated by hand from the schema; trimmed later' },
    });
    expect(code).toBe(1);
    const fixture = join(SUPPRESS, 'with-reasons');
    const onlySuppressed = await runCli(
      join(fixture, 'src', 'same-line.ts'),
      '--project',
      fixture,
      '--rule',
      'unused-variable',
      '--fail-on',
      'info',
    );
    expect(onlySuppressed.code).toBe(0);
  });

  it('marks them in SARIF with an inSource suppression whose justification is the reason', async () => {
    const { out } = await cli('--format', 'sarif');
    const sarif = JSON.parse(out) as { runs: { results: { suppressions?: unknown[]; locations: unknown[] }[] }[] };
    const results = sarif.runs[0]?.results ?? [];
    expect(results.filter((r) => r.suppressions === undefined)).toHaveLength(2);
    expect(results.filter((r) => r.suppressions !== undefined).map((r) => r.suppressions)).toContainEqual([
      { kind: 'inSource', justification: 'kept for the plugin loader, which reads it by name' },
    ]);
  });
});

describe('bulk suppressions', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** A scratch copy of the demo project. */
  function scratch(): string {
    dir = mkdtempSync(join(tmpdir(), 'review-bot-bulk-'));
    cpSync(join(FIXTURES, 'provider-tree'), dir, { recursive: true });
    return dir;
  }

  it('writes, reads and prunes across an edit that moves lines', () => {
    const root = scratch();
    const file = join(root, SUPPRESSIONS_FILE_NAME);
    const review = (options: Omit<PipelineOptions, 'only'>): PipelineResult =>
      analyse({ ...options, only: SOME_RULES });
    const before = review({ path: root });
    expect(before.result.findings.length).toBeGreaterThan(10);

    const written = review({ path: root, suppressionsUpdate: { kind: 'suppress-all' } });
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(serialiseSuppressions(readSuppressions(file)));
    expect(
      readSuppressions(file)
        .map((e) => e.fingerprint)
        .sort(),
    ).toEqual(before.result.findings.map((f) => f.fingerprint).sort());
    expect(written.result.findings).toEqual([]);
    expect(written.bulk).toEqual({
      display: SUPPRESSIONS_FILE_NAME,
      entries: before.result.findings.length,
      unmatched: 0,
      written: true,
    });

    // Move every line of every file down: fingerprints do not depend on lines.
    const tree = join(root, 'src', 'tree.ts');
    for (const name of readdirSync(join(root, 'src'))) {
      const path = join(root, 'src', name);
      writeFileSync(path, `\n\n\n${readFileSync(path, 'utf8')}`);
    }
    const moved = review({ path: root });
    expect(moved.result.findings).toEqual([]);
    expect(moved.result.suppressed?.map((f) => f.line).sort()).toEqual(
      before.result.findings.map((f) => f.line + 3).sort(),
    );
    expect(moved.result.suppressed?.every((f) => f.suppressed?.kind === 'bulk')).toBe(true);

    // A new finding is reported; the old ones stay suppressed.
    writeFileSync(tree, `import { join } from 'node:path';\n${readFileSync(tree, 'utf8')}`);
    const added = review({ path: root });
    expect(added.result.findings.map((f) => [f.ruleId, f.file, f.data['name']])).toEqual([
      ['unused-import', 'src/tree.ts', 'join'],
    ]);

    // Removing the code of a suppressed finding leaves its entry unmatched until pruned.
    const gone = before.result.findings.find((f) => f.ruleId === 'unused-import');
    expect(gone).toBeDefined();
    writeFileSync(tree, readFileSync(tree, 'utf8').replace("import { join } from 'node:path';\n", ''));
    const goneFile = join(root, gone?.file ?? '');
    const lines = readFileSync(goneFile, 'utf8').split('\n');
    lines.splice((gone?.line ?? 0) + 3 - 1, 1);
    writeFileSync(goneFile, lines.join('\n'));
    const stale = review({ path: root });
    expect(stale.result.findings).toEqual([]);
    expect(stale.bulk.unmatched).toBe(1);
    review({ path: root, suppressionsUpdate: { kind: 'prune' } });
    expect(readSuppressions(file).map((e) => e.fingerprint)).not.toContain(gone?.fingerprint);
    expect(readSuppressions(file)).toHaveLength(before.result.findings.length - 1);
  });

  it('suppresses one rule with --suppress-rule and keeps the file where --suppressions-location says', () => {
    const root = scratch();
    const location = join(root, 'config', 'accepted.json');
    mkdirSync(join(root, 'config'));
    const run = analyse({
      path: root,
      suppressionsLocation: location,
      suppressionsUpdate: { kind: 'suppress-rules', rules: ['missing-docstring'] },
    });
    const entries = readSuppressions(location);
    expect(entries.length).toBeGreaterThan(0);
    expect(new Set(entries.map((e) => e.ruleId))).toEqual(new Set(['missing-docstring']));
    expect(run.result.findings.some((f) => f.ruleId === 'missing-docstring')).toBe(false);
    expect(analyse({ path: root }).result.findings.some((f) => f.ruleId === 'missing-docstring')).toBe(true);
  });

  it('never prunes entries of rules that did not run', () => {
    const root = scratch();
    analyse({ path: root, suppressionsUpdate: { kind: 'suppress-all' } });
    const all = readSuppressions(join(root, SUPPRESSIONS_FILE_NAME));
    analyse({ path: root, only: ['unused-import'], suppressionsUpdate: { kind: 'prune' } });
    expect(readSuppressions(join(root, SUPPRESSIONS_FILE_NAME))).toEqual(all);
  });

  it('rejects a malformed file in one line naming the entry', () => {
    const root = scratch();
    writeFileSync(join(root, SUPPRESSIONS_FILE_NAME), '{ "version": 1, "suppressions": [{ "file": 3 }] }');
    expect(() => analyse({ path: root })).toThrow(`${SUPPRESSIONS_FILE_NAME}: suppressions[0].file: expected a string`);
  });
});
