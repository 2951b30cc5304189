import { Node, SyntaxKind } from 'ts-morph';
import type { ParameterDeclaration, Type, ts } from 'ts-morph';
import { isOpenOrCallableAnnotation } from './written-types.js';
import { splitWords } from '../_shared/identifier-style.js';
import {
  absentFormOfTypeNode,
  combineAbsent,
  hasStrictNullChecks,
  isOpenType,
  mergeAbsent,
  spellingOf,
} from '../_shared/siblings/model.js';
import { isPassedUnderOwnName } from '../_shared/ast/is-passed-under-own-name.js';
import { isConstructedIn, isNameUsedIn, isTypeTestedIn } from '../_shared/ast/parameter-uses.js';
import type { SiblingMember } from '../_shared/siblings/model.js';
import { typeTextAt } from '../_shared/ast/type-text.js';

/** How a parameter's type is known: written, inferred from its default value, or implicitly `any`. */
export interface TypeForm {
  kind: 'declared' | 'inferred' | 'implicitAny';
  /** The type without `null`/`undefined`, as the checker prints it; `any` for implicitAny. */
  text: string;
  /** The checker's type without `null`/`undefined`; undefined for implicitAny. */
  type: Type | undefined;
}

/** One parameter of one sibling, with the forms the three comparisons look at. */
export interface ParamInfo {
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
  /**
   * True when the name is not a spelling choice: it is passed on as the key of
   * the same name (`{ chat_id }`, a wire field's name), or the parameter holds
   * a constructor (`new ModelConstructor()`), which JavaScript spells in PascalCase.
   */
  nameFixed: boolean;
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

/** The comparable parameters of a sibling with their names' words (plain names; no `this`, no destructuring, no rest). */
function namedParamsOf(member: SiblingMember): { param: ParameterDeclaration; name: string; words: string[] }[] {
  const out: { param: ParameterDeclaration; name: string; words: string[] }[] = [];
  for (const param of member.fn.getParameters()) {
    const nameNode = param.getNameNode();
    if (!Node.isIdentifier(nameNode) || param.isRestParameter()) continue;
    const name = nameNode.getText();
    if (name === 'this') continue;
    const words = splitWords(name);
    if (words.length > 0) out.push({ param, name, words });
  }
  return out;
}

/** The concepts (parameter keys) that two or more of the siblings name: the only ones compared. */
export function sharedConceptsOf(members: readonly SiblingMember[]): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const member of members) {
    const keys = new Set(namedParamsOf(member).map((p) => p.words.join(' ')));
    for (const key of keys) (seen.has(key) ? shared : seen).add(key);
  }
  return shared;
}

/**
 * The parameters of a sibling that can be compared (plain names; no `this`,
 * no destructuring). The checker is asked for the type of a parameter only
 * when its concept is `shared` by another sibling: no other is ever compared.
 */
export function paramsOf(
  member: SiblingMember,
  typed: boolean,
  shared: ReadonlySet<string>,
  checker: () => ts.TypeChecker,
): ParamInfo[] {
  const out: ParamInfo[] = [];
  for (const { param, name, words } of namedParamsOf(member)) {
    const key = words.join(' ');
    out.push({
      member,
      param,
      spelling: spellingOf(name),
      key,
      generic:
        GENERIC_NAMES.has(words.join('')) || (words.length === 1 && words[0] !== undefined && words[0].length < 2),
      typeForm: typed && shared.has(key) ? typeFormOf(param, checker) : undefined,
      absent: typed && hasStrictNullChecks(param) ? absentOf(param) : undefined,
      nameFixed:
        (name.includes('_') && isPassedUnderOwnName(member.fn.compilerNode, name)) ||
        (/^[A-Z]/.test(name) && isConstructedIn(member.fn.compilerNode, name)),
    });
  }
  return out;
}

/** The parameter's type form, or undefined when it cannot be compared (callbacks, generics, `any`, unresolved types, contextual types). */
function typeFormOf(param: ParameterDeclaration, checker: () => ts.TypeChecker): TypeForm | undefined {
  const typeNode = param.getTypeNode();
  // Settled from the annotation when it cannot be compared: no type to compute.
  if (typeNode !== undefined && isOpenOrCallableAnnotation(typeNode.compilerNode, checker())) return undefined;
  const type = param.getType();
  if (typeNode === undefined && !param.hasInitializer()) {
    // A parameter the body tests with `typeof`, `Array.isArray`, `instanceof` or `in` takes several types by design: no sibling's type fits it.
    const owner = param.getParentOrThrow().compilerNode;
    if (isTypeTestedIn(owner, param.getName())) return undefined;
    // A parameter the function never uses (a stub that only throws) has no type to get right.
    if (!isNameUsedIn(owner, param.getName(), param.getNameNode().compilerNode)) return undefined;
    return type.isAny() ? { kind: 'implicitAny', text: 'any', type: undefined } : undefined;
  }
  const present = type.getNonNullableType();
  if (isOpenType(present) || present.getCallSignatures().length > 0) return undefined;
  return { kind: typeNode === undefined ? 'inferred' : 'declared', text: typeTextAt(present, param), type: present };
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
