import { Node, SyntaxKind } from 'ts-morph';
import type { CallExpression, ClassDeclaration, ClassExpression, NewExpression, SourceFile, Type } from 'ts-morph';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { FindingDraft } from '../src/model/rule.js';
import type { ProjectView } from '../src/model/project-view.js';
import { resolvedDeclarationsOf } from './_shared/ast/declarations-of.js';
import { isFunctionLike } from './_shared/ast/is-function-like.js';
import { parentSkippingOuterExpressions } from './_shared/ast/skip-outer-expressions.js';
import { MODULE_PATH, symbolPathOf } from './_shared/names.js';
import { codeSpan, shorten } from './_shared/text.js';

type MessageId = 'missingMessage' | 'missingReason' | 'nonErrorThrown' | 'nonErrorRejected';

/** Built-in error constructors and the index of their message argument. */
const BUILTIN_ERRORS: ReadonlyMap<string, number> = new Map([
  ['Error', 0],
  ['TypeError', 0],
  ['RangeError', 0],
  ['ReferenceError', 0],
  ['SyntaxError', 0],
  ['EvalError', 0],
  ['URIError', 0],
  ['AggregateError', 1],
]);

/** What an error construction does with its message. */
type MessageState = 'missing' | 'empty' | 'present' | 'unknown';

/** An argument as it reaches a constructor: an expression, or nothing (not passed, no default). */
type Argument = Node | undefined;

/** How deep to follow `super(...)` chains. */
const MAX_CLASS_DEPTH = 8;

export default defineRule({
  meta: {
    id: 'error-without-message',
    description: 'Require errors to be thrown and rejected as Error objects with a message',
    category: 'correctness',
    defaultSeverity: 'warning',
    stability: 'stable',
    scope: 'file',
    needsTypeChecker: true,
    skipFiles: ['test'],
    title: 'Errors without a clear message',
    rationale:
      'An error with no message, or a thrown string, reaches logs and callers as a bare "Error" or a value with no stack trace; whoever reads it cannot tell what failed or where.',
    messages: {
      missingMessage: {
        message: 'Error {{construct}} in {{where}} has {{problem}}.',
        recommendation: 'Pass `{{className}}` a message that says what failed and with which value.',
      },
      missingReason: {
        message:
          'Rejection {{construct}} in {{where}} has no reason, so the caller receives `undefined`: no message and no stack trace.',
        recommendation: "Reject with an `Error` whose message says what failed, as in `{{callee}}(new Error('…'))`.",
      },
      nonErrorThrown: {
        message:
          'Thrown value {{value}} in {{where}} is {{kind}}, not an `Error`, so the failure has no stack trace and `instanceof Error` checks miss it.',
        recommendation:
          'Throw an `Error` (or a subclass) whose message says what failed; attach extra data as properties or as `cause`.',
      },
      nonErrorRejected: {
        message:
          'Rejection reason {{value}} in {{where}} is {{kind}}, not an `Error`, so the failure has no stack trace and `instanceof Error` checks miss it.',
        recommendation:
          'Reject with an `Error` (or a subclass) whose message says what failed; attach extra data as properties or as `cause`.',
      },
    },
    options: NO_OPTIONS,
  },
  *check({ files, project }) {
    for (const file of files) {
      yield* errorsWithoutMessage(file);
      yield* thrownNonErrors(file, caughtSentinels(project));
      yield* rejectionsWithoutReason(file);
    }
  },
});

/** `new Error()`, `new Error('')`, `Error()` and project error classes constructed without a message. */
function* errorsWithoutMessage(file: SourceFile): Generator<FindingDraft<MessageId>> {
  const constructions = [
    ...file.getDescendantsOfKind(SyntaxKind.NewExpression),
    ...file.getDescendantsOfKind(SyntaxKind.CallExpression),
  ];
  for (const construction of constructions) {
    if (Node.isCallExpression(construction) && !isBareBuiltinCall(construction)) continue;
    if (isMessageSetAfterwards(construction)) continue;
    const callee = construction.getExpression();
    const args = construction.getArguments();
    if (args.some((a) => Node.isSpreadElement(a))) continue;
    const { state, className, through, declaration } = messageStateOf(callee, args);
    if (state !== 'missing' && state !== 'empty') continue;
    const problem =
      state === 'empty'
        ? 'an empty message'
        : through === undefined
          ? 'no message'
          : `no message: \`${through}\` passes none to \`Error\``;
    yield {
      node: construction,
      messageId: 'missingMessage',
      symbol: { path: symbolPathOf(construction) },
      data: {
        where: whereText(construction),
        construct: codeSpan(shorten(construction.getText())),
        problem,
        className,
      },
      evidence: declaration === undefined ? [] : [{ note: `\`${className}\` is declared here`, node: declaration }],
    };
  }
}

