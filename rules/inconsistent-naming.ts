import { Node, Scope, ts } from 'ts-morph';
import type { VariableDeclaration } from 'ts-morph';
import { skipOuterExpressions } from './_shared/ast/skip-outer-expressions.js';
import { defineRule } from '../src/model/rule.js';
import type { ProjectView } from '../src/model/project-view.js';
import { isPassedUnderOwnName } from './_shared/ast/is-passed-under-own-name.js';
import { isFunctionLike } from './_shared/ast/is-function-like.js';
import { getUnambiguousStyle, splitWords } from './_shared/identifier-style.js';
import type { NamingStyle } from './_shared/identifier-style.js';
import { collectSamples } from './inconsistent-naming-utils/samples.js';
import type { NameKind, NameSample } from './inconsistent-naming-utils/samples.js';

interface Options {
  minimumShare: number;
  minimumSamples: number;
  twoConventionsShare: number;
}

/** Plural of each kind, as messages say it. */
const KIND_PLURAL: Record<NameKind, string> = {
  variable: 'variables',
  function: 'functions',
  method: 'methods',
  property: 'properties',
  parameter: 'parameters',
  type: 'type names',
};

export default defineRule({
  meta: {
    id: 'inconsistent-naming',
    description: 'Enforce the naming style that the project itself uses for each kind of name',
    category: 'style',
    defaultSeverity: 'info',
    stability: 'experimental',
    scope: 'project',
    needsTypeChecker: true,
    skipFiles: ['generated'],
    title: 'Inconsistent naming',
    rationale:
      'A name written in a different style from its siblings makes readers wonder whether it comes from elsewhere (a wire format, a library) and makes names harder to guess.',
    messages: {
      inconsistentName: {
        message: '`{{name}}` is {{style}} while {{count}} of {{total}} {{kinds}} in this project are {{dominant}}.',
        recommendation: 'Rename `{{name}}` to `{{suggestion}}`, the style of the other {{kinds}}.',
      },
      inconsistentPublicName: {
        message:
          '`{{name}}` is {{style}} while {{count}} of {{total}} {{kinds}} in this project are {{dominant}}; it is public API, so renaming it would break the code that uses it.',
        recommendation:
          'Add `{{suggestion}}`, the style of the other {{kinds}}, keep `{{name}}` as a deprecated alias of it, and remove the alias in the next major version.',
      },
    },
    options: {
      defaults: { minimumShare: 0.8, minimumSamples: 5, twoConventionsShare: 0.15 },
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          minimumShare: {
            type: 'number',
            minimum: 0.5,
            description:
              'Share of the multi-word names of a kind that must use one style for that style to count as the convention.',
          },
          minimumSamples: {
            type: 'number',
            minimum: 1,
            description: 'Number of multi-word names of a kind needed before a convention is inferred.',
          },
          twoConventionsShare: {
            type: 'number',
            minimum: 0,
            description:
              'Share of the multi-word names of a kind at or above which the minority style (when at least 3 names use it) counts as a second, deliberate convention (a notation, a mirrored format): its names are then not reported.',
          },
        },
      },
    },
  },
  *check({ files, project, options }) {
    const samples = collectSamples(files, project);
    for (const kind of Object.keys(KIND_PLURAL).filter(isNameKind)) {
      const ofKind = samples.filter((s) => s.kind === kind);
      const dominant = getDominantStyle(ofKind, options);
      if (dominant === undefined) continue;
      const count = ofKind.filter((s) => s.style === dominant).length;
      // A second convention takes a real minority (at least 3 names), not one slip among six.
      const minority = ofKind.length - count;
      if (minority >= 3 && minority / ofKind.length >= options.twoConventionsShare) continue;
      const wireNames = wireNamesOf(project);
      const outliers = ofKind.filter((s) => s.style !== dominant && !mirrorsExternalData(s) && !wireNames.has(s.name));
      const families = prefixFamiliesOf(outliers, dominant);
      for (const outlier of outliers.filter((s) => !families.has(firstWordOf(s.name)))) {
        const example = nearestExample(outlier, ofKind, dominant);
        yield {
          node: outlier.node,
          messageId: isPublicName(outlier, project) ? 'inconsistentPublicName' : 'inconsistentName',
          symbol: { path: outlier.symbol },
          data: {
            name: outlier.name,
            style: outlier.style,
            count,
            total: ofKind.length,
            kinds: KIND_PLURAL[kind],
            dominant,
            suggestion: restyle(outlier.name, dominant),
          },
          evidence: example === undefined ? [] : [{ note: `\`${example.name}\` is ${dominant}`, node: example.node }],
        };
      }
    }
  },
});

