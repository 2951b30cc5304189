import { Node } from 'ts-morph';
import { listOf } from './_shared/text.js';
import { skipOuterExpressions } from './_shared/ast/skip-outer-expressions.js';
import { symbolPathOf } from './_shared/names.js';
import type { JSDoc, JSDocParameterTag, ParameterDeclaration, SourceFile } from 'ts-morph';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { FindingDraft } from '../src/model/rule.js';
import { getLastJsDoc, tagNamesOf } from './_shared/jsdoc.js';
import { splitWords } from './_shared/identifier-style.js';

type MessageId = 'staleParam' | 'undocumentedParam' | 'missingDescription' | 'restatedName';

/** Tags that make a comment something else than documentation: file headers, pragmas, JavaScript type declarations. */
const NOT_DOCUMENTATION_TAGS = new Set([
  'license',
  'module',
  'file',
  'fileoverview',
  'overview',
  'packagedocumentation',
  'typedef',
  'callback',
  'import',
  'jsx',
  'jsximportsource',
  'jsxfrag',
  'jsxruntime',
  'vitest-environment',
  'jest-environment',
  'flow',
  'preserve',
  'copyright',
]);

/** Tags that say why a comment needs no description of its own: the declaration is hidden, inherited, deprecated or described elsewhere. */
const NO_DESCRIPTION_NEEDED_TAGS = new Set([
  'internal',
  'hidden',
  'ignore',
  'private',
  'package',
  'protected',
  'inheritdoc',
  'override',
  'deprecated',
  'see',
  'description',
  'desc',
  'summary',
  'remarks',
  'type',
  'satisfies',
]);

/** Tags that only declare types in JavaScript files when they carry no text. */
const TYPE_TAGS = new Set([
  'param',
  'arg',
  'argument',
  'returns',
  'return',
  'type',
  'template',
  'this',
  'satisfies',
  'extends',
  'augments',
  'implements',
  'enum',
]);

/** Tags whose text documents a part (a parameter, the result) or metadata, not the declaration as a whole. */
const PART_TAGS = new Set([
  'param',
  'arg',
  'argument',
  'returns',
  'return',
  'throws',
  'exception',
  'template',
  'typeparam',
  'since',
  'category',
  'categorydescription',
  'example',
  'version',
  'memberof',
  'author',
  'module',
  'group',
]);

/** Words a description may add to a name and still say nothing more (`getName`: "Gets the name."). */
const FILLER_WORDS = new Set(['get', 'gets', 'set', 'sets', 'return', 'returns', 'the', 'a', 'an']);

export default defineRule({
  meta: {
    id: 'incomplete-docstring',
    description: 'Require JSDoc comments to describe the declaration and to document exactly the parameters it has',
    category: 'docs',
    defaultSeverity: 'info',
    stability: 'stable',
    scope: 'file',
    needsTypeChecker: false,
    skipFiles: ['generated'],
    title: 'Incomplete JSDoc comments',
    rationale:
      'A JSDoc comment that names a parameter the function no longer has, skips one it does have, or only repeats the name misleads readers and editors that show it on hover.',
    messages: {
      staleParam: {
        message:
          'JSDoc comment of `{{name}}` documents `@param {{param}}`, but `{{name}}` has no parameter `{{param}}`.',
        recommendation: 'Rename `@param {{param}}` to {{target}}, or remove the tag.',
      },
      undocumentedParam: {
        message: 'JSDoc comment of `{{name}}` documents {{documented}} but not {{missing}}.',
        recommendation: 'Add {{tags}} for {{missing}}.',
      },
      missingDescription: {
        message: 'JSDoc comment of `{{name}}` has tags but no description.',
        recommendation: 'Start the JSDoc comment with a sentence that says what `{{name}}` {{what}}.',
      },
      restatedName: {
        message: 'JSDoc comment of `{{name}}` only restates its name ("{{description}}").',
        recommendation: 'Describe what `{{name}}` {{what}}, beyond its name.',
      },
    },
    options: NO_OPTIONS,
  },
  *check({ files }) {
    for (const file of files) {
      for (const documented of documentedDeclarationsOf(file)) {
        yield* checkParameters(documented);
        yield* checkDescription(documented, file);
      }
    }
  },
});

/** A declaration with its closest JSDoc comment. */
interface Documented {
  declaration: Node;
  doc: JSDoc;
  name: string;
  /** The declaration's symbol path. */
  symbol: string;
  /** The function whose parameters the comment documents, if it is one. */
  fn: FunctionLike | undefined;
}

