import { Node } from 'ts-morph';
import type { JSDoc } from 'ts-morph';

/**
 * The node a declaration's JSDoc comment is attached to: the variable
 * statement for a variable (`/** … *\/ export const f = …`), else the
 * declaration itself when it can carry JSDoc.
 */
function getDocHost(declaration: Node): Node | undefined {
  if (Node.isVariableDeclaration(declaration)) return declaration.getVariableStatement();
  return Node.isJSDocable(declaration) ? declaration : undefined;
}

/**
 * The JSDoc comments of a declaration (empty when it has none or cannot have
 * any). A `/** … *\/` that holds only a compiler or linter directive
 * (`/** @ts-ignore *\/`, `/* eslint-disable … *\/`) is not one.
 */
function getJsDocsOf(declaration: Node): JSDoc[] {
  const host = getDocHost(declaration);
  return host !== undefined && Node.isJSDocable(host) ? host.getJsDocs().filter((doc) => !isDirectiveOnly(doc)) : [];
}

/** A line of a comment that is a directive to a tool rather than prose: `@ts-ignore`, `eslint-disable-next-line x`, `prettier-ignore`, `@jsx h`. */
const DIRECTIVE_LINE =
  /^(?:@ts-(?:ignore|expect-error|nocheck|check)\b|eslint-(?:disable|enable)|eslint\s|global\s|prettier-ignore\b|@jsx\w*\b|(?:istanbul|c8|v8)\s+ignore\b)/;

/** True when every non-empty line of the comment is a tool directive (see DIRECTIVE_LINE). */
function isDirectiveOnly(doc: JSDoc): boolean {
  const lines = doc
    .getText()
    .replace(/^\/\*\*/, '')
    .replace(/\*\/$/, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\*?\s*/, '').trim())
    .filter((line) => line !== '');
  return lines.length > 0 && lines.every((line) => DIRECTIVE_LINE.test(line));
}

/**
 * True when a block of `///` line comments sits right above the declaration
 * (triple-slash directives such as `/// <reference …/>` excluded): projects
 * that document with `///`, as C# and Rust do, use it as their doc comment.
 */
export function hasLineDocComment(declaration: Node): boolean {
  const host = getDocHost(declaration) ?? declaration;
  const last = host.getLeadingCommentRanges().at(-1);
  if (last === undefined) return false;
  const text = last.getText();
  if (!text.startsWith('///') || /^\/\/\/\s*</.test(text)) return false;
  const between = host.getSourceFile().getFullText().slice(last.getEnd(), host.getStart());
  return !between.includes('\n\n') && !/\n\s*\n/.test(between);
}

/** The JSDoc comment closest to a declaration, if any. */
export function getLastJsDoc(declaration: Node): JSDoc | undefined {
  return getJsDocsOf(declaration).at(-1);
}

/** True when a declaration has a `/** … *\/` comment. */
export function hasJsDoc(declaration: Node): boolean {
  return getJsDocsOf(declaration).length > 0;
}

/** Lower-case names of the tags of a JSDoc comment (`@param` gives `param`). */
export function tagNamesOf(doc: JSDoc): string[] {
  return doc.getTags().map((tag) => tag.getTagName().toLowerCase());
}
