import { startLineOf } from './_shared/ast/line-of.js';
import { Node, SyntaxKind, ts } from 'ts-morph';
import {
  importedFunctionOf,
  isEnvironmentName,
  isModuleFile,
  syntacticBindingOf,
  wholeDeclarationOf,
} from './_shared/name-binding.js';
import { syntacticUsesOf } from './_shared/local-uses.js';
import {
  EQUALITY,
  isPlainConstructor,
  mayDefineProperty,
  memberWritesOf,
  outermostParenthesesOf,
} from './_shared/untyped-context.js';
import { isJavaScriptFile } from './_shared/ast/is-javascript-file.js';
import {
  isOuterCompilerExpression,
  isOuterExpression,
  skipOuterCompilerExpressions,
  skipOuterExpressions,
} from './_shared/ast/skip-outer-expressions.js';
import { enclosingPlusChainOf, plusOperandsOf } from './_shared/ast/plus-chain.js';
import { symbolPathOf } from './_shared/names.js';
import { hasModifier } from './_shared/ast/has-modifier.js';
import {
  hasUnreadMemberName,
  membersNamed,
  prototypeHomeOf,
  prototypeOwnerOf,
  thisHomeOf,
} from './_shared/ast/this-home.js';
import type { CallExpression, Identifier, NewExpression, SourceFile } from 'ts-morph';
import { ESLINT_EVAL_RULES, isWaivedByEslint } from './_shared/waivers.js';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { FindingDraft } from '../src/model/rule.js';
import type { ProjectView } from '../src/model/project-view.js';
import { describeNode, getOriginEvidence, getNonLiteralPart } from './_shared/security/data.js';
import { getCalledExport, getModuleBindings } from './_shared/security/modules.js';
import { CODE_TIMERS, GLOBAL_TIMERS } from './_shared/security/timers.js';
import { isUntypedParameterDeclaration, mayGuard, textTypeBySyntax } from './_shared/text-type.js';
import type { ModuleBindings } from './_shared/security/modules.js';

type MessageId = 'dynamicCode' | 'stringTimer';

/** `vm` exports that compile their first argument as code. */
const VM_FUNCTIONS = new Set(['runInNewContext', 'runInThisContext', 'runInContext', 'Script', 'compileFunction']);
/** `vm` exports that compile without running: what they make runs only when it is called or run later. */
const VM_COMPILERS = new Set(['Script', 'compileFunction']);
/** Global objects through which `eval` and the timers are reached (`window.eval`). */
const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self', 'global']);

export default defineRule({
  meta: {
    id: 'code-injection',
    description: 'Disallow evaluating code built from non-literal data',
    category: 'security',
    defaultSeverity: 'error',
    stability: 'stable',
    scope: 'file',
    needsTypeChecker: true,
    skipFiles: ['test'],
    title: 'Code injection',
    rationale:
      'Code compiled from a string runs with the full rights of the program, so data spliced into it can run code of its own.',
    messages: {
      dynamicCode: {
        message: '`{{sink}}` compiles code built from `{{data}}` (line {{line}}).',
        recommendation:
          'Pass `{{data}}` as data (a parameter, `JSON.parse`, a lookup table) instead of compiling it into code.',
      },
      stringTimer: {
        message: '`{{sink}}` is given a string built from `{{data}}` (line {{line}}), which it compiles as code.',
        recommendation: 'Pass a function to `{{sink}}` and give it `{{data}}` as an argument.',
      },
    },
    options: NO_OPTIONS,
  },
  *check({ files, project }) {
    for (const file of files) yield* checkFile(file, project);
  },
});

/** Names of the global sinks, called directly or through a global object. */
const GLOBAL_SINKS = new Set(['eval', 'Function', ...CODE_TIMERS]);

/** Findings of one file: calls and `new`s from the shared node index; only those that can reach a sink are wrapped. */
function* checkFile(file: SourceFile, project: ProjectView): Generator<FindingDraft<MessageId>> {
  const vm = getModuleBindings(project, file, ['vm']);
  const bindsVm = vm.named.size > 0 || vm.whole.size > 0;
  const calls = [
    ...project.nodesOf(file, ts.SyntaxKind.CallExpression),
    ...project.nodesOf(file, ts.SyntaxKind.NewExpression),
  ];
  for (const compilerCall of calls) {
    const reachesGlobal = mayReachSink(compilerCall);
    if (!bindsVm && !reachesGlobal) continue;
    const call = project.wrap(file, compilerCall);
    if (!Node.isCallExpression(call) && !Node.isNewExpression(call)) continue;
    const draft = checkCall(project, call, vm, reachesGlobal);
    // The project waived its own linter's eval rule on this line: compiling code here is its stated intent.
    if (draft !== undefined && !isWaivedByEslint(call, ESLINT_EVAL_RULES, { namedBlocksOnly: true })) yield draft;
  }
}

