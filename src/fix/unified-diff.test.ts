import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { temporaryFolder } from '../../test/temporary-folder.js';
import { splitLines, unifiedDiff } from './unified-diff.js';

/** What `diff -u` prints for the two texts, with our labels. */
function gnuDiff(before: string, after: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'review-bot-diff-'));
  writeFileSync(join(dir, 'old'), before);
  writeFileSync(join(dir, 'new'), after);
  try {
    return execFileSync('diff', ['-u', '--label', 'a/f.ts', '--label', 'b/f.ts', 'old', 'new'], {
      cwd: dir,
      encoding: 'utf8',
    });
  } catch (error) {
    if (error instanceof Error && 'stdout' in error && typeof error.stdout === 'string') return error.stdout;
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Applies a unified diff to a text, checking every context and removed line; throws on a mismatch. */
function applyPatch(before: string, patch: string): string {
  const old = splitLines(before);
  const out: string[] = [];
  let next = 0;
  const lines = patch.split('\n').slice(2, -1);
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? '';
    const header = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(text);
    if (header) {
      const start = Number(header[1]) - (header[2] === '0' ? 0 : 1);
      while (next < start) out.push(old[next++] ?? '');
      continue;
    }
    const noNewline = lines[i + 1] === '\\ No newline at end of file';
    const body = text.slice(1) + (noNewline ? '' : '\n');
    if (noNewline) i++;
    if (text.startsWith('+')) out.push(body);
    else {
      if (old[next] !== body) throw new Error(`line ${String(next + 1)} does not match: ${JSON.stringify(body)}`);
      if (text.startsWith(' ')) out.push(body);
      next++;
    }
  }
  while (next < old.length) out.push(old[next++] ?? '');
  return out.join('');
}

/** Length of the longest common subsequence of lines, by dynamic programming. */
function lcs(a: readonly string[], b: readonly string[]): number {
  let row: number[] = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const next: number[] = [0];
    for (const [j, y] of b.entries()) next.push(x === y ? (row[j] ?? 0) + 1 : Math.max(row[j + 1] ?? 0, next[j] ?? 0));
    row = next;
  }
  return row[b.length] ?? 0;
}

const textOf = (lines: readonly string[], finalNewline: boolean): string =>
  lines.length === 0 ? '' : lines.join('\n') + (finalNewline ? '\n' : '');

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('f.ts', 'a\nb\n', 'a\nb\n')).toBe('');
  });

  it('prints what diff -u prints for a changed line inside a file', () => {
    const before = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n';
    const after = before.replace('five\n', 'FIVE\n');
    expect(unifiedDiff('f.ts', before, after)).toBe(gnuDiff(before, after));
    expect(unifiedDiff('f.ts', before, after)).toBe(
      '--- a/f.ts\n+++ b/f.ts\n@@ -2,7 +2,7 @@\n two\n three\n four\n-five\n+FIVE\n six\n seven\n eight\n',
    );
  });

  it('prints what diff -u prints for a removed first line, two hunks, and a file without a final newline', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${String(i + 1)}`);
    const before = lines.join('\n');
    const after = [...lines.slice(1, 20), 'inserted', ...lines.slice(20, 29), 'last'].join('\n');
    expect(unifiedDiff('f.ts', before, after)).toBe(gnuDiff(before, after));
  });

  it('marks a removed final newline and an added one', () => {
    expect(unifiedDiff('f.ts', 'a\nb\n', 'a\nb')).toBe(gnuDiff('a\nb\n', 'a\nb'));
    expect(unifiedDiff('f.ts', 'a\nb', 'a\nb\n')).toBe(gnuDiff('a\nb', 'a\nb\n'));
    expect(unifiedDiff('f.ts', 'a\nb', 'a\nb\n')).toBe(
      '--- a/f.ts\n+++ b/f.ts\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n',
    );
  });

  it('names an empty side 0,0', () => {
    expect(unifiedDiff('f.ts', '', 'x\n')).toBe('--- a/f.ts\n+++ b/f.ts\n@@ -0,0 +1 @@\n+x\n');
    expect(unifiedDiff('f.ts', 'x\ny\n', '')).toBe('--- a/f.ts\n+++ b/f.ts\n@@ -1,2 +0,0 @@\n-x\n-y\n');
  });

  it('keeps a carriage return as part of the line', () => {
    expect(unifiedDiff('f.ts', 'a\r\nb\r\n', 'a\r\nc\r\n')).toBe(gnuDiff('a\r\nb\r\n', 'a\r\nc\r\n'));
  });

  it('gives a patch that turns the old text into the new one, with the fewest changed lines (property)', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', '', '  d'), { maxLength: 25 });
    fc.assert(
      fc.property(lines, fc.boolean(), lines, fc.boolean(), (a, aNl, b, bNl) => {
        const before = textOf(a, aNl);
        const after = textOf(b, bNl);
        const patch = unifiedDiff('f.ts', before, after);
        if (before === after) return patch === '';
        expect(applyPatch(before, patch)).toBe(after);
        const changed = patch.split('\n').filter((l) => /^[-+](?![-+]{2} [ab]\/)/.test(l)).length;
        const x = splitLines(before);
        const y = splitLines(after);
        expect(changed).toBe(x.length + y.length - 2 * lcs(x, y));
        return true;
      }),
      { numRuns: 500 },
    );
  });

  it('is accepted by patch(1)', () => {
    const before = 'import { a } from "./a";\nimport { b } from "./b";\n\nexport const c = a + 1;\n';
    const after = 'import { a } from "./a";\n\nexport const c = a + 1;\n';
    const dir = temporaryFolder('review-bot-patch-');
    writeFileSync(join(dir, 'f.ts'), before);
    execFileSync('patch', ['-p1', '--quiet'], { cwd: dir, input: unifiedDiff('f.ts', before, after) });
    expect(readFileSync(join(dir, 'f.ts'), 'utf8')).toBe(after);
  });
});
