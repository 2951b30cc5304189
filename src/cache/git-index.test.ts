/**
 * The index reader against git itself: indexes git writes (versions 2, 3 and 4, names of any bytes git takes,
 * as long as git allows) list exactly what `git ls-files` lists; indexes it cannot read for certain (split,
 * sparse, SHA-256, changed by a byte, cut short) give no answer, so the caller asks git.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { gitIn } from '../../test/support/git.js';
import { comparable, indexLists } from './git-index.js';

const scratch = mkdtempSync(join(tmpdir(), 'review-bot-git-index-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** The empty blob's name: index entries need an object name, not the object. */
const EMPTY_BLOB = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';

let repositories = 0;

/** A new repository whose index holds `paths` (no file on disk: git's `--index-info`), written as `version`. */
function repositoryWith(paths: readonly string[], version: 2 | 3 | 4, init: readonly string[] = []): string {
  const dir = join(scratch, `r${String(repositories++)}`);
  execFileSync('git', ['init', '-q', ...init, dir]);
  const input = paths.map((path) => `100644 ${EMPTY_BLOB}\t${path}\u0000`).join('');
  execFileSync('git', ['update-index', '--add', '-z', '--index-info'], { cwd: dir, input });
  // An extended flag (skip-worktree) makes git write version 3; version 4 is asked for.
  if (version === 3) execFileSync('git', ['update-index', '--skip-worktree', '--', paths[0] ?? ''], { cwd: dir });
  if (version === 4) execFileSync('git', ['update-index', '--index-version', '4'], { cwd: dir });
  return dir;
}

function indexOf(dir: string): Buffer {
  return readFileSync(join(dir, '.git', 'index'));
}

/** What git lists, by name. */
function listed(dir: string): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: dir, encoding: 'utf8' });
  return out.split('\u0000').filter((name) => name !== '');
}

/** A path component git takes: letters of both cases, digits, spaces, punctuation, composed and decomposed accents, wide characters. */
const component = fc
  .array(fc.constantFrom(...('aAbBzZ09 -_.~#'.match(/./g) ?? []), 'é', 'e\u0301', 'ß', 'İ', '漢', '😀'), {
    minLength: 1,
    maxLength: 12,
  })
  .map((parts) => parts.join(''))
  .filter((name) => name !== '.' && name !== '..' && comparable(name) !== '.git' && !name.endsWith('.'));
const path = fc.array(component, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));

/** Paths no one of which is a folder of another (git refuses a file and a folder of one name). */
const paths = fc
  .uniqueArray(path, { minLength: 1, maxLength: 12 })
  .filter((all) => all.every((a) => all.every((b) => a === b || !b.startsWith(`${a}/`))));

/** A path as a query may spell it: as listed, with its case changed, or another path. */
function spellings(all: readonly string[], others: readonly string[]): string[] {
  return [...all, ...all.map((p) => p.toUpperCase()), ...all.map((p) => p.split('/')[0] ?? ''), ...others];
}

describe('indexLists', () => {
  it.each([2, 3, 4] as const)('reads a version %i index as git lists it', (version) => {
    fc.assert(
      fc.property(paths, fc.array(path, { maxLength: 4 }), (all, others) => {
        const dir = repositoryWith(all, version);
        const index = indexOf(dir);
        expect(index.readUInt32BE(4)).toBe(version);
        const names = listed(dir).map(comparable);
        const queries = spellings(all, others);
        for (const query of queries)
          expect([query, indexLists(index, [query])]).toEqual([query, names.includes(comparable(query))]);
        // Several at once: listed when any is.
        expect(indexLists(index, others)).toBe(others.some((query) => names.includes(comparable(query))));
      }),
      { numRuns: 15 },
    );
  });

  it('reads names as long as git allows, past the twelve bits the entry gives their length', () => {
    const long = [`${'a'.repeat(200)}/`.repeat(21).concat('x.json'), 'b'.repeat(4094), 'c'.repeat(4095)];
    for (const version of [2, 3, 4] as const) {
      const index = indexOf(repositoryWith([...long, 'z.ts'], version));
      for (const name of [...long, 'z.ts']) expect(indexLists(index, [name])).toBe(true);
      expect(indexLists(index, ['b'.repeat(4095)])).toBe(false);
    }
  });

  it('answers nothing for an index changed by any byte, or cut short', () => {
    const index = indexOf(repositoryWith(['a.ts', 'src/b.ts', 'src/c/d.ts'], 4));
    expect(indexLists(index, ['src/b.ts'])).toBe(true);
    fc.assert(
      fc.property(
        fc.nat(index.length - 1),
        fc.integer({ min: 1, max: 255 }),
        fc.nat(index.length - 1),
        (at, xor, cut) => {
          const changed = Buffer.from(index);
          changed[at] = (changed[at] ?? 0) ^ xor;
          expect(indexLists(changed, ['src/b.ts'])).toBeUndefined();
          expect(indexLists(index.subarray(0, cut), ['src/b.ts'])).toBeUndefined();
        },
      ),
    );
  });

  it('answers nothing for a split index, a sparse index or a SHA-256 repository', () => {
    const split = repositoryWith(['a.ts', 'b.ts'], 2);
    execFileSync('git', ['update-index', '--split-index'], { cwd: split });
    expect(indexLists(indexOf(split), ['a.ts'])).toBeUndefined();

    const sha256 = repositoryWith([], 2, ['--object-format=sha256']);
    execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: sha256, input: '' });
    const empty = execFileSync('git', ['hash-object', '--stdin'], { cwd: sha256, input: '', encoding: 'utf8' }).trim();
    execFileSync('git', ['update-index', '--add', '-z', '--index-info'], {
      cwd: sha256,
      input: `100644 ${empty}\ta.ts\u0000`,
    });
    expect(listed(sha256)).toEqual(['a.ts']);
    expect(indexLists(indexOf(sha256), ['a.ts'])).toBeUndefined();

    const home = mkdtempSync(join(scratch, 'home-'));
    const sparse = join(scratch, 'sparse');
    execFileSync('git', ['init', '-q', sparse]);
    for (const file of ['in/a.ts', 'out/b.ts']) {
      mkdirSync(dirname(join(sparse, file)), { recursive: true });
      writeFileSync(join(sparse, file), '');
    }
    gitIn(sparse, home, ['add', '.']);
    gitIn(sparse, home, ['commit', '-qm', 'files']);
    gitIn(sparse, home, ['sparse-checkout', 'set', '--cone', '--sparse-index', 'in']);
    expect(indexOf(sparse).includes('sdir')).toBe(true);
    // Entries before the first folder entry are read; past it, only git knows what the index holds.
    expect(indexLists(indexOf(sparse), ['in/a.ts'])).toBe(true);
    expect(indexLists(indexOf(sparse), ['out/b.ts'])).toBeUndefined();
    expect(indexLists(indexOf(sparse), ['in/c.ts'])).toBeUndefined();
  });

  it('answers nothing for what is not an index', () => {
    expect(indexLists(Buffer.from(''), ['a'])).toBeUndefined();
    expect(indexLists(Buffer.from('DIRC'), ['a'])).toBeUndefined();
    expect(indexLists(Buffer.alloc(64), ['a'])).toBeUndefined();
  });
});