/**
 * The syntactic test every sink call passes, on the compiler's node: the callee
 * is a global sink's name (`eval`, `Function`, a timer) alone or on an object
 * (`window.eval`), or a member of `require(…)` (`require('vm').runInThisContext`).
 * A timer given a function written in place (`setTimeout(() => …)`, the usual
 * call) compiles nothing, so it is left before the checker is asked whether
 * the timer is the global one.
 */
function mayReachSink(call: ts.Node): boolean {
  if (!ts.isCallExpression(call) && !ts.isNewExpression(call)) return false;
  const callee = skipOuterCompilerExpressions(call.expression);
  if (ts.isPropertyAccessExpression(callee)) {
    const receiver = skipOuterCompilerExpressions(callee.expression);
    if (!ts.isIdentifier(receiver)) return ts.isCallExpression(receiver);
    if (!GLOBAL_OBJECTS.has(receiver.text)) return false;
  } else if (!ts.isIdentifier(callee)) return false;
  const name = ts.isIdentifier(callee) ? callee.text : callee.name.text;
  if (!GLOBAL_SINKS.has(name)) return false;
  if (name === 'Function') return !isValueDropped(call);
  if (!CODE_TIMERS.has(name)) return true;
  const handler = call.arguments?.[0];
  return handler !== undefined && !isFunctionWrittenInPlace(handler);
}

/**
 * True when the value of a call or `new` is thrown away: a statement of its own, `void`, or a comma's left side.
 * A function or script compiled only to be dropped never runs: `try { new Function(source); return true; } catch
 * { return false; }` asks whether `source` parses (a template engine finding the line of a template's error).
 */
function isValueDropped(call: ts.Node): boolean {
  let value = call;
  while (isOuterCompilerExpression(value.parent)) value = value.parent;
  const parent = value.parent;
  if (ts.isExpressionStatement(parent) || ts.isVoidExpression(parent)) return true;
  return (
    ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.CommaToken && parent.left === value
  );
}

/** An arrow function or function expression, parenthesized or not. */
function isFunctionWrittenInPlace(expression: ts.Expression): boolean {
  const inner = skipOuterCompilerExpressions(expression);
  return ts.isArrowFunction(inner) || ts.isFunctionExpression(inner);
}

/** A finding for one call or `new`, or undefined. */
function checkCall(
  view: ProjectView,
  call: CallExpression | NewExpression,
  vm: ModuleBindings,
  reachesGlobal: boolean,
): FindingDraft<MessageId> | undefined {
  const args = call.getArguments();
  // A call `mayReachSink` passes over (`require('x')`, a timer given a function written in place, a `Function` whose
  // value is dropped, where the file binds `vm`) runs no code: whether its callee is the global one is not asked.
  const global = reachesGlobal ? getGlobalCallee(view, call) : undefined;
  if (global === 'eval' && Node.isCallExpression(call)) return checkCode(view, call, 'eval', args.slice(0, 1));
  if (global === 'Function')
    return checkCode(view, call, Node.isNewExpression(call) ? 'new Function' : 'Function', args);
  if (global !== undefined && CODE_TIMERS.has(global)) return checkTimer(view, call, global);
  const exported = getCalledExport(call, vm);
  if (exported === undefined || !VM_FUNCTIONS.has(exported)) return undefined;
  if (VM_COMPILERS.has(exported) && isValueDropped(call.compilerNode)) return undefined;
  return checkCode(view, call, `vm.${exported}`, args.slice(0, 1));
  return undefined;
}

/** A finding when one of the code arguments is built from non-literal data. */
function checkCode(
  view: ProjectView,
  call: CallExpression | NewExpression,
  sink: string,
  codeArgs: readonly Node[],
): FindingDraft<MessageId> | undefined {
  for (const arg of codeArgs) {
    const data = getNonLiteralPart(arg, {
      view,
      isSanitizer: (node) => isCodeLiteralOf(node) || isSourceOfCompiledFunction(view, node),
    });
    if (data !== undefined) return draftOf(view, call, 'dynamicCode', sink, data);
  }
  return undefined;
}

/**
 * True for the source text of a function `Function` compiles in place (`new Function(params, body).toString()`):
 * the text that compile is given, reported there if it holds data. nools' `new Function('defined', 'return ' + new
 * Function(params, action).toString())` is one compile of `action`, not two.
 */
function isSourceOfCompiledFunction(view: ProjectView, node: Node): boolean {
  if (!Node.isCallExpression(node) || node.getArguments().length > 0) return false;
  const callee = skipOuterExpressions(node.getExpression());
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'toString') return false;
  const compiled = skipOuterExpressions(callee.getExpression());
  return (
    (Node.isNewExpression(compiled) || Node.isCallExpression(compiled)) &&
    getGlobalCallee(view, compiled) === 'Function'
  );
}

/**
 * True for a call that writes its value as a JavaScript literal, where it stands in the code: `JSON.stringify(x)`
 * outside quotes (JSON text is a literal expression), and `jsesc(x)` inside the quotes its options say it escapes for
 * (single quotes by default; none with `wrap: true`), as nightmare writes `"querySelector('" + jsesc(selector) +
 * "')"`. Inside quotes JSON's own quotes would end the string, and `jsesc` outside its quotes leaves them to the code.
 */
