import { Node } from 'ts-morph';
import type { JSDoc, ParameterDeclaration } from 'ts-morph';
import { listOf, plural } from './_shared/text.js';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { FindingDraft } from '../src/model/rule.js';
import { tagNamesOf } from './_shared/jsdoc.js';
import { documentedDeclarationsOf } from './incomplete-docstring-utils/documented.js';
import type { Documented } from './incomplete-docstring-utils/documented.js';
import {
  matchTags,
  overloadParameterNames,
  parameterLabel,
  requiredByOverloads,
  rootOf,
} from './incomplete-docstring-utils/parameters.js';
import type { TagMatch } from './incomplete-docstring-utils/parameters.js';
import {
  isNoDescriptionNeededTag,
  descriptionOf,
  documentsByParts,
  hasDescriptiveTag,
  isMarkerOnly,
  isTypeOnlyJsDoc,
} from './incomplete-docstring-utils/tags.js';
import { restatesName } from './incomplete-docstring-utils/description.js';
import { isUndocumentedByConvention, takeDocCensus } from './incomplete-docstring-utils/convention.js';
import type { DocCensus } from './incomplete-docstring-utils/convention.js';

type MessageId =
  | 'staleParam'
  | 'renamedParam'
  | 'undocumentedParam'
  | 'untaggedParam'
  | 'missingDescription'
  | 'restatedName'
  | 'markerOnlyComments';

export default defineRule({
  meta: {
    id: 'incomplete-docstring',
    description: 'Require JSDoc comments to describe the declaration and to document exactly the parameters it has',
    category: 'docs',
    defaultSeverity: 'info',
    stability: 'experimental',
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
      renamedParam: {
        message:
          '`@param {{param}}` in the JSDoc comment of `{{name}}` names no parameter; the parameter in its place is `{{parameter}}`.',
        recommendation: 'Rename `@param {{param}}` to `@param {{parameter}}`.',
      },
      undocumentedParam: {
        message: 'JSDoc comment of `{{name}}` documents {{documented}} but not {{missing}}.',
        recommendation: 'Add {{tags}} for {{missing}}.',
      },
      untaggedParam: {
        message: 'JSDoc comment of `{{name}}` has no `@param` tag for {{missing}}.',
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
      markerOnlyComments: {
        message:
          'The project has {{comments}} made only of metadata tags ({{tags}}) and no description, of {{total}} in all.',
        recommendation:
          'Open these comments with a sentence that says what the declaration does or represents; the tags only classify it.',
      },
    },
    options: NO_OPTIONS,
  },
  *check({ files, project }) {
    const census = project.memo('incomplete-docstring:census', () => takeDocCensus(project));
    const summaryAt = census.markerOnly[0];
    for (const file of files) {
      if (summaryAt !== undefined && summaryAt.declaration.getSourceFile() === file) yield markerSummary(census);
      for (const documented of census.byFile.get(file) ?? documentedDeclarationsOf(file)) {
        const match = parameterMatch(documented);
        if (match !== undefined) yield* checkParameters(documented, match, census);
        yield* checkDescription(documented, match, file.getFilePath());
      }
    }
  },
});

/** The one finding for the project's marker-only comments, on the first of them. */
function markerSummary(census: DocCensus): FindingDraft<MessageId> {
  const first = census.markerOnly[0];
  if (first === undefined) throw new Error('markerSummary needs a marker-only comment');
  return {
    node: first.doc,
    messageId: 'markerOnlyComments',
    data: markerSummaryData(
      census.markerOnly.map((d) => tagNamesOf(d.doc)),
      census.total,
    ),
  };
}

/** Message data for the marker summary: the tag names of each marker-only comment, and how many comments the project has. */
export function markerSummaryData(
  tagsPerComment: readonly (readonly string[])[],
  total: number,
): Record<string, string> {
  const counts = new Map<string, number>();
  for (const names of tagsPerComment) for (const tag of new Set(names)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  const tags = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag]) => `\`@${tag}\``);
  return { comments: plural(tagsPerComment.length, 'JSDoc comment'), tags: listOf(tags), total: String(total) };
}

