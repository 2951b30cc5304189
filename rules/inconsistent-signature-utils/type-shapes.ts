import type { Type } from 'ts-morph';
import { splitWords } from '../_shared/identifier-style.js';
import type { SiblingMember } from '../_shared/siblings/model.js';
import type { ParamInfo } from './params.js';

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

/** True when two type forms really disagree: typed vs implicitly `any`, or two types neither of which is assignable to the other. */
export function typesConflict(a: ParamInfo, b: ParamInfo): boolean {
  const fa = a.typeForm;
  const fb = b.typeForm;
  if (fa === undefined || fb === undefined) return false;
  if (fa.kind === 'implicitAny' || fb.kind === 'implicitAny') return fa.kind !== fb.kind;
  if (fa.type === undefined || fb.type === undefined) return false;
  if (convertsRepresentation(a.member) || convertsRepresentation(b.member)) return false;
  if (isElementTypeOf(fa.type, fb.type) || isElementTypeOf(fb.type, fa.type)) return false;
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
 * True when `list` is an array (or readonly array) of `item`: `membership:
 * Membership[]` in a list filter and `membership: Membership` in a single
 * filter are two operations, not two conventions.
 */
function isElementTypeOf(item: Type, list: Type): boolean {
  if (!(list.isArray() || list.isReadonlyArray())) return false;
  const element = list.getNumberIndexType();
  return element !== undefined && (element.compilerType === item.compilerType || element.getText() === item.getText());
}