function isCodeLiteralOf(node: Node): boolean {
  if (!Node.isCallExpression(node)) return false;
  const callee = skipOuterExpressions(node.getExpression());
  const quote = quoteAround(node);
  if (quote === undefined) return false;
  if (
    Node.isPropertyAccessExpression(callee) &&
    callee.getName() === 'stringify' &&
    callee.getExpression().getText() === 'JSON'
  )
    return quote === '';
  return Node.isIdentifier(callee) && callee.getText() === 'jsesc' && jsescQuoteOf(node) === quote;
}

/** The quote `jsesc`'s options make it escape for (`''` with `wrap: true`, which adds its own), or undefined. */
function jsescQuoteOf(call: CallExpression): string | undefined {
  const [, options] = call.getArguments();
  if (options === undefined) return "'";
  const object = skipOuterExpressions(options);
  if (!Node.isObjectLiteralExpression(object)) return undefined;
  let quote = "'";
  for (const property of object.getProperties()) {
    if (!Node.isPropertyAssignment(property)) return undefined;
    const value = skipOuterExpressions(property.getInitializerOrThrow());
    const name = property.getName();
    if (name === 'wrap') {
      if (value.getKind() !== SyntaxKind.TrueKeyword && value.getKind() !== SyntaxKind.FalseKeyword) return undefined;
      if (value.getKind() === SyntaxKind.TrueKeyword) return '';
    } else if (name === 'quotes') {
      if (!Node.isStringLiteral(value)) return undefined;
      const quotes: Record<string, string> = { single: "'", double: '"', backtick: '`' };
      quote = quotes[value.getLiteralText()] ?? '';
      if (quote === '') return undefined;
    }
  }
  return quote;
}

/**
 * The quote a value stands inside in the code built before it, `''` outside any, read from the literal text that
 * comes before it in its template or `+` chain (`"querySelector('" + v`); undefined when a value before it, whose
 * text is not known, could open or close one.
 */
function quoteAround(value: Node): string | undefined {
  const pieces = piecesBefore(value);
  if (pieces === undefined) return undefined;
  let quote = '';
  let escaped = false;
  for (const char of pieces.join('')) {
    if (escaped) escaped = false;
    else if (quote !== '' && char === '\\') escaped = true;
    else if (quote === '' && (char === "'" || char === '"' || char === '`')) quote = char;
    else if (char === quote) quote = '';
  }
  return quote;
}

/** The literal texts before a value in its template or `+` chain, or undefined when a non-literal comes first. */
function piecesBefore(value: Node): string[] | undefined {
  let holder: Node = value;
  while (holder.getParent() !== undefined && isOuterExpression(holder.getParentOrThrow()))
    holder = holder.getParentOrThrow();
  const span = holder.getParent();
  if (span !== undefined && Node.isTemplateSpan(span)) {
    const template = span.getParent();
    if (!Node.isTemplateExpression(template)) return undefined;
    // A hole before this one holds text nobody knows.
    return template.getTemplateSpans()[0] === span ? [template.getHead().getLiteralText()] : undefined;
  }
  // Not inside a `+` chain: nothing comes before it (`eval(JSON.stringify(v))`).
  const chain = enclosingPlusChainOf(value);
  if (chain === undefined) return [];
  const operands = plusOperandsOf(chain);
  const index = operands.indexOf(value);
  if (index < 0) return undefined;
  const texts: string[] = [];
  for (const operand of operands.slice(0, index)) {
    if (!Node.isStringLiteral(operand) && !Node.isNoSubstitutionTemplateLiteral(operand)) return undefined;
    texts.push(operand.getLiteralText());
  }
  return texts;
}

/** `setTimeout('...' + x, 10)`: a finding when the first argument is a string built from non-literal data. */
function checkTimer(
  view: ProjectView,
  call: CallExpression | NewExpression,
  sink: string,
): FindingDraft<MessageId> | undefined {
  const [handler] = call.getArguments();
  if (
    handler === undefined ||
    isNamedFunction(view, handler) ||
    isUntypedParameter(view, handler) ||
    isFunctionOrAnyVariable(view, handler) ||
    !isString(view, handler)
  )
    return undefined;
  const data = getNonLiteralPart(handler, { view });
  return data === undefined ? undefined : draftOf(view, call, 'stringTimer', sink, data);
}

/**
 * True when syntax shows that a timer's handler is a name for a function, so
 * the checker need not be asked whether it is a string: a function the file
 * declares, a function expression's own name, a variable given a function written in place, a parameter typed
 * with a function type, or the `resolve`/`reject` of a `new Promise(…)` on
 * the global `Promise` (declaration files are taken to leave its constructor
 * as the library declares it), for a name syntax settles (`syntacticBindingOf`):
 * a `this.name` of its class's own methods (`isMethodOfThisClass`); or any
 * `x.bind(…)`, taken for `Function.prototype.bind`. The declared type is then a function type, and whatever
 * is assigned to the name can only narrow that to another function (or to
 * nothing).
 */
