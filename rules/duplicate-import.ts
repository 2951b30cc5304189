import { codeSpan } from './_shared/text.js';
import { Node } from 'ts-morph';
import type { ImportDeclaration, SourceFile } from 'ts-morph';
import type { ProjectView } from '../src/model/project-view.js';
import type { EditDraft } from '../src/model/edit.js';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import { insertAfter, insertBefore, replaceNode } from './_shared/fix/edits.js';
import { removeNode } from './_shared/fix/remove-node.js';

export default defineRule({
  meta: {
    id: 'duplicate-import',
    description: 'Disallow importing the same module with more than one import declaration in a file',
    category: 'style',
    defaultSeverity: 'warning',
    stability: 'stable',
    skipFiles: ['generated'],
    scope: 'file',
    needsTypeChecker: true,
    title: 'Duplicate imports',
    rationale:
      'Two import declarations of one module split what the file depends on across two places; readers and merge tools see one, miss the other.',
    messages: {
      duplicateImport: {
        message:
          'Module `{{module}}` is imported again here; it is already imported on line {{firstLine}}{{spelledThere}}.',
        recommendation: 'Merge this import into the one on line {{firstLine}}.',
      },
    },
    options: NO_OPTIONS,
  },
  *check({ files, project }) {
    for (const file of files) {
      const seen = new Map<string, ImportDeclaration[]>();
      const declarations = file.getImportDeclarations();
      const keyOf = mayNameOneModuleTwice(project, file, declarations) ? moduleKey : specifierKey;
      for (const declaration of declarations) {
        const key = keyOf(file, declaration);
        const earlier = seen.get(key) ?? [];
        const first = earlier.find((e) => canMerge(e, declaration));
        if (first !== undefined) {
          yield {
            node: declaration,
            messageId: 'duplicateImport',
            symbol: { path: declaration.getModuleSpecifierValue() },
            data: {
              module: declaration.getModuleSpecifierValue(),
              firstLine: first.getStartLineNumber(),
              spelledThere: spelledThereOf(first, declaration),
            },
            evidence: [{ note: 'first import of the module', node: first }],
            ...fixOf(first, declaration),
          };
        }
        seen.set(key, [...earlier, declaration]);
      }
    }
  },
});

/**
 * True when two different specifiers of the file may name one module (`./a`
 * and `./a.js`, a path alias beside a relative path): two of them resolve to
 * the same file as the compiler resolves imports (`ProjectView.resolveModule`,
 * which builds no program). Only then is the checker asked (`moduleKey`);
 * otherwise equal specifiers are the only imports of one module, and a file's
 * imports are told apart without building the program or creating the
 * checker (which parses every dependency and binds every file of the
 * project: most of a small package's or pull request's run).
 */
function mayNameOneModuleTwice(
  project: ProjectView,
  file: SourceFile,
  declarations: readonly ImportDeclaration[],
): boolean {
  if (declarations.length < 2) return false;
  const specifierOf = new Map<string, string>();
  const fileOf = new Map<string, string | undefined>();
  for (const declaration of declarations) {
    const literal = declaration.getModuleSpecifier().compilerNode;
    const target = project.resolveModule(file.compilerNode, literal);
    // One specifier resolving two ways (a `resolution-mode` attribute): the checker tells them apart.
    if (fileOf.has(literal.text) && fileOf.get(literal.text) !== target) return true;
    fileOf.set(literal.text, target);
    if (target === undefined || isDependencyFile(target)) continue;
    const earlier = specifierOf.get(target);
    if (earlier !== undefined && earlier !== literal.text) return true;
    specifierOf.set(target, literal.text);
  }
  return false;
}

/** The imported module as written: enough when no two different specifiers of the file name one module. */
function specifierKey(_file: SourceFile, declaration: ImportDeclaration): string {
  return `specifier:${declaration.getModuleSpecifierValue()}`;
}

/**
 * The imported module: the resolved file when it resolves to one of the project's files (`./a` and `./a.js` are one
 * module), else the specifier (a dependency's file: `isDependencyFile`).
 */
function moduleKey(file: SourceFile, declaration: ImportDeclaration): string {
  const target = declaration.getModuleSpecifierSourceFile();
  return target === undefined || target === file || target.isInNodeModules()
    ? `specifier:${declaration.getModuleSpecifierValue()}`
    : `file:${target.getFilePath()}`;
}

/**
 * True for the path of an installed dependency's file, as ts-morph's `isInNodeModules()` tells a parsed one. Its modules are told apart by their specifiers: a package's entry
 * (`'@theia/core'`) and the path inside the package its `main` names today (`'@theia/core/lib/common'`) are two names
 * the package offers, not one import written twice, and which file the entry names is the package's to change in
 * any release.
 */
function isDependencyFile(path: string): boolean {
  return path.includes('/node_modules/');
}

/**
 * True when two imports of one module could be one declaration: imports of different kinds (`importKindOf`: a
 * type-only import, one whose every name is marked `type`, and a value import) may stay apart; two side-effect
 * imports (`import './x'`) are one too many, but a side-effect import beside a binding import is its own statement; a
 * namespace import can share a declaration only with a lone default import (`import a, * as ns from 'x'`), and a
 * type-only import holds a default import or named bindings but not both (TypeScript's TS1363).
 */
