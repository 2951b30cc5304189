import { Node, ts } from 'ts-morph';
import type { Identifier, ImportDeclaration, ImportEqualsDeclaration, SourceFile } from 'ts-morph';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { ProjectView } from '../src/model/project-view.js';
import type { EditDraft } from '../src/model/edit.js';
import { hasLocalUse } from './_shared/local-uses.js';
import { codeSpan, listFirst } from './_shared/text.js';
import { removeNode } from './_shared/fix/remove-node.js';
import { ESLINT_UNUSED_RULES, isCompilerErrorSilenced, isWaivedByEslint } from './_shared/waivers.js';

export default defineRule({
  meta: {
    id: 'unused-import',
    description: 'Disallow imported names that are never used in the importing file',
    category: 'correctness',
    defaultSeverity: 'warning',
    stability: 'stable',
    skipFiles: ['generated'],
    scope: 'file',
    needsTypeChecker: true,
    title: 'Unused imports',
    rationale:
      'An unused import makes a file look as if it depends on a module it does not use, and it can keep a module with side effects in the bundle.',
    messages: {
      unusedImport: {
        message:
          'Imported name `{{name}}` is never used in this file{{alsoUnused}}; the other names imported from `{{module}}` on line {{line}} are.',
        recommendation: 'Remove `{{name}}` from the import of `{{module}}`.',
      },
      unusedImportDeclaration: {
        message:
          'Imported name `{{name}}` is never used in this file, and neither is any other name of the import of `{{module}}` on line {{line}}.',
        recommendation: 'Remove the import of `{{module}}` on line {{line}}.',
      },
      unusedOnlyImport: {
        message: 'Imported name `{{name}}` from `{{module}}` is never used in this file.',
        recommendation: 'Remove the import of `{{module}}` on line {{line}}.',
      },
    },
    options: NO_OPTIONS,
  },
  *check({ files, project }) {
    for (const file of files) {
      const used = jsxFactoryNames(file);
      for (const declaration of importsOf(file, project)) {
        if (isKeptOnPurpose(declaration)) continue;
        const bindings = bindingsOf(declaration);
        const unused = bindings.filter((b) => !used.has(b.getText()) && !isUsed(project, b));
        const messageId = messageIdOf(unused.length, bindings.length);
        for (const binding of unused) {
          // The project silenced its own linter's or compiler's report of this name: it is kept on purpose.
          if (isWaivedByEslint(binding, ESLINT_UNUSED_RULES) || isCompilerErrorSilenced(binding)) continue;
          const fix = removalOf(declaration, binding, unused, bindings);
          yield {
            node: binding,
            messageId,
            symbol: { path: binding.getText() },
            data: {
              name: binding.getText(),
              module: moduleOf(declaration),
              line: declaration.getStartLineNumber(),
              ...(messageId === 'unusedImport' ? { alsoUnused: alsoUnused(binding, unused) } : {}),
            },
            ...(fix === undefined ? {} : { fix: [fix] }),
          };
        }
      }
    }
  },
});

/** Most names of the same import a message lists beside the one it reports. */
const MAX_LISTED = 3;

/**
 * The other unused names of an import some of whose names are used, for the message to say "the other names … are"
 * only of the used ones: empty, `, nor is \`b\``, `, nor are \`b\`, \`c\`, \`d\` and 2 more`.
 */
function alsoUnused(binding: Identifier, unused: readonly Identifier[]): string {
  const others = unused.filter((other) => other !== binding).map((other) => codeSpan(other.getText()));
  if (others.length === 0) return '';
  return `, nor ${others.length === 1 ? 'is' : 'are'} ${listFirst(others, MAX_LISTED)}`;
}

/** Which message fits: one unused name among used ones, the only name of its import, or one of several all unused. */
function messageIdOf(
  unused: number,
  bindings: number,
): 'unusedImport' | 'unusedImportDeclaration' | 'unusedOnlyImport' {
  if (unused < bindings) return 'unusedImport';
  return bindings === 1 ? 'unusedOnlyImport' : 'unusedImportDeclaration';
}