function isNamedFunction(view: ProjectView, handler: Node): boolean {
  const node = skipOuterExpressions(handler);
  if (Node.isPropertyAccessExpression(node))
    return (
      isMethodOfThisClass(node.compilerNode) ||
      isFunctionThisProperty(view, node.getSourceFile(), node.compilerNode) ||
      isFunctionExpandoProperty(view, node.getSourceFile(), node.compilerNode)
    );
  // `this.tick.bind(this)`, `issue.reset.bind(issue)`: `bind` is taken for the library's `Function.prototype.bind`,
  // which makes a function (or `any`, of a value typed `any`), never a string, whatever it binds; only a type that
  // declares a `bind` of its own returning a string would differ, and a timer given that would be missed.
  if (Node.isCallExpression(node)) return boundFunctionOf(node.compilerNode) !== undefined;
  if (!Node.isIdentifier(node)) return false;
  const file = node.getSourceFile();
  const binding = syntacticBindingOf(view, file, node.compilerNode);
  if (binding?.kind !== 'local') return false;
  // `setInterval(processJobs.bind(this))` with `processJobs` imported: the function its module declares.
  const imported = importedFunctionOf(view, file, node.compilerNode);
  if (imported !== undefined) return ts.isFunctionDeclaration(imported) || isFunctionVariable(imported);
  const declaration = binding.declaration.parent;
  // A function declaration, or a function expression's own name inside it (`(function poll() { setTimeout(poll) })()`).
  if (ts.isFunctionDeclaration(declaration) || ts.isFunctionExpression(declaration)) return true;
  if (ts.isVariableDeclaration(declaration)) return isFunctionVariable(declaration);
  if (!ts.isParameter(declaration) || declaration.dotDotDotToken !== undefined) return false;
  if (declaration.type !== undefined) return ts.isFunctionTypeNode(declaration.type);
  if (isJavaScriptFile(file)) {
    // The parameter's own JSDoc type, which the checker reads before the function's `@type`: asked only without one.
    const documented = ts.getJSDocType(declaration);
    if (documented !== undefined)
      return isJSDocFunctionType(documented) && ts.getJSDocTypeTag(declaration.parent) === undefined;
  }
  return isPromiseExecutorCallback(view, file, declaration);
}

/**
 * A JSDoc type that is a function, or one that may also be `null` or
 * `undefined` (`{?function(Error)}`, `{Function=}`): `(err) => void`,
 * `function(Error)`, or `Function`/`function`, which the checker reads in
 * JSDoc as the global `Function` whatever the project declares. No narrowing
 * makes a string of it.
 */
function isJSDocFunctionType(type: ts.TypeNode): boolean {
  let inner = type;
  while (
    ts.isJSDocOptionalType(inner) ||
    ts.isJSDocNullableType(inner) ||
    ts.isJSDocNonNullableType(inner) ||
    ts.isParenthesizedTypeNode(inner)
  )
    inner = inner.type;
  if (ts.isFunctionTypeNode(inner) || ts.isJSDocFunctionType(inner)) return true;
  return (
    ts.isTypeReferenceNode(inner) &&
    inner.typeArguments === undefined &&
    ts.isIdentifier(inner.typeName) &&
    (inner.typeName.text === 'Function' || inner.typeName.text === 'function')
  );
}

/**
 * True when syntax shows that the checker types the handler `any` where the
 * timer reads it, so it is not a string (what `isString` would ask the checker):
 * a parameter of a JavaScript function whose declaration alone makes it
 * `any` (`isUntypedParameterDeclaration`, which `textTypeBySyntax` reads too),
 * that no use can narrow to a string (`mayNarrowToString`: a `typeof`
 * compared with `'function'` does not, where `textTypeBySyntax`, asking
 * about any narrowing, gives up).
 */
function isUntypedParameter(view: ProjectView, handler: Node): boolean {
  const node = skipOuterExpressions(handler);
  if (!Node.isIdentifier(node)) return false;
  const file = node.getSourceFile();
  if (!isJavaScriptFile(file)) return false;
  const parameter = wholeDeclarationOf(view, file, node.compilerNode);
  if (parameter === undefined || !ts.isParameter(parameter) || !isUntypedParameterDeclaration(view, file, parameter))
    return false;
  const uses = syntacticUsesOf(view, file, parameter.name);
  return (
    uses !== undefined &&
    [...uses.reads, ...uses.writes].every((use) => !mayNarrowToString(view, file, use.compilerNode))
  );
}

/**
 * True when syntax shows that the handler names a variable the checker types
 * as functions or `any` where the timer reads it, so it is not a string (what
 * `isString` would ask the checker), no read of it narrowing it to one
 * (`mayNarrowToString`):
 * - a variable or parameter written `any` (`let wake: any`), which no
 *   assignment narrows;
 * - a `let` or `var` statement's variable with no type written (nor in JSDoc),
 *   not initialised or initialised with `null`, every write of which assigns a
 *   function (`isFunctionAssignment`): the checker gives it the functions
 *   assigned before the read (a variable typed by its assignments, in
 *   JavaScript or under `noImplicitAny`), `null`, or `any`.
 */
