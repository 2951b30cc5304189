/**
 * End to end: the CLI bundle built from the sources (as `npm run build` makes
 * dist/cli.cjs, here into a temporary folder) on a project holding a file the
 * TypeScript parser takes minutes on. The screening parse runs in a worker
 * started from the bundle itself (src/load/parse-screen.ts), so the file is
 * skipped once `limits.maxParseMilliseconds` runs out, and the run goes on.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPERIMENTAL_RULES_CONFIG } from './experimental-rules.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');

let temp: string;
let cli: string;

/**
 * A class whose method is cut off and followed by `count` lines
 * `async refresh(source: Source }`: TypeScript's parser tries each as an arrow
 * function, and its time about doubles with each line (20 lines: about a
 * minute; 24: a quarter of an hour). Found by `npm run fuzz` (seed 13).
 */
function slowParseText(count: number): string {
  return [
    'interface Source {',
    '  list(): Promise<string[]>;',
    '}',
    '',
    'export class Tree {',
    '  async refresh(source: Source): Promise<void> {',
    '    await this.lock.runEx }',
    ...Array.from({ length: count }, () => '\n  async refresh(source: Source }'),
    '',
    '  async refresh(source: Sourceclusive(async () => {',
    '      const names = await source.list();',
    '    });',
    '  }',
    '}',
    '',
  ].join('\n');
}

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), 'review-bot-parse-time-'));
  // The CLI bundle keeps its packages external: give it the repository's node_modules, as an install would.
  writeFileSync(join(temp, 'package.json'), JSON.stringify({ type: 'module' }));
  symlinkSync(join(ROOT, 'node_modules'), join(temp, 'node_modules'), 'dir');
  const { build } = (await import(join(ROOT, 'scripts/build.mjs'))) as { build: (outdir: string) => Promise<string> };
  cli = join(await build(join(temp, 'dist')), 'cli.cjs');
});

afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

describe('the built CLI on a file the parser takes minutes on', () => {
  it('skips that file with a note once the parse budget runs out, and reviews the others', async () => {
    const project = join(temp, 'project');
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, '.review-bot.json'), EXPERIMENTAL_RULES_CONFIG);
    writeFileSync(join(project, 'src', 'slow.ts'), slowParseText(24));
    writeFileSync(
      join(project, 'src', 'ok.ts'),
      'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
    );
    const started = performance.now();
    const { stdout, stderr } = await run(process.execPath, [cli, project, '--format', 'json'], {
      cwd: temp,
      timeout: 120_000,
    });
    const seconds = (performance.now() - started) / 1000;
    expect(stderr).toBe(
      'review-bot: src/slow.ts: warning: skipped: parse took longer than 2000 ms (limits.maxParseMilliseconds)\n',
    );
    const report: unknown = JSON.parse(stdout);
    expect(filesWithFindings(report)).toEqual(['src/ok.ts']);
    // Unbounded, the parse alone takes about a quarter of an hour; bounded, the whole run takes seconds.
    expect(seconds).toBeLessThan(45);
  }, 180_000);
});

/** The files named by the findings of a JSON report. */
function filesWithFindings(report: unknown): string[] {
  if (typeof report !== 'object' || report === null || !('findings' in report) || !Array.isArray(report.findings))
    throw new Error('not a JSON report');
  const files = new Set<string>();
  for (const finding of report.findings as unknown[])
    if (typeof finding === 'object' && finding !== null && 'file' in finding && typeof finding.file === 'string')
      files.add(finding.file);
  return [...files].sort();
}