/** `throw 'text'`, `throw 42`, `throw { … }` and, with types, a thrown primitive value. */
function* thrownNonErrors(file: SourceFile, sentinels: ReadonlySet<string>): Generator<FindingDraft<MessageId>> {
  for (const statement of file.getDescendantsOfKind(SyntaxKind.ThrowStatement)) {
    if (isCaughtLocally(statement) || isSentinel(statement.getExpression(), sentinels)) continue;
    const kind = nonErrorKind(statement.getExpression());
    if (kind === undefined) continue;
    yield {
      node: statement,
      messageId: 'nonErrorThrown',
      symbol: { path: symbolPathOf(statement) },
      data: { where: whereText(statement), value: codeSpan(shorten(statement.getExpression().getText())), kind },
    };
  }
}

/** `Promise.reject()` and an executor's `reject()` with no reason or a non-Error reason. */
function* rejectionsWithoutReason(file: SourceFile): Generator<FindingDraft<MessageId>> {
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (!isPromiseReject(call) && !isExecutorReject(call)) continue;
    if (isInsideTryBlock(call)) continue;
    const reason = call.getArguments()[0];
    const where = whereText(call);
    const symbol = { path: symbolPathOf(call) };
    const callee = call.getExpression().getText();
    if (reason === undefined || isUndefinedLiteral(reason)) {
      yield {
        node: call,
        messageId: 'missingReason',
        symbol,
        data: { where, construct: codeSpan(shorten(call.getText())), callee },
      };
      continue;
    }
    const kind = nonErrorKind(reason);
    if (kind !== undefined)
      yield {
        node: call,
        messageId: 'nonErrorRejected',
        symbol,
        data: { where, value: codeSpan(shorten(reason.getText())), kind },
      };
  }
}

/** `Error()` / `TypeError()` called without `new` (which also creates an error). */
function isBareBuiltinCall(call: CallExpression): boolean {
  const callee = call.getExpression();
  return Node.isIdentifier(callee) && BUILTIN_ERRORS.has(callee.getText()) && builtinOrUnknown(callee) === 'builtin';
}

/**
 * True unless the new error provably reaches a caller: thrown, returned,
 * passed to a call, or held in a variable that is then thrown, returned or
 * passed on (and whose `.message` is not assigned). `new Error().stack`,
 * `Object.assign(new Error(), …)` and a stack-capturing `const e = new Error()`
 * read only for `e.stack` are not errors that reach anyone.
 */
function isMessageSetAfterwards(construction: NewExpression | CallExpression): boolean {
  const parent = parentSkippingOuterExpressions(construction);
  if (parent === undefined) return true;
  if (Node.isThrowStatement(parent)) return isCaughtLocally(parent);
  if (Node.isReturnStatement(parent) || Node.isArrowFunction(parent)) return false;
  if (Node.isCallExpression(parent) || Node.isNewExpression(parent)) return !isDeliveringCall(parent, construction);
  if (Node.isVariableDeclaration(parent)) {
    const name = parent.getNameNode();
    if (!Node.isIdentifier(name)) return true;
    const scope = parent.getFirstAncestor((a) => Node.isBlock(a) || Node.isSourceFile(a));
    if (scope === undefined) return true;
    const uses = scope
      .getDescendantsOfKind(SyntaxKind.Identifier)
      .filter((i) => i !== name && i.getText() === name.getText());
    if (uses.some((use) => isMessageWrite(use.getParentOrThrow(), name.getText()))) return true;
    return !uses.some(isDeliveringUse);
  }
  return true;
}

/**
 * True when a `throw` sits in the `try` block of a `try … catch` of the same
 * function: the value is control flow caught a few lines below and never
 * reaches a caller as it was thrown.
 */
function isCaughtLocally(statement: Node): boolean {
  let child: Node = statement;
  for (let parent = statement.getParent(); parent !== undefined; child = parent, parent = parent.getParent()) {
    if (isFunctionLike(parent)) return false;
    if (Node.isTryStatement(parent) && parent.getTryBlock() === child && parent.getCatchClause() !== undefined)
      return true;
  }
  return false;
}

