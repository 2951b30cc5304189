import { startLineOf } from './_shared/ast/line-of.js';
import { listOf, shorten } from './_shared/text.js';
import { groupBy } from './_shared/group-by.js';
import { splitWords } from './_shared/identifier-style.js';
import { symbolPathOf } from './_shared/names.js';
import type { ParameterDeclaration, SourceFile, ts } from 'ts-morph';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { EvidenceDraft, FindingDraft } from '../src/model/rule.js';
import { hasStrictNullChecks, isInheritedSignature, LOOKUP_VERBS, siblingGroupsOf } from './_shared/siblings/model.js';
import type { SiblingMember } from './_shared/siblings/model.js';
import { isPrivate } from './_shared/siblings/is-private.js';
import { isJavaScriptFile } from './_shared/ast/is-javascript-file.js';
import { paramsOf, sharedConceptsOf } from './inconsistent-signature-utils/params.js';
import type { ParamInfo, TypeForm } from './inconsistent-signature-utils/params.js';
import { largestGroup, outliersOf, typeOutliersOf } from './inconsistent-signature-utils/outliers.js';
import type { Aspect, Outlier } from './inconsistent-signature-utils/outliers.js';
import { returnInfoOf } from './inconsistent-signature-utils/returns.js';
import { cannotReturnEntityOrNothing } from './inconsistent-signature-utils/written-types.js';

type MessageId = 'inconsistentParameter' | 'inconsistentParameterName' | 'inconsistentAbsentReturn';

/** At most this many sibling declarations are listed as evidence. */
const MAX_EVIDENCE = 5;

export default defineRule({
  meta: {
    id: 'inconsistent-signature',
    description:
      'Enforce one name, type and absent-value convention for a concept across sibling methods and functions',
    category: 'style',
    defaultSeverity: 'info',
    stability: 'experimental',
    scope: 'file',
    needsTypeChecker: true,
    skipFiles: ['test', 'generated'],
    title: 'Inconsistent signatures',
    rationale:
      'Sibling functions that take the same thing under different names, types or absent-value conventions make callers convert and guess; the odd one out is usually an oversight.',
    messages: {
      inconsistentParameter: {
        message:
          'Parameter `{{param}}` of `{{member}}` differs from `{{siblingDeclaration}}` in its sibling `{{sibling}}` (line {{line}}) in {{aspects}}: {{details}}.',
        recommendation:
          'Declare the parameter as `{{suggestion}}`, as `{{sibling}}` does, or change every sibling to one common form.',
      },
      inconsistentParameterName: {
        message:
          'Parameter `{{param}}` of `{{member}}` is spelled `{{siblingName}}` in its sibling `{{sibling}}` (line {{line}}).',
        recommendation:
          'Rename `{{param}}` to `{{siblingName}}`, keeping its own type, as `{{sibling}}` spells it, or change every sibling to one spelling.',
      },
      inconsistentAbsentReturn: {
        message:
          '`{{member}}` returns `{{returned}}`, but its sibling `{{sibling}}` returns `{{siblingReturned}}` (line {{line}}): `{{absent}}` here, `{{siblingAbsent}}` there for a missing `{{entity}}`.',
        recommendation:
          'Return `{{siblingReturned}}` from `{{member}}` as `{{sibling}}` does, or change every sibling that returns a `{{entity}}` to one absent value.',
      },
    },
    options: NO_OPTIONS,
  },
  *check({ files, project }) {
    const checker = (): ts.TypeChecker => project.project.getTypeChecker().compilerObject;
    for (const file of files) {
      for (const group of siblingGroupsOf(file, project)) {
        const members = group.members.filter((m) => !m.overloaded && !isInheritedSignature(m));
        yield* parameterFindings(members, file, checker);
        if (hasStrictNullChecks(file)) yield* returnFindings(members, checker);
      }
    }
  },
});

