/**
 * The message-state solver of error-without-message: what message an error
 * construction ends up with, following project subclasses and their
 * `super(...)` calls to a built-in error.
 */
import { Node, SyntaxKind } from 'ts-morph';
import type { CallExpression, ClassDeclaration, ClassExpression } from 'ts-morph';
import { resolvedDeclarationsOf } from '../_shared/ast/declarations-of.js';

/** Built-in error constructors and the index of their message argument. */
export const BUILTIN_ERRORS: ReadonlyMap<string, number> = new Map([
  ['Error', 0],
  ['TypeError', 0],
  ['RangeError', 0],
  ['ReferenceError', 0],
  ['SyntaxError', 0],
  ['EvalError', 0],
  ['URIError', 0],
  ['AggregateError', 1],
  ['SuppressedError', 2],
]);

/** What an error construction does with its message: none, blank, a value that is not text (`{}`, `[]`, `false`, a number), a message, or not provable. */
export type MessageState = 'missing' | 'empty' | 'notText' | 'present' | 'unknown';

/** An argument as it reaches a constructor: an expression, or nothing (not passed, no default). */
type Argument = Node | undefined;

/** How deep to follow `super(...)` chains. */
const MAX_CLASS_DEPTH = 8;

/** The message an error construction ends up with, following project subclasses to a built-in error. */
export function messageStateOf(
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
export function builtinOrUnknown(identifier: Node): 'builtin' | 'local' {
  const declarations = resolvedDeclarationsOf(identifier);
  if (declaresTopLevel(identifier)) return 'local';
  if (declarations.length === 0) return 'builtin';
  return declarations.every((d) => d.getSourceFile().isDeclarationFile()) ? 'builtin' : 'local';
}

/** The message state of a built-in error given its arguments. */
function builtinMessageState(name: string, args: readonly Argument[]): MessageState {
  const index = BUILTIN_ERRORS.get(name) ?? 0;
  return argumentMessageState(args[index]);
}

/** Whether one argument, used as a message, is missing, empty, not text, or present. */
function argumentMessageState(arg: Argument): MessageState {
  if (arg === undefined || isUndefinedLiteral(arg)) return 'missing';
  if ((Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg)) && arg.getLiteralText().trim() === '')
    return 'empty';
  return isNotText(arg) ? 'notText' : 'present';
}

/**
 * True for a message argument that is provably not text: an object or array
 * literal, `true`/`false`/`null`, or an expression whose type has no string
 * part (`{ foo: 0 }.foo`, `lineNumber = 2`). `any`, `unknown` and type
 * parameters are text as far as anyone can prove.
 */
function isNotText(arg: Node): boolean {
  const inner = Node.isParenthesizedExpression(arg) ? arg.getExpression() : arg;
  if (
    Node.isObjectLiteralExpression(inner) ||
    Node.isArrayLiteralExpression(inner) ||
    Node.isTrueLiteral(inner) ||
    Node.isFalseLiteral(inner) ||
    Node.isNullLiteral(inner)
  )
    return true;
  if (Node.isStringLiteral(inner) || Node.isNoSubstitutionTemplateLiteral(inner) || Node.isTemplateExpression(inner))
    return false;
  const type = inner.getType();
  if (type.isAny() || type.isUnknown() || type.isTypeParameter()) return false;
  const parts = type.isUnion() ? type.getUnionTypes() : [type];
  return parts.every(
    (part) =>
      part.isNumber() ||
      part.isNumberLiteral() ||
      part.isBoolean() ||
      part.isBooleanLiteral() ||
      part.isBigInt() ||
      part.isBigIntLiteral() ||
      part.isNull() ||
      part.isUndefined() ||
      part.isArray() ||
      part.isTuple(),
  );
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

/** `name.message = …` or `name.message += …`. */
export function isMessageWrite(access: Node, variable: string): boolean {
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

/** True for the `undefined` identifier and `void 0`. */
export function isUndefinedLiteral(node: Node): boolean {
  return (Node.isIdentifier(node) && node.getText() === 'undefined') || Node.isVoidExpression(node);
}

/**
 * True when the file declares the name at top level itself: a script's
 * `const Error = function () {}` clashes with the global, the checker
 * resolves the name to the global anyway, and it is not the built-in.
 */
function declaresTopLevel(identifier: Node): boolean {
  const file = identifier.getSourceFile();
  const name = identifier.getText();
  return (
    file.getVariableDeclaration(name) !== undefined ||
    file.getClass(name) !== undefined ||
    file.getFunction(name) !== undefined
  );
}