/** A function-like declaration whose parameters can be documented. */
type FunctionLike = Node & { getParameters(): ParameterDeclaration[] };

/** Every declaration of the file with a JSDoc comment that is documentation. */
function documentedDeclarationsOf(file: SourceFile): Documented[] {
  const out: Documented[] = [];
  file.forEachDescendant((node) => {
    const found = documentedOf(node);
    if (found !== undefined) out.push(found);
  });
  return out;
}

/** The declaration and its comment, when the node is a documentable declaration with a documentation comment. */
function documentedOf(node: Node): Documented | undefined {
  const subject = subjectOf(node);
  if (subject === undefined) return undefined;
  const doc = getLastJsDoc(node);
  if (doc === undefined || tagNamesOf(doc).some((t) => NOT_DOCUMENTATION_TAGS.has(t))) return undefined;
  return { declaration: node, doc, name: subject.name, symbol: symbolPathOf(node), fn: subject.fn };
}

/** The name and (for functions) the parameter owner of a documentable declaration. */
function subjectOf(node: Node): { name: string; fn: FunctionLike | undefined } | undefined {
  if (Node.isFunctionDeclaration(node)) return { name: node.getName() ?? 'default', fn: node };
  if (Node.isMethodDeclaration(node) || Node.isMethodSignature(node) || Node.isSetAccessorDeclaration(node))
    return { name: node.getName(), fn: node };
  if (Node.isConstructorDeclaration(node)) return { name: 'constructor', fn: node };
  if (Node.isGetAccessorDeclaration(node)) return { name: node.getName(), fn: undefined };
  if (Node.isClassDeclaration(node)) return { name: node.getName() ?? 'default', fn: undefined };
  if (Node.isInterfaceDeclaration(node) || Node.isTypeAliasDeclaration(node) || Node.isEnumDeclaration(node))
    return { name: node.getName(), fn: undefined };
  if (Node.isPropertyDeclaration(node) || Node.isPropertySignature(node) || Node.isPropertyAssignment(node)) {
    if (!Node.isIdentifier(node.getNameNode())) return undefined;
    const initializer = Node.isPropertySignature(node) ? undefined : initializerOf(node);
    return { name: node.getName(), fn: isFunctionExpression(initializer) ? initializer : undefined };
  }
  if (Node.isVariableDeclaration(node)) {
    const statement = node.getVariableStatement();
    if (statement === undefined || statement.getDeclarations()[0] !== node || !Node.isIdentifier(node.getNameNode()))
      return undefined;
    const initializer = initializerOf(node);
    return { name: node.getName(), fn: isFunctionExpression(initializer) ? initializer : undefined };
  }
  return undefined;
}

/** Narrows to arrow functions and function expressions. */
function isFunctionExpression(node: Node | undefined): node is FunctionLike {
  return node !== undefined && (Node.isArrowFunction(node) || Node.isFunctionExpression(node));
}

/** A declaration's initializer without parentheses, type assertions or `!`. */
function initializerOf(node: Node & { getInitializer(): Node | undefined }): Node | undefined {
  const initializer = node.getInitializer();
  return initializer === undefined ? undefined : skipOuterExpressions(initializer);
}

/** Stale `@param` tags, then parameters the comment leaves out. */
function* checkParameters(documented: Documented): Generator<FindingDraft<MessageId>> {
  const { doc, fn, name } = documented;
  if (fn === undefined) return;
  const tagNames = tagNamesOf(doc);
  if (tagNames.includes('type') || tagNames.includes('inheritdoc')) return;
  const tags = doc.getTags().filter((t) => Node.isJSDocParameterTag(t));
  if (tags.length === 0) return;
  const match = matchTags(
    tags,
    fn.getParameters().filter((p) => p.getName() !== 'this'),
    overloadParameterNames(fn),
  );
  const required = requiredByOverloads(fn);
  const missing = match.undocumented.filter(
    (p) => !p.getName().startsWith('_') && (required === undefined || required.has(p.getName())),
  );
  const onlyMissing = missing.length === 1 && match.stale.length === 1 ? missing[0] : undefined;
  const target =
    onlyMissing !== undefined && Node.isIdentifier(onlyMissing.getNameNode())
      ? `\`@param ${onlyMissing.getName()}\`, the parameter without a tag`
      : 'the parameter it describes';
  for (const tag of match.stale) {
    yield {
      node: tag,
      messageId: 'staleParam',
      symbol: { path: documented.symbol, qualifier: rootOf(tag) },
      data: { name, param: rootOf(tag), target },
    };
  }
  const first = missing[0];
  if (first !== undefined) {
    yield {
      node: doc,
      messageId: 'undocumentedParam',
      symbol: { path: documented.symbol },
      data: {
        name,
        documented: listOf(match.documented),
        missing: listOf(missing.map(parameterLabel)),
        tags: missing.length === 1 ? 'a `@param` tag' : '`@param` tags',
      },
      evidence: missing.map((p) => ({ note: `parameter ${parameterLabel(p)} has no \`@param\` tag`, node: p })),
    };
  }
}