/** What a comment says when an import is there on purpose: "must remain", "keep this", "do not remove", "for its side effects". */
const KEPT_ON_PURPOSE =
  /\b(must (remain|stay|be kept)|keep (this|it|the import)|(do not|don't|never) remove|intentional(ly)?|on purpose|side[- ]?effects?)\b/i;

/**
 * True when a comment directly above the import (no blank line between) or
 * after it on its line says it is kept on purpose: the author already
 * decided, and "remove the import" would undo a decision the code records.
 */
function isKeptOnPurpose(declaration: ImportDeclaration | ImportEqualsDeclaration): boolean {
  const text = declaration.getSourceFile().getFullText();
  const start = declaration.getStart();
  const leading = ts.getLeadingCommentRanges(text, declaration.getPos()) ?? [];
  const adjacent: ts.CommentRange[] = [];
  let next = start;
  for (const comment of [...leading].reverse()) {
    if ((text.slice(comment.end, next).match(/\n/g) ?? []).length > 1) break;
    adjacent.push(comment);
    next = comment.pos;
  }
  const trailing = ts.getTrailingCommentRanges(text, declaration.getEnd()) ?? [];
  return [...adjacent, ...trailing].some((comment) => KEPT_ON_PURPOSE.test(text.slice(comment.pos, comment.end)));
}

/**
 * Top-level import declarations, then `import x = require('y')` / `import x =
 * N.y` declarations at any level, from the compiler's nodes (the run's node
 * index for the latter); only those are wrapped.
 */
function importsOf(file: SourceFile, project: ProjectView): (ImportDeclaration | ImportEqualsDeclaration)[] {
  const imports = file.compilerNode.statements
    .filter(ts.isImportDeclaration)
    .map((node) => project.wrap(file, node))
    .filter(Node.isImportDeclaration);
  const equals = project
    .nodesOf(file, ts.SyntaxKind.ImportEqualsDeclaration)
    .map((node) => project.wrap(file, node))
    .filter(Node.isImportEqualsDeclaration)
    .filter((d) => !d.hasExportKeyword());
  return [...imports, ...equals];
}

/** The local names an import declaration binds. */
function bindingsOf(declaration: ImportDeclaration | ImportEqualsDeclaration): Identifier[] {
  if (Node.isImportEqualsDeclaration(declaration)) return [declaration.getNameNode()];
  const out: Identifier[] = [];
  const defaultImport = declaration.getDefaultImport();
  if (defaultImport !== undefined) out.push(defaultImport);
  const namespace = declaration.getNamespaceImport();
  if (namespace !== undefined) out.push(namespace);
  for (const specifier of declaration.getNamedImports())
    out.push(specifier.getAliasNode() ?? specifier.getNameNode().asKindOrThrow(ts.SyntaxKind.Identifier));
  return out;
}

/** The module an import names, as written. */
function moduleOf(declaration: ImportDeclaration | ImportEqualsDeclaration): string {
  if (Node.isImportDeclaration(declaration)) return declaration.getModuleSpecifierValue();
  const reference = declaration.getModuleReference();
  return Node.isExternalModuleReference(reference)
    ? (reference.getExpression()?.getText().slice(1, -1) ?? reference.getText())
    : reference.getText();
}

/** True when the binding is read anywhere in its file: in code, a type annotation, `export { x }`, or a JSDoc comment. */
function isUsed(project: ProjectView, binding: Identifier): boolean {
  const file = binding.getSourceFile();
  return (
    hasLocalUse(project, file, binding.compilerNode, (o) => o.access !== 'write') ||
    isInJsDocTypeOverLines(project, file, binding.getText())
  );
}

/** True when `name` is read by a JSDoc type written over several lines (`jsDocTypesOverLines`). */
function isInJsDocTypeOverLines(project: ProjectView, file: SourceFile, name: string): boolean {
  const types = jsDocTypesOverLines(project, file);
  if (types.length === 0) return false;
  const word = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
  return types.some((type) => word.test(type));
}

/**
 * The text of each JSDoc type written over several lines (Closure Compiler's style, ``@return {`` on one line, the
 * union's members on the next, each after its ` * `), with the lines' leading `*` dropped: TypeScript's JSDoc parser
 * gives up on such a type, so the names in it reach no parsed tag, yet they are what the type reads. Found in the
 * file's `/** … *\/` comments, each brace pair whose content spans lines.
 */
function jsDocTypesOverLines(project: ProjectView, file: SourceFile): readonly string[] {
  const known = project.memo('unused-import:jsdoc-types-over-lines', () => new WeakMap<SourceFile, string[]>());
  let types = known.get(file);
  if (types === undefined) {
    types = [];
    // Each comment and each brace pair is scanned once: a text of unclosed `/**` or `{` costs one pass, not a square.
    const full = file.getFullText();
    for (let start = full.indexOf('/**'); start >= 0;) {
      const end = full.indexOf('*/', start + 3);
      if (end < 0) break;
      const text = full.slice(start, end);
      for (let open = text.indexOf('{'); open >= 0; open = text.indexOf('{', open + 1)) {
        const close = closingBraceOf(text, open);
        if (close === undefined) break;
        const type = text.slice(open + 1, close);
        if (type.includes('\n')) types.push(type.replace(/\n\s*\*/g, ' '));
        open = close;
      }
      start = full.indexOf('/**', end + 2);
    }
    known.set(file, types);
  }
  return types;
}

/** The index of the `}` that closes the `{` at `open`, counting nested pairs; undefined when none does. */
function closingBraceOf(text: string, open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return undefined;
}

/**
 * Names that JSX uses implicitly: under the classic JSX transform, `<div/>`
 * compiles to `React.createElement(...)` (or the configured factory, or the
 * one named by an `@jsx` pragma), so that import is used by every JSX element.
 * As in TypeScript's own check, every `jsx` setting but the automatic runtime
 * (`react-jsx`, `react-jsxdev`) counts: with `preserve` the factory is left to
 * the next compiler, which is classic unless told otherwise.
 */
function jsxFactoryNames(file: SourceFile): Set<string> {
  const names = new Set<string>();
  if (!hasJsx(file)) return names;
  const options = file.getProject().getCompilerOptions();
  const jsx = options.jsx;
  const classic = jsx !== ts.JsxEmit.ReactJSX && jsx !== ts.JsxEmit.ReactJSXDev;
  const text = file.getFullText();
  const pragma = /@jsx\s+([\w$.]+)/.exec(text)?.[1];
  const fragmentPragma = /@jsxFrag\s+([\w$.]+)/.exec(text)?.[1];
  if (!classic && pragma === undefined) return names;
  for (const factory of [
    pragma ?? options.jsxFactory ?? 'React',
    fragmentPragma ?? options.jsxFragmentFactory ?? 'React',
  ]) {
    const root = factory.split('.')[0];
    if (root !== undefined) names.add(root);
  }
  return names;
}

/** True when the file contains a JSX element or fragment. */
function hasJsx(file: SourceFile): boolean {
  const path = file.getFilePath();
  if (!path.endsWith('.tsx') && !path.endsWith('.jsx') && !path.endsWith('.js')) return false;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxFragment(node)) found = true;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(file.compilerNode, visit);
  return found;
}

/**
 * The safe fix for one unused binding: the whole declaration when none of
 * its names is used (only where the compiler drops it anyway, so no module's
 * side effects are lost); else the binding with its separator, or the whole
 * `{ ... }` / `* as ns` part when the default import is the only name used.
 */
function removalOf(
  declaration: ImportDeclaration | ImportEqualsDeclaration,
  binding: Identifier,
  unused: readonly Identifier[],
  bindings: readonly Identifier[],
): EditDraft | undefined {
  if (unused.length === bindings.length) return isElidedWhenUnused(declaration) ? removeNode(declaration) : undefined;
  if (Node.isImportEqualsDeclaration(declaration)) return undefined;
  const named = declaration.getImportClause()?.getNamedBindings();
  const defaultImport = declaration.getDefaultImport();
  const file = declaration.getSourceFile();
  if (named !== undefined && defaultImport !== undefined) {
    if (binding === defaultImport)
      return { sourceFile: file, start: binding.getStart(), end: named.getStart(), text: '' };
    if (!unused.includes(defaultImport))
      return { sourceFile: file, start: defaultImport.getEnd(), end: named.getEnd(), text: '' };
  }
  const specifier = binding.getParentIfKind(ts.SyntaxKind.ImportSpecifier);
  return specifier === undefined ? undefined : removeNode(specifier);
}

/**
 * True when the emitted JavaScript drops an import none of whose names is
 * used: a type-only import always; otherwise a TypeScript file compiled
 * without `verbatimModuleSyntax` (which keeps every value import as written).
 */
function isElidedWhenUnused(declaration: ImportDeclaration | ImportEqualsDeclaration): boolean {
  if (declaration.isTypeOnly()) return true;
  if (declaration.getProject().getCompilerOptions().verbatimModuleSyntax === true) return false;
  return /\.(?:ts|tsx|mts|cts)$/.test(declaration.getSourceFile().getFilePath());
}