/**
 * True when a rejection is created lexically inside the `try` block of a
 * `try … catch`, callbacks included (`await Promise.race([…, sleep(1).then(() =>
 * Promise.reject())])`): the rejection is a signal the catch handles, not a
 * failure that reaches a caller.
 */
function isInsideTryBlock(node: Node): boolean {
  let child: Node = node;
  for (let parent = node.getParent(); parent !== undefined; child = parent, parent = parent.getParent()) {
    if (Node.isTryStatement(parent) && parent.getTryBlock() === child && parent.getCatchClause() !== undefined)
      return true;
    if (isFunctionLike(parent) && !isCallbackArgument(parent)) return false;
  }
  return false;
}

/** True for a function passed directly as an argument (`.then(() => …)`, `new Promise((resolve, reject) => …)`). */
function isCallbackArgument(node: Node): boolean {
  const parent = node.getParent();
  return (Node.isCallExpression(parent) || Node.isNewExpression(parent)) && parent.getArguments().includes(node);
}

/**
 * String values that some `catch` clause of the project tests for (`e.msg ===
 * 'earlyExit'`): a thrown object literal carrying one is a deliberate sentinel
 * caught by a wrapper, not a failure.
 */
function caughtSentinels(project: ProjectView): ReadonlySet<string> {
  return project.memo('error-without-message:caught-sentinels', () => {
    const out = new Set<string>();
    for (const file of project.files) {
      for (const clause of file.getDescendantsOfKind(SyntaxKind.CatchClause)) {
        for (const literal of clause.getBlock().getDescendantsOfKind(SyntaxKind.StringLiteral))
          out.add(literal.getLiteralText());
      }
    }
    return out;
  });
}

/** True for a thrown object literal with a string property that some catch clause tests for. */
function isSentinel(expression: Node, sentinels: ReadonlySet<string>): boolean {
  const inner = Node.isParenthesizedExpression(expression) ? expression.getExpression() : expression;
  if (!Node.isObjectLiteralExpression(inner)) return false;
  return inner.getProperties().some((p) => {
    if (!Node.isPropertyAssignment(p)) return false;
    const value = p.getInitializer();
    return value !== undefined && Node.isStringLiteral(value) && sentinels.has(value.getLiteralText());
  });
}

/** True when a call hands the error on (not `Object.assign` or a stack-capturing helper). */
function isDeliveringCall(call: CallExpression | NewExpression, argument: Node): boolean {
  const callee = call.getExpression().getText();
  if (callee === 'Object.assign' || /stack|trace/i.test(callee)) return false;
  return call.getArguments().includes(argument);
}

/** True when a use of a variable throws, returns or passes on its value. */
function isDeliveringUse(use: Node): boolean {
  const parent = parentSkippingOuterExpressions(use);
  if (parent === undefined) return false;
  if (Node.isThrowStatement(parent) || Node.isReturnStatement(parent) || Node.isArrowFunction(parent)) return true;
  return (Node.isCallExpression(parent) || Node.isNewExpression(parent)) && isDeliveringCall(parent, use);
}

/** `name.message = …` or `name.message += …`. */
function isMessageWrite(access: Node, variable: string): boolean {
  if (
    !Node.isPropertyAccessExpression(access) ||
    access.getName() !== 'message' ||
    access.getExpression().getText() !== variable
  )
    return false;
  const parent = access.getParent();
  return (
    Node.isBinaryExpression(parent) &&
    parent.getLeft() === access &&
    parent.getOperatorToken().getKind() !== SyntaxKind.EqualsEqualsEqualsToken &&
    /=$/.test(parent.getOperatorToken().getText())
  );
}

/** The message an error construction ends up with, following project subclasses to a built-in error. */
function messageStateOf(
  callee: Node,
  args: readonly Node[],
): { state: MessageState; className: string; through: string | undefined; declaration?: Node } {
  const className = Node.isIdentifier(callee) || Node.isPropertyAccessExpression(callee) ? callee.getText() : '';
  if (className === '') return { state: 'unknown', className, through: undefined };
  const target = resolveConstructor(callee);
  if (target === undefined) return { state: 'unknown', className, through: undefined };
  if (target.kind === 'builtin')
    return { state: builtinMessageState(target.name, args), className, through: undefined };
  const state = classMessageState(target.declaration, args, 0);
  return {
    state,
    className,
    through: state === 'missing' && args.length === 0 ? className : undefined,
    declaration: target.declaration,
  };
}

/** A constructor: a built-in error by name, or an error class of the project. */
type ConstructorTarget =
  { kind: 'builtin'; name: string } | { kind: 'class'; declaration: ClassDeclaration | ClassExpression };

