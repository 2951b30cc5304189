import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../pipeline.js';
import type { CacheEntry } from './entry.js';
import { CACHE_FORMAT } from './entry.js';
import { canonicalJson } from './inputs.js';
import { declaresGlobals, importersOf, planCachedRun } from './plan.js';
import { analyseWithCache } from './run.js';
import { cacheFileFor, readCache, writeCache } from './store.js';

const scratch = mkdtempSync(join(tmpdir(), 'review-bot-cache-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** A cache entry over three files: b imports a, c imports b; d is alone. */
function entry(overrides: Partial<CacheEntry> = {}): CacheEntry {
  const finding = (file: string, ruleId: string) => ({
    ruleId,
    messageId: 'm',
    severity: 'warning' as const,
    security: false,
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    message: 'text',
    recommendation: 'do',
    data: {},
    evidence: [],
    fingerprint: `${ruleId}:${file}`,
  });
  return {
    format: CACHE_FORMAT,
    tool: 'review-bot@0.1.0+test',
    key: 'k1',
    files: {
      'a.ts': { hash: 'ha', imports: [], global: false },
      'b.ts': { hash: 'hb', imports: ['a.ts'], global: false },
      'c.ts': { hash: 'hc', imports: ['b.ts'], global: false },
      'd.ts': { hash: 'hd', imports: [], global: false },
      'g.d.ts': { hash: 'hg', imports: [], global: true },
    },
    localRules: ['local-rule'],
    result: {
      findings: ['a.ts', 'b.ts', 'c.ts', 'd.ts'].flatMap((f) => [finding(f, 'local-rule'), finding(f, 'project-rule')]),
      failures: [],
      fileCount: 4,
      reportedFiles: ['a.ts', 'b.ts', 'c.ts', 'd.ts'],
      unparsedFiles: [],
      rulesRun: ['local-rule', 'project-rule'],
      securityRulesRun: [],
      securityRulesKnown: [],
      parseProblems: [],
    },
    ...overrides,
  };
}

/** The current state with some hashes changed. */
function state(changes: Record<string, string | undefined> = {}, key = 'k1') {
  const hashes = new Map(Object.entries(entry().files).map(([f, c]) => [f, c.hash]));
  for (const [file, hash] of Object.entries(changes)) {
    if (hash === undefined) hashes.delete(file);
    else hashes.set(file, hash);
  }
  return { key, hashes, isGlobal: (file: string) => file === 'turned-global.ts' };
}

describe('planCachedRun', () => {
  it('returns the stored result when no hash changed', () => {
    expect(planCachedRun(entry(), state())).toEqual({ kind: 'hit', result: entry().result });
  });

  it('runs everything without an entry, or when the key changed', () => {
    expect(planCachedRun(undefined, state())).toEqual({ kind: 'full', reason: 'no usable cache entry' });
    expect(planCachedRun(entry(), state({}, 'k2')).kind).toBe('full');
  });

  it('re-analyses a changed file and its importers, and keeps the local findings of the others', () => {
    const plan = planCachedRun(entry(), state({ 'a.ts': 'changed' }));
    if (plan.kind !== 'partial') throw new Error(`expected a partial plan, got ${plan.kind}`);
    expect(plan.changed).toEqual(['a.ts']);
    expect([...plan.dirty].sort()).toEqual(['a.ts', 'b.ts', 'c.ts']);
    expect(plan.reused.map((f) => `${f.ruleId}:${f.file}`)).toEqual(['local-rule:d.ts']);
  });

  it('treats a deleted file as changed', () => {
    const plan = planCachedRun(entry(), state({ 'c.ts': undefined }));
    expect(plan.kind === 'partial' ? [...plan.dirty] : plan.kind).toEqual(['c.ts']);
  });

  it('runs everything when a changed file declares globals, before or after the change', () => {
    expect(planCachedRun(entry(), state({ 'g.d.ts': 'changed' })).kind).toBe('full');
    const files = { ...entry().files, 'turned-global.ts': { hash: 'ht', imports: [], global: false } };
    expect(planCachedRun(entry({ files }), state({ 'turned-global.ts': 'changed' })).kind).toBe('full');
  });
});

describe('importersOf', () => {
  it('follows import cycles without looping', () => {
    const files = {
      'x.ts': { hash: '1', imports: ['y.ts'], global: false },
      'y.ts': { hash: '2', imports: ['x.ts'], global: false },
      'z.ts': { hash: '3', imports: ['y.ts'], global: false },
    };
    expect([...importersOf(entry({ files }), ['x.ts'])].sort()).toEqual(['x.ts', 'y.ts', 'z.ts']);
  });
});

describe('declaresGlobals', () => {
  it('is true for augmentations and scripts, false for plain modules', () => {
    expect(declaresGlobals('export const a = 1;')).toBe(false);
    expect(declaresGlobals("import { a } from './a';\nconsole.log(a);")).toBe(false);
    expect(declaresGlobals('export {};\ndeclare global { interface Window { x: 1 } }')).toBe(true);
    expect(declaresGlobals("import 'x';\ndeclare module 'x' { }")).toBe(true);
    expect(declaresGlobals('const script = 1;')).toBe(true);
  });
});

describe('canonicalJson', () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: 3 } })).toBe(
      canonicalJson({ a: { c: 3, d: [2, { e: 0, f: 1 }] }, b: 1 }),
    );
  });
});