function isFunctionOrAnyVariable(view: ProjectView, handler: Node): boolean {
  const node = skipOuterExpressions(handler);
  if (!Node.isIdentifier(node)) return false;
  const file = node.getSourceFile();
  const declaration = wholeDeclarationOf(view, file, node.compilerNode);
  if (declaration === undefined) return false;
  const uses = syntacticUsesOf(view, file, declaration.name);
  if (uses === undefined) return false;
  const neverNarrowed = uses.reads.every(
    (use) => use.access === 'read' && !mayNarrowToString(view, file, use.compilerNode),
  );
  if (declaration.type?.kind === ts.SyntaxKind.AnyKeyword)
    return (!ts.isParameter(declaration) || declaration.dotDotDotToken === undefined) && neverNarrowed;
  if (!ts.isVariableDeclaration(declaration) || declaration.type !== undefined) return false;
  const statement = declaration.parent.parent;
  if (
    !ts.isVariableStatement(statement) ||
    (declaration.parent.flags & (ts.NodeFlags.Const | ts.NodeFlags.Using)) !== 0
  )
    return false;
  if (isJavaScriptFile(file) && ts.getJSDocTypeTag(declaration) !== undefined) return false;
  const initializer = declaration.initializer;
  if (initializer !== undefined && initializer.kind !== ts.SyntaxKind.NullKeyword) return false;
  return neverNarrowed && uses.writes.every((use) => isFunctionAssignment(use.compilerNode));
}

/**
 * True when a use of an `any` name may narrow it to a string for the code
 * after it, as the checker's control flow does: the operand of a `typeof`
 * not compared with a literal other than `'string'` (`typeof x === 'function'`
 * leaves `any` as it is), the subject of a `switch`, or an argument of a call
 * that may be a type guard or an assertion (`mayGuard`, which
 * `textTypeBySyntax` asks too) other than a global timer's. Equality,
 * truthiness, `instanceof`, `in` and assignments leave an `any` declared
 * type as it is.
 */
function mayNarrowToString(view: ProjectView, file: SourceFile, name: ts.Node): boolean {
  const use = outermostParenthesesOf(name);
  const parent = use.parent;
  if (ts.isTypeOfExpression(parent)) {
    const test = outermostParenthesesOf(parent);
    if (!ts.isBinaryExpression(test.parent) || !EQUALITY.has(test.parent.operatorToken.kind)) return true;
    const other = skipOuterCompilerExpressions(test.parent.left === test ? test.parent.right : test.parent.left);
    return !ts.isStringLiteralLike(other) || other.text === 'string';
  }
  if (ts.isSwitchStatement(parent)) return true;
  if (!ts.isCallExpression(parent) || !parent.arguments.includes(use as ts.Expression)) return false;
  const callee = skipOuterCompilerExpressions(parent.expression);
  const isTimer =
    ts.isIdentifier(callee) &&
    GLOBAL_TIMERS.has(callee.text) &&
    syntacticBindingOf(view, file, callee)?.kind === 'global';
  return !isTimer && mayGuard(view, file, parent);
}

/**
 * `this.handle` in a class's own method, arrow or initialiser, where the class
 * declares `handle` (static or not, as the code around `this` is) only as a
 * method, as a property holding a function written in place, or with a
 * function type: its type is a function, and whatever is assigned to it can
 * only narrow that to another function.
 */
function isMethodOfThisClass(access: ts.PropertyAccessExpression): boolean {
  if (access.expression.kind !== ts.SyntaxKind.ThisKeyword) return false;
  const home = thisHomeOf(access);
  if (home === undefined) return false;
  const members = membersNamed(home.members, access.name.text);
  return (
    members.length > 0 &&
    members.every((member) => {
      if (hasModifier(member, ts.SyntaxKind.StaticKeyword) !== home.isStatic) return false;
      if (ts.isMethodDeclaration(member)) return true;
      if (!ts.isPropertyDeclaration(member) && !ts.isParameter(member)) return false;
      if (member.type !== undefined) return ts.isFunctionTypeNode(member.type);
      return member.initializer !== undefined && isFunctionValue(member.initializer);
    })
  );
}

/**
 * `this.handle` in a JavaScript module's class that declares no member
 * `handle`, where the compiler's binder makes each `this.handle = value` in
 * the class (in a constructor, method or arrow, on the same side, static or
 * not) a declaration of the property, and types it from those values: true
 * when there is one, and every write of `handle` on anything in the file
 * (but `this` of another class) is such an assignment, a statement of its
 * own without a JSDoc `@type`, of a function written in place, a function's `bind(…)`
 * or `null`. The checker's type is then a union of functions (with
 * `undefined` or `null` where a path does not assign it, or `any` for `null`
 * alone), which no assignment narrows to a string. A class that extends
 * another may inherit a property of the name, whose type the checker adds
 * where a path leaves it unassigned: there every write must be in the
 * constructor, one of them a function assigned by a statement of its body,
 * with no `return` before the end. Left to the checker: a class with JSDoc
 * tags (`@augments`), a script's class (a global interface may merge into
 * it), a write on another object (`Cls.prototype.handle = …`, `self.handle =
 * …` through an alias of `this`), a compound or destructuring write, and
 * `Object.defineProperty` of the name.
 */
