import { Node, SyntaxKind } from 'ts-morph';
import { enclosingFunctionOf } from './_shared/ast/enclosing-function-of.js';
import { shorten } from './_shared/text.js';
import { groupBy } from './_shared/group-by.js';
import { unwrapPromiseTypeNode } from './_shared/ast/unwrap-promise-type-node.js';
import { skipOuterExpressions } from './_shared/ast/skip-outer-expressions.js';
import { memberPathOf, symbolPathOf } from './_shared/names.js';
import { splitWords } from './_shared/identifier-style.js';
import type { ClassDeclaration, Expression, SourceFile, ThrowStatement, Type } from 'ts-morph';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { FindingDraft } from '../src/model/rule.js';
import {
  absentFormOf,
  absentFormOfTypeNode,
  isInheritedSignature,
  isOpenType,
  LOOKUP_VERBS,
  mergeAbsent,
  ownReturnsOf,
  ownThrowsOf,
  presentMembersOf,
  resolvedReturnTypeOf,
  siblingGroupsOf,
} from './_shared/siblings/model.js';
import type { AbsentForm, SiblingFunction, SiblingMember } from './_shared/siblings/model.js';

type MessageId = 'sameMessageOtherClass' | 'throwsWhereSiblingReturns' | 'returnsWhereSiblingThrows';

/** One `throw new X('…')` (or `Promise.reject(new X('…'))`) with a message built from literal text. */
interface ErrorSite {
  /** The `new X(…)` or `X(…)` expression. */
  node: Node;
  errorClass: string;
  /** Lower-case message with numbers, quoted values and interpolations replaced by placeholders. */
  normalised: string;
  /** The message as written, interpolations shown as `${…}`. */
  display: string;
  /** The enclosing function or method. */
  where: Place;
  /** Classes the error class extends (`['LookupError', 'Error']`). */
  ancestors: string[];
}

/** How a lookup sibling treats a missing entity. */
interface LookupBehaviour {
  member: SiblingMember;
  verb: string;
  entity: string;
  /** Present when the sibling throws on a missing entity. */
  thrown?: { statement: ThrowStatement; errorClass: string };
  /** Present when the sibling returns an absent value instead. */
  returned?: { absent: string; node: Node };
}

/** At most this many other places are listed as evidence. */
const MAX_EVIDENCE = 5;

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

export default defineRule({
  meta: {
    id: 'inconsistent-error-types',
    description: 'Enforce one way of signalling the same failure within a class or module',
    category: 'suspicious',
    defaultSeverity: 'warning',
    stability: 'stable',
    scope: 'file',
    needsTypeChecker: true,
    skipFiles: ['test'],
    title: 'Inconsistent error types',
    rationale:
      'When one failure is signalled with different error classes, or thrown by one lookup and returned as `undefined` by its sibling, callers catch one form and miss the other.',
    messages: {
      sameMessageOtherClass: {
        message:
          'The message "{{text}}" is thrown as `{{errorClass}}` in {{where}} but as `{{otherClass}}` in {{otherWhere}} (line {{line}}).',
        recommendation:
          'Throw `{{otherClass}}` here too, or give the two failures different messages if they are different failures.',
      },
      throwsWhereSiblingReturns: {
        message:
          'Lookup `{{member}}` throws `{{errorClass}}` when no `{{entity}}` is found; its sibling `{{sibling}}` returns `{{absent}}` for the same case (line {{line}}).',
        recommendation:
          'Return `{{absent}}` from `{{member}}` as `{{sibling}}` does, or rename one of them so its name states that it throws (e.g. `{{member}}OrThrow`).',
      },
      returnsWhereSiblingThrows: {
        message:
          'Lookup `{{member}}` returns `{{absent}}` when no `{{entity}}` is found; its sibling `{{sibling}}` throws `{{errorClass}}` for the same case (line {{line}}).',
        recommendation:
          'Throw `{{errorClass}}` from `{{member}}` as `{{sibling}}` does, or rename the throwing sibling so its name states that it throws (e.g. `{{sibling}}OrThrow`).',
      },
    },
    options: NO_OPTIONS,
  },
  *check({ files }) {
    for (const file of files) {
      yield* sameMessageFindings(file);
      for (const group of siblingGroupsOf(file)) yield* lookupFindings(group.members.filter((m) => !m.overloaded));
    }
  },
});

// ---------------------------------------------------------------------------
// (a) One message, several error classes