/** Resolves what `new <callee>` constructs, or undefined when it is not provably an error class. */
function resolveConstructor(callee: Node): ConstructorTarget | undefined {
  const declarations = resolvedDeclarationsOf(callee);
  const name = Node.isIdentifier(callee) ? callee.getText() : undefined;
  if (name !== undefined && BUILTIN_ERRORS.has(name)) {
    return builtinOrUnknown(callee) === 'builtin' ? { kind: 'builtin', name } : classTarget(declarations);
  }
  return classTarget(declarations);
}

/** The project class among declarations, when it is an error class. */
function classTarget(declarations: readonly Node[]): ConstructorTarget | undefined {
  const declaration = declarations.find((d) => Node.isClassDeclaration(d) || Node.isClassExpression(d));
  if (declaration === undefined || !(Node.isClassDeclaration(declaration) || Node.isClassExpression(declaration)))
    return undefined;
  if (declaration.getSourceFile().isDeclarationFile()) return undefined;
  return { kind: 'class', declaration };
}

/** 'builtin' when an identifier names the global error constructor (not a local class of that name). */
function builtinOrUnknown(identifier: Node): 'builtin' | 'local' {
  const declarations = resolvedDeclarationsOf(identifier);
  if (declarations.length === 0) return 'builtin';
  return declarations.every((d) => d.getSourceFile().isDeclarationFile()) ? 'builtin' : 'local';
}

/** The message state of a built-in error given its arguments. */
function builtinMessageState(name: string, args: readonly Argument[]): MessageState {
  const index = BUILTIN_ERRORS.get(name) ?? 0;
  return argumentMessageState(args[index]);
}

/** Whether one argument, used as a message, is missing, empty or present. */
function argumentMessageState(arg: Argument): MessageState {
  if (arg === undefined || isUndefinedLiteral(arg)) return 'missing';
  if ((Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg)) && arg.getLiteralText().trim() === '')
    return 'empty';
  return 'present';
}

/**
 * The message a project error class ends up with for these arguments:
 * a class that declares `message` itself supplies one; otherwise its
 * constructor's `super(...)` arguments are mapped from the parameters and
 * followed to the base class; a class without a constructor passes its
 * arguments on unchanged. Anything not provable is 'unknown'.
 */
function classMessageState(
  declaration: ClassDeclaration | ClassExpression,
  args: readonly Argument[],
  depth: number,
): MessageState {
  if (depth > MAX_CLASS_DEPTH || declaresMessage(declaration)) return 'unknown';
  const constructor = declaration.getConstructors().find((c) => c.hasBody());
  let forwarded: readonly Argument[] = args;
  if (constructor !== undefined) {
    const superCall = constructor
      .getDescendantsOfKind(SyntaxKind.CallExpression)
      .find((c) => c.getExpression().getKind() === SyntaxKind.SuperKeyword);
    if (superCall === undefined) return 'unknown';
    const mapped = mapSuperArguments(superCall, constructor.getParameters(), args);
    if (mapped === undefined) return 'unknown';
    forwarded = mapped;
  }
  const base = declaration.getExtends()?.getExpression();
  if (base === undefined) return 'unknown';
  const target = resolveConstructor(base);
  if (target === undefined) return 'unknown';
  if (target.kind === 'builtin') return builtinMessageState(target.name, forwarded);
  return classMessageState(target.declaration, forwarded, depth + 1);
}

/** True when a class sets `message` itself: a `message` field or accessor, or `this.message = …`. */
function declaresMessage(declaration: ClassDeclaration | ClassExpression): boolean {
  if (
    declaration
      .getMembers()
      .some((m) => (Node.isPropertyDeclaration(m) || Node.isGetAccessorDeclaration(m)) && m.getName() === 'message')
  )
    return true;
  return declaration.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression).some((a) => isMessageWrite(a, 'this'));
}

/**
 * The arguments `super(...)` passes, with each constructor parameter replaced by
 * what the caller passed (or its default, or nothing); undefined for spreads.
 */
function mapSuperArguments(
  superCall: CallExpression,
  parameters: readonly Node[],
  args: readonly Argument[],
): Argument[] | undefined {
  const out: Argument[] = [];
  for (const arg of superCall.getArguments()) {
    if (Node.isSpreadElement(arg)) return undefined;
    const index = Node.isIdentifier(arg)
      ? parameters.findIndex((p) => Node.isParameterDeclaration(p) && p.getName() === arg.getText())
      : -1;
    if (index < 0) {
      out.push(arg);
      continue;
    }
    const parameter = parameters[index];
    if (parameter === undefined || !Node.isParameterDeclaration(parameter) || parameter.isRestParameter())
      return undefined;
    out.push(index < args.length ? args[index] : parameter.getInitializer());
  }
  return out;
}