describe('readCache / writeCache', () => {
  const tool = 'review-bot@0.1.0+test';

  it('reads back what it wrote', () => {
    const file = join(scratch, 'store', 'entry.json');
    expect(writeCache(file, entry())).toBeUndefined();
    expect(readCache(file, tool)).toEqual({ entry: entry() });
  });

  it('gives neither entry nor note when there is no cache file', () => {
    expect(readCache(join(scratch, 'missing.json'), tool)).toEqual({});
  });

  it("ignores, with a note and without waiting, a pipe or a folder in the cache file's place", () => {
    const pipe = join(scratch, 'pipe.json');
    execFileSync('mkfifo', [pipe]);
    expect(readCache(pipe, tool)).toEqual({ note: `cache ${pipe} is not a regular file; ignored` });
    const folder = mkdtempSync(join(scratch, 'folder-'));
    expect(readCache(folder, tool)).toEqual({ note: `cache ${folder} is not a regular file; ignored` });
  });

  it('ignores, with a note, a corrupt, foreign, older or malformed cache file', () => {
    const file = join(scratch, 'bad.json');
    const cases: [string, string][] = [
      ['{"format": 1, "tool"', `cache ${file} is not valid JSON; ignored`],
      [
        JSON.stringify({ ...entry(), tool: 'other-tool@9' }),
        `cache ${file} was written by other-tool@9, not ${tool}; ignored`,
      ],
      [JSON.stringify({ ...entry(), format: 0 }), `cache ${file} has format 0, not ${String(CACHE_FORMAT)}; ignored`],
      [
        JSON.stringify({ ...entry(), files: { 'a.ts': { hash: 1 } } }),
        `cache ${file} is not a review-bot cache entry; ignored`,
      ],
      ['[1, 2]', `cache ${file} is not a review-bot cache entry; ignored`],
      [
        JSON.stringify({ ...entry(), result: { ...entry().result, findings: [{ ruleId: 'x' }] } }),
        `cache ${file} is not a review-bot cache entry; ignored`,
      ],
    ];
    for (const [text, note] of cases) {
      writeFileSync(file, text);
      expect(readCache(file, tool)).toEqual({ note });
    }
  });

  it('names one file per analysed root inside the folder, or uses a .json location as the file', () => {
    expect(cacheFileFor('/c', '/repo/a')).not.toBe(cacheFileFor('/c', '/repo/b'));
    expect(cacheFileFor('/c', '/repo/a')).toMatch(/^\/c\/review-bot-[0-9a-f]{16}\.json$/);
    expect(cacheFileFor('/c/x.json', '/repo/a')).toBe('/c/x.json');
  });
});

