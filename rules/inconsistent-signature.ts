import { Node, SyntaxKind } from 'ts-morph';
import { listOf, shorten } from './_shared/text.js';
import { groupBy } from './_shared/group-by.js';
import { unwrapPromiseTypeNode } from './_shared/ast/unwrap-promise-type-node.js';
import { symbolPathOf } from './_shared/names.js';
import { splitWords } from './_shared/identifier-style.js';
import type { ParameterDeclaration, SourceFile, Type } from 'ts-morph';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { EvidenceDraft, FindingDraft } from '../src/model/rule.js';
import {
  absentFormOf,
  absentFormOfTypeNode,
  combineAbsent,
  isInheritedSignature,
  isJavaScriptFile,
  isOpenType,
  LOOKUP_VERBS,
  mergeAbsent,
  presentMembersOf,
  resolvedReturnTypeOf,
  siblingGroupsOf,
  spellingOf,
} from './_shared/siblings/model.js';
import type { SiblingMember } from './_shared/siblings/model.js';

type MessageId = 'inconsistentParameter' | 'inconsistentAbsentReturn';

/** How a parameter's type is known: written, inferred from its default value, or implicitly `any`. */
interface TypeForm {
  kind: 'declared' | 'inferred' | 'implicitAny';
  /** The type without `null`/`undefined`, as the checker prints it; `any` for implicitAny. */
  text: string;
  /** The checker's type without `null`/`undefined`; undefined for implicitAny. */
  type: Type | undefined;
}

/** One parameter of one sibling, with the forms the three comparisons look at. */
interface ParamInfo {
  member: SiblingMember;
  param: ParameterDeclaration;
  /** The name without leading `_`. */
  spelling: string;
  /** The concept: the name's lower-case words, e.g. `name or uuid`. */
  key: string;
  /** True for names that mean different things in different functions (`value`, `options`, `fn`). */
  generic: boolean;
  typeForm: TypeForm | undefined;
  absent: 'undefined' | 'null' | undefined;
}

/** What can differ between two declarations of one concept. */
type Aspect = 'spelling' | 'type' | 'absent';

/** A parameter whose form in one aspect is not the majority form, and the majority declarations it conflicts with. */
interface Outlier {
  param: ParamInfo;
  aspect: Aspect;
  majority: ParamInfo[];
}

/** What a sibling returns for a missing entity. */
interface ReturnInfo {
  member: SiblingMember;
  /** First word of the name: `find` for `findByUuid`. */
  verb: string;
  /** The entity type, e.g. `Provider`. */
  entity: string;
  absent: 'undefined' | 'null';
  /** Where to point: the return type annotation, or the name. */
  node: Node;
}

/**
 * Parameter names that different functions use for different things; two
 * siblings' `value` or `options` parameters need not share a type.
 */
const GENERIC_NAMES = new Set([
  'a',
  'b',
  'c',
  'd',
  'e',
  'f',
  'i',
  'j',
  'k',
  'n',
  'm',
  's',
  't',
  'v',
  'x',
  'y',
  'z',
  'arg',
  'args',
  'argument',
  'arguments',
  'attrs',
  'callback',
  'cb',
  'config',
  'content',
  'context',
  'ctx',
  'data',
  'def',
  'definition',
  'done',
  'el',
  'element',
  'err',
  'error',
  'ev',
  'event',
  'fn',
  'func',
  'handler',
  'idx',
  'index',
  'init',
  'input',
  'item',
  'items',
  'key',
  'keys',
  'listener',
  'msg',
  'message',
  'next',
  'node',
  'obj',
  'object',
  'opts',
  'option',
  'options',
  'other',
  'params',
  'param',
  'payload',
  'predicate',
  'project',
  'props',
  'rest',
  'result',
  'results',
  'schema',
  'selector',
  'settings',
  'source',
  'state',
  'str',
  'target',
  'text',
  'that',
  'this',
  'type',
  'val',
  'value',
  'values',
]);

/** At most this many sibling declarations are listed as evidence. */
const MAX_EVIDENCE = 5;

