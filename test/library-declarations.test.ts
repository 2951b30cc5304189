import { join } from 'node:path';
import { Project, ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { MATH_METHODS } from '../rules/insecure-randomness.js';
import { GLOBAL_TIMERS } from '../rules/_shared/security/timers.js';
import { getSecretNoun } from '../rules/_shared/security/names.js';

/**
 * insecure-randomness passes over the library's timers and `Math` methods
 * without looking up the parameter a random value is given to (the program is
 * not built for it): it takes their declarations to name no secret. Checked
 * here against the declarations the checker finds, in the DOM library, the
 * ECMAScript library and Node's types this project installs.
 */
describe('library globals whose parameters insecure-randomness does not look up', () => {
  const project = new Project({
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: ['node'],
      typeRoots: [join(process.cwd(), 'node_modules', '@types')],
    },
  });
  const probe = project.createSourceFile(join(process.cwd(), 'library-probe.ts'), 'export {};\n');
  const checker = project.getTypeChecker().compilerObject;

  /** The parameter names of every declaration of a symbol that has parameters, with the file each is in. */
  const parametersOf = (symbol: ts.Symbol | undefined): { file: string; names: string[] }[] =>
    (symbol?.declarations ?? []).filter(ts.isFunctionLike).map((d) => ({
      file: d.getSourceFile().fileName,
      names: d.parameters.map((p) => p.name.getText()),
    }));

  it('the timers: declared by the DOM library and by Node, no parameter named like a secret', () => {
    for (const name of GLOBAL_TIMERS) {
      const found = parametersOf(checker.resolveName(name, probe.compilerNode, ts.SymbolFlags.Value, false));
      expect(found.some((f) => f.file.endsWith('lib.dom.d.ts')) || name === 'setImmediate', name).toBe(true);
      expect(
        found.some((f) => f.file.includes('/@types/node/')),
        name,
      ).toBe(true);
      for (const { file, names } of found)
        expect(
          names.filter((n) => getSecretNoun(n) !== undefined),
          `${name} in ${file}`,
        ).toEqual([]);
    }
  });

  it('the methods of the global `Math`: declared by the ECMAScript library, no parameter named like a secret', () => {
    const math = checker.resolveName('Math', probe.compilerNode, ts.SymbolFlags.Value, false);
    expect(math).toBeDefined();
    const type = checker.getTypeOfSymbol(math as ts.Symbol);
    for (const name of MATH_METHODS) {
      const found = parametersOf(type.getProperty(name));
      expect(found.length, name).toBeGreaterThan(0);
      for (const { file, names } of found)
        expect(
          names.filter((n) => getSecretNoun(n) !== undefined),
          `Math.${name} in ${file}`,
        ).toEqual([]);
    }
  });
});