describe('analyseWithCache', () => {
  const project = join(scratch, 'provider-tree');
  cpSync(resolve(import.meta.dirname, '../../fixtures/provider-tree'), project, { recursive: true });
  const location = join(scratch, 'cache');
  const whole = () => JSON.stringify(analyse({ path: project }).result.findings);

  it('stores a whole run, returns it unchanged without loading, and re-analyses only what a change touches', () => {
    const first = analyseWithCache({ path: project }, location);
    expect(first.plan).toBe('full');
    expect(JSON.stringify(first.result.findings)).toBe(whole());
    expect(first.result.findings.length).toBeGreaterThan(0);

    const second = analyseWithCache({ path: project }, location);
    expect(second.plan).toBe('hit');
    expect(second.notes).toEqual([]);
    expect(JSON.stringify(second.result.findings)).toBe(JSON.stringify(first.result.findings));
    expect(second.result.rulesRun).toEqual(first.result.rulesRun);
    expect(second.result.rulesMeta).toEqual(first.result.rulesMeta);

    const target = join(project, 'src', 'tree.ts');
    writeFileSync(target, `${readFileSync(target, 'utf8')}\nexport function added(x) { return x; }\n`);
    const third = analyseWithCache({ path: project }, location);
    expect(third.plan).toBe('partial');
    expect(JSON.stringify(third.result.findings)).toBe(whole());
    expect(analyseWithCache({ path: project }, location).plan).toBe('hit');
  });

  it('runs everything, with a note, when the cache file is corrupt', () => {
    const file = cacheFileFor(location, project);
    writeFileSync(file, 'not json');
    const run = analyseWithCache({ path: project }, location);
    expect(run.plan).toBe('full');
    expect(run.notes).toEqual([`cache ${file} is not valid JSON; ignored`]);
    expect(JSON.stringify(run.result.findings)).toBe(whole());
  });

  it('reports an unknown rule as a whole run does', () => {
    expect(() => analyseWithCache({ path: project, only: ['no-such-rule'] }, location)).toThrow(
      '--rule: unknown rule "no-such-rule"',
    );
  });

  it('runs everything when the configuration changes', () => {
    writeFileSync(join(project, '.review-bot.json'), JSON.stringify({ rules: { 'complex-function': 'off' } }));
    const run = analyseWithCache({ path: project }, location);
    expect(run.plan).toBe('full');
    expect(run.result.rulesRun).not.toContain('complex-function');
    expect(JSON.stringify(run.result.findings)).toBe(whole());
  });

  it('leaves out ignored files and applies suppression comments as a whole run does, on a hit too', () => {
    const other = join(scratch, 'provider-tree-suppressed');
    cpSync(resolve(import.meta.dirname, '../../fixtures/provider-tree'), other, { recursive: true });
    writeFileSync(join(other, '.review-bot.json'), JSON.stringify({ ignore: ['src/snapshot.ts'] }));
    const tree = join(other, 'src', 'tree.ts');
    writeFileSync(
      tree,
      `/* review-bot-disable duplicate-import -- kept for the demo */\n${readFileSync(tree, 'utf8')}`,
    );
    const expected = analyse({ path: other }).result;
    expect(expected.suppressed?.length).toBeGreaterThan(0);
    expect(expected.findings.some((f) => f.file === 'src/snapshot.ts')).toBe(false);
    const shown = (r: { findings: unknown; suppressed?: unknown }) => JSON.stringify([r.findings, r.suppressed]);
    const cache = join(scratch, 'cache-suppressed');
    const first = analyseWithCache({ path: other }, cache);
    expect(first.plan).toBe('full');
    expect(shown(first.result)).toBe(shown(expected));
    const second = analyseWithCache({ path: other }, cache);
    expect(second.plan).toBe('hit');
    expect(shown(second.result)).toBe(shown(expected));
    expect(second.result.fileCount).toBe(expected.fileCount);
  });
});
