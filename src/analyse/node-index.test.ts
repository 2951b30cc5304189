import fc from 'fast-check';
import { Project, SyntaxKind, ts } from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { loadInMemory } from '../load/project.js';
import { collectNodes, createNodeIndex, wrapCompilerNode } from './node-index.js';

/** A source file in a fresh in-memory project. */
function sourceOf(text: string, name = '/a.ts'): SourceFile {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true } });
  return project.createSourceFile(name, text);
}

/** Kind name and text of each node, for exact comparisons. */
function describeNodes(file: SourceFile, nodes: readonly ts.Node[]): string[] {
  return nodes.map((n) => `${ts.SyntaxKind[n.kind]} ${n.getText(file.compilerNode)}`);
}

/** The reference answer: every node of `kind` that ts-morph's own descendant walk visits, in its order. */
function viaTsMorph(file: SourceFile, kind: SyntaxKind): ts.Node[] {
  return file.getDescendantsOfKind(kind).map((n) => n.compilerNode);
}

describe('node index', () => {
  it('lists the nodes of each declared kind, in document order', () => {
    const file = sourceOf('const a = f(g(1), h());\nfunction k() { return a.b(2); }\nclass C { m() { new D(); } }\n');
    const index = createNodeIndex([
      SyntaxKind.CallExpression,
      SyntaxKind.FunctionDeclaration,
      SyntaxKind.NewExpression,
    ]);
    expect(describeNodes(file, index.nodesOf(file, SyntaxKind.CallExpression))).toEqual([
      'CallExpression f(g(1), h())',
      'CallExpression g(1)',
      'CallExpression h()',
      'CallExpression a.b(2)',
    ]);
    expect(describeNodes(file, index.nodesOf(file, SyntaxKind.FunctionDeclaration))).toEqual([
      'FunctionDeclaration function k() { return a.b(2); }',
    ]);
    expect(describeNodes(file, index.nodesOf(file, SyntaxKind.NewExpression))).toEqual(['NewExpression new D()']);
    expect(index.walks).toBe(1);
    expect([...index.lateKinds]).toEqual([]);
  });

  it('walks each file once for every declared kind, and caches the answer', () => {
    const a = sourceOf('f();');
    const b = a.getProject().createSourceFile('/b.ts', 'if (x) { y(); }');
    const index = createNodeIndex([SyntaxKind.CallExpression, SyntaxKind.IfStatement]);
    const first = index.nodesOf(a, SyntaxKind.CallExpression);
    expect(index.nodesOf(a, SyntaxKind.IfStatement)).toEqual([]);
    expect(index.nodesOf(a, SyntaxKind.CallExpression)).toBe(first);
    expect(describeNodes(b, index.nodesOf(b, SyntaxKind.IfStatement))).toEqual(['IfStatement if (x) { y(); }']);
    expect(index.walks).toBe(2);
  });

  it('answers a kind that was not declared with one more walk, and records it', () => {
    const file = sourceOf('let x = 1; x++;');
    const index = createNodeIndex([SyntaxKind.CallExpression]);
    expect(index.nodesOf(file, SyntaxKind.CallExpression)).toEqual([]);
    expect(describeNodes(file, index.nodesOf(file, SyntaxKind.PostfixUnaryExpression))).toEqual([
      'PostfixUnaryExpression x++',
    ]);
    expect(index.nodesOf(file, SyntaxKind.PostfixUnaryExpression)).toHaveLength(1);
    expect(index.walks).toBe(2);
    expect([...index.lateKinds]).toEqual([SyntaxKind.PostfixUnaryExpression]);
  });

  it('includes the root, modifiers and operator tokens, and no punctuation', () => {
    const file = sourceOf('export async function f() { return 1 + 2; }');
    const kinds = new Set([
      SyntaxKind.SourceFile,
      SyntaxKind.ExportKeyword,
      SyntaxKind.AsyncKeyword,
      SyntaxKind.PlusToken,
      SyntaxKind.OpenBraceToken,
    ]);
    const buckets = collectNodes(file.compilerNode, kinds);
    expect([...buckets.entries()].map(([k, nodes]) => [k, nodes.length])).toEqual([
      [SyntaxKind.SourceFile, 1],
      [SyntaxKind.ExportKeyword, 1],
      [SyntaxKind.AsyncKeyword, 1],
      [SyntaxKind.PlusToken, 1],
      [SyntaxKind.OpenBraceToken, 0],
    ]);
  });

  it('visits JSDoc comments only when a JSDoc kind is asked for', () => {
    const file = sourceOf(
      '/**\n * Adds.\n * @param a first\n * @returns {number} sum\n */\nfunction add(a) { return a; }\n',
    );
    const kinds = new Set([SyntaxKind.JSDoc, SyntaxKind.JSDocParameterTag, SyntaxKind.JSDocReturnTag]);
    const buckets = collectNodes(file.compilerNode, kinds);
    expect(buckets.get(SyntaxKind.JSDoc)).toHaveLength(1);
    expect(describeNodes(file, buckets.get(SyntaxKind.JSDocParameterTag) ?? [])).toEqual([
      'JSDocParameterTag @param a first\n * ',
    ]);
    expect(buckets.get(SyntaxKind.JSDocReturnTag)).toHaveLength(1);
    // add, a, a: the `a` of `@param a` is inside the JSDoc comment, not visited for a non-JSDoc kind.
    const identifiers = collectNodes(file.compilerNode, new Set([SyntaxKind.Identifier])).get(SyntaxKind.Identifier);
    expect(identifiers).toHaveLength(3);
    const withDocs = collectNodes(file.compilerNode, new Set([SyntaxKind.Identifier, SyntaxKind.JSDoc]));
    expect(withDocs.get(SyntaxKind.Identifier)).toHaveLength(6); // and the tag names `param`, `returns`, and `a`
  });

  it('walks a 20,000-deep expression without overflowing the stack', () => {
    const depth = 20_000;
    const file = sourceOf(`const x = ${'1 + '.repeat(depth)}1;`);
    const index = createNodeIndex([SyntaxKind.BinaryExpression, SyntaxKind.NumericLiteral]);
    expect(index.nodesOf(file, SyntaxKind.BinaryExpression)).toHaveLength(depth);
    expect(index.nodesOf(file, SyntaxKind.NumericLiteral)).toHaveLength(depth + 1);
  });

  it('finds the same nodes, in the same order, as ts-morph descendant walks', () => {
    const statements = fc.constantFrom(
      'const a = f(1);',
      'if (a) { b(); } else { c?.(d); }',
      'class K { p = 1; m(x: number) { return x * 2; } }',
      'for (const i of xs) { await g(i); }',
      'const o = { k: 1, f() { return this.k; }, ...r };',
      'try { t(); } catch (e) { throw new Error(`${e}`); }',
      'switch (v) { case 1: w(); break; default: }',
      'type T = { a: string } | ((x: number) => void);',
      'export default async (p) => p ?? q;',
      '/** d */ enum E { A = 1, B }',
    );
    const kinds = [
      SyntaxKind.CallExpression,
      SyntaxKind.Identifier,
      SyntaxKind.Block,
      SyntaxKind.ReturnStatement,
      SyntaxKind.PropertyAccessExpression,
      SyntaxKind.TemplateExpression,
      SyntaxKind.NumericLiteral,
    ];
    fc.assert(
      fc.property(fc.array(statements, { minLength: 1, maxLength: 8 }), (parts) => {
        const file = sourceOf(`async function main() {\n${parts.join('\n')}\n}\n${parts.join('\n')}`);
        const index = createNodeIndex(kinds);
        for (const kind of kinds) expect(index.nodesOf(file, kind)).toEqual(viaTsMorph(file, kind));
      }),
      { numRuns: 60 },
    );
  });
});