/** Findings for throws whose normalised message is thrown elsewhere in the module with another error class. */
function* sameMessageFindings(file: SourceFile): Generator<FindingDraft<MessageId>> {
  const sites = errorSitesOf(file);
  for (const sameMessage of groupBy(sites, (s) => s.normalised).values()) {
    const byClass = groupBy(sameMessage, (s) => s.errorClass);
    if (byClass.size < 2) continue;
    const majority = preferredClassSites(byClass);
    const [reference] = majority;
    if (reference === undefined) continue;
    for (const site of sameMessage) {
      if (site.errorClass === reference.errorClass) continue;
      yield {
        node: site.node,
        messageId: 'sameMessageOtherClass',
        symbol: { path: memberPathOf(symbolPathOf(site.node), site.errorClass) },
        data: {
          where: lowerFirst(site.where.label),
          errorClass: site.errorClass,
          text: site.display,
          otherWhere:
            reference.where.label === site.where.label ? 'the same function' : lowerFirst(reference.where.label),
          otherClass: reference.errorClass,
          line: reference.node.getStartLineNumber(),
        },
        evidence: majority
          .slice(0, MAX_EVIDENCE)
          .map((s) => ({ note: `${s.where.label} throws \`${s.errorClass}\` with this message`, node: s.node })),
      };
    }
  }
}

/**
 * The sites of the class the others should follow: a class that extends
 * another one in the group wins over its ancestor (`NotFoundError` over
 * `Error`: the subclass was made for this failure); between unrelated
 * classes, the more frequent one, and on a tie the one thrown first.
 */
function preferredClassSites(byClass: Map<string, ErrorSite[]>): ErrorSite[] {
  let best: ErrorSite[] = [];
  for (const sites of byClass.values()) {
    if (best.length === 0 || prefers(sites, best)) best = sites;
  }
  return best;
}

/** True when the class of `a` should be followed rather than that of `b`. */
function prefers(a: readonly ErrorSite[], b: readonly ErrorSite[]): boolean {
  const [siteA] = a;
  const [siteB] = b;
  if (siteA === undefined || siteB === undefined) return false;
  if (siteA.ancestors.includes(siteB.errorClass)) return true;
  if (siteB.ancestors.includes(siteA.errorClass)) return false;
  return a.length > b.length;
}

/** Names of the classes an error class extends, nearest first, as far as their declarations are in the project (`Error` included). */
function ancestorsOf(callee: Node): string[] {
  const out: string[] = [];
  let declaration = classDeclarationOf(callee);
  while (declaration !== undefined && out.length < 10) {
    const heritage = declaration.getExtends();
    if (heritage === undefined) break;
    const base = heritage.getExpression();
    out.push(base.getText());
    declaration = classDeclarationOf(base);
  }
  return out;
}

/** The class declaration an expression names, through imports; undefined for built-ins and unresolved names. */
function classDeclarationOf(expression: Node): ClassDeclaration | undefined {
  const symbol = expression.getSymbol();
  const target = symbol?.getAliasedSymbol() ?? symbol;
  return target?.getDeclarations().find((d) => Node.isClassDeclaration(d));
}

/** Every thrown or rejected error of the file whose message is built from literal text with at least two words. */
function errorSitesOf(file: SourceFile): ErrorSite[] {
  const out: ErrorSite[] = [];
  for (const statement of file.getDescendantsOfKind(SyntaxKind.ThrowStatement)) {
    const site = errorSiteOf(statement.getExpression());
    if (site !== undefined) out.push(site);
  }
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (call.getExpression().getText() !== 'Promise.reject') continue;
    const [arg] = call.getArguments();
    if (arg === undefined || !Node.isExpression(arg)) continue;
    const site = errorSiteOf(arg);
    if (site !== undefined) out.push(site);
  }
  return out.sort((a, b) => a.node.getStart() - b.node.getStart());
}

/** The error site of `new X(message)` or `X(message)` where X names an error class; undefined otherwise. */
function errorSiteOf(raw: Expression): ErrorSite | undefined {
  const expression = skipOuterExpressions(raw);
  if (!Node.isNewExpression(expression) && !Node.isCallExpression(expression)) return undefined;
  const callee = expression.getExpression();
  const errorClass = callee.getText();
  if (!/(Error|Exception)$/.test(errorClass)) return undefined;
  const [first] = expression.getArguments();
  if (first === undefined || !Node.isExpression(first)) return undefined;
  const parts = messagePartsOf(first);
  if (parts === undefined) return undefined;
  const normalised = normaliseMessage(parts);
  if (literalWordCount(normalised) < 2) return undefined;
  return {
    node: expression,
    errorClass,
    normalised,
    display: displayOf(parts),
    where: placeOf(expression),
    ancestors: ancestorsOf(callee),
  };
}

