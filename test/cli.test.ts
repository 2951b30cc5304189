import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const CLI = join(FIXTURES, '_cli');
const DUPLICATE = join(FIXTURES, 'duplicate-import', 'invalid-two-value-imports');

describe('exit codes and errors', () => {
  it('names a missing path in one line and exits 2', async () => {
    const { code, out, err } = await runCli('no/such/folder');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe('review-bot: path not found: no/such/folder\n');
  });

  it('names the place of a broken tsconfig in one line and exits 2', async () => {
    const { code, err } = await runCli(join(CLI, 'broken-tsconfig'));
    expect(code).toBe(2);
    expect(err.split('\n').filter(Boolean)).toHaveLength(1);
    expect(err).toMatch(/^review-bot: .*broken-tsconfig\/tsconfig\.json:\d+:\d+: .+\n$/);
    expect(err).not.toMatch(/\bat .+:\d+:\d+\)/);
  });

  it('rejects a config file with an unknown severity, naming the rule', async () => {
    const { code, err } = await runCli(join(CLI, 'broken-config'));
    expect(code).toBe(2);
    expect(err).toMatch(
      /^review-bot: .*\.review-bot\.json: rules\.duplicate-import: expected "off", "error", "warning" or "info", got "loud"\n$/,
    );
  });

  it('reports an unparsable file with its place, still reviews the rest, and exits 2', async () => {
    const { code, out, err } = await runCli(
      join(CLI, 'syntax-error'),
      '--rule',
      'duplicate-import',
      '--format',
      'json',
    );
    expect(code).toBe(2);
    expect(err).toBe("review-bot: src/broken.ts:2:10: cannot parse: ':' expected. (file skipped)\n");
    const report = JSON.parse(out) as { findings: { ruleId: string; file: string }[]; verdict: string };
    expect(report.findings.map((f) => [f.ruleId, f.file])).toEqual([['duplicate-import', 'src/main.ts']]);
  });

  it('rejects unknown options, formats and rules with exit 2', async () => {
    expect((await runCli('--nope')).code).toBe(2);
    expect((await runCli(DUPLICATE, '--format', 'xml')).err).toBe(
      'review-bot: --format: unknown format "xml" (known: stylish, json, review, sarif)\n',
    );
    expect((await runCli(DUPLICATE, '--rule', 'no-such-rule')).err).toBe(
      'review-bot: --rule: unknown rule "no-such-rule"\n',
    );
    expect((await runCli(DUPLICATE, '--fail-on', 'sometimes')).code).toBe(2);
  });

  it('exits 0 below --fail-on and 1 at or above it', async () => {
    // duplicate-import reports warnings.
    expect((await runCli(DUPLICATE, '--rule', 'duplicate-import')).code).toBe(0);
    expect((await runCli(DUPLICATE, '--rule', 'duplicate-import', '--fail-on', 'warning')).code).toBe(1);
    expect((await runCli(DUPLICATE, '--rule', 'duplicate-import', '--fail-on', 'info')).code).toBe(1);
    expect((await runCli(DUPLICATE, '--rule', 'duplicate-import', '--fail-on', 'never')).code).toBe(0);
    expect((await runCli(join(CLI, 'clean'), '--rule', 'duplicate-import', '--fail-on', 'info')).code).toBe(0);
  });

  it('prints help and version', async () => {
    expect((await runCli('--help')).out).toMatch(/^Usage: review-bot \[options\] \[paths\.\.\.\]/);
    expect((await runCli('--version')).out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('output', () => {
  it('gives the same JSON bytes on two runs, with relative paths and no absolute path', async () => {
    const first = (await runCli(DUPLICATE, '--format', 'json', '--rule', 'duplicate-import')).out;
    const second = (await runCli(DUPLICATE, '--format', 'json', '--rule', 'duplicate-import')).out;
    expect(first).toBe(second);
    expect(first).not.toContain(FIXTURES);
    const report = JSON.parse(first) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['version', 'tool', 'verdict', 'findings', 'summary']);
    expect(report['summary']).toEqual({ files: 2, byRule: { 'duplicate-import': 1 } });
    const [finding] = report['findings'] as Record<string, unknown>[];
    expect(finding).toMatchObject({
      ruleId: 'duplicate-import',
      severity: 'warning',
      file: 'src/main.ts',
      line: 2,
      column: 1,
      endLine: 2,
      endColumn: 30,
    });
    expect(Object.keys(finding ?? {})).toEqual([
      'ruleId',
      'severity',
      'file',
      'line',
      'column',
      'endLine',
      'endColumn',
      'message',
      'recommendation',
      'symbol',
      'fingerprint',
      'evidence',
    ]);
  });

  it('writes SARIF 2.1.0 with UTF-16 columns, rule metadata and partial fingerprints', async () => {
    const sarif = JSON.parse((await runCli(DUPLICATE, '--format', 'sarif', '--rule', 'duplicate-import')).out) as {
      version: string;
      runs: {
        columnKind: string;
        tool: { driver: { rules: { id: string }[] } };
        results: { ruleId: string; partialFingerprints: Record<string, string>; locations: unknown[] }[];
      }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const [runLog] = sarif.runs;
    expect(runLog?.columnKind).toBe('utf16CodeUnits');
    expect(runLog?.tool.driver.rules.map((r) => r.id)).toContain('review-bot/duplicate-import');
    expect(runLog?.results).toHaveLength(1);
    expect(runLog?.results[0]?.ruleId).toBe('review-bot/duplicate-import');
    expect(Object.values(runLog?.results[0]?.partialFingerprints ?? {})[0]).toMatch(/^[0-9a-f]{20}$/);
    expect(runLog?.results[0]?.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'src/main.ts', uriBaseId: '%SRCROOT%' },
          region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 30 },
        },
        logicalLocations: [{ fullyQualifiedName: './lib.js' }],
      },
    ]);
  });

  it('writes the report to --output and nothing to standard output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'review-bot-'));
    try {
      const file = join(dir, 'review.md');
      const { out } = await runCli(DUPLICATE, '--format', 'review', '--rule', 'duplicate-import', '--output', file);
      expect(out).toBe('');
      expect(readFileSync(file, 'utf8')).toMatch(
        /^Security was not checked: no security rules are enabled\.\n\nHowever, the review found 1 finding in 1 theme:/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reviews a folder without tsconfig file by file, skipping node_modules and build output, with dependencies missing', async () => {
    const report = JSON.parse(
      (await runCli(join(CLI, 'no-tsconfig'), '--format', 'json', '--rule', 'duplicate-import')).out,
    ) as {
      findings: { file: string; line: number }[];
      summary: { files: number };
    };
    expect(report.summary.files).toBe(3);
    expect(report.findings.map((f) => `${f.file}:${String(f.line)}`)).toEqual(['c.ts:2', 'lib/b.mjs:2']);
  });

  it('narrows the report to the files named', async () => {
    const cwd = process.cwd();
    process.chdir(DUPLICATE);
    try {
      const json = async (args: string[]): Promise<unknown[]> =>
        (
          JSON.parse((await runCli(...args, '--format', 'json', '--rule', 'duplicate-import')).out) as {
            findings: unknown[];
          }
        ).findings;
      expect(await json(['src/lib.ts'])).toEqual([]);
      expect(await json(['src/main.ts'])).toHaveLength(1);
    } finally {
      process.chdir(cwd);
    }
  });
});