function canMerge(a: ImportDeclaration, b: ImportDeclaration): boolean {
  if (importKindOf(a) !== importKindOf(b)) return false;
  if (isSideEffectOnly(a) || isSideEffectOnly(b)) return isSideEffectOnly(a) && isSideEffectOnly(b);
  if (a.isTypeOnly() && hasDefault(a) !== hasDefault(b)) return false;
  const aNamespace = a.getNamespaceImport() !== undefined;
  const bNamespace = b.getNamespaceImport() !== undefined;
  if (aNamespace && bNamespace) return false;
  if (aNamespace) return isDefaultOnly(b);
  if (bNamespace) return isDefaultOnly(a);
  return true;
}

/**
 * How a declaration imports: `type` for `import type { A }`; `inline-type` for named imports each marked `type`
 * (`import { type A, type B }`), which import nothing at run time either, the same choice written inline (ldapts keeps
 * every type import apart so; eslint-plugin-import's `no-duplicates` reads it as a type import); `value` otherwise.
 * Only imports of one kind are asked to merge: ESLint's `no-duplicate-imports` keeps `import type { A }` and `import {
 * type B }` apart too, and neither can take the other's names as written.
 */
function importKindOf(declaration: ImportDeclaration): 'type' | 'inline-type' | 'value' {
  if (declaration.isTypeOnly()) return 'type';
  const named = declaration.getNamedImports();
  return declaration.getDefaultImport() === undefined &&
    Node.isNamedImports(declaration.getImportClause()?.getNamedBindings()) &&
    named.length > 0 &&
    named.every((specifier) => specifier.isTypeOnly())
    ? 'inline-type'
    : 'value';
}

/** `import './x'`: no bindings at all. */
function isSideEffectOnly(declaration: ImportDeclaration): boolean {
  return declaration.getImportClause() === undefined;
}

/** `import a from 'x'` or `import a, { b } from 'x'`: the import has a default import. */
function hasDefault(declaration: ImportDeclaration): boolean {
  return declaration.getDefaultImport() !== undefined;
}

/** `import a from 'x'`: a default import and nothing else. */
function isDefaultOnly(declaration: ImportDeclaration): boolean {
  return (
    declaration.getDefaultImport() !== undefined && declaration.getImportClause()?.getNamedBindings() === undefined
  );
}

/** The merge as a finding's fix, when there is a safe one. */
function fixOf(first: ImportDeclaration, again: ImportDeclaration): { fix?: EditDraft[] } {
  const merge = mergeInto(first, again);
  return merge === undefined ? {} : { fix: [...merge, removeNode(again)] };
}

/**
 * The edits that add the names of `again` to `first` (none when they are all
 * there already), or undefined when one declaration cannot hold both: two
 * default imports, import attributes, or a type-only import that would get a
 * default import beside named bindings (a syntax error).
 */
function mergeInto(first: ImportDeclaration, again: ImportDeclaration): EditDraft[] | undefined {
  if (isSideEffectOnly(first)) return [];
  if (first.getAttributes() !== undefined || again.getAttributes() !== undefined) return undefined;
  // `import type { A }` cannot take `type B`, nor `{ type A }` a bare `B`, which would become a value import.
  if (first.isTypeOnly() !== again.isTypeOnly()) return undefined;
  const firstDefault = first.getDefaultImport();
  const againDefault = again.getDefaultImport();
  if (firstDefault !== undefined && againDefault !== undefined) return undefined;
  const firstNamed = first.getImportClause()?.getNamedBindings();
  const againNamed = again.getImportClause()?.getNamedBindings();
  const hasDefault = firstDefault !== undefined || againDefault !== undefined;
  if (first.isTypeOnly() && hasDefault && (firstNamed !== undefined || againNamed !== undefined)) return undefined;
  const edits: EditDraft[] = [];
  if (againDefault !== undefined && firstNamed !== undefined)
    edits.push(insertBefore(firstNamed, `${againDefault.getText()}, `));
  if (Node.isNamespaceImport(againNamed) && firstDefault !== undefined)
    edits.push(insertAfter(firstDefault, `, ${againNamed.getText()}`));
  if (Node.isNamedImports(againNamed)) {
    const have = new Set(first.getNamedImports().map((s) => s.getText()));
    const added = [...new Set(again.getNamedImports().map((s) => s.getText()))].filter((t) => !have.has(t));
    const last = first.getNamedImports().at(-1);
    if (added.length === 0) return edits;
    if (last !== undefined) edits.push(insertAfter(last, `, ${added.join(', ')}`));
    else if (Node.isNamedImports(firstNamed)) edits.push(replaceNode(firstNamed, `{ ${added.join(', ')} }`));
    else if (firstDefault !== undefined) edits.push(insertAfter(firstDefault, `, { ${added.join(', ')} }`));
    else return undefined;
  }
  return edits;
}

/**
 * How the first import spells the module, when it spells it otherwise (`'./a'` for `'./a.js'`, both naming `a.ts`):
 * the line the message points to shows another text.
 */
function spelledThereOf(first: ImportDeclaration, again: ImportDeclaration): string {
  const there = first.getModuleSpecifierValue();
  return there === again.getModuleSpecifierValue() ? '' : ` as ${codeSpan(there)}`;
}