/** Names that share a first word make a family of at least this many before the family counts as a convention. */
const MIN_FAMILY = 3;

/**
 * First words that make a naming family of their own: at least three
 * outliers start with the word, and in every one of them what follows the
 * word is written in the dominant style. tRPC's type helpers `inferRouterInputs`,
 * `inferProcedureOutput`, `inferParser` among PascalCase types are a
 * convention (a verb, then a type name in the house style), not slips.
 * `get_user_name`, `get_user_id`, `get_user_role` among camelCase names are
 * not: what follows `get` is snake_case too.
 */
function prefixFamiliesOf(outliers: readonly NameSample[], dominant: NamingStyle): ReadonlySet<string> {
  const byWord = new Map<string, Set<string>>();
  for (const { name } of outliers) {
    const word = firstWordOf(name);
    const names = byWord.get(word) ?? new Set<string>();
    byWord.set(word, names.add(name));
  }
  const families = new Set<string>();
  for (const [word, names] of byWord) {
    if (names.size >= MIN_FAMILY && [...names].every((name) => restFitsStyle(name, word, dominant))) families.add(word);
  }
  return families;
}

/** The name's first word as written (`infer` of `inferRouterInputs`, `get` of `get_user`), leading `_`/`$` left out. */
function firstWordOf(name: string): string {
  return /^[_$]*([a-z0-9]+|[A-Z][a-z0-9]*)/.exec(name)?.[1] ?? name;
}

/** True when what follows the first word, taken as a name of its own, is unambiguously in the style. */
function restFitsStyle(name: string, word: string, style: NamingStyle): boolean {
  const rest = name
    .replace(/^[_$]*/, '')
    .slice(word.length)
    .replace(/^_/, '');
  return getUnambiguousStyle(rest) === style;
}

/** Type guard for the keys of KIND_PLURAL. */
function isNameKind(value: string): value is NameKind {
  return value in KIND_PLURAL;
}

/**
 * True when a name mirrors external data: it is passed on as the key of the
 * same name (`{ chat_id }`), so its style is the wire format's, not a slip.
 */
function mirrorsExternalData(sample: NameSample): boolean {
  const declaration = sample.node.getParent();
  if (declaration === undefined) return false;
  if (Node.isVariableDeclaration(declaration) && readsPropertyOfOwnName(declaration, sample.name)) return true;
  const scope = sample.kind === 'parameter' ? declaration.getParent() : enclosingScopeOf(declaration);
  return scope !== undefined && isPassedUnderOwnName(scope.compilerNode, sample.name);
}

/**
 * True for `const llhttp_alloc = instance.exports.llhttp_alloc` (or
 * `obj['llhttp_alloc']`): the local takes the name of the property it holds,
 * as `const { llhttp_alloc } = instance.exports` would, and that name is the
 * other object's, not a style chosen here.
 */
function readsPropertyOfOwnName(declaration: VariableDeclaration, name: string): boolean {
  const written = declaration.getInitializer();
  if (written === undefined) return false;
  const initializer = skipOuterExpressions(written);
  if (Node.isPropertyAccessExpression(initializer)) return initializer.getName() === name;
  if (Node.isElementAccessExpression(initializer)) {
    const argument = initializer.getArgumentExpression();
    return argument !== undefined && Node.isStringLiteral(argument) && argument.getLiteralText() === name;
  }
  return false;
}

