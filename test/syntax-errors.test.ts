/**
 * A file's syntax error, as the loader reports it, is the first of the program's syntactic diagnostics for it:
 * the loader reads a TypeScript file's from its tree (`firstSyntaxErrors`, src/load/project.ts) and builds a
 * program only for JavaScript files (TypeScript-only syntax is an error there). Here each is compared with a
 * program of the file alone, as the loader asked before, on texts assembled from fragments of the language and
 * of broken code (the fuzzer's).
 */
import fc from 'fast-check';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { loadInMemory } from '../src/load/project.js';
import { TOKENS } from '../scripts/fuzz.js';
import type { ParseProblem } from '../src/load/project.js';

/** The fuzzer's fragments, and words that only TypeScript accepts (an error in a JavaScript file). */
const FRAGMENTS = [
  ...TOKENS,
  'let',
  'x',
  ':',
  'number',
  '=',
  '1',
  'interface',
  'type',
  'T',
  'implements',
  'public',
  '!',
  'x!',
  '<T>',
];

/** The first syntactic diagnostic of a program of `name` alone, in the loader's report form. */
function programFirstError(name: string, text: string): ParseProblem | undefined {
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, allowJs: true, jsx: ts.JsxEmit.Preserve };
  const tree = ts.createSourceFile(`/${name}`, text, ts.ScriptTarget.ES2022, true);
  const host: ts.CompilerHost = {
    getSourceFile: (file) => (file === tree.fileName ? tree : undefined),
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (file) => file,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (file) => file === tree.fileName,
    readFile: () => undefined,
  };
  const program = ts.createProgram({
    rootNames: [tree.fileName],
    options: { ...options, noLib: true, noResolve: true },
    host,
  });
  const first = program.getSyntacticDiagnostics(tree)[0];
  if (first === undefined) return undefined;
  const { line, character } = ts.getLineAndCharacterOfPosition(tree, first.start);
  return {
    kind: 'unparsed',
    file: name,
    line: line + 1,
    column: character + 1,
    message: ts.flattenDiagnosticMessageText(first.messageText, ' '),
  };
}

/** In the order the loader lists files (by path). */
const EXTENSIONS = ['cjs', 'js', 'jsx', 'mts', 'ts', 'tsx'];

describe('a file’s syntax error', () => {
  it('is the program’s first syntactic diagnostic, in TypeScript and JavaScript files alike', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }), fc.boolean(), (parts, spaced) => {
        const text = parts.join(spaced ? ' ' : '');
        const sources = Object.fromEntries(EXTENSIONS.map((ext) => [`a.${ext}`, text]));
        const expected = EXTENSIONS.map((ext) => programFirstError(`a.${ext}`, text)).filter((p) => p !== undefined);
        expect(loadInMemory(sources).parseProblems()).toEqual(expected);
      }),
      { seed: 20261204, numRuns: 150 },
    );
  });

  it('in a JavaScript file, includes TypeScript-only syntax, which the parser alone accepts', () => {
    const text = 'let x: number = 1;\nexport enum E { A }\n';
    expect(loadInMemory({ 'a.ts': text, 'b.js': text }).parseProblems()).toEqual([
      {
        kind: 'unparsed',
        file: 'b.js',
        line: 1,
        column: 8,
        message: 'Type annotations can only be used in TypeScript files.',
      },
    ]);
  });

  it('is the first by position when the parser reports several', () => {
    const text = 'const = ;\nlet (;\nclass {\n';
    const [problem] = loadInMemory({ 'a.ts': text }).parseProblems();
    expect(problem).toEqual(programFirstError('a.ts', text));
    expect(problem).toMatchObject({ line: 1, column: 7 });
  });
});