/** A description of a thrown or rejected value that is provably not an Error, or undefined. */
function nonErrorKind(expression: Node | undefined): string | undefined {
  if (expression === undefined) return undefined;
  const inner = Node.isParenthesizedExpression(expression) ? expression.getExpression() : expression;
  if (Node.isStringLiteral(inner) || Node.isNoSubstitutionTemplateLiteral(inner)) return 'a string';
  if (Node.isTemplateExpression(inner)) return 'a template string';
  if (Node.isNumericLiteral(inner) || Node.isBigIntLiteral(inner)) return 'a number';
  if (Node.isTrueLiteral(inner) || Node.isFalseLiteral(inner)) return 'a boolean';
  if (Node.isNullLiteral(inner)) return '`null`';
  if (Node.isObjectLiteralExpression(inner)) return 'an object literal';
  if (Node.isArrayLiteralExpression(inner)) return 'an array';
  if (
    Node.isBinaryExpression(inner) &&
    inner.getOperatorToken().getKind() === SyntaxKind.PlusToken &&
    isStringType(inner.getType())
  )
    return 'a string';
  if (
    Node.isIdentifier(inner) ||
    Node.isPropertyAccessExpression(inner) ||
    Node.isCallExpression(inner) ||
    Node.isElementAccessExpression(inner)
  ) {
    const type = inner.getType();
    const primitive = primitiveName(type);
    return primitive === undefined ? undefined : `a value of type \`${primitive}\``;
  }
  return undefined;
}

/** The primitive type name when every part of the type is a string, number, boolean or bigint. */
function primitiveName(type: Type): string | undefined {
  if (type.isAny() || type.isUnknown()) return undefined;
  const parts = type.isUnion() ? type.getUnionTypes() : [type];
  const names = new Set<string>();
  for (const part of parts) {
    const name = primitiveOf(part);
    if (name === undefined) return undefined;
    names.add(name);
  }
  return names.size === 0 ? undefined : [...names].sort().join(' | ');
}

/** The primitive a single (non-union) type belongs to. */
function primitiveOf(type: Type): string | undefined {
  if (type.isString() || type.isStringLiteral() || type.isTemplateLiteral()) return 'string';
  if (type.isNumber() || type.isNumberLiteral()) return 'number';
  if (type.isBoolean() || type.isBooleanLiteral()) return 'boolean';
  if (type.isBigInt() || type.isBigIntLiteral()) return 'bigint';
  return undefined;
}

/** True when a type is a string. */
function isStringType(type: Type): boolean {
  return primitiveName(type) === 'string';
}

/** `Promise.reject(...)` on the global Promise. */
function isPromiseReject(call: CallExpression): boolean {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'reject') return false;
  const object = callee.getExpression();
  return Node.isIdentifier(object) && object.getText() === 'Promise' && builtinOrUnknown(object) === 'builtin';
}

/** A call of the `reject` parameter of a `new Promise((resolve, reject) => …)` executor. */
function isExecutorReject(call: CallExpression): boolean {
  const callee = call.getExpression();
  if (!Node.isIdentifier(callee)) return false;
  const declaration = resolvedDeclarationsOf(callee)[0];
  if (declaration === undefined || !Node.isParameterDeclaration(declaration)) return false;
  const executor = declaration.getParent();
  if (!(Node.isArrowFunction(executor) || Node.isFunctionExpression(executor))) return false;
  if (executor.getParameters().indexOf(declaration) !== 1) return false;
  const construction = executor.getParent();
  return (
    Node.isNewExpression(construction) &&
    construction.getExpression().getText() === 'Promise' &&
    construction.getArguments()[0] === executor
  );
}

/** True for the `undefined` identifier and `void 0`. */
function isUndefinedLiteral(node: Node): boolean {
  return (Node.isIdentifier(node) && node.getText() === 'undefined') || Node.isVoidExpression(node);
}

/** "`Class.method`" for code in a named function, "top-level code" otherwise. */
function whereText(node: Node): string {
  const path = symbolPathOf(node);
  return path === MODULE_PATH ? 'top-level code' : `\`${path}\``;
}