/**
 * Names the project also writes as data, computed once per run: string
 * literals (`'default_language'`, `x['__mock__']`, `'name' in x`) and keys of
 * object literals (`{ refresh_token: token }`) that look like identifiers. A
 * declared name among them mirrors a wire format or a server's field, so its
 * style is not the project's to choose.
 */
function wireNamesOf(project: ProjectView): ReadonlySet<string> {
  return project.memo('inconsistent-naming:wire-names', () => {
    const names = new Set<string>();
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        if (/^[A-Za-z_$][\w$]*$/.test(node.text)) names.add(node.text);
      } else if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) {
        names.add(node.name.text);
      }
      ts.forEachChild(node, visit);
    };
    for (const file of project.files) ts.forEachChild(file.compilerNode, visit);
    return names;
  });
}

/** True when the name is part of the exported public API: renaming it breaks users, so the advice is an alias. */
function isPublicName(sample: NameSample, project: ProjectView): boolean {
  const declaration = sample.node.getParent();
  return declaration !== undefined && isPublicApiName(declaration, project);
}

/** True for an exported declaration, or a non-private member of an exposed class or interface. */
function isPublicApiName(declaration: Node, project: ProjectView): boolean {
  const owner = Node.isVariableDeclaration(declaration) ? declaration.getVariableStatement() : declaration;
  if (owner !== undefined && project.publicApi.isExported(owner)) return true;
  if (!Node.isScoped(declaration) && !Node.isPropertySignature(declaration) && !Node.isMethodSignature(declaration))
    return false;
  if (Node.isScoped(declaration) && declaration.getScope() === Scope.Private) return false;
  const container = declaration.getParent();
  return container !== undefined && project.publicApi.exposes(container);
}

/** The function (or file) a variable is declared in. */
function enclosingScopeOf(declaration: Node): Node | undefined {
  return declaration.getFirstAncestor((a) => isFunctionLike(a)) ?? declaration.getSourceFile();
}

/** The style used by at least `minimumShare` of at least `minimumSamples` names, if any. */
function getDominantStyle(samples: readonly NameSample[], options: Options): NamingStyle | undefined {
  if (samples.length < options.minimumSamples) return undefined;
  const counts = new Map<NamingStyle, number>();
  for (const sample of samples) counts.set(sample.style, (counts.get(sample.style) ?? 0) + 1);
  for (const [style, count] of counts) {
    if (count / samples.length >= options.minimumShare && count < samples.length) return style;
  }
  return undefined;
}

/** A name of the dominant style, preferably in the same file and close by. */
function nearestExample(
  outlier: NameSample,
  samples: readonly NameSample[],
  dominant: NamingStyle,
): NameSample | undefined {
  const file = outlier.node.getSourceFile();
  const line = outlier.node.getStartLineNumber();
  const candidates = samples.filter((s) => s.style === dominant);
  const sameFile = candidates.filter((s) => s.node.getSourceFile() === file);
  const pool = sameFile.length > 0 ? sameFile : candidates;
  let best: NameSample | undefined;
  for (const candidate of pool) {
    if (
      best === undefined ||
      Math.abs(candidate.node.getStartLineNumber() - line) < Math.abs(best.node.getStartLineNumber() - line)
    )
      best = candidate;
  }
  return best;
}

/** The name rewritten in a style, keeping its leading and trailing `_`/`$`. */
function restyle(name: string, style: NamingStyle): string {
  const prefix = /^[_$]*/.exec(name)?.[0] ?? '';
  const suffix = /[_$]*$/.exec(name)?.[0] ?? '';
  const words = splitWords(name);
  const capitalised = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  let core: string;
  if (style === 'snake_case') core = words.join('_');
  else if (style === 'UPPER_SNAKE_CASE') core = words.join('_').toUpperCase();
  else if (style === 'PascalCase') core = capitalised.join('');
  else core = (words[0] ?? '') + capitalised.slice(1).join('');
  return prefix + core + suffix;
}