function isFunctionThisProperty(view: ProjectView, file: SourceFile, access: ts.PropertyAccessExpression): boolean {
  if (access.expression.kind !== ts.SyntaxKind.ThisKeyword || !ts.isIdentifier(access.name)) return false;
  if (!isJavaScriptFile(file) || !isModuleFile(view, file)) return false;
  const name = access.name.text;
  if (mayDefineProperty(view, file, name)) return false;
  const home = thisHomeOf(access);
  if (home === undefined) return isFunctionPrototypeProperty(view, file, access, name);
  if (ts.getJSDocTags(home.node).length > 0) return false;
  const extendsBase = home.node.heritageClauses !== undefined;
  // A member of the name, or one whose name syntax cannot read (`['handle']`, `[key]`), declares it otherwise.
  if (hasUnreadMemberName(home.members) || membersNamed(home.members, name).length > 0) return false;
  let declared = false;
  let everyPath = false;
  for (const target of memberWritesOf(view, file, name)) {
    if (target.expression.kind !== ts.SyntaxKind.ThisKeyword) return false;
    const where = thisHomeOf(target);
    // `this` of a function: the binder may make it a class's (`Cls.prototype.start = function () { this.handle = … }`).
    if (where === undefined) return false;
    // `this` of another class, or of this class's other side: another property.
    if (where.node !== home.node || where.isStatic !== home.isStatic) continue;
    if (!isFunctionAssignment(target)) return false;
    declared = true;
    if (extendsBase) {
      // A base's property of the name types `this.name` where a path leaves it unassigned: only constructors' writes,
      // one of a function on every path (a statement of the body, and no `return`), leave the base's type out.
      const constructor = where.container;
      if (!ts.isConstructorDeclaration(constructor) || constructor.body === undefined || hasReturn(constructor.body))
        return false;
      const assignment = target.parent as ts.BinaryExpression;
      everyPath ||=
        assignment.parent.parent === constructor.body && assignment.right.kind !== ts.SyntaxKind.NullKeyword;
    }
  }
  return declared && (!extendsBase || everyPath);
}

/** True for a `return` in a function body, outside the functions and classes it holds. */
function hasReturn(body: ts.Node): boolean {
  return (
    ts.forEachChild(body, function visit(node): boolean | undefined {
      if (ts.isReturnStatement(node)) return true;
      if (ts.isFunctionLike(node) || ts.isClassLike(node)) return undefined;
      return ts.forEachChild(node, visit);
    }) === true
  );
}

/**
 * `internals.timeoutReply` in a JavaScript module whose top level declares
 * `const internals = {…}` (without JSDoc), where no property of that literal
 * can be `timeoutReply` (none named so, no spread, no computed name), the
 * object is read only as the object of a property access (never passed on,
 * exported or aliased, so nothing else writes its properties), and the file
 * does not define the property (`mayDefineProperty`). A script's top-level
 * constant is a global other files extend, so the file must be a module.
 * - Given `{}`, the binder makes `internals` a container of the properties
 *   assigned to it and types each from those assignments: true when the
 *   module's top level assigns the property a function written in place and
 *   every write of the name on `internals` anywhere in the file is such a
 *   statement (no JSDoc `@type`, no `null`, no `bind`, no element access):
 *   a union of functions, which no assignment or test narrows to a string.
 * - Given properties, the literal's type is a JavaScript literal's, whose
 *   undeclared properties read as `any` (hapi's `internals.timeoutReply`),
 *   which an assignment does not narrow: true when no read of the property
 *   on `internals` may narrow it to a string (`mayNarrowToString`).
 */