/** The message as literal text and holes (`undefined` entries); undefined when it is not built from literals. */
function messagePartsOf(expression: Expression): (string | undefined)[] | undefined {
  const node = skipOuterExpressions(expression);
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return [node.getLiteralText()];
  if (Node.isTemplateExpression(node)) {
    const parts: (string | undefined)[] = [node.getHead().getLiteralText()];
    for (const span of node.getTemplateSpans()) parts.push(undefined, span.getLiteral().getLiteralText());
    return parts;
  }
  if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.PlusToken) {
    const left = messagePartsOf(node.getLeft());
    if (left === undefined) return undefined;
    const right = messagePartsOf(node.getRight()) ?? [undefined];
    return [...left, ...right];
  }
  return undefined;
}

/**
 * Lower-case text where numbers become `#`, quoted values and
 * interpolations become `{}`, runs of white space one space, and trailing
 * punctuation is dropped: "Provider '7' not found." and
 * `Provider ${id} not found` are one message.
 */
export function normaliseMessage(parts: readonly (string | undefined)[]): string {
  return parts
    .map((part) => (part === undefined ? '{}' : part))
    .join('')
    .toLowerCase()
    .replace(/'[^']*'|"[^"]*"|`[^`]*`/g, '{}')
    .replace(/\d+(\.\d+)?/g, '#')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.!:;,]+$/, '');
}

/** Words of two or more letters outside placeholders. */
function literalWordCount(normalised: string): number {
  return normalised
    .replace(/\{\}/g, ' ')
    .split(/[^a-z]+/)
    .filter((word) => word.length >= 2).length;
}

