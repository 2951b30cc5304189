import type { Node, Type } from 'ts-morph';
import { shorten } from '../_shared/text.js';
import { unwrapPromiseTypeNode } from '../_shared/ast/unwrap-promise-type-node.js';
import { splitWords } from '../_shared/identifier-style.js';
import {
  absentFormOf,
  absentFormOfTypeNode,
  isOpenType,
  mergeAbsent,
  presentMembersOf,
  resolvedReturnTypeOf,
} from '../_shared/siblings/model.js';
import type { SiblingMember } from '../_shared/siblings/model.js';
import { typeTextAt } from '../_shared/ast/type-text.js';

/** What a sibling returns for a missing entity. */
export interface ReturnInfo {
  member: SiblingMember;
  /** First word of the name: `find` for `findByUuid`. */
  verb: string;
  /** The entity type, e.g. `Provider`. */
  entity: string;
  absent: 'undefined' | 'null';
  /** Where to point: the return type annotation, or the name. */
  node: Node;
}

/** What a sibling returns when it can return nothing: one named entity type plus exactly one of `undefined`/`null`. */
export function returnInfoOf(member: SiblingMember): ReturnInfo | undefined {
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
  return {
    member,
    verb,
    entity: shorten(typeTextAt(entityType, member.fn)),
    absent,
    node: typeNode ?? member.nameNode,
  };
}

/** True for a named object type (class, interface, alias, array of one) that is fully known. */
function isNamedObjectType(type: Type): boolean {
  if (isOpenType(type) || type.getCallSignatures().length > 0) return false;
  if (!type.isObject()) return false;
  return type.getSymbol() !== undefined || type.getAliasSymbol() !== undefined;
}
