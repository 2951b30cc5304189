import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as TsMorph from 'ts-morph';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

type Compiler = typeof TsMorph.ts;

/** ts-morph as the built command carries it (dist/vendor, edited by scripts/build.mjs), or as installed. */
function tsMorphOf(kind: 'vendored' | 'installed'): typeof TsMorph {
  const require = createRequire(join(ROOT, 'package.json'));
  return require(kind === 'vendored' ? join(ROOT, 'dist', 'vendor', 'ts-morph.cjs') : 'ts-morph') as typeof TsMorph;
}

const DEPENDENCY = `/** A queue. @deprecated use Pool */
export declare class Queue {
  /** Adds an item. @param item what to add */
  add(item: string): number;
}
`;

const PROJECT = `import { Queue } from 'queue';

/** Makes a queue. @returns a new queue */
export function make(): Queue {
  return new Queue();
}
export const added = make().add('x');
`;

/**
 * A program built by `kind`'s ts-morph for a project file that imports a dependency's declaration file: how many
 * JSDoc comments the compiler's trees carry of the project file, the dependency's declaration file
 * and `lib.dom.d.ts`, and the type the checker gives `added`.
 */
function built(kind: 'vendored' | 'installed'): { project: number; dependency: number; lib: number; added: string } {
  const { Project, ts: compiler } = tsMorphOf(kind);
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: { target: compiler.ScriptTarget.ES2022, strict: true, noEmit: true },
  });
  const fs = project.getFileSystem();
  fs.writeFileSync('/node_modules/queue/package.json', JSON.stringify({ name: 'queue', types: 'index.d.ts' }));
  fs.writeFileSync('/node_modules/queue/index.d.ts', DEPENDENCY);
  const source = project.createSourceFile('/src/index.ts', PROJECT);
  const program = project.getProgram().compilerObject;
  const documented = (path: string): number => {
    const file = program.getSourceFiles().find((f) => f.fileName.endsWith(path));
    if (file === undefined) throw new Error(`the program has no ${path}`);
    return jsDocCommentsOf(compiler, file);
  };
  const added = source.getVariableDeclarationOrThrow('added');
  return {
    project: documented('/src/index.ts'),
    dependency: documented('/node_modules/queue/index.d.ts'),
    lib: documented('/lib.dom.d.ts'),
    added: program.getTypeChecker().typeToString(program.getTypeChecker().getTypeAtLocation(added.compilerNode)),
  };
}

/** How many JSDoc comments the tree carries. */
function jsDocCommentsOf(compiler: Compiler, file: TsMorph.ts.SourceFile): number {
  let count = 0;
  const visit = (node: TsMorph.ts.Node): void => {
    count += (node as TsMorph.ts.Node & { jsDoc?: unknown[] }).jsDoc?.length ?? 0;
    compiler.forEachChild(node, visit);
  };
  visit(file);
  return count;
}

/** How many JSDoc comments a parse of `lib.dom.d.ts` as ts-morph carries it finds (TypeScript's default mode). */
function libDomComments(): number {
  const { ts: compiler } = tsMorphOf('installed');
  const fromTsMorph = createRequire(createRequire(join(ROOT, 'package.json')).resolve('ts-morph'));
  const common = fromTsMorph('@ts-morph/common') as { getLibFiles: () => { fileName: string; text: string }[] };
  const dom = common.getLibFiles().find((file) => file.fileName === 'lib.dom.d.ts');
  if (dom === undefined) throw new Error('@ts-morph/common carries no lib.dom.d.ts');
  return jsDocCommentsOf(compiler, compiler.createSourceFile(dom.fileName, dom.text, compiler.ScriptTarget.ES2022));
}

// scripts/build.mjs (`declarationsWithoutDocs`): the declaration files the compiler reads on its own are parsed as
// `tsc` parses them, without JSDoc; the project's files keep theirs, and the checker's answers are the same.
describe('the vendored ts-morph', () => {
  it('parses the declaration files the compiler reads without their JSDoc, and the project files with it', () => {
    expect(built('vendored')).toEqual({ project: 1, dependency: 0, lib: 0, added: 'number' });
  });

  it('differs from the installed ts-morph only there', () => {
    const lib = libDomComments();
    expect(lib).toBeGreaterThan(1000);
    expect(built('installed')).toEqual({ project: 1, dependency: 2, lib, added: 'number' });
  });
});