/** Findings for parameters that take one concept in a minority form. */
function* parameterFindings(
  members: readonly SiblingMember[],
  file: SourceFile,
  checker: () => ts.TypeChecker,
): Generator<FindingDraft<MessageId>> {
  const typed = !isJavaScriptFile(file);
  const shared = sharedConceptsOf(members);
  const params = members.flatMap((member) => paramsOf(member, typed, shared, checker));
  for (const concept of groupBy(params, (p) => p.key).values()) {
    if (new Set(concept.map((p) => p.member)).size < 2) continue;
    const specific = concept.filter((p) => !p.generic);
    const outliers = [
      ...outliersOf(
        concept.filter((p) => !p.nameFixed && !isOneLetter(p.spelling)),
        'spelling',
        (p) => p.spelling,
      ),
      ...typeOutliersOf(specific),
      ...outliersOf(
        specific.filter((p) => p.absent !== undefined),
        'absent',
        (p) => p.absent,
      ),
    ];
    for (const [param, list] of groupBy(outliers.flatMap(publicOutlier), (o) => o.param)) yield* draftsFor(param, list);
  }
}

/**
 * True for `a`, `A`, `_x`: a one-letter name is notation, not a spelling of a
 * concept. Argon2's `G(a, b, c, d)` mixes words while `H'(A)` hashes a block,
 * as the specification writes them; `A` is not `a` misspelt.
 */
function isOneLetter(name: string): boolean {
  return name.replace(/^[_$]+/, '').length === 1;
}

/**
 * A private method's declared types and absent values are its own business:
 * its callers are the class itself, so neither is it told to follow a public
 * sibling nor is a public method told to follow it. Spelling is compared
 * everywhere, and so is an implicit `any`, which is a gap wherever it is.
 */
function publicOutlier(outlier: Outlier): Outlier[] {
  if (outlier.aspect === 'spelling' || outlier.param.typeForm?.kind === 'implicitAny') return [outlier];
  if (isPrivate(outlier.param.member)) return [];
  const majority = outlier.majority.filter((q) => !isPrivate(q.member));
  return majority.length === 0 ? [] : [{ ...outlier, majority }];
}

/** One finding per outlier parameter when one sibling declaration is the majority in every aspect it differs in; else one per aspect. */
function* draftsFor(param: ParamInfo, outliers: readonly Outlier[]): Generator<FindingDraft<MessageId>> {
  const common = outliers.reduce<ParamInfo[]>(
    (acc, o) => acc.filter((q) => o.majority.includes(q)),
    outliers[0]?.majority ?? [],
  );
  if (common.length > 0) {
    yield parameterDraft(
      param,
      outliers.map((o) => o.aspect),
      common,
    );
    return;
  }
  for (const outlier of outliers) yield parameterDraft(param, [outlier.aspect], outlier.majority);
}

/** The finding for one outlier parameter against the first of `references`. */
function parameterDraft(
  param: ParamInfo,
  aspects: readonly Aspect[],
  references: readonly ParamInfo[],
): FindingDraft<MessageId> {
  const [reference] = references;
  if (reference === undefined)
    throw new Error(`no reference declaration for parameter ${param.spelling} of ${param.member.symbol}`);
  const evidence: EvidenceDraft[] = references
    .slice(0, MAX_EVIDENCE)
    .map((r) => ({ note: `\`${r.member.name}\` declares \`${declarationText(r.param)}\``, node: r.param }));
  if (aspects.length === 1 && aspects[0] === 'spelling') {
    return {
      node: param.param,
      messageId: 'inconsistentParameterName',
      symbol: { path: symbolPathOf(param.param) },
      data: {
        param: param.param.getName(),
        member: param.member.name,
        siblingName: reference.param.getName(),
        sibling: reference.member.name,
        line: startLineOf(reference.param),
      },
      evidence,
    };
  }
  return {
    node: param.param,
    messageId: 'inconsistentParameter',
    symbol: { path: symbolPathOf(param.param) },
    data: {
      param: param.param.getName(),
      member: param.member.name,
      siblingDeclaration: declarationText(reference.param),
      suggestion: suggestedDeclaration(param, reference, aspects),
      sibling: reference.member.name,
      line: startLineOf(reference.param),
      aspects: listOf(aspects.map(aspectName)),
      details: aspects.map((aspect) => detail(aspect, param, reference)).join('; '),
    },
    evidence,
  };
}

/**
 * The declaration to recommend: the sibling's form in the aspects that differ
 * and the parameter's own form in the others, so that a difference of
 * spelling never also changes the type, and a difference of type never
 * brings along the sibling's `?` or `| null`.
 */