/** The message as written, holes shown as `${…}` and double quotes as single ones, cut to 80 characters. */
function displayOf(parts: readonly (string | undefined)[]): string {
  const text = parts
    .map((part) => (part === undefined ? '${…}' : part))
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/"/g, "'")
    .trim();
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Where a throw is: its nearest named function or method, else its innermost function, else top-level code. */
interface Place {
  /** `Method \`find\``, `The function on line 12`, `Top-level code`. */
  label: string;
  /** The name, or `anonymous`/`top-level` for the fingerprint. */
  name: string;
}

/** The place of a node, for messages. */
function placeOf(node: Node): Place {
  const innermost = enclosingFunctionOf(node);
  let fn = innermost;
  while (fn !== undefined) {
    const named = namedPlaceOf(fn);
    if (named !== undefined) return named;
    fn = enclosingFunctionOf(fn);
  }
  if (innermost !== undefined)
    return { label: `The function on line ${innermost.getStartLineNumber()}`, name: 'anonymous' };
  return { label: 'Top-level code', name: 'top-level' };
}

/** The place of a named function-like node: its own name, or that of the variable or property it is assigned to. */
function namedPlaceOf(fn: Node): Place | undefined {
  if (Node.isMethodDeclaration(fn)) return { label: `Method \`${fn.getName()}\``, name: fn.getName() };
  if (Node.isFunctionDeclaration(fn)) {
    const name = fn.getName();
    return name === undefined ? undefined : { label: `Function \`${name}\``, name };
  }
  if (Node.isGetAccessorDeclaration(fn) || Node.isSetAccessorDeclaration(fn))
    return { label: `Accessor \`${fn.getName()}\``, name: fn.getName() };
  if (Node.isConstructorDeclaration(fn)) return { label: 'The constructor', name: 'constructor' };
  const parent = fn.getParent();
  if (Node.isVariableDeclaration(parent) || Node.isPropertyAssignment(parent) || Node.isPropertyDeclaration(parent)) {
    return { label: `Function \`${parent.getName()}\``, name: parent.getName() };
  }
  return undefined;
}

/** A place label in the middle of a sentence: `method \`find\``, `the function on line 12`. */
function lowerFirst(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

// ---------------------------------------------------------------------------
// (b) One lookup throws, its sibling returns undefined

/** Findings for lookup siblings (same verb, same entity) where some throw on a missing entity and others return an absent value. */
function* lookupFindings(members: readonly SiblingMember[]): Generator<FindingDraft<MessageId>> {
  const behaviours = members
    .filter((m) => !isPrivate(m) && !isInheritedSignature(m))
    .flatMap((m) => lookupBehaviourOf(m) ?? []);
  for (const family of groupBy(behaviours, (b) => `${b.verb}\u0000${b.entity}`).values()) {
    const throwers = family.filter((b) => b.thrown !== undefined);
    const returners = family.filter((b) => b.returned !== undefined);
    if (throwers.length === 0 || returners.length === 0) continue;
    const throwersWin =
      throwers.length > returners.length ||
      (throwers.length === returners.length && first(throwers) < first(returners));
    if (throwersWin) {
      for (const r of returners) yield returnerDraft(r, throwers);
    } else {
      for (const t of throwers) yield throwerDraft(t, returners);
    }
  }
}

/** True for `private` and `#private` methods: implementation details whose callers are the class itself. */
function isPrivate(member: SiblingMember): boolean {
  const fn = member.fn;
  if (!Node.isMethodDeclaration(fn)) return false;
  return fn.hasModifier(SyntaxKind.PrivateKeyword) || Node.isPrivateIdentifier(fn.getNameNode());
}

/** Source position of the first member of a list. */
function first(list: readonly LookupBehaviour[]): number {
  return Math.min(...list.map((b) => b.member.nameNode.getStart()));
}

/** The finding on a sibling that throws where the majority returns an absent value. */
function throwerDraft(thrower: LookupBehaviour, returners: readonly LookupBehaviour[]): FindingDraft<MessageId> {
  const [reference] = returners;
  const thrown = thrower.thrown;
  if (reference?.returned === undefined || thrown === undefined)
    throw new Error(`lookup family of ${thrower.member.symbol} lost its members`);
  return {
    node: thrower.member.nameNode,
    messageId: 'throwsWhereSiblingReturns',
    symbol: { path: thrower.member.symbol },
    data: {
      member: thrower.member.name,
      errorClass: thrown.errorClass,
      entity: thrower.entity,
      sibling: reference.member.name,
      absent: reference.returned.absent,
      line: reference.returned.node.getStartLineNumber(),
    },
    evidence: [
      { note: `\`${thrower.member.name}\` throws \`${thrown.errorClass}\` here`, node: thrown.statement },
      ...returners.slice(0, MAX_EVIDENCE).flatMap((r) =>
        r.returned === undefined
          ? []
          : [
              {
                note: `\`${r.member.name}\` returns \`${r.returned.absent}\` for a missing \`${r.entity}\``,
                node: r.returned.node,
              },
            ],
      ),
    ],
  };
}

/** The finding on a sibling that returns an absent value where the majority throws. */
function returnerDraft(returner: LookupBehaviour, throwers: readonly LookupBehaviour[]): FindingDraft<MessageId> {
  const [reference] = throwers;
  const returned = returner.returned;
  if (reference?.thrown === undefined || returned === undefined)
    throw new Error(`lookup family of ${returner.member.symbol} lost its members`);
  return {
    node: returned.node,
    messageId: 'returnsWhereSiblingThrows',
    symbol: { path: returner.member.symbol },
    data: {
      member: returner.member.name,
      absent: returned.absent,
      entity: returner.entity,
      sibling: reference.member.name,
      errorClass: reference.thrown.errorClass,
      line: reference.thrown.statement.getStartLineNumber(),
    },
    evidence: throwers.slice(0, MAX_EVIDENCE).flatMap((t) =>
      t.thrown === undefined
        ? []
        : [
            {
              note: `\`${t.member.name}\` throws \`${t.thrown.errorClass}\` for a missing \`${t.entity}\``,
              node: t.thrown.statement,
            },
          ],
    ),
  };
}

/** How a lookup-named sibling treats a missing entity; undefined when it is no lookup, announces its convention, or does neither. */
function lookupBehaviourOf(member: SiblingMember): LookupBehaviour | undefined {
  const words = splitWords(member.name);
  const [verb] = words;
  if (verb === undefined || !LOOKUP_VERBS.has(verb) || words.some((w) => CONVENTION_WORDS.has(w))) return undefined;
  const type = resolvedReturnTypeOf(member.fn);
  const present = presentMembersOf(type);
  const [entityType] = present;
  if (present.length !== 1 || entityType === undefined || !isEntityLikeType(entityType)) return undefined;
  const entity = shorten(entityType.getText(member.fn));
  const absent = absentOf(member.fn, type);
  const thrown = missingThrowOf(member.fn);
  if (absent !== 'none') {
    // A lookup that throws for one missing thing and returns `undefined` for another follows no single convention.
    if (thrown !== undefined || !returnsAbsentOnPurpose(member.fn)) return undefined;
    const node = member.fn.getReturnTypeNode() ?? member.nameNode;
    return { member, verb, entity, returned: { absent: absent === 'both' ? 'undefined` or `null' : absent, node } };
  }
  return thrown === undefined ? undefined : { member, verb, entity, thrown };
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
