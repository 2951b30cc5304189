import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { withParseBudget } from './parse-budget.js';
import { loadProject } from './project.js';

/** A class body on which TypeScript's parser time doubles with each of `count` repeated lines (fuzz seed 13). */
function slowParseText(count: number): string {
  return `class A {\n  async f(): Promise<void> {\n    await this.x }\n${'\n  async refresh(source: Source }'.repeat(count)}\n}\n`;
}

/** Parses a text as TypeScript. */
function parse(text: string): () => ts.SourceFile {
  return () => ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true);
}

describe('a parse under the time budget', () => {
  it('stops a parse past the budget, and the next parse on the thread is whole', () => {
    const started = performance.now();
    expect(withParseBudget(parse(slowParseText(24)), 300)).toEqual({ kind: 'timeout' });
    expect(performance.now() - started).toBeLessThan(10_000);
    const next = withParseBudget(parse('export const a = [1, 2];\n'), 2000);
    if (next.kind !== 'done') throw new Error(`expected a parse, got ${next.kind}`);
    expect(next.value.statements.map((s) => s.kind)).toEqual([ts.SyntaxKind.VariableStatement]);
    expect(ts.createPrinter().printFile(next.value)).toBe('export const a = [1, 2];\n');
  }, 60_000);

  it('reads a stack overflow as such, and other errors as they are', () => {
    const deep = `export const a = ${'('.repeat(50_000)}1${')'.repeat(50_000)};\n`;
    expect(withParseBudget(parse(deep), 10_000)).toEqual({ kind: 'overflow' });
    expect(() =>
      withParseBudget(() => {
        throw new TypeError('not a parse error');
      }, 1000),
    ).toThrow('not a parse error');
  }, 60_000);
});

describe('the loader applies the budget to every file it parses', () => {
  let folder = '';
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'review-bot-parse-budget-'));
    mkdirSync(join(folder, 'types'));
    writeFileSync(join(folder, 'slow.ts'), slowParseText(24));
    writeFileSync(join(folder, 'types', 'slow.d.ts'), `export declare const x: number;\n${slowParseText(24)}`);
    writeFileSync(join(folder, 'ok.ts'), "import { x } from './types/slow';\nexport const y = x + 1;\n");
    // Deep enough to overflow the compiler's own parse on any stack: the overflow is caught in the loader.
    writeFileSync(join(folder, 'parens.ts'), `export const p =\n${'(\n'.repeat(50_000)}1${')\n'.repeat(50_000)};\n`);
    writeFileSync(join(folder, 'generic.ts'), `export let g:\n${'Array<\n'.repeat(50_000)}1${'>\n'.repeat(50_000)};\n`);
  });
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('skips project files and an imported declaration file whose parse runs past it or out of stack', () => {
    const started = performance.now();
    const { view, parseProblems } = loadProject({
      path: folder,
      settings: { limits: { maxParseMilliseconds: 300 } },
    });
    const reason = 'parse took longer than 300 ms (limits.maxParseMilliseconds)';
    // Loaded, the project's own files are known; the imported declaration file is read when the program is built.
    expect(parseProblems().map((p) => p.file)).toEqual(['generic.ts', 'parens.ts', 'slow.ts']);
    view.project.getTypeChecker();
    expect(view.project.getProgram().compilerObject.getSourceFiles().length).toBeGreaterThan(1);
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(parseProblems()).toEqual([
      { kind: 'skipped', file: 'generic.ts', line: 1, column: 1, message: 'nested too deeply to parse' },
      {
        kind: 'skipped',
        file: 'parens.ts',
        line: 1,
        column: 1,
        message: 'nested more than 300 levels deep (limits.maxNestingDepth)',
      },
      { kind: 'skipped', file: 'slow.ts', line: 1, column: 1, message: reason },
      { kind: 'skipped', file: 'types/slow.d.ts', line: 1, column: 1, message: reason },
    ]);
    expect(view.files.map((f) => view.relativePath(f))).toEqual(['ok.ts']);
    // Skipped files are empty to the compiler, so nothing walks them.
    for (const name of ['slow.ts', 'parens.ts', 'generic.ts'])
      expect(view.project.getSourceFileOrThrow(join(folder, name)).getFullText()).toBe('');
    expect(view.project.getSourceFileOrThrow(join(folder, 'types', 'slow.d.ts')).getFullText()).toBe('');
  }, 60_000);
});

describe('a declaration file the compiler reads on its own', () => {
  let folder = '';
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'review-bot-parse-budget-'));
    mkdirSync(join(folder, 'types'));
    // Parses well within the budget (no second parse measures it first), but too deep for the binder and checker.
    writeFileSync(
      join(folder, 'types', 'nested.d.ts'),
      `export declare const n: ${'Array<'.repeat(400)}number${'>'.repeat(400)};\n`,
    );
    writeFileSync(join(folder, 'ok.ts'), "import { n } from './types/nested';\nexport const y = n;\n");
  });
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('is measured once the compiler has parsed it, and skipped when nested past the limit', () => {
    const { view, parseProblems } = loadProject({ path: folder });
    expect(view.project.getProgram().compilerObject.getSourceFiles().length).toBeGreaterThan(1);
    expect(parseProblems()).toEqual([
      {
        kind: 'skipped',
        file: 'types/nested.d.ts',
        line: 1,
        column: 1,
        message: 'nested more than 300 levels deep (limits.maxNestingDepth)',
      },
    ]);
    expect(view.files.map((f) => view.relativePath(f))).toEqual(['ok.ts']);
    expect(view.project.getSourceFileOrThrow(join(folder, 'types', 'nested.d.ts')).getFullText()).toBe('');
    // The program the rules see is built without it: the import's type is unknown, not 400 levels of arrays.
    const y = view.project.getSourceFileOrThrow(join(folder, 'ok.ts')).getVariableDeclarationOrThrow('y');
    expect(y.getType().getText()).not.toContain('Array<');
  }, 60_000);
});