describe('wrapCompilerNode', () => {
  it('returns the wrapper ts-morph itself uses for the node', () => {
    const file = sourceOf('function f() { return g(h(1)); }');
    const calls = createNodeIndex([SyntaxKind.CallExpression]).nodesOf(file, SyntaxKind.CallExpression);
    const inner = calls[1];
    if (inner === undefined) throw new Error('expected two calls');
    const wrapped = wrapCompilerNode(file, inner);
    expect(wrapped.getText()).toBe('h(1)');
    expect(wrapped).toBe(file.getDescendantsOfKind(SyntaxKind.CallExpression)[1]);
    expect(wrapped.getParentOrThrow().getText()).toBe('g(h(1))');
    expect(wrapCompilerNode(file, file.compilerNode)).toBe(file);
  });
});

describe('ProjectView.nodesOf', () => {
  it('answers from the shared index, and wraps what a rule reports', () => {
    const { view } = loadInMemory({
      'src/a.ts': 'export function f() { return g(1); }\nfunction g(n: number) { return n; }',
    });
    const file = view.files[0];
    if (file === undefined) throw new Error('expected one file');
    const calls = view.nodesOf(file, SyntaxKind.CallExpression);
    expect(describeNodes(file, calls)).toEqual(['CallExpression g(1)']);
    expect(view.nodesOf(file, SyntaxKind.CallExpression)).toBe(calls);
    const [call] = calls;
    if (call === undefined) throw new Error('expected one call');
    expect(view.wrap(file, call).getKindName()).toBe('CallExpression');
    expect(describeNodes(file, view.nodesOf(file, SyntaxKind.FunctionDeclaration))).toHaveLength(2);
  });
});