function isFunctionExpandoProperty(view: ProjectView, file: SourceFile, access: ts.PropertyAccessExpression): boolean {
  const receiver = access.expression;
  if (!ts.isIdentifier(receiver) || !ts.isIdentifier(access.name) || !isJavaScriptFile(file)) return false;
  if (!isModuleFile(view, file)) return false;
  const declaration = wholeDeclarationOf(view, file, receiver);
  if (declaration === undefined || !ts.isVariableDeclaration(declaration)) return false;
  const statement = declaration.parent.parent;
  if (
    !ts.isVariableStatement(statement) ||
    !ts.isSourceFile(statement.parent) ||
    (declaration.parent.flags & ts.NodeFlags.Const) === 0 ||
    ts.getJSDocTags(declaration).length > 0
  )
    return false;
  const name = access.name.text;
  const literal = declaration.initializer;
  if (
    literal === undefined ||
    !ts.isObjectLiteralExpression(literal) ||
    literal.properties.some((property) => {
      const key = property.name;
      return key === undefined || !(ts.isIdentifier(key) || ts.isStringLiteral(key)) || key.text === name;
    })
  )
    return false;
  const uses = syntacticUsesOf(view, file, declaration.name);
  if (
    uses === undefined ||
    uses.writes.length > 0 ||
    !uses.reads.every((use) => {
      const parent = use.compilerNode.parent;
      return use.access === 'read' && ts.isPropertyAccessExpression(parent) && parent.expression === use.compilerNode;
    }) ||
    mayDefineProperty(view, file, name)
  )
    return false;
  // `internals` here is this constant (its every use is a property access read) unless another binding of the name
  // hides it, whose properties are another object's.
  const reads = new Set(uses.reads.map((use) => use.compilerNode));
  const isThisObject = (node: ts.Node): boolean => reads.has(node);
  if (literal.properties.length > 0)
    return view.references.occurrencesIn(file, name).every((occurrence) => {
      const at = occurrence.compilerNode;
      const target = at.parent;
      const onThis =
        ((ts.isPropertyAccessExpression(target) && target.name === at) ||
          (ts.isElementAccessExpression(target) && target.argumentExpression === at)) &&
        isThisObject(target.expression);
      return !onThis || occurrence.access !== 'read' || !mayNarrowToString(view, file, target);
    });
  let declaredAtTop = false;
  for (const target of memberWritesOf(view, file, name)) {
    if (!isThisObject(target.expression)) continue;
    if (!ts.isPropertyAccessExpression(target) || !isFunctionAssignment(target)) return false;
    const assignment = target.parent as ts.BinaryExpression;
    if (!isFunctionValue(assignment.right)) return false;
    declaredAtTop ||= ts.isSourceFile(assignment.parent.parent);
  }
  return declaredAtTop;
}

/**
 * `this.tick` in a JavaScript module's constructor function or one of its
 * prototype's methods (`Queue.prototype.start = function () {
 * setInterval(this.tick, …) }`: `prototypeHomeOf`), where the binder makes
 * each `Queue.prototype.tick = …` and each `this.tick = …` in that code a
 * declaration of the property, and types it from them: true when there is
 * one, and every write of `tick` on `this` or a prototype in the file is
 * one, a statement of its own without a JSDoc `@type`, of a function written
 * in place, a function's `bind(…)`, the property's own
 * `this.tick.bind(this)`, or `null` (`this` of a class's code writes another
 * property; a write on any other object, `this.options.tick = …`, declares
 * none of the instance's; one through an element access, `x[k].tick = …`,
 * may be a prototype's). The constructor is declared once at the top level
 * of the file, never written again, and without JSDoc (`@extends` would give
 * it a base); its prototype is replaced nowhere but by `Object.create(…)`,
 * typed `any`: no member of the name comes from there (a prototype given an
 * object literal declares its properties).
 */
function isFunctionPrototypeProperty(
  view: ProjectView,
  file: SourceFile,
  access: ts.PropertyAccessExpression,
  name: string,
): boolean {
  const home = prototypeHomeOf(access);
  if (home === undefined || !isPlainConstructor(view, file, home.constructorName)) return false;
  let declared = false;
  for (const target of memberWritesOf(view, file, name)) {
    if (target.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const where = prototypeHomeOf(target);
      if (where === undefined) {
        // `this` of a class's code is its instance: another property. Another function's may be the constructor's.
        if (thisHomeOf(target) !== undefined) continue;
        return false;
      }
      if (where.constructorName !== home.constructorName) continue;
    } else if (isPrototypeAccess(target.expression)) {
      if (prototypeOwnerOf(target) !== home.constructorName) return false;
    } else continue; // Another object's property (`this.options.tick = …`) declares none of the instance's.
    if (!isFunctionAssignment(target, name)) return false;
    declared = true;
  }
  return declared;
}

/** `X.prototype`, `a.b.prototype`, or any element access (`x['prototype']`): it may be a prototype. */
function isPrototypeAccess(expression: ts.Expression): boolean {
  const inner = skipOuterCompilerExpressions(expression);
  if (ts.isPropertyAccessExpression(inner)) return inner.name.text === 'prototype';
  return ts.isElementAccessExpression(inner);
}

/**
 * `this.handle = value;` as a statement of its own with no JSDoc `@type`
 * (which would type the property), where the value is a function written in
 * place, a `bind(…)` of one or of a method of the class, or `null`. Given
 * `selfBound`, also `this.handle = this.handle.bind(this)`, a bind of the
 * property itself (a function, or `any` where its type refers to itself).
 */
function isFunctionAssignment(target: ts.Node, selfBound?: string): boolean {
  const assignment = target.parent;
  if (
    !ts.isBinaryExpression(assignment) ||
    assignment.left !== target ||
    assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken ||
    !ts.isExpressionStatement(assignment.parent) ||
    ts.getJSDocTypeTag(assignment.parent) !== undefined
  )
    return false;
  const value = assignment.right;
  if (value.kind === ts.SyntaxKind.NullKeyword || isFunctionValue(value)) return true;
  const bound = ts.isCallExpression(value) ? boundFunctionOf(value) : undefined;
  if (bound === undefined) return false;
  if (isFunctionValue(bound)) return true;
  if (!ts.isPropertyAccessExpression(bound)) return false;
  return selfBound === undefined
    ? isMethodOfThisClass(bound)
    : bound.expression.kind === ts.SyntaxKind.ThisKeyword && bound.name.text === selfBound;
}