/** How the comment's `@param` tags pair with the parameters; undefined when the comment has none or defers to a type. */
function parameterMatch(documented: Documented): TagMatch | undefined {
  const { doc, fn } = documented;
  if (fn === undefined) return undefined;
  const tagNames = tagNamesOf(doc);
  if (tagNames.includes('type') || tagNames.includes('inheritdoc')) return undefined;
  const tags = doc.getTags().filter((t) => Node.isJSDocParameterTag(t));
  if (tags.length === 0) return undefined;
  return matchTags(
    tags,
    fn.getParameters().filter((p) => p.getName() !== 'this'),
    overloadParameterNames(fn),
  );
}

/** The undocumented parameters the comment should tag: not `_unused`, not ones only deprecated overloads take, not ones the project never tags. */
function missingParameters(documented: Documented, match: TagMatch, census: DocCensus): ParameterDeclaration[] {
  const required = documented.fn === undefined ? undefined : requiredByOverloads(documented.fn);
  return match.undocumented.filter((p) => {
    const name = p.getName();
    if (name.startsWith('_') || (required !== undefined && !required.has(name))) return false;
    return !(Node.isIdentifier(p.getNameNode()) && isUndocumentedByConvention(census, name));
  });
}

/** Renamed and stale `@param` tags, then parameters the comment leaves out. */
function* checkParameters(
  documented: Documented,
  match: TagMatch,
  census: DocCensus,
): Generator<FindingDraft<MessageId>> {
  const { doc, name } = documented;
  for (const { tag, parameter } of match.renamed) {
    yield {
      node: tag,
      messageId: 'renamedParam',
      symbol: { path: documented.symbol, qualifier: rootOf(tag) },
      data: { name, param: rootOf(tag), parameter: parameter.getName() },
    };
  }
  const missing = missingParameters(documented, match, census);
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
  if (missing.length === 0) return;
  yield {
    node: doc,
    ...parameterListMessage(name, match.documented, missing.map(parameterLabel)),
    symbol: { path: documented.symbol },
    evidence: missing.map((p) => ({ note: `parameter ${parameterLabel(p)} has no \`@param\` tag`, node: p })),
  };
}

/**
 * The message for parameters without a tag (`missing`, never empty), given the
 * labels of the documented ones: a comment that documents none says only what
 * it lacks.
 */
export function parameterListMessage(
  name: string,
  documented: readonly string[],
  missing: readonly string[],
): { messageId: 'undocumentedParam' | 'untaggedParam'; data: Record<string, string> } {
  const tags = missing.length === 1 ? 'a `@param` tag' : '`@param` tags';
  if (documented.length === 0) return { messageId: 'untaggedParam', data: { name, missing: listOf(missing), tags } };
  return {
    messageId: 'undocumentedParam',
    data: { name, documented: listOf(documented), missing: listOf(missing), tags },
  };
}

/**
 * A comment with tags only, or whose description only restates the name.
 * Constructors are described by their class; a comment whose tags document
 * every part (`@returns …` on a method without parameters, `@default …` on a
 * property) is documentation; one made only of markers is summarised once.
 */
function* checkDescription(
  documented: Documented,
  match: TagMatch | undefined,
  filePath: string,
): Generator<FindingDraft<MessageId>> {
  const { doc, declaration, name } = documented;
  if (Node.isConstructorDeclaration(declaration)) return;
  const tagNames = tagNamesOf(doc);
  if (tagNames.some(isNoDescriptionNeededTag)) return;
  const what = documented.fn !== undefined || Node.isMethodSignature(declaration) ? 'does' : 'represents';
  const description = descriptionOf(doc);
  if (description === '') {
    if (tagNames.length === 0 || isTypeOnlyJsDoc(doc, filePath) || hasDescriptiveTag(doc) || isMarkerOnly(doc)) return;
    if (documentsEveryPart(documented, doc, match)) return;
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

/** True when the part tags document the declaration: every parameter of a function has its tag, and some tag has text. */
function documentsEveryPart(documented: Documented, doc: JSDoc, match: TagMatch | undefined): boolean {
  if (!documentsByParts(doc)) return false;
  const parameters = documented.fn?.getParameters().filter((p) => p.getName() !== 'this') ?? [];
  if (parameters.length === 0) return true;
  return (
    match !== undefined && match.undocumented.length === 0 && match.renamed.length === 0 && match.stale.length === 0
  );
}
