import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { RULES } from '../rules/index.js';
import { schemaFile, schemaText } from '../scripts/generate-schema.js';
import { DEFAULT_TEST_GLOBS, loadConfig, schemaFor, validateConfig } from '../src/config/config.js';
import { effectiveConfig } from '../src/config/effective.js';
import { compileGlobs } from '../src/config/glob.js';
import { configProblem } from '../src/config/validate.js';
import { analyse } from '../src/pipeline.js';
import { FIXTURES, serialiseFindings } from './fixture-runner.js';

const CONFIG = join(FIXTURES, '_config');
const ERRORS = join(CONFIG, 'errors');
const GLOBS = join(CONFIG, 'globs');

/** A scratch folder removed after the callback. */
function withScratch<T>(from: string, body: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'review-bot-config-'));
  try {
    cpSync(from, dir, { recursive: true });
    return body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the published JSON Schema', () => {
  it('is the committed file, generated from the rules metadata', async () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(await schemaText());
  });

  it('names every rule and the engine suppression findings', () => {
    const schema = schemaFor(RULES) as { properties: { rules: { properties: Record<string, unknown> } } };
    const rules = schema.properties.rules;
    expect(Object.keys(rules.properties).sort()).toEqual([...RULES.map((r) => r.meta.id), 'suppression'].sort());
  });

  it('accepts $schema and every key it documents', () => {
    const config = {
      $schema: './node_modules/review-bot/schema/review-bot.schema.json',
      rules: { 'unused-member': { severity: 'error', options: { includePublicApi: true } }, suppression: 'off' },
      ignore: ['src/legacy/**'],
      tests: ['e2e/**'],
      generated: ['src/**/*.gen.ts'],
      entryPoints: ['src/index.ts'],
      locks: [{ module: 'async-mutex', export: 'Mutex', runExclusive: ['runExclusive'], reentrant: false }],
    };
    expect(configProblem(schemaFor(RULES), config)).toBeUndefined();
  });
});