/** Words in a function name that announce a change of representation or a type-specific variant. */
const CONVERSION_WORDS = new Set([
  'parse',
  'format',
  'stringify',
  'serialize',
  'serialise',
  'deserialize',
  'deserialise',
  'encode',
  'decode',
  'convert',
  'to',
  'from',
  'as',
  'coerce',
  'cast',
  'normalize',
  'normalise',
  'string',
  'str',
  'number',
  'num',
  'int',
  'integer',
  'float',
  'double',
  'big',
  'bigint',
  'bool',
  'boolean',
]);

export default defineRule({
  meta: {
    id: 'inconsistent-signature',
    description:
      'Enforce one name, type and absent-value convention for a concept across sibling methods and functions',
    category: 'style',
    defaultSeverity: 'info',
    stability: 'stable',
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
          'Declare the parameter as `{{siblingDeclaration}}`, as `{{sibling}}` does, or change every sibling to one common form.',
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
  *check({ files }) {
    for (const file of files) {
      for (const group of siblingGroupsOf(file)) {
        const members = group.members.filter((m) => !m.overloaded && !isInheritedSignature(m));
        yield* parameterFindings(members, file);
        yield* returnFindings(members);
      }
    }
  },
});

/** Findings for parameters that take one concept in a minority form. */
function* parameterFindings(members: readonly SiblingMember[], file: SourceFile): Generator<FindingDraft<MessageId>> {
  const typed = !isJavaScriptFile(file);
  const params = members.flatMap((member) => paramsOf(member, typed));
  for (const concept of groupBy(params, (p) => p.key).values()) {
    if (new Set(concept.map((p) => p.member)).size < 2) continue;
    const specific = concept.filter((p) => !p.generic);
    const outliers = [
      ...outliersOf(concept, 'spelling', (p) => p.spelling),
      ...typeOutliersOf(specific),
      ...outliersOf(
        specific.filter((p) => p.absent !== undefined),
        'absent',
        (p) => p.absent,
      ),
    ];
    for (const [param, list] of groupBy(outliers, (o) => o.param)) yield* draftsFor(param, list);
  }
}

/** The parameters of a sibling that can be compared (plain names; no `this`, no destructuring). */
function paramsOf(member: SiblingMember, typed: boolean): ParamInfo[] {
  const out: ParamInfo[] = [];
  for (const param of member.fn.getParameters()) {
    const nameNode = param.getNameNode();
    if (!Node.isIdentifier(nameNode) || param.isRestParameter()) continue;
    const name = nameNode.getText();
    if (name === 'this') continue;
    const words = splitWords(name);
    if (words.length === 0) continue;
    out.push({
      member,
      param,
      spelling: spellingOf(name),
      key: words.join(' '),
      generic:
        GENERIC_NAMES.has(words.join('')) || (words.length === 1 && words[0] !== undefined && words[0].length < 2),
      typeForm: typed ? typeFormOf(param) : undefined,
      absent: typed ? absentOf(param) : undefined,
    });
  }
  return out;
}

/** The parameter's type form, or undefined when it cannot be compared (callbacks, generics, `any`, unresolved types, contextual types). */
function typeFormOf(param: ParameterDeclaration): TypeForm | undefined {
  const typeNode = param.getTypeNode();
  const type = param.getType();
  if (typeNode === undefined && !param.hasInitializer()) {
    return type.isAny() ? { kind: 'implicitAny', text: 'any', type: undefined } : undefined;
  }
  const present = type.getNonNullableType();
  if (isOpenType(present) || present.getCallSignatures().length > 0) return undefined;
  return { kind: typeNode === undefined ? 'inferred' : 'declared', text: present.getText(param), type: present };
}

/** Which absent value the parameter accepts: `undefined` (optional, defaulted, or `| undefined`) or `null` (`| null`, also with the default `= null`); undefined when both or neither. */
function absentOf(param: ParameterDeclaration): 'undefined' | 'null' | undefined {
  const typeNode = param.getTypeNode();
  const fromType = typeNode === undefined ? 'none' : absentFormOfTypeNode(typeNode);
  // `generation: number | null = null` follows the null convention; its default only spares callers the argument.
  const defaultedNull = param.getInitializer()?.getKind() === SyntaxKind.NullKeyword && fromType === 'null';
  const fromMark = combineAbsent(param.hasQuestionToken() || (param.hasInitializer() && !defaultedNull), false);
  const form = mergeAbsent(fromMark, fromType);
  return form === 'undefined' || form === 'null' ? form : undefined;
}

/**
 * Type outliers: a parameter without a type annotation (implicitly `any`) is
 * always the outlier against the most common annotated form; among annotated
 * parameters, the minority form is, when its type conflicts.
 */
function typeOutliersOf(params: readonly ParamInfo[]): Outlier[] {
  const annotated = params.filter((p) => p.typeForm !== undefined && p.typeForm.kind !== 'implicitAny');
  const untyped = params.filter((p) => p.typeForm?.kind === 'implicitAny');
  const out = outliersOf(annotated, 'type', (p) => p.typeForm?.text, typesConflict);
  const common = largestGroup(groupBy(annotated, (p) => p.typeForm?.text));
  for (const param of untyped) {
    const against = common.filter((q) => q.member !== param.member);
    if (against.length > 0) out.push({ param, aspect: 'type', majority: against });
  }
  return out;
}

/** True when two type forms really disagree: typed vs implicitly `any`, or two types neither of which is assignable to the other. */
function typesConflict(a: ParamInfo, b: ParamInfo): boolean {
  const fa = a.typeForm;
  const fb = b.typeForm;
  if (fa === undefined || fb === undefined) return false;
  if (fa.kind === 'implicitAny' || fb.kind === 'implicitAny') return fa.kind !== fb.kind;
  if (fa.type === undefined || fb.type === undefined) return false;
  if (convertsRepresentation(a.member) || convertsRepresentation(b.member)) return false;
  const ka = primitiveKindsOf(fa.type);
  const kb = primitiveKindsOf(fb.type);
  if (ka === undefined || kb === undefined) return false;
  return [...ka].every((kind) => !kb.has(kind));
}

/**
 * True when a function's name says it converts between representations
 * (`parseOffset`, `formatGeneration`, `toNumber`) or works on one of them
 * (`clampBigInt`): such a function takes the concept in another type on purpose.
 */
function convertsRepresentation(member: SiblingMember): boolean {
  return splitWords(member.name).some((word) => CONVERSION_WORDS.has(word));
}

/**
 * The shapes a type is made of: primitive kinds (`'a' | 'b'` is `string`) and
 * standard containers (array or tuple, `Map`, `Set`, `Record` or an
 * anonymous index signature); undefined when some part is another object type. Two named
 * object types that share a parameter name are as often two concepts as one
 * (`column: TableColumn` vs `column: ColumnMetadata`), so only disagreements
 * of shape are proven (`generation: number` vs `generation: string`,
 * `tags: string[]` vs `tags: Record<string, string>`).
 */
function primitiveKindsOf(type: Type): Set<string> | undefined {
  const kinds = new Set<string>();
  for (const part of type.isUnion() ? type.getUnionTypes() : [type]) {
    const kind = shapeOf(part);
    if (kind === undefined) return undefined;
    kinds.add(kind);
  }
  return kinds.size > 0 ? kinds : undefined;
}

/** The shape of one non-union type, or undefined for other object types. */
function shapeOf(part: Type): string | undefined {
  if (part.isString() || part.isStringLiteral() || part.isTemplateLiteral()) return 'string';
  if (part.isNumber() || part.isNumberLiteral()) return 'number';
  if (part.isBoolean() || part.isBooleanLiteral()) return 'boolean';
  if (part.isBigInt() || part.isBigIntLiteral()) return 'bigint';
  if (part.isArray() || part.isReadonlyArray() || part.isTuple()) return 'array';
  const name = part.getSymbol()?.getName();
  if (name === 'Map' || name === 'ReadonlyMap') return 'map';
  if (name === 'Set' || name === 'ReadonlySet') return 'set';
  const anonymous = part.getSymbol() === undefined || part.getSymbol()?.getName() === '__type';
  const isRecord =
    part.getAliasSymbol()?.getName() === 'Record' ||
    (anonymous && part.isObject() && part.getProperties().length === 0 && part.getStringIndexType() !== undefined);
  return isRecord ? 'record' : undefined;
}

/**
 * The parameters whose form in `aspect` is not the majority form. The majority
 * is the form most parameters use; on a tie, the form that appears first, so
 * that in a one-against-one the later declaration is reported.
 */
function outliersOf(
  params: readonly ParamInfo[],
  aspect: Aspect,
  formOf: (p: ParamInfo) => string | undefined,
  conflict?: (a: ParamInfo, b: ParamInfo) => boolean,
): Outlier[] {
  const forms = groupBy(params, (p) => formOf(p) ?? '');
  if (forms.size < 2) return [];
  const majority = largestGroup(forms);
  const out: Outlier[] = [];
  for (const list of forms.values()) {
    if (list === majority) continue;
    for (const param of list) {
      const against = majority.filter(
        (q) => q.member !== param.member && (conflict === undefined || conflict(param, q)),
      );
      if (against.length > 0) out.push({ param, aspect, majority: against });
    }
  }
  return out;
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
  return {
    node: param.param,
    messageId: 'inconsistentParameter',
    symbol: { path: symbolPathOf(param.param) },
    data: {
      param: param.param.getName(),
      member: param.member.name,
      siblingDeclaration: declarationText(reference.param),
      sibling: reference.member.name,
      line: reference.param.getStartLineNumber(),
      aspects: listOf(aspects.map(aspectName)),
      details: aspects.map((aspect) => detail(aspect, param, reference)).join('; '),
    },
    evidence,
  };
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

/** Findings for `find…`-style siblings that return one entity with different absent values. */
function* returnFindings(members: readonly SiblingMember[]): Generator<FindingDraft<MessageId>> {
  const infos = members.flatMap((m) => returnInfoOf(m) ?? []);
  // Lookups (`find…`, `get…`, `load…`) of one entity form one family whatever their verb; other verbs only with themselves.
  for (const family of groupBy(
    infos,
    (r) => `${LOOKUP_VERBS.has(r.verb) ? 'lookup' : r.verb}\u0000${r.entity}`,
  ).values()) {
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
          line: reference.node.getStartLineNumber(),
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

/** What a sibling returns when it can return nothing: one named entity type plus exactly one of `undefined`/`null`. */
function returnInfoOf(member: SiblingMember): ReturnInfo | undefined {
  const [verb] = splitWords(member.name);
  if (verb === undefined) return undefined;
  const type = resolvedReturnTypeOf(member.fn);
  const present = presentMembersOf(type);
  const [entityType] = present;
  if (present.length !== 1 || entityType === undefined || !isNamedObjectType(entityType)) return undefined;
  const typeNode = member.fn.getReturnTypeNode();
  const written = typeNode === undefined ? 'none' : absentFormOfTypeNode(unwrapPromiseTypeNode(typeNode));
  const absent = mergeAbsent(absentFormOf(type), written);
  if (absent !== 'undefined' && absent !== 'null') return undefined;
  return { member, verb, entity: shorten(entityType.getText(member.fn)), absent, node: typeNode ?? member.nameNode };
}

/** True for a named object type (class, interface, alias, array of one) that is fully known. */
function isNamedObjectType(type: Type): boolean {
  if (isOpenType(type) || type.getCallSignatures().length > 0) return false;
  if (!type.isObject()) return false;
  return type.getSymbol() !== undefined || type.getAliasSymbol() !== undefined;
}

/** The largest group of a map (the first one on a tie). */
function largestGroup<K, T>(groups: Map<K, T[]>): T[] {
  let best: T[] = [];
  for (const list of groups.values()) if (list.length > best.length) best = list;
  return best;
}
