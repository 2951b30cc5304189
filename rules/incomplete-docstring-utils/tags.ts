import type { JSDoc } from 'ts-morph';
import { tagNamesOf } from '../_shared/jsdoc.js';

/** Tags that make a comment something else than documentation: file headers, pragmas, JavaScript type declarations. */
export const NOT_DOCUMENTATION_TAGS = new Set([
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

/**
 * Release, modifier and doc-generator metadata tags: a comment made only of
 * them marks the declaration (its version, category, stability) and is not
 * an incomplete description.
 */
const MARKER_TAGS = new Set([
  'public',
  'event',
  'eventproperty',
  'alpha',
  'beta',
  'experimental',
  'stable',
  'since',
  'category',
  'group',
  'version',
  'sealed',
  'virtual',
  'readonly',
]);

/** Tags whose text documents a part of the declaration: a parameter, the result, a default value, a usage. */
const DOCUMENTING_PART_TAGS = new Set([
  'param',
  'arg',
  'argument',
  'returns',
  'return',
  'default',
  'defaultvalue',
  'example',
  'throws',
  'exception',
  'typeparam',
  'template',
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
  ...DOCUMENTING_PART_TAGS,
  ...MARKER_TAGS,
  'categorydescription',
  'memberof',
  'author',
  'module',
]);

/** JSDoc and TSDoc tags with a meaning of their own, besides those above: any other tag is a doc generator's instruction. */
const OTHER_KNOWN_TAGS = new Set([
  'abstract',
  'access',
  'async',
  'borrows',
  'class',
  'classdesc',
  'constant',
  'const',
  'constructor',
  'constructs',
  'decorator',
  'enum',
  'exports',
  'external',
  'fires',
  'function',
  'func',
  'generator',
  'global',
  'implements',
  'instance',
  'interface',
  'kind',
  'label',
  'lends',
  'link',
  'linkcode',
  'linkplain',
  'listens',
  'member',
  'method',
  'mixes',
  'mixin',
  'modifiers',
  'name',
  'namespace',
  'privateremarks',
  'prop',
  'property',
  'requires',
  'static',
  'todo',
  'tutorial',
  'var',
  'variation',
  'yield',
  'yields',
]);

/** True for a tag no JSDoc or TSDoc vocabulary defines (`@_ignore`, `@dev`): an instruction to some doc generator. */
function isUnknownTag(name: string): boolean {
  return ![
    NOT_DOCUMENTATION_TAGS,
    NO_DESCRIPTION_NEEDED_TAGS,
    MARKER_TAGS,
    DOCUMENTING_PART_TAGS,
    TYPE_TAGS,
    PART_TAGS,
    OTHER_KNOWN_TAGS,
  ].some((tags) => tags.has(name));
}

/**
 * True when a tag hides the declaration from the documentation or defers its
 * description, also in a doc generator's spelling (ethers' `@_ignore`).
 */
export function isNoDescriptionNeededTag(name: string): boolean {
  return NO_DESCRIPTION_NEEDED_TAGS.has(name.replace(/^_+/, ''));
}

/**
 * True when the comment has tags, no description, and every tag is a marker
 * (`@since 2.0.0`, `@category models`) or a doc generator's own instruction
 * that no JSDoc vocabulary defines.
 */
export function isMarkerOnly(doc: JSDoc): boolean {
  const names = tagNamesOf(doc);
  return (
    names.length > 0 &&
    descriptionOf(doc) === '' &&
    !names.some(isNoDescriptionNeededTag) &&
    names.every((name) => MARKER_TAGS.has(name) || isUnknownTag(name))
  );
}

/**
 * True when the tags document the declaration part by part: each tag is a
 * part tag (`@param`, `@returns`, `@default`, `@example`...) or a marker, and
 * at least one part tag has text. Whether every parameter has its tag is
 * the caller's question.
 */
export function documentsByParts(doc: JSDoc): boolean {
  const tags = doc.getTags();
  const named = tags.map((tag) => ({ name: tag.getTagName().toLowerCase(), text: tagText(tag) }));
  return (
    named.every(({ name }) => DOCUMENTING_PART_TAGS.has(name) || MARKER_TAGS.has(name)) &&
    named.some(({ name, text }) => DOCUMENTING_PART_TAGS.has(name) && text !== '')
  );
}

/** True when a tag other than the part and metadata tags carries a sentence (`@legacy Use .values instead.`): the description sits in that tag. */
export function hasDescriptiveTag(doc: JSDoc): boolean {
  return doc
    .getTags()
    .some((tag) => !PART_TAGS.has(tag.getTagName().toLowerCase()) && tagText(tag).split(/\s+/).length >= 3);
}

/** True for a JavaScript comment whose tags only declare types (`@param {string} a`, `@returns {number}`). */
export function isTypeOnlyJsDoc(doc: JSDoc, filePath: string): boolean {
  if (!/\.[cm]?jsx?$/.test(filePath)) return false;
  return doc.getTags().every((tag) => TYPE_TAGS.has(tag.getTagName().toLowerCase()) && tagText(tag) === '');
}

/** The description text of a comment, whitespace collapsed. */
export function descriptionOf(doc: JSDoc): string {
  return doc.getDescription().replace(/\s+/g, ' ').trim();
}

/** A tag's text, trimmed. */
function tagText(tag: ReturnType<JSDoc['getTags']>[number]): string {
  return (tag.getCommentText() ?? '').trim();
}
