/**
 * How a lookup-named sibling treats a missing entity: it throws (guarded by an
 * absence test, or after a search loop) or it returns an absent value on purpose.
 */
import { Node, SyntaxKind } from 'ts-morph';
import type { Expression, ThrowStatement, Type } from 'ts-morph';
import { shorten } from '../_shared/text.js';
import { unwrapPromiseTypeNode } from '../_shared/ast/unwrap-promise-type-node.js';
import { skipOuterExpressions } from '../_shared/ast/skip-outer-expressions.js';
import { splitWords } from '../_shared/identifier-style.js';
import {
  absentFormOf,
  absentFormOfTypeNode,
  isOpenType,
  LOOKUP_VERBS,
  mergeAbsent,
  ownReturnsOf,
  ownThrowsOf,
  presentMembersOf,
  resolvedReturnTypeOf,
} from '../_shared/siblings/model.js';
import type { AbsentForm, SiblingFunction, SiblingMember } from '../_shared/siblings/model.js';
import { typeTextAt } from '../_shared/ast/type-text.js';

/** What every lookup behaviour says about its sibling. */
interface LookupBase {
  member: SiblingMember;
  verb: string;
  entity: string;
}

/** A lookup sibling that throws on a missing entity. */
export interface ThrowingLookup extends LookupBase {
  kind: 'throws';
  thrown: { statement: ThrowStatement; errorClass: string };
}

/** A lookup sibling that returns an absent value for a missing entity. */
export interface ReturningLookup extends LookupBase {
  kind: 'returns';
  returned: { absent: string; node: Node };
}

/** How a lookup sibling treats a missing entity: it throws or it returns an absent value, never both. */
export type LookupBehaviour = ThrowingLookup | ReturningLookup;

/** Words in a name that announce its absent-value convention (`getOrThrow`, `tryFind`, `findOrNull`); such pairs differ on purpose. */
const CONVENTION_WORDS = new Set([
  'throw',
  'throws',
  'fail',
  'fails',
  'error',
  'strict',
  'required',
  'require',
  'must',
  'expect',
  'ensure',
  'assert',
  'try',
  'maybe',
  'optional',
  'safe',
  'unsafe',
  'null',
  'undefined',
  'nullable',
  'default',
  'else',
  'create',
  'if',
  'exists',
  'existing',
  'known',
]);

/** How a lookup-named sibling treats a missing entity; undefined when it is no lookup, announces its convention, or does neither. */
export function lookupBehaviourOf(member: SiblingMember): LookupBehaviour | undefined {
  const words = splitWords(member.name);
  const [verb] = words;
  if (verb === undefined || !LOOKUP_VERBS.has(verb) || words.some((w) => CONVENTION_WORDS.has(w))) return undefined;
  const type = resolvedReturnTypeOf(member.fn);
  const present = presentMembersOf(type);
  const [entityType] = present;
  if (present.length !== 1 || entityType === undefined || !isEntityLikeType(entityType)) return undefined;
  const entity = shorten(typeTextAt(entityType, member.fn));
  const absent = absentOf(member.fn, type);
  const thrown = missingThrowOf(member.fn);
  if (absent !== 'none') {
    // A lookup that throws for one missing thing and returns `undefined` for another follows no single convention.
    if (thrown !== undefined || !returnsAbsentOnPurpose(member.fn)) return undefined;
    const node = member.fn.getReturnTypeNode() ?? member.nameNode;
    return {
      kind: 'returns',
      member,
      verb,
      entity,
      returned: { absent: absent === 'both' ? 'undefined | null' : absent, node },
    };
  }
  return thrown === undefined ? undefined : { kind: 'throws', member, verb, entity, thrown };
}

/**
 * True when the function means to return nothing: its written return type
 * says `| undefined` or `| null`, or it has a `return;`, `return undefined`,
 * `return null`, or returns a lookup result that may be absent
 * (`this.map.get(key)`, `list.find(…)`, `cache[key]`, a local variable). An
 * optional property passed through (`return relation.junction`) is not enough.
 */
function returnsAbsentOnPurpose(fn: SiblingFunction): boolean {
  const typeNode = fn.getReturnTypeNode();
  if (
    typeNode !== undefined &&
    absentOf(fn, fn.getReturnType()) !== 'none' &&
    absentFormOfTypeNode(unwrapPromiseTypeNode(typeNode)) !== 'none'
  )
    return true;
  return ownReturnsOf(fn).some((statement) => {
    const raw = statement.getExpression();
    if (raw === undefined) return true;
    const expression = skipOuterExpressions(raw);
    const text = expression.getText();
    if (text === 'undefined' || text === 'null' || text === 'void 0') return true;
    if (Node.isPropertyAccessExpression(expression)) return false;
    return mayBeAbsent(expression.getType());
  });
}