/** How tags and parameters pair up. */
interface TagMatch {
  stale: JSDocParameterTag[];
  undocumented: ParameterDeclaration[];
  /** Labels of the documented parameters, for the message. */
  documented: string[];
}

/**
 * Pairs `@param` tags with parameters by name. A destructured parameter has
 * no name: it is documented by a tag naming one of its properties
 * (`@param id`, `@param options.id`) or, in order, by a tag whose name
 * matches no parameter (`@param options`).
 */
function matchTags(
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
  const stale = tags.filter((tag) => {
    const root = rootOf(tag);
    if (!staleRoots.has(root) || reported.has(root)) return false;
    reported.add(root);
    return true;
  });
  return { stale, undocumented, documented };
}

/** The parameter a tag is about: `options` for `@param options.id`. */
function rootOf(tag: JSDocParameterTag): string {
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
function overloadParameterNames(fn: FunctionLike): Set<string> {
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
function requiredByOverloads(fn: FunctionLike): Set<string> | undefined {
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

/** `` `name` `` for a named parameter, `` `{ a, b }` `` (shortened when long) for a destructured one. */
function parameterLabel(parameter: ParameterDeclaration): string {
  const text = parameter.getNameNode().getText().replace(/\s+/g, ' ');
  return text.length <= 40 ? `\`${text}\`` : `\`${text.slice(0, 37)}…\``;
}

/** A comment with tags only, or whose description only restates the name. Constructors are described by their class. */
function* checkDescription(documented: Documented, file: SourceFile): Generator<FindingDraft<MessageId>> {
  const { doc, declaration, name } = documented;
  if (Node.isConstructorDeclaration(declaration)) return;
  const tagNames = tagNamesOf(doc);
  if (tagNames.some((t) => NO_DESCRIPTION_NEEDED_TAGS.has(t))) return;
  const what = documented.fn !== undefined || Node.isMethodSignature(declaration) ? 'does' : 'represents';
  const description = descriptionOf(doc);
  if (description === '') {
    if (tagNames.length === 0 || isTypeOnlyJsDoc(doc, file) || hasDescriptiveTag(doc)) return;
    yield { node: doc, messageId: 'missingDescription', symbol: { path: documented.symbol }, data: { name, what } };
    return;
  }
  if (restatesName(description, name)) {
    yield {
      node: doc,
      messageId: 'restatedName',
      symbol: { path: documented.symbol },
      data: { name, what, description },
    };
  }
}

/** True when a tag other than the part and metadata tags carries a sentence (`@legacy Use .values instead.`): the description sits in that tag. */
function hasDescriptiveTag(doc: JSDoc): boolean {
  return doc
    .getTags()
    .some(
      (tag) =>
        !PART_TAGS.has(tag.getTagName().toLowerCase()) && (tag.getCommentText() ?? '').trim().split(/\s+/).length >= 3,
    );
}

/** The description text of a comment, whitespace collapsed. */
function descriptionOf(doc: JSDoc): string {
  return doc.getDescription().replace(/\s+/g, ' ').trim();
}

/** True for a JavaScript comment whose tags only declare types (`@param {string} a`, `@returns {number}`). */
function isTypeOnlyJsDoc(doc: JSDoc, file: SourceFile): boolean {
  if (!/\.[cm]?jsx?$/.test(file.getFilePath())) return false;
  return doc
    .getTags()
    .every((tag) => TYPE_TAGS.has(tag.getTagName().toLowerCase()) && (tag.getCommentText() ?? '').trim() === '');
}

/**
 * True when every word of the description is a word of the name or a filler
 * word ("Gets the name." for `getName`, "The uuid." for `uuid`); a plural or
 * a third-person `s` counts as the same word.
 */
export function restatesName(description: string, name: string): boolean {
  const text = description.replace(/\{@\w+\s+([^}|\s]+)[^}]*\}/g, '$1');
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  if (words.length === 0) return false;
  const nameWords = new Set(splitWords(name));
  if (nameWords.size === 0) return false;
  return words.every(
    (word) => FILLER_WORDS.has(word) || nameWords.has(word) || nameWords.has(word.replace(/e?s$/, '')),
  );
}