function suggestedDeclaration(param: ParamInfo, reference: ParamInfo, aspects: readonly Aspect[]): string {
  const name = (aspects.includes('spelling') ? reference : param).param.getName();
  const typed = aspects.includes('type') ? reference : param;
  const type = typed.typeForm === undefined || typed.typeForm.kind === 'implicitAny' ? undefined : typed.typeForm.text;
  const absentFrom = aspects.includes('absent') ? reference : param;
  const optional = absentFrom.absent === 'undefined' && absentFrom.param.hasQuestionToken();
  let suffix = '';
  if (absentFrom.absent === 'null') suffix = ' | null';
  else if (absentFrom.absent === 'undefined' && !optional) suffix = ' | undefined';
  return shorten(`${name}${optional ? '?' : ''}${type === undefined ? '' : `: ${type}${suffix}`}`);
}

/** The aspect as it reads in a message. */
function aspectName(aspect: Aspect): string {
  if (aspect === 'spelling') return 'spelling';
  if (aspect === 'type') return 'type';
  return 'absent-value convention';
}

/** `here vs there` for one aspect. */
function detail(aspect: Aspect, param: ParamInfo, reference: ParamInfo): string {
  if (aspect === 'spelling') return `\`${param.param.getName()}\` vs \`${reference.param.getName()}\``;
  if (aspect === 'type') return `${describeType(param.typeForm)} vs ${describeType(reference.typeForm)}`;
  return `accepts \`${param.absent ?? 'none'}\` vs \`${reference.absent ?? 'none'}\``;
}

/** A type form as it reads in a message. */
function describeType(form: TypeForm | undefined): string {
  if (form === undefined) return 'unknown type';
  if (form.kind === 'implicitAny') return 'no type annotation (implicitly `any`)';
  if (form.kind === 'inferred') return `\`${shorten(form.text)}\` (inferred from the default value)`;
  return `\`${shorten(form.text)}\``;
}

/** The parameter as declared, without its default value: `generation?: number`. */
function declarationText(param: ParameterDeclaration): string {
  const typeNode = param.getTypeNode();
  const mark = param.hasQuestionToken() ? '?' : '';
  return shorten(
    `${param.getName()}${mark}${typeNode === undefined ? '' : `: ${typeNode.getText().replace(/\s+/g, ' ')}`}`,
  );
}

/** The verb class of a sibling's name: `lookup` for every lookup verb (`find…`, `get…`, `load…`), else the first word. */
function verbClassOf(member: SiblingMember): string {
  const [verb] = splitWords(member.name);
  return verb !== undefined && LOOKUP_VERBS.has(verb) ? 'lookup' : (verb ?? '');
}

/** Findings for `find…`-style siblings that return one entity with different absent values. */
function* returnFindings(
  members: readonly SiblingMember[],
  checker: () => ts.TypeChecker,
): Generator<FindingDraft<MessageId>> {
  // A family needs two public siblings of one verb class whose written returns allow `entity | absent`:
  // the checker is asked about their return types only then.
  const candidates = members.filter((m) => !isPrivate(m) && !cannotReturnEntityOrNothing(m.fn.compilerNode, checker()));
  const classes = groupBy(candidates, verbClassOf);
  const infos = candidates.flatMap((m) =>
    (classes.get(verbClassOf(m))?.length ?? 0) < 2 ? [] : (returnInfoOf(m) ?? []),
  );
  // Lookups (`find…`, `get…`, `load…`) of one entity form one family whatever their verb; other verbs only with themselves.
  for (const family of groupBy(infos, (r) => `${verbClassOf(r.member)}\u0000${r.entity}`).values()) {
    const forms = groupBy(family, (r) => r.absent);
    if (forms.size < 2) continue;
    const majority = largestGroup(forms);
    const [reference] = majority;
    if (reference === undefined) continue;
    for (const info of family) {
      if (info.absent === reference.absent) continue;
      yield {
        node: info.node,
        messageId: 'inconsistentAbsentReturn',
        symbol: { path: info.member.symbol },
        data: {
          member: info.member.name,
          returned: `${info.entity} | ${info.absent}`,
          sibling: reference.member.name,
          siblingReturned: `${reference.entity} | ${reference.absent}`,
          line: startLineOf(reference.node),
          absent: info.absent,
          siblingAbsent: reference.absent,
          entity: info.entity,
        },
        evidence: majority
          .slice(0, MAX_EVIDENCE)
          .map((r) => ({ note: `\`${r.member.name}\` returns \`${r.entity} | ${r.absent}\``, node: r.node })),
      };
    }
  }
}
