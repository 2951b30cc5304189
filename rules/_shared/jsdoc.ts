import { Node } from 'ts-morph';
import type { JSDoc } from 'ts-morph';

/**
 * The node a declaration's JSDoc comment is attached to: the variable
 * statement for a variable (`/** … *\/ export const f = …`), else the
 * declaration itself when it can carry JSDoc.
 */
export function getDocHost(declaration: Node): Node | undefined {
  if (Node.isVariableDeclaration(declaration)) return declaration.getVariableStatement();
  return Node.isJSDocable(declaration) ? declaration : undefined;
}

/** The JSDoc comments of a declaration (empty when it has none or cannot have any). */
export function getJsDocsOf(declaration: Node): JSDoc[] {
  const host = getDocHost(declaration);
  return host !== undefined && Node.isJSDocable(host) ? host.getJsDocs() : [];
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
