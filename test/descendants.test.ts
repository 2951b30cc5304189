import { Node, ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { loadInMemory } from '../src/load/project.js';
import { descendantsWhere, isIdentifierNamed } from '../rules/_shared/ast/descendants.js';
import { fixtureSources } from './fixture-sources.js';

/** JSDoc names, an empty statement, a missing name and nested functions: where an index and a tree walk may differ. */
const TRAPS = {
  'traps/jsdoc.js': [
    '/**',
    ' * Runs {@link run} with `name`.',
    ' * @param {string} name the name',
    ' * @returns {import("./other").Result} what ran',
    ' */',
    'function run(name) {',
    '  /** @type {number} */',
    '  let count = name.length;',
    '  count = count + 1;',
    '  const inner = (x) => run(x + name);',
    '  return inner(name) + count;',
    '}',
    ';;',
    'module.exports = { run };',
  ].join('\n'),
  'traps/broken.ts': 'function f(a: number) { const = a + ; return f(a) }\nclass C { m() { return this.m(); } }\n',
};

const KINDS = [
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.CallExpression,
  ts.SyntaxKind.BinaryExpression,
  ts.SyntaxKind.PropertyAccessExpression,
];

describe('descendantsWhere: a scope’s nodes from the node index', () => {
  it('lists what getDescendantsOfKind lists, in its order, in every fixture file and every function of them', () => {
    const { view } = loadInMemory({ ...fixtureSources(/\.(?:[cm]?[jt]s|[jt]sx)$/), ...TRAPS });
    let scopes = 0;
    let nodes = 0;
    for (const file of view.project.getSourceFiles()) {
      const functions = file.getDescendants().filter((d) => Node.isFunctionLikeDeclaration(d));
      for (const scope of [file, ...functions]) {
        scopes++;
        for (const kind of KINDS) {
          const expected = scope.getDescendantsOfKind(kind);
          const listed = descendantsWhere(view, scope, kind, () => true);
          // The same wrappers (ts-morph keeps one per compiler node), in the same order.
          expect(listed.length).toBe(expected.length);
          expect(listed.every((node, i) => node === expected[i])).toBe(true);
          nodes += expected.length;
        }
      }
    }
    // Enough that the comparison says something: 2,101 scopes and 35,227 nodes.
    expect(scopes).toBeGreaterThan(1000);
    expect(nodes).toBeGreaterThan(30_000);
  });

  it('keeps only the nodes the test accepts, JSDoc names included as a tree walk meets them', () => {
    const { view } = loadInMemory(TRAPS);
    const file = view.project.getSourceFileOrThrow('/traps/jsdoc.js');
    const named = descendantsWhere(view, file, ts.SyntaxKind.Identifier, isIdentifierNamed('name', 'run'));
    expect(named.map((n) => `${n.getText()}@${String(n.getStartLineNumber())}`)).toEqual(
      file
        .getDescendantsOfKind(ts.SyntaxKind.Identifier)
        .filter((n) => n.getText() === 'name' || n.getText() === 'run')
        .map((n) => `${n.getText()}@${String(n.getStartLineNumber())}`),
    );
    // `{@link run}` and `@param {string} name` are among them, as in the tree.
    expect(named.filter((n) => n.getStartLineNumber() <= 3).map((n) => n.getText())).toEqual(['run', 'name']);
  });
});