/** What `x.bind(…)` binds (`x`), without `?.`: a function's `bind` (the library's `Function`) makes a function. */
function boundFunctionOf(call: ts.CallExpression): ts.Expression | undefined {
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && callee.questionDotToken === undefined && callee.name.text === 'bind'
    ? callee.expression
    : undefined;
}

/**
 * An arrow function or function expression, in parentheses or not, as an
 * initialiser whose type is the function's: an `as` or `satisfies` around it
 * could give the variable another type, so only parentheses are looked
 * through, and not those JSDoc tags (`/** @type {string} *\/ (() => …)`,
 * JavaScript's cast).
 */
function isFunctionValue(initializer: ts.Expression): boolean {
  let inner = initializer;
  while (ts.isParenthesizedExpression(inner)) {
    if (ts.getJSDocTags(inner).length > 0) return false;
    inner = inner.expression;
  }
  return ts.isArrowFunction(inner) || ts.isFunctionExpression(inner);
}

/**
 * A variable typed as a function, or an untyped one (`const`, `let` or `var`)
 * given a function written in place: its declared type is a function's, which
 * a later write of another type leaves as it is (only a union is narrowed by
 * assignment), and a `typeof` test or a guard narrows to `never` or an
 * intersection, never to a string.
 */
function isFunctionVariable(declaration: ts.VariableDeclaration): boolean {
  if (declaration.type !== undefined) return ts.isFunctionTypeNode(declaration.type);
  const initializer = declaration.initializer;
  // In JavaScript a JSDoc `@type` on the declaration types the variable whatever its value.
  if (isJavaScriptFile(declaration.getSourceFile()) && ts.getJSDocTypeTag(declaration) !== undefined) return false;
  return initializer !== undefined && isFunctionValue(initializer);
}

/** `resolve` or `reject` in `new Promise((resolve, reject) => …)` on the global `Promise`. */
function isPromiseExecutorCallback(view: ProjectView, file: SourceFile, parameter: ts.ParameterDeclaration): boolean {
  const executor = parameter.parent;
  if (!ts.isArrowFunction(executor) && !ts.isFunctionExpression(executor)) return false;
  if (executor.parameters.indexOf(parameter) > 1) return false;
  let argument: ts.Node = executor;
  while (ts.isParenthesizedExpression(argument.parent)) argument = argument.parent;
  const created = argument.parent;
  if (!ts.isNewExpression(created) || created.arguments?.[0] !== argument) return false;
  const callee = created.expression;
  return (
    ts.isIdentifier(callee) && callee.text === 'Promise' && syntacticBindingOf(view, file, callee)?.kind === 'global'
  );
}

/** True when the expression is a string: a template or `+` with a string literal, or typed `string`. */
function isString(view: ProjectView, expression: Node): boolean {
  const node = skipOuterExpressions(expression);
  if (Node.isTemplateExpression(node) || Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node))
    return true;
  if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.PlusToken)
    return isString(view, node.getLeft()) || isString(view, node.getRight());
  // `any` or `string` as syntax shows it (`textTypeBySyntax`), which asks the checker nothing.
  const text = textTypeBySyntax(view, node.getSourceFile(), node.compilerNode);
  if (text !== undefined) return text === 'string';
  const type = node.getType();
  return type.isString() || type.isStringLiteral() || type.isTemplateLiteral();
}

/**
 * The global function a call invokes (`eval`, `Function`, a timer), directly or through
 * `window`/`globalThis`, or undefined when the name is declared by the project itself.
 */
function getGlobalCallee(view: ProjectView, call: CallExpression | NewExpression): string | undefined {
  const callee = skipOuterExpressions(call.getExpression());
  if (Node.isIdentifier(callee)) return isGlobal(view, callee) ? callee.getText() : undefined;
  if (Node.isPropertyAccessExpression(callee)) {
    const receiver = skipOuterExpressions(callee.getExpression());
    if (Node.isIdentifier(receiver) && GLOBAL_OBJECTS.has(receiver.getText()) && isGlobal(view, receiver))
      return callee.getName();
  }
  return undefined;
}

/** True when an identifier is not declared in the project's own code (a global of the environment); from syntax when it settles which binding it is. */
function isGlobal(view: ProjectView, identifier: Identifier): boolean {
  return isEnvironmentName(view, identifier, (file) => file.isDeclarationFile() || file.isInNodeModules());
}

/** The finding for a call and the data it is built from. */
function draftOf(
  view: ProjectView,
  call: CallExpression | NewExpression,
  messageId: MessageId,
  sink: string,
  data: Node,
): FindingDraft<MessageId> {
  const description = describeNode(data);
  return {
    node: call,
    messageId,
    symbol: { path: symbolPathOf(call), qualifier: `${sink}:${description}` },
    data: { sink, data: description, line: startLineOf(data) },
    evidence: getOriginEvidence(data, view),
  };
}