/** The absent values a function returns, from the checker and from a written return type. */
function absentOf(fn: SiblingFunction, type: Type): AbsentForm {
  const typeNode = fn.getReturnTypeNode();
  if (typeNode === undefined) return absentFormOf(type);
  return mergeAbsent(absentFormOf(type), absentFormOfTypeNode(unwrapPromiseTypeNode(typeNode)));
}

/** True for a fully known type that can stand for an entity: not `any`/`unknown`/`void`/`boolean`, no type parameter, no function. */
function isEntityLikeType(type: Type): boolean {
  if (isOpenType(type) || type.isBoolean() || type.isBooleanLiteral() || type.getCallSignatures().length > 0)
    return false;
  return type.isObject() || type.isString() || type.isNumber();
}

/**
 * The throw a function uses for a missing entity: a throw guarded by an
 * absence test (`if (!found) throw …`, `if (x === undefined) throw …`,
 * `if (!map.has(k)) throw …`), or the last statement after a search loop
 * that returns from inside.
 */
function missingThrowOf(fn: SiblingFunction): { statement: ThrowStatement; errorClass: string } | undefined {
  for (const statement of ownThrowsOf(fn)) {
    if (!isGuardedByAbsenceTest(statement) && !isAfterSearchLoop(fn, statement)) continue;
    const errorClass = thrownClassOf(statement);
    if (errorClass !== undefined) return { statement, errorClass };
  }
  return undefined;
}

/** The class name in `throw new X(…)` / `throw X(…)`; undefined for other thrown values. */
function thrownClassOf(statement: ThrowStatement): string | undefined {
  const expression = skipOuterExpressions(statement.getExpression());
  if (Node.isNewExpression(expression) || Node.isCallExpression(expression))
    return expression.getExpression().getText();
  return undefined;
}

/** True when the throw is the consequence of an `if` whose condition tests for a missing value. */
function isGuardedByAbsenceTest(statement: ThrowStatement): boolean {
  let holder: Node = statement;
  const parent = statement.getParent();
  if (Node.isBlock(parent)) holder = parent;
  const ifStatement = holder.getParent();
  if (!Node.isIfStatement(ifStatement) || ifStatement.getThenStatement() !== holder) return false;
  return isAbsenceTest(ifStatement.getExpression());
}

/** `!x` (x may be absent), `x === undefined`, `x == null`, `typeof x === 'undefined'`, `!m.has(k)`, or an `||` with one of those. */
function isAbsenceTest(raw: Expression): boolean {
  const condition = skipOuterExpressions(raw);
  if (Node.isPrefixUnaryExpression(condition) && condition.getOperatorToken() === SyntaxKind.ExclamationToken) {
    const operand = skipOuterExpressions(condition.getOperand());
    if (Node.isCallExpression(operand)) return /\.has$/.test(operand.getExpression().getText());
    return mayBeAbsent(operand.getType());
  }
  if (!Node.isBinaryExpression(condition)) return false;
  const operator = condition.getOperatorToken().getKind();
  if (operator === SyntaxKind.BarBarToken)
    return isAbsenceTest(condition.getLeft()) || isAbsenceTest(condition.getRight());
  if (operator !== SyntaxKind.EqualsEqualsEqualsToken && operator !== SyntaxKind.EqualsEqualsToken) return false;
  const sides = [condition.getLeft(), condition.getRight()].map((side) => skipOuterExpressions(side).getText());
  return sides.some(
    (text) =>
      text === 'undefined' || text === 'null' || text === 'void 0' || text === "'undefined'" || text === '"undefined"',
  );
}

/** True when a value's type admits `undefined` or `null`. */
function mayBeAbsent(type: Type): boolean {
  return absentFormOf(type) !== 'none';
}

/** True when the throw is the function body's last statement and an earlier loop returns from inside (a search that found nothing). */
function isAfterSearchLoop(fn: SiblingFunction, statement: ThrowStatement): boolean {
  const body = fn.getBody();
  if (!Node.isBlock(body)) return false;
  const statements = body.getStatements();
  if (statements[statements.length - 1] !== statement) return false;
  const returns = ownReturnsOf(fn);
  return statements.some(
    (s) => isLoop(s) && returns.some((r) => r.getStart() >= s.getStart() && r.getEnd() <= s.getEnd()),
  );
}

/** True for `for`, `for…of`, `for…in`, `while` and `do…while` statements. */
function isLoop(node: Node): boolean {
  return (
    Node.isForStatement(node) ||
    Node.isForOfStatement(node) ||
    Node.isForInStatement(node) ||
    Node.isWhileStatement(node) ||
    Node.isDoStatement(node)
  );
}
