/**
 * A file's syntax error, as the loader reports it, is the first of the program's syntactic diagnostics for it (but
 * a legacy octal literal or escape in sloppy-mode JavaScript, which Node runs: judged here by Node's compiler):
 * the loader reads a TypeScript file's from its tree (`firstSyntaxErrors`, src/load/project.ts) and builds a
 * program only for JavaScript files (TypeScript-only syntax is an error there). Here each is compared with a
 * program of the file alone, as the loader asked before, on texts assembled from fragments of the language and
 * of broken code (the fuzzer's).
 */
import { Script } from 'node:vm';
import fc from 'fast-check';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadInMemory, loadProject } from '../src/load/project.js';
import { temporaryFolder } from './temporary-folder.js';
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

/** True when Node compiles the text as a script (sloppy unless it says otherwise); nothing is run. */
function compilesAsScript(text: string): boolean {
  try {
    new Script(text);
    return true;
  } catch {
    return false;
  }
}

/** In the order the loader lists files (by path). */
const EXTENSIONS = ['cjs', 'js', 'jsx', 'mts', 'ts', 'tsx'];

describe('a file’s syntax error', () => {
  it('is the program’s first syntactic diagnostic, in TypeScript and JavaScript files alike', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }), fc.boolean(), (parts, spaced) => {
        const text = parts.join(spaced ? ' ' : '');
        // A legacy octal escape or literal is an error only in strict code: the cases below, judged by Node.
        fc.pre(!/\\[0-7]|(?<![\w.])0[0-9]/.test(text));
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

  // Node compiles (without running) what it would load as a script: the oracle for which JavaScript files are sloppy.
  it.each([
    [
      'a CommonJS script',
      "var fs = require('fs');\nfs.createWriteStream('log', { mode: 0644 });\nvar bell = '\\7';\n",
      [],
    ],
    [
      "a script that says 'use strict'",
      "'use strict';\nvar fs = require('fs');\nfs.createWriteStream('log', { mode: 0644 });\n",
      [[3, 37, "Octal literals are not allowed. Use the syntax '0o644'."]],
    ],
    [
      'a class, whose code is strict',
      'module.exports = class Log {\n  open(fs) {\n    return fs.open({ mode: 0644 });\n  }\n};\n',
      [[3, 28, "Octal literals are not allowed. Use the syntax '0o644'."]],
    ],
  ] as const)('in %s, is a legacy octal literal or escape only where Node rejects it', (_, text, expected) => {
    const problems = loadInMemory({ 'a.js': text }).parseProblems();
    expect(problems.map((p) => [p.line, p.column, p.message])).toEqual(expected);
    expect(problems.length === 0).toBe(compilesAsScript(text));
  });

  // Node loads a `.js` file as an ES module when its nearest package.json says `"type": "module"` (strict), whatever
  // the tsconfig says; a `.cjs` file stays a CommonJS script.
  it.each([
    ['"type": "module"', { type: 'module' }, ['src/a.js']],
    ['"type": "commonjs"', { type: 'commonjs' }, []],
    ['no type', {}, []],
  ] as const)(
    'in a .js file under a package.json with %s, is a legacy octal as Node reads it',
    (_, manifest, files) => {
      const folder = temporaryFolder('review-bot-octal-');
      mkdirSync(join(folder, 'src', 'nested'), { recursive: true });
      writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'octal', ...manifest }));
      writeFileSync(
        join(folder, 'tsconfig.json'),
        JSON.stringify({ compilerOptions: { allowJs: true, noEmit: true }, include: ['src'] }),
      );
      const text = "var fs = require('fs');\nfs.createWriteStream('log', { mode: 0644 });\n";
      writeFileSync(join(folder, 'src', 'a.js'), text);
      writeFileSync(join(folder, 'src', 'nested', 'b.cjs'), text);
      expect(
        loadProject({ path: folder })
          .parseProblems()
          .map((p) => p.file),
      ).toEqual(files);
    },
  );

  it('in an ES module or a TypeScript file, is a legacy octal literal', () => {
    const text = 'export const mode = 0644;\n';
    expect(
      loadInMemory({ 'a.js': text, 'b.ts': text })
        .parseProblems()
        .map((p) => [p.file, p.line, p.column]),
    ).toEqual([
      ['a.js', 1, 21],
      ['b.ts', 1, 21],
    ]);
  });

  it('is the first by position when the parser reports several', () => {
    const text = 'const = ;\nlet (;\nclass {\n';
    const [problem] = loadInMemory({ 'a.ts': text }).parseProblems();
    expect(problem).toEqual(programFirstError('a.ts', text));
    expect(problem).toMatchObject({ line: 1, column: 7 });
  });
});
