import type { ImportDeclaration, SourceFile } from 'ts-morph';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';

export default defineRule({
  meta: {
    id: 'duplicate-import',
    description: 'Disallow importing the same module with more than one import declaration in a file',
    category: 'style',
    defaultSeverity: 'warning',
    stability: 'stable',
    scope: 'file',
    needsTypeChecker: true,
    title: 'Duplicate imports',
    rationale:
      'Two import declarations of one module split what the file depends on across two places; readers and merge tools see one, miss the other.',
    messages: {
      duplicateImport: {
        message: 'Module `{{module}}` is imported again here; it is already imported on line {{firstLine}}.',
        recommendation: 'Merge this import into the one on line {{firstLine}}.',
      },
    },
    options: NO_OPTIONS,
  },
  *check({ files }) {
    for (const file of files) {
      const seen = new Map<string, ImportDeclaration[]>();
      for (const declaration of file.getImportDeclarations()) {
        const key = moduleKey(file, declaration);
        const earlier = seen.get(key) ?? [];
        const first = earlier.find((e) => canMerge(e, declaration));
        if (first !== undefined) {
          yield {
            node: declaration,
            messageId: 'duplicateImport',
            symbol: { path: declaration.getModuleSpecifierValue() },
            data: { module: declaration.getModuleSpecifierValue(), firstLine: first.getStartLineNumber() },
            evidence: [{ note: 'first import of the module', node: first }],
          };
        }
        seen.set(key, [...earlier, declaration]);
      }
    }
  },
});

/** The imported module: the resolved file when it resolves (`./a` and `./a.js` are one module), else the specifier. */
function moduleKey(file: SourceFile, declaration: ImportDeclaration): string {
  const target = declaration.getModuleSpecifierSourceFile();
  return target === undefined || target === file
    ? `specifier:${declaration.getModuleSpecifierValue()}`
    : `file:${target.getFilePath()}`;
}

/**
 * True when two imports of one module could be one declaration: a type-only
 * and a value import may stay apart; two side-effect imports (`import './x'`)
 * are one too many, but a side-effect import beside a binding import is its
 * own statement; a namespace import can share a declaration only with a lone
 * default import (`import a, * as ns from 'x'`).
 */
function canMerge(a: ImportDeclaration, b: ImportDeclaration): boolean {
  if (a.isTypeOnly() !== b.isTypeOnly()) return false;
  if (isSideEffectOnly(a) || isSideEffectOnly(b)) return isSideEffectOnly(a) && isSideEffectOnly(b);
  const aNamespace = a.getNamespaceImport() !== undefined;
  const bNamespace = b.getNamespaceImport() !== undefined;
  if (aNamespace && bNamespace) return false;
  if (aNamespace) return isDefaultOnly(b);
  if (bNamespace) return isDefaultOnly(a);
  return true;
}

/** `import './x'`: no bindings at all. */
function isSideEffectOnly(declaration: ImportDeclaration): boolean {
  return declaration.getImportClause() === undefined;
}

/** `import a from 'x'`: a default import and nothing else. */
function isDefaultOnly(declaration: ImportDeclaration): boolean {
  return (
    declaration.getDefaultImport() !== undefined && declaration.getImportClause()?.getNamedBindings() === undefined
  );
}
