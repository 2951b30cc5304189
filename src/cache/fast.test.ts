import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CacheEntry } from './entry.js';
import type { CachedRunOptions } from './fast.js';
import { fastCacheHit } from './fast.js';
import { RULES } from '../../rules/index.js';
import { defineRule } from '../model/rule.js';
import { analyseWithCache } from './run.js';
import { cacheFileFor } from './store.js';

const scratch = mkdtempSync(join(tmpdir(), 'review-bot-fast-cache-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const DEMO = resolve(import.meta.dirname, '../../fixtures/provider-tree');
let projects = 0;

/**
 * The fast check with the registry's rule metadata, as the built command has it embedded (from the sources
 * there is none, and the check declines: see the last test).
 */
function hitOf(options: CachedRunOptions, location: string): ReturnType<typeof fastCacheHit> {
  return fastCacheHit(
    options,
    location,
    RULES.map((rule) => rule.meta),
  );
}

/** A fresh copy of the demo with a filled cache: the first run stores what the fast check reads. */
function cachedProject(prepare: (project: string) => void = () => undefined): {
  project: string;
  location: string;
} {
  projects += 1;
  const project = join(scratch, `project-${String(projects)}`);
  cpSync(DEMO, project, { recursive: true });
  prepare(project);
  const location = join(project, '.review-bot-cache');
  expect(analyseWithCache({ path: project }, location).plan).toBe('full');
  return { project, location };
}

/** What a report shows of a cached analysis: everything but timings, which no report prints. */
function shown(analysis: { result: object; parseProblems: unknown; bulk: unknown; plan: string }): string {
  return JSON.stringify({ ...analysis.result, timings: undefined, parseProblems: analysis.parseProblems });
}

/** The cache file of a project, as written. */
function stored(project: string, location: string): CacheEntry {
  return JSON.parse(readFileSync(cacheFileFor(location, project), 'utf8')) as CacheEntry;
}

/** Appends a line to a file of the project. */
function append(project: string, file: string, text: string): void {
  const path = join(project, file);
  writeFileSync(path, `${readFileSync(path, 'utf8')}${text}`);
}

describe('fastCacheHit', () => {
  it('serves what the full check serves, without loading the project', () => {
    const { project, location } = cachedProject();
    const fast = hitOf({ path: project }, location);
    const full = analyseWithCache({ path: project }, location);
    expect(full.plan).toBe('hit');
    expect(fast?.plan).toBe('hit');
    expect(fast === undefined ? undefined : shown(fast)).toBe(shown(full));
    expect(fast?.bulk).toEqual(full.bulk);
    expect(fast?.result.findings.length).toBeGreaterThan(0);
  });

  // Each change, then what the fast check says and what the full check (which loads the compiler) says. The fast
  // check may decline what the full one serves (it then goes to the full one), never the other way round.
  const changes: { name: string; change: (project: string) => void; fast: boolean; full: 'hit' | 'other' }[] = [
    { name: 'nothing', change: () => undefined, fast: true, full: 'hit' },
    {
      name: 'a source file edited',
      change: (p) => {
        append(p, 'src/tree.ts', '\nexport const edited = 1;\n');
      },
      fast: false,
      full: 'other',
    },
    {
      name: 'a source file added where the tsconfig includes',
      change: (p) => {
        writeFileSync(join(p, 'src/added.ts'), 'export const added = 1;\n');
      },
      fast: false,
      full: 'other',
    },
    {
      name: 'a source file added in a folder the tsconfig includes, deeper down',
      change: (p) => {
        mkdirSync(join(p, 'test/deeper'));
        writeFileSync(join(p, 'test/deeper/added.ts'), 'export const added = 1;\n');
      },
      fast: false,
      full: 'other',
    },
    {
      name: 'a source file added outside what the tsconfig includes',
      change: (p) => {
        writeFileSync(join(p, 'scratch.ts'), 'export const elsewhere = 1;\n');
      },
      fast: true,
      full: 'hit',
    },
    {
      name: 'a JSON file added where the tsconfig includes (its patterns take no JSON)',
      change: (p) => {
        writeFileSync(join(p, 'src/data.json'), '{}\n');
      },
      fast: false,
      full: 'hit',
    },
    {
      name: 'a file of another kind added where the tsconfig includes',
      change: (p) => {
        writeFileSync(join(p, 'src/notes.md'), '# notes\n');
      },
      fast: true,
      full: 'hit',
    },
    {
      name: 'the tsconfig edited',
      change: (p) => {
        writeFileSync(join(p, 'tsconfig.json'), readFileSync(join(p, 'tsconfig.json'), 'utf8') + '\n');
      },
      fast: false,
      full: 'other',
    },
    {
      name: 'the configuration file added',
      change: (p) => {
        writeFileSync(join(p, '.review-bot.json'), '{ "rules": { "complex-function": "off" } }\n');
      },
      fast: false,
      full: 'other',
    },
    {
      name: 'package.json edited',
      change: (p) => {
        append(p, 'package.json', '\n');
      },
      fast: false,
      full: 'other',
    },
    {
      name: 'a suppression comment added (comments are parsed by the full check)',
      change: (p) => {
        append(p, 'src/tree.ts', '\n// review-bot-disable-next-line duplicate-import -- kept\n');
      },
      fast: false,
      full: 'other',
    },
  ];

  for (const { name, change, fast, full } of changes) {
    it(`after ${name}: ${fast ? 'serves the hit' : 'leaves the run to the full check'}`, () => {
      const { project, location } = cachedProject();
      change(project);
      const served = hitOf({ path: project }, location);
      const checked = analyseWithCache({ path: project }, location);
      expect(served !== undefined).toBe(fast);
      expect(checked.plan === 'hit' ? 'hit' : 'other').toBe(full);
      if (served !== undefined) expect(shown(served)).toBe(shown(checked));
    });
  }

  it('after a hit it could not serve, serves the next one (the full check records what it reads now)', () => {
    const { project, location } = cachedProject();
    writeFileSync(join(project, 'src/data.json'), '{}\n');
    expect(hitOf({ path: project }, location)).toBeUndefined();
    expect(analyseWithCache({ path: project }, location).plan).toBe('hit');
    expect(hitOf({ path: project }, location)?.plan).toBe('hit');
  });

  it('sees an edit to a tsconfig the project extends', () => {
    const { project, location } = cachedProject((p) => {
      const config = JSON.parse(readFileSync(join(p, 'tsconfig.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(p, 'tsconfig.base.json'), JSON.stringify({ compilerOptions: config['compilerOptions'] }));
      writeFileSync(join(p, 'tsconfig.json'), JSON.stringify({ extends: './tsconfig.base.json', include: ['src'] }));
    });
    expect(hitOf({ path: project }, location)?.plan).toBe('hit');
    append(project, 'tsconfig.base.json', '\n');
    expect(hitOf({ path: project }, location)).toBeUndefined();
  });

  it('sees a file added through a link to a folder of the project', () => {
    const { project, location } = cachedProject((p) => {
      mkdirSync(join(p, 'shared'));
      writeFileSync(join(p, 'shared', 'linked.ts'), 'export const linked = 1;\n');
      symlinkSync(join(p, 'shared'), join(p, 'src', 'linked'));
    });
    expect(hitOf({ path: project }, location)?.plan).toBe('hit');
    writeFileSync(join(project, 'shared', 'more.ts'), 'export const more = 1;\n');
    expect(hitOf({ path: project }, location)).toBeUndefined();
  });

  it('never walks out of the project: a link to a folder outside leaves every run to the full check', () => {
    const outside = join(scratch, 'linked-sources');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'linked.ts'), 'export const linked = 1;\n');
    const { project, location } = cachedProject((p) => {
      symlinkSync(outside, join(p, 'src', 'linked'));
    });
    expect(stored(project, location).fast).toBeUndefined();
    expect(hitOf({ path: project }, location)).toBeUndefined();
    expect(analyseWithCache({ path: project }, location).plan).toBe('hit');
  });

  it('records nothing to check when the tsconfig lists no file yet but looks in a folder outside the root', () => {
    const later = join(scratch, 'sources-added-later');
    mkdirSync(later, { recursive: true });
    const { project, location } = cachedProject((p) => {
      const config = JSON.parse(readFileSync(join(p, 'tsconfig.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(p, 'tsconfig.json'), JSON.stringify({ ...config, include: ['../sources-added-later'] }));
    });
    expect(stored(project, location).fast).toBeUndefined();
    // A file there changes what the tsconfig lists: only the full check can see it.
    writeFileSync(join(later, 'added.ts'), 'export const added = 1;\n');
    expect(hitOf({ path: project }, location)).toBeUndefined();
    expect(analyseWithCache({ path: project }, location).plan).not.toBe('hit');
  });

  it('reads nothing a cache file names outside the project, and then serves nothing', () => {
    const { project, location } = cachedProject();
    const file = cacheFileFor(location, project);
    const entry = stored(project, location);
    const hostile = [
      {
        ...entry,
        fast: { ...entry.fast, watched: { ...entry.fast?.watched, dirs: [{ path: '/', recursive: true }] } },
      },
      { ...entry, files: { ...entry.files, '../../../../../../dev/zero': { hash: 'x', imports: [], global: false } } },
    ];
    for (const changed of hostile) {
      writeFileSync(file, JSON.stringify(changed));
      expect(hitOf({ path: project }, location)).toBeUndefined();
    }
    // The full check sees the named file as gone (changed): it runs everything, and reads no device either.
    expect(analyseWithCache({ path: project }, location).plan).toBe('full');
  });

  it('reads no device a cache file names among the reported files, when it serves the stored result', () => {
    const { project, location } = cachedProject();
    const entry = stored(project, location);
    const reportedFiles = [...entry.result.reportedFiles, '../../../../../../dev/zero'];
    // Without the fast check's record, so that the full check serves it and reads the reported files' comments.
    writeFileSync(
      cacheFileFor(location, project),
      JSON.stringify({ ...entry, fast: undefined, result: { ...entry.result, reportedFiles } }),
    );
    const served = analyseWithCache({ path: project }, location);
    expect(served.plan).toBe('hit');
    expect(served.result.findings).toEqual(entry.result.findings);
  });

  it('answers only for the choices it was stored with', () => {
    const { project, location } = cachedProject();
    const options: CachedRunOptions[] = [
      { path: project, disable: ['complex-function'] },
      { path: project, only: ['duplicate-import'] },
      { path: project, config: join(project, 'tsconfig.json') },
      { path: project, files: [join(project, 'src/tree.ts')] },
    ];
    for (const option of options) expect(hitOf(option, location)).toBeUndefined();
    expect(hitOf({ path: project }, location)?.plan).toBe('hit');
  });

  it('records nothing to check when the file list depends on a folder outside the root', () => {
    const shared = join(scratch, 'shared-sources');
    mkdirSync(shared, { recursive: true });
    writeFileSync(join(shared, 'shared.ts'), 'export const shared = 1;\n');
    const { project, location } = cachedProject((p) => {
      const config = JSON.parse(readFileSync(join(p, 'tsconfig.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(p, 'tsconfig.json'), JSON.stringify({ ...config, include: ['src', '../shared-sources'] }));
    });
    expect(stored(project, location).fast).toBeUndefined();
    expect(hitOf({ path: project }, location)).toBeUndefined();
    expect(analyseWithCache({ path: project }, location).plan).toBe('hit');
  });

  it("declines without the rules' metadata (from the sources), so titles never come from the cache file", () => {
    const { project, location } = cachedProject();
    expect(hitOf({ path: project }, location)?.plan).toBe('hit');
    expect(fastCacheHit({ path: project }, location)).toBeUndefined();
  });
});

// A file rule whose finding in one file depends on another file's text (as the lock model's and the security rules'
// screens do): the cache must not keep its finding for an unchanged file when only the other file changed.
const markerSeen = defineRule({
  meta: {
    id: 'marker-elsewhere',
    description: 'Report index.ts when another file says MARKER',
    category: 'correctness',
    defaultSeverity: 'warning',
    stability: 'stable',
    scope: 'file',
    needsTypeChecker: false,
    title: 'Test marker',
    rationale: 'Only for tests.',
    messages: { seen: { message: 'A marker elsewhere.', recommendation: 'Nothing.' } },
    options: { defaults: {}, schema: { type: 'object', properties: {} } },
  },
  *check({ files, project }) {
    for (const file of files) {
      if (file.getBaseName() !== 'index.ts') continue;
      if (project.filesWhoseText((text) => text.includes('MARKER')).some((other) => other !== file))
        yield { node: file, messageId: 'seen' };
    }
  },
});

describe('a file rule that reads other files by their text', () => {
  it('is not kept as local: a change to the other file alone changes its finding', () => {
    const { project, location } = cachedProject((p) => {
      append(p, 'src/errors.ts', '// MARKER\n');
      rmSync(join(p, '.review-bot.json')); // it configures the registry's rules
    });
    const options = { path: project, registry: [markerSeen], only: ['marker-elsewhere'] };
    const first = analyseWithCache(options, location);
    expect(first.result.findings.map((f) => [f.ruleId, f.file])).toEqual([['marker-elsewhere', 'src/index.ts']]);
    expect(stored(project, location).localRules).toEqual([]);
    writeFileSync(join(project, 'src/errors.ts'), readFileSync(join(DEMO, 'src/errors.ts'), 'utf8'));
    const second = analyseWithCache(options, location);
    expect(second.plan).not.toBe('hit');
    expect(second.result.findings).toEqual([]);
  });
});