describe('configuration errors', () => {
  const expected = JSON.parse(readFileSync(join(ERRORS, 'expected.json'), 'utf8')) as Record<string, string>;
  const cases = readdirSync(ERRORS)
    .filter((f) => f.endsWith('.review-bot.json'))
    .map((f) => f.slice(0, -'.review-bot.json'.length))
    .sort();

  it('has an expected message for every case', () => {
    expect(Object.keys(expected).sort()).toEqual(cases);
  });

  it.each(cases)('%s: one line naming the file, the JSON path and what was expected; exit 2', async (name) => {
    const file = join(ERRORS, `${name}.review-bot.json`);
    const { code, out, err } = await runCli(GLOBS, '--config', file);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(`review-bot: ${relative(process.cwd(), file)}: ${expected[name] ?? '(missing)'}\n`);
  });

  it('checks the default file in the analysed folder too, before loading the project', () => {
    withScratch(GLOBS, (dir) => {
      writeFileSync(join(dir, '.review-bot.json'), '{ "rules": { "no-such-rule": "off" } }');
      expect(() => analyse({ path: dir })).toThrow(
        /\.review-bot\.json: rules\.no-such-rule: unknown rule \(expected one of: /,
      );
    });
  });
});

describe('file globs', () => {
  it('ignore, generated and tests each change what is reported', async () => {
    const configured = analyse({ path: GLOBS }).result.findings;
    await expect(serialiseFindings(configured)).toMatchFileSnapshot(join(GLOBS, 'expected.json'));
    const empty = join(CONFIG, 'empty.review-bot.json');
    // The same rules as the configuration turns on (experimental ones included), without its globs.
    const rules = { 'missing-tests': 'info', 'missing-docstring': 'info', 'complex-function': 'warning' } as const;
    const plain = analyse({ path: GLOBS, config: empty, inlineRules: rules }).result.findings;
    const files = (findings: readonly { file: string }[]): string[] => [...new Set(findings.map((f) => f.file))].sort();
    expect(files(plain)).toEqual(
      expect.arrayContaining(['e2e/login.flow.ts', 'src/openapi/client.ts', 'src/legacy.ts']),
    );
    expect(files(configured)).not.toEqual(expect.arrayContaining(['src/legacy.ts']));
    expect(configured.filter((f) => f.file === 'src/legacy.ts')).toEqual([]);
    const skipsGenerated = new Set(RULES.filter((r) => r.meta.skipFiles?.includes('generated')).map((r) => r.meta.id));
    expect(plain.some((f) => f.file === 'src/openapi/client.ts' && skipsGenerated.has(f.ruleId))).toBe(true);
    expect(configured.filter((f) => f.file === 'src/openapi/client.ts' && skipsGenerated.has(f.ruleId))).toEqual([]);
    expect(configured.filter((f) => f.file === 'e2e/login.flow.ts' && f.ruleId === 'missing-docstring')).toEqual([]);
  });

  it('ignores src/tree.ts of the demo project, as the issue tried, and nothing else', () => {
    withScratch(join(FIXTURES, 'provider-tree'), (dir) => {
      const all = analyse({ path: dir, only: ['missing-docstring', 'unused-member', 'missing-type-hint'] }).result;
      expect(all.findings.filter((f) => f.file === 'src/tree.ts').length).toBeGreaterThan(0);
      writeFileSync(join(dir, '.review-bot.json'), '{"ignore": ["src/tree.ts"]}');
      const ignored = analyse({ path: dir, only: ['missing-docstring', 'unused-member', 'missing-type-hint'] }).result;
      expect(ignored.findings).toEqual(all.findings.filter((f) => f.file !== 'src/tree.ts'));
    });
  });

  it.each([
    ['src/legacy.ts', 'src/legacy.ts', true],
    ['src/legacy.ts', 'src/legacy.tsx', false],
    ['*.gen.ts', 'src/deep/a.gen.ts', true],
    ['src/generated', 'src/generated/api/client.ts', true],
    ['src/**/*.ts', 'src/a.ts', true],
    ['src/**/*.ts', 'lib/a.ts', false],
    ['**/{test,tests}/**', 'pkg/tests/a.ts', true],
    ['src/*.ts', 'src/deep/a.ts', false],
    ['src/[ab].ts', 'src/b.ts', true],
    ['src/[!ab].ts', 'src/b.ts', false],
    ['./src/?.ts', 'src/c.ts', true],
  ])('%s matches %s: %s', (pattern, path, matches) => {
    expect(compileGlobs([pattern]).matches(path)).toBe(matches);
  });
});

describe('the default test globs', () => {
  /** The test-file check the globs replaced (src/load/project.ts before `tests` existed), with the test-helper folders. */
  function oldIsTestPath(path: string): boolean {
    const name = path.split('/').at(-1) ?? '';
    if (/\.(test|spec)(-d)?\.[cm]?[jt]sx?$/.test(name)) return true;
    return path
      .split('/')
      .slice(0, -1)
      .some((part) =>
        [
          'test',
          'tests',
          'testing',
          '__tests__',
          '__mocks__',
          '__fixtures__',
          'fixtures',
          'mocks',
          'test-utils',
          'test-helpers',
        ].includes(part),
      );
  }

  it('class every loadable source path as the old check did', () => {
    const segment = fc.constantFrom(
      'src',
      'test',
      'tests',
      'testing',
      '__tests__',
      'mocks',
      'fixtures',
      'lib',
      'a.test',
      'mock',
      'test-utils',
      'test-helpers',
      'test-util',
    );
    const stem = fc.constantFrom('index', 'tree', 'a.test', 'b.spec', 'c.test-d', 'd.spec-d', 'test', 'e.tests');
    const extension = fc.constantFrom('.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs');
    const globs = compileGlobs(DEFAULT_TEST_GLOBS);
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 4 }), stem, extension, (folders, name, ext) => {
        const path = [...folders, `${name}${ext}`].join('/');
        expect(globs.matches(path)).toBe(oldIsTestPath(path));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('--print-config', () => {
  it('prints the effective configuration, itself a valid configuration file', async () => {
    const { code, out } = await runCli('--print-config', GLOBS);
    expect(code).toBe(0);
    const printed = JSON.parse(out) as { rules: Record<string, unknown>; tests: unknown };
    expect(configProblem(schemaFor(RULES), printed)).toBeUndefined();
    expect(printed).toEqual(effectiveConfig(loadConfig(GLOBS, undefined), RULES));
    expect(printed.rules['complex-function']).toEqual({ severity: 'warning', options: { maxComplexity: 15 } });
    expect(printed.tests).toEqual(['e2e/**']);
    withScratch(GLOBS, (dir) => {
      const copy = join(dir, 'printed.json');
      writeFileSync(copy, out);
      const reloaded = loadConfig(dir, copy);
      validateConfig(reloaded, RULES);
      expect(effectiveConfig(reloaded, RULES)).toEqual(printed);
    });
  });

  it('says how the globs classify a named file', async () => {
    const printed = JSON.parse(
      (await runCli('--print-config', join(GLOBS, 'src', 'legacy.ts'), '--project', GLOBS)).out,
    ) as {
      file: unknown;
    };
    expect(printed.file).toEqual({ path: 'src/legacy.ts', ignored: true, generated: false, test: false });
  });
});
