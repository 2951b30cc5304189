import { Node } from 'ts-morph';
import type { JSDocParameterTag, ParameterDeclaration } from 'ts-morph';
import { tagNamesOf } from '../_shared/jsdoc.js';
import { codeSpan, shorten } from '../_shared/text.js';

/** A function-like declaration whose parameters can be documented. */
export type FunctionLike = Node & { getParameters(): ParameterDeclaration[] };

/** A `@param` tag whose name matches no parameter, paired with the undocumented parameter in its place: a rename. */
interface RenamedParameter {
  tag: JSDocParameterTag;
  parameter: ParameterDeclaration;
}

/** How a comment's `@param` tags and a function's parameters pair up. */
export interface TagMatch {
  /** Tags naming no parameter, one per name, renames left out. */
  stale: JSDocParameterTag[];
  /** Tags naming no parameter whose place holds an undocumented named parameter. */
  renamed: RenamedParameter[];
  /** Parameters without a tag, renamed ones left out. */
  undocumented: ParameterDeclaration[];
  /** Labels of the documented parameters, for the message. */
  documented: string[];
}

/**
 * Pairs `@param` tags with parameters by name. A destructured parameter has
 * no name: it is documented by a tag naming one of its properties
 * (`@param id`, `@param options.id`) or, in order, by a tag whose name
 * matches no parameter (`@param options`). A tag that names no parameter and
 * stands at the place of a named parameter without a tag documents that
 * parameter under its old name.
 */
export function matchTags(
  tags: JSDocParameterTag[],
  parameters: ParameterDeclaration[],
  otherSignatureNames: ReadonlySet<string>,
): TagMatch {
  const named = new Set(parameters.filter((p) => Node.isIdentifier(p.getNameNode())).map((p) => p.getName()));
  const roots = [...new Set(tags.map(rootOf))];
  const documentedRoots = new Set(roots.filter((r) => named.has(r)));
  const undocumented: ParameterDeclaration[] = [];
  const documented: string[] = [];
  const unmatchedRoots = roots.filter((r) => !named.has(r));
  const consumed = new Set<string>();
  for (const parameter of parameters) {
    if (Node.isIdentifier(parameter.getNameNode())) {
      if (documentedRoots.has(parameter.getName())) documented.push(parameterLabel(parameter));
      else undocumented.push(parameter);
      continue;
    }
    const inner = new Set(bindingNamesOf(parameter));
    const byInnerName = unmatchedRoots.filter((r) => inner.has(r));
    const byPosition = unmatchedRoots.find((r) => !consumed.has(r) && !inner.has(r));
    if (byInnerName.length > 0) {
      for (const r of byInnerName) consumed.add(r);
      documented.push(parameterLabel(parameter));
    } else if (byPosition !== undefined) {
      consumed.add(byPosition);
      documented.push(parameterLabel(parameter));
    } else {
      undocumented.push(parameter);
    }
  }
  const staleRoots = new Set(unmatchedRoots.filter((r) => !consumed.has(r) && !otherSignatureNames.has(r)));
  const reported = new Set<string>();
  const staleTags = tags.filter((tag) => {
    const root = rootOf(tag);
    if (!staleRoots.has(root) || reported.has(root)) return false;
    reported.add(root);
    return true;
  });
  const renamed = pairRenames(staleTags, roots, parameters, undocumented);
  const paired = new Set<Node>(renamed.flatMap((r) => [r.tag, r.parameter]));
  return {
    stale: staleTags.filter((t) => !paired.has(t)),
    renamed,
    undocumented: undocumented.filter((p) => !paired.has(p)),
    documented,
  };
}

/** Stale tags whose position among the tags is the position of an undocumented named parameter. */
function pairRenames(
  staleTags: JSDocParameterTag[],
  roots: string[],
  parameters: ParameterDeclaration[],
  undocumented: ParameterDeclaration[],
): RenamedParameter[] {
  const out: RenamedParameter[] = [];
  for (const tag of staleTags) {
    const parameter = parameters[roots.indexOf(rootOf(tag))];
    if (parameter !== undefined && undocumented.includes(parameter) && Node.isIdentifier(parameter.getNameNode()))
      out.push({ tag, parameter });
  }
  return out;
}

/** The parameter a tag is about: `options` for `@param options.id`. */
export function rootOf(tag: JSDocParameterTag): string {
  return tag.getName().split('.')[0] ?? tag.getName();
}

/** Names bound by a destructured parameter, nested patterns included. */
function bindingNamesOf(parameter: ParameterDeclaration): string[] {
  return parameter
    .getNameNode()
    .getDescendants()
    .filter((n) => Node.isBindingElement(n))
    .flatMap((element) => {
      const nameNode = element.getNameNode();
      const property = element.getPropertyNameNode();
      const names = Node.isIdentifier(nameNode) ? [nameNode.getText()] : [];
      return property === undefined ? names : [...names, property.getText()];
    });
}

/** Parameter names of the other overload signatures and of the implementation: a comment may document all of them. */
export function overloadParameterNames(fn: FunctionLike): Set<string> {
  const names = new Set<string>();
  if (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn) || Node.isConstructorDeclaration(fn)) {
    const implementation = fn.getImplementation() ?? fn;
    for (const signature of [...implementation.getOverloads(), implementation]) {
      for (const parameter of signature.getParameters()) names.add(parameter.getName());
    }
  }
  return names;
}

/**
 * For the implementation of an overloaded function, the parameter names its
 * current (not `@deprecated`) overloads use: an implementation's extra
 * parameters serve deprecated signatures and need no tag. Undefined for
 * functions without overloads.
 */
export function requiredByOverloads(fn: FunctionLike): Set<string> | undefined {
  if (!(Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn) || Node.isConstructorDeclaration(fn)))
    return undefined;
  const overloads = fn.getOverloads();
  if (fn.isOverload() || overloads.length === 0) return undefined;
  const names = new Set<string>();
  for (const overload of overloads) {
    if (overload.getJsDocs().some((doc) => tagNamesOf(doc).includes('deprecated'))) continue;
    for (const parameter of overload.getParameters()) names.add(parameter.getName());
  }
  return names;
}

/** `` `name` `` for a named parameter, `` `{ a, b }` `` (shortened when long) for a destructured one: a list item whose backticks mark code. */
export function parameterLabel(parameter: ParameterDeclaration): string {
  return codeSpan(shorten(parameter.getNameNode().getText()));
}
