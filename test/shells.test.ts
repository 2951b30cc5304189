/** The shells' shared core: one table of inputs for the CLI and the Action, and reporters that never import rules. */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXIT, exitCodeOf } from '../src/shell/core.js';
import { optionsOf, readSettings } from '../src/shell/options.js';
import { UserError } from '../src/model/errors.js';

const ROOT = join(import.meta.dirname, '..');

/** Every .ts file under a folder. */
function sourcesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(folder, name));
}

/** The absolute paths a file imports by relative specifier (static, dynamic and type imports). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g)].map(
    (m) => m[1] ?? '',
  );
  return specifiers.filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s));
}

/** Files under `folders` that import from rules/, as `file -> import`. */
function importsOfRules(folders: readonly string[]): string[] {
  const rules = join(ROOT, 'rules');
  return folders.flatMap(sourcesUnder).flatMap((file) =>
    importsOf(file)
      .filter((target) => target === rules || target.startsWith(`${rules}/`))
      .map((target) => `${relative(ROOT, file)} -> ${relative(ROOT, target)}`),
  );
}

describe('data flows one way', () => {
  it('no file under src/report or src/github imports from rules/', () => {
    expect(importsOfRules([join(ROOT, 'src/report'), join(ROOT, 'src/github')])).toEqual([]);
  });

  it('the check sees an import of rules/ (it can fail)', () => {
    expect(
      importsOfRules([join(ROOT, 'src/load')]).length + importsOfRules([join(ROOT, 'test')]).length,
    ).toBeGreaterThan(0);
  });
});

describe('one table of inputs', () => {
  it("action.yml declares exactly the Action's inputs of the table, with the same defaults", () => {
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: string }>;
    };
    const table = optionsOf('action');
    expect(Object.keys(action.inputs).sort()).toEqual(table.map((o) => o.name).sort());
    for (const option of table) {
      if (option.name === 'github-token') continue; // `${{ github.token }}`: the runner's, not ours
      expect(action.inputs[option.name]?.default ?? '', option.name).toBe(option.default ?? '');
    }
  });

  it('gives the same settings and the same words for an input, whichever shell read it', () => {
    const raw = { 'fail-on': 'warning', 'max-comments': '5', 'filter-mode': 'file', 'request-timeout': '2.5' };
    const cli = readSettings(raw, (n) => `--${n}`);
    const action = readSettings(raw, (n) => n);
    expect(cli).toEqual(action);
    expect([cli.failOn, cli.maxComments, cli.filterMode, cli.requestTimeoutMs]).toEqual(['warning', 5, 'file', 2500]);
    expect(() => readSettings({ 'max-comments': '-1' }, (n) => n)).toThrow(
      new UserError('max-comments: expected a whole number, got "-1"'),
    );
    expect(() => readSettings({ 'fail-on': 'loud' }, (n) => `--${n}`)).toThrow(
      new UserError('--fail-on: expected error, warning, info or never, got "loud"'),
    );
  });

  it('uses the defaults of the table for inputs not given or empty (as the runner passes them)', () => {
    const settings = readSettings({ 'fail-on': '', retries: '' }, (n) => n);
    expect([settings.failOn, settings.retries, settings.maxComments, settings.requestTimeoutMs]).toEqual([
      'error',
      3,
      30,
      30_000,
    ]);
  });
});

describe('one exit-code policy', () => {
  it('2 for problems, then 3 for GitHub, then 1 for findings, else 0', () => {
    const code = (failing: number, problems: number, githubFailed: boolean): number =>
      exitCodeOf({ failing, problems, githubFailed });
    expect([code(0, 0, false), code(1, 0, false), code(1, 0, true), code(1, 1, true), code(0, 0, true)]).toEqual([
      EXIT.clean,
      EXIT.findings,
      EXIT.github,
      EXIT.problems,
      EXIT.github,
    ]);
  });
});
