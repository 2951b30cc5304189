import { Node, SyntaxKind, ts } from 'ts-morph';
import { declarationsOf } from './_shared/ast/declarations-of.js';
import {
  isConstantOf,
  isEnvironmentName,
  moduleImportOf,
  referencesInOwnFile,
  settledDeclarationsOf,
  staticMemberDeclarationOf,
  syntacticBindingOf,
  thisMemberDeclarationsOf,
  wholeDeclarationOf,
} from './_shared/name-binding.js';
import { isFunctionLike } from './_shared/ast/is-function-like.js';
import { ownReturnsOf } from './_shared/ast/own-returns.js';
import { callbackSiteOf } from './_shared/ast/array-methods.js';
import { wrapNode } from './_shared/ast/wrap-node.js';
import { skipOuterCompilerExpressions, skipOuterExpressions } from './_shared/ast/skip-outer-expressions.js';
import { functionNameOf, symbolPathOf } from './_shared/names.js';
import type { CallExpression, PropertyAccessExpression, SourceFile } from 'ts-morph';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { EvidenceDraft, FindingDraft } from '../src/model/rule.js';
import type { ProjectView } from '../src/model/project-view.js';
import { describeSecretNoun, getFunctionNameNode, getSecretNoun, getStoredName } from './_shared/security/names.js';
import { GLOBAL_TIMERS } from './_shared/security/timers.js';

type MessageId = 'insecureRandom' | 'nonSecureGenerator';

/** Where the random value ends up, and how it got there. */
interface Sink {
  /** Name of the variable, property, function or parameter that says what the value is for. */
  target: string;
  /** The secret that name is about: token, password, salt... */
  noun: string;
  /** How the value reaches the target: "assigned to", "returned from", "passed to". */
  via: string;
  /** Where the target is. */
  node: Node;
}

/** State of one search from one `Math.random()` call. */
interface Walk {
  /** Remaining hops through variables and functions. */
  hops: number;
  /** Declarations already followed. */
  visited: Set<Node>;
  /** Places the value went through, for evidence. */
  path: EvidenceDraft[];
  /** The run's view, to tell from syntax which binding a name is (`syntacticBindingOf`). */
  view: ProjectView;
}

/** Calls that keep the randomness of their argument (`Math.floor(r * n)`, `chars.charAt(i)`). */
const CARRYING_CALLS = new Set([
  'floor',
  'round',
  'ceil',
  'trunc',
  'abs',
  'String',
  'Number',
  'parseInt',
  'parseFloat',
  'charAt',
  'at',
  'fromCharCode',
  'fromCodePoint',
  'btoa',
  'encodeURIComponent',
  'concat',
  'min',
  'max',
]);
/** Methods that keep the randomness of their receiver (`r.toString(36).slice(2)`). */
const CARRYING_METHODS = new Set([
  'toString',
  'substring',
  'substr',
  'slice',
  'padStart',
  'padEnd',
  'toUpperCase',
  'toLowerCase',
  'replace',
  'replaceAll',
  'toFixed',
  'join',
  'repeat',
  'concat',
  'split',
  'map',
  'trim',
  'toPrecision',
]);
/** Methods that add their argument to their receiver (`parts.push(c)`). */
const COLLECTING_METHODS = new Set(['push', 'unshift', 'append', 'add']);
/**
 * A `Buffer`'s methods that write their first argument's integer into it (`nonce.writeUInt32LE(n, 0)`,
 * `writeUIntLE(n, offset, 4)`, `writeBigUInt64BE(n)`): the buffer holds the value's bits.
 */
const BUFFER_WRITE = /^write(?:Big)?U?Int(?:8|16|32|64)?(?:LE|BE)?$/;
/** Arithmetic, bitwise and concatenation operators: their result carries the randomness. */
const CARRYING_OPERATORS = new Set([
  SyntaxKind.PlusToken,
  SyntaxKind.MinusToken,
  SyntaxKind.AsteriskToken,
  SyntaxKind.SlashToken,
  SyntaxKind.PercentToken,
  SyntaxKind.AsteriskAsteriskToken,
  SyntaxKind.BarToken,
  SyntaxKind.AmpersandToken,
  SyntaxKind.CaretToken,
  SyntaxKind.LessThanLessThanToken,
  SyntaxKind.GreaterThanGreaterThanToken,
  SyntaxKind.GreaterThanGreaterThanGreaterThanToken,
  SyntaxKind.QuestionQuestionToken,
  SyntaxKind.BarBarToken,
]);

export default defineRule({
  meta: {
    id: 'insecure-randomness',
    description: 'Disallow `Math.random()` in tokens, passwords, keys, nonces and salts',
    category: 'security',
    defaultSeverity: 'error',
    stability: 'stable',
    scope: 'file',
    needsTypeChecker: true,
    skipFiles: ['test'],
    title: 'Insecure randomness',
    rationale:
      '`Math.random()` is a fast generator whose next outputs can be computed from a few earlier ones, so a secret made from it can be guessed.',
    messages: {
      insecureRandom: {
        message:
          '`Math.random()` makes the {{noun}} {{via}} `{{target}}` (line {{line}}), and its output can be predicted.',
        recommendation:
          'Make the {{noun}} with `crypto.randomBytes()`, `crypto.randomInt()`, `crypto.randomUUID()` or `crypto.getRandomValues()`.',
      },
      nonSecureGenerator: {
        message:
          '`{{generator}}` (`{{export}}` of `nanoid/non-secure`, which draws on `Math.random()`) makes the {{noun}} {{via}} `{{target}}` (line {{line}}), and its output can be predicted.',
        recommendation:
          'Import `{{export}}` from `nanoid` instead of `nanoid/non-secure` (the same function on a secure generator), or make the {{noun}} with `crypto.randomBytes()` or `crypto.randomUUID()`.',
      },
    },
    options: NO_OPTIONS,
  },
  *check({ files, project }) {
    for (const file of files) yield* checkFile(project, file);
  },
});

/**
 * Findings of one file: one per secret, at the first `Math.random()` (in
 * document order) that makes it. A token built from four calls is one thing
 * to fix, not four.
 */
function* checkFile(view: ProjectView, file: SourceFile): Generator<FindingDraft<MessageId>> {
  const text = file.getText();
  const namesNonSecure = text.includes(NON_SECURE_MODULE);
  if (!text.includes('random') && !namesNonSecure) return;
  const reported = new Set<string>();
  for (const compilerCall of view.nodesOf(file, SyntaxKind.CallExpression)) {
    const source: RandomSource | undefined = isCalledAsMathRandom(compilerCall)
      ? MATH_RANDOM
      : namesNonSecure
        ? nonSecureGeneratorOf(view, file, compilerCall)
        : undefined;
    if (source === undefined) continue;
    const call = view.wrap(file, compilerCall);
    if (!Node.isCallExpression(call) || (source === MATH_RANDOM && !isMathRandom(view, call))) continue;
    const walk: Walk = { hops: 4, visited: new Set(), path: [], view };
    const sink = followValue(call, walk);
    if (sink === undefined) continue;
    const at = secretAnchorOf(view, sink.node);
    const secret = `${sink.via} ${sink.target} ${at.getSourceFile().getFilePath()}:${String(at.getPos())}`;
    if (reported.has(secret)) continue;
    reported.add(secret);
    const data = {
      target: sink.target,
      noun: describeSecretNoun(sink.noun),
      via: sink.via,
      line: sink.node.getStartLineNumber(),
    };
    yield {
      node: call,
      ...(source === MATH_RANDOM
        ? { messageId: 'insecureRandom', data }
        : {
            messageId: 'nonSecureGenerator',
            data: { generator: `${source.called}()`, export: source.exported, ...data },
          }),
      symbol: { path: symbolPathOf(call), qualifier: sink.target },
      evidence: [...walk.path, { note: `${sink.via} \`${sink.target}\``, node: sink.node }],
    };
  }
}

/**
 * What a secret is known by, for one finding per secret: the declaration of a local variable the sink names (onvif's
 * `nonce`, written four times by `nonce.writeUIntLE(…)`), else the sink itself.
 */
function secretAnchorOf(view: ProjectView, sink: Node): Node {
  if (!Node.isIdentifier(sink)) return sink;
  const [declaration] = settledDeclarationsOf(view, sink);
  return declaration !== undefined && Node.isVariableDeclaration(declaration) ? declaration : sink;
}

/** `Math.random()` as written, on the compiler's node (what `isMathRandom` asks first): only those calls are wrapped. */
function isCalledAsMathRandom(call: ts.Node): boolean {
  if (!ts.isCallExpression(call)) return false;
  const callee = skipOuterCompilerExpressions(call.expression);
  return (
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === 'random' &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'Math'
  );
}

/** The module whose generators say of themselves that they are not secure: they draw on `Math.random()`. */
const NON_SECURE_MODULE = 'nanoid/non-secure';

/** A generator of `nanoid/non-secure` a call runs: the name it is called by, and the module's export it comes from. */
interface NonSecureGenerator {
  called: string;
  exported: string;
}

/** `Math.random()` as written (its `Math` is checked to be the global one once the call is wrapped). */
const MATH_RANDOM = 'Math.random';

/** What makes a call's random value: `Math.random()`, or a generator of `nanoid/non-secure`. */
type RandomSource = typeof MATH_RANDOM | NonSecureGenerator;

/**
 * The generator of `nanoid/non-secure` a call runs, from syntax: its `nanoid` (imported or required, under any
 * name), or the function its `customAlphabet(…)` makes, called at once or through a `const` it is given
 * (`const makeId = customAlphabet(ALPHABET, 16); … makeId()`). Undefined for any other call.
 */
function nonSecureGeneratorOf(view: ProjectView, file: SourceFile, call: ts.Node): NonSecureGenerator | undefined {
  if (!ts.isCallExpression(call)) return undefined;
  const callee = skipOuterCompilerExpressions(call.expression);
  const exportOf = (name: ts.Expression): string | undefined => {
    if (!ts.isIdentifier(name)) return undefined;
    const imported = moduleImportOf(view, file, name);
    return imported?.module === NON_SECURE_MODULE ? imported.name : undefined;
  };
  const isAlphabetCall = (made: ts.Expression): boolean =>
    ts.isCallExpression(made) && exportOf(skipOuterCompilerExpressions(made.expression)) === 'customAlphabet';
  if (ts.isIdentifier(callee)) {
    if (exportOf(callee) === 'nanoid') return { called: callee.text, exported: 'nanoid' };
    const declaration = wholeDeclarationOf(view, file, callee);
    return declaration !== undefined && isConstantOf(declaration, isAlphabetCall)
      ? { called: callee.text, exported: 'customAlphabet' }
      : undefined;
  }
  return isAlphabetCall(callee) ? { called: callee.getText(), exported: 'customAlphabet' } : undefined;
}

/** True for `Math.random()` on the global `Math` (from syntax when it settles which `Math` it is). */
function isMathRandom(view: ProjectView, call: CallExpression): boolean {
  return isGlobalMathMethod(view, skipOuterExpressions(call.getExpression()), (name) => name === 'random');
}

/**
 * True for `Math.name` on the global `Math` (from syntax when it settles which `Math` it is), `name` one that
 * `accepts` takes: tested first, so that no other method's `Math` is looked up.
 */
function isGlobalMathMethod(view: ProjectView, callee: Node, accepts: (name: string) => boolean): boolean {
  if (!Node.isPropertyAccessExpression(callee) || !accepts(callee.getName())) return false;
  const receiver = callee.getExpression();
  return Node.isIdentifier(receiver) && receiver.getText() === 'Math' && isEnvironmentName(view, receiver);
}

/** Follows a value up through the expressions that carry it, to the first name that says it is a secret. */
function followValue(start: Node, walk: Walk): Sink | undefined {
  let current = start;
  for (let steps = 0; steps < 40; steps++) {
    const parent = current.getParent();
    if (parent === undefined) return undefined;
    const next = carrier(current, parent);
    if (next !== undefined) {
      current = next;
      continue;
    }
    return sinkAt(current, parent, walk);
  }
  return undefined;
}

/** The expression that carries `current`'s value one level up, or undefined when `parent` is not a carrier. */
function carrier(current: Node, parent: Node): Node | undefined {
  if (
    Node.isParenthesizedExpression(parent) ||
    Node.isAsExpression(parent) ||
    Node.isNonNullExpression(parent) ||
    Node.isSatisfiesExpression(parent)
  )
    return parent;
  if (Node.isBinaryExpression(parent))
    return CARRYING_OPERATORS.has(parent.getOperatorToken().getKind()) ? parent : undefined;
  if (Node.isPrefixUnaryExpression(parent) || Node.isArrayLiteralExpression(parent) || Node.isSpreadElement(parent))
    return parent;
  if (Node.isConditionalExpression(parent)) return parent.getCondition() === current ? undefined : parent;
  if (Node.isTemplateSpan(parent)) return parent.getParent();
  if (Node.isElementAccessExpression(parent)) return parent.getArgumentExpression() === current ? parent : undefined;
  if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === current) {
    const call = parent.getParent();
    return CARRYING_METHODS.has(parent.getName()) && Node.isCallExpression(call) && call.getExpression() === parent
      ? call
      : undefined;
  }
  if (Node.isCallExpression(parent) && parent.getArguments().includes(current)) {
    const name = calleeName(parent);
    return name !== undefined && CARRYING_CALLS.has(name) ? parent : undefined;
  }
  return undefined;
}

/** What happens to a value that is no longer carried: stored, returned or passed somewhere. */
function sinkAt(current: Node, parent: Node, walk: Walk): Sink | undefined {
  if (Node.isVariableDeclaration(parent) && parent.getInitializer() === current) return intoDeclaration(parent, walk);
  if ((Node.isPropertyAssignment(parent) || Node.isPropertyDeclaration(parent)) && parent.getInitializer() === current)
    return named(parent, 'assigned to', parent);
  if (
    Node.isBinaryExpression(parent) &&
    isAssignment(parent.getOperatorToken().getKind()) &&
    parent.getRight() === current
  )
    return intoTarget(parent.getLeft(), walk);
  if (Node.isReturnStatement(parent))
    return fromFunction(
      parent.getFirstAncestor((a) => isFunctionLike(a)),
      walk,
    );
  if (Node.isArrowFunction(parent) && parent.getBody() === current) return fromFunction(parent, walk);
  if (Node.isCallExpression(parent) && parent.getArguments().includes(current)) return intoCall(parent, current, walk);
  return undefined;
}

/** True for `=`, `+=` and the other assignment operators. */
function isAssignment(kind: SyntaxKind): boolean {
  return kind >= SyntaxKind.FirstAssignment && kind <= SyntaxKind.LastAssignment;
}

/**
 * The secret a name is about (`getSecretNoun`), but a session's id: `sessionId` names a session, and a random one is
 * a credential only where it alone admits its holder. Five fresh sets read every `Math.random()` session id as
 * noise (a provider among those multiplexed on one socket, a peer's sessions told apart, an analytics session, a
 * media stream's field, a feature-flag rollout's bucket key) and none as a secret; a session's `token`, `key` or
 * `secret` still is one.
 */
function secretNounOf(name: string): string | undefined {
  const noun = getSecretNoun(name);
  return noun === 'session id' ? undefined : noun;
}

/** A sink when the node's name is a secret's name. */
function named(node: Node, via: string, where: Node): Sink | undefined {
  const target = getStoredName(node);
  if (target === undefined) return undefined;
  const noun = secretNounOf(target);
  return noun === undefined ? undefined : { target, noun, via, node: where };
}

/** `const x = <random>`: a sink when `x` is a secret's name, else wherever `x` goes. */
function intoDeclaration(declaration: Node, walk: Walk): Sink | undefined {
  const sink = named(declaration, 'assigned to', declaration);
  if (sink !== undefined) return sink;
  if (!Node.isVariableDeclaration(declaration)) return undefined;
  const name = declaration.getNameNode();
  if (!Node.isIdentifier(name)) return undefined;
  return throughReferences(declaration, name, walk);
}

/**
 * `x = <random>`, `obj.token = <random>`, `chars[i] = <random>` (which fills `chars`), or a property the function
 * then returns (`this[CACHE] = <random>; return this[CACHE];`, a value made once and kept: wherever the function's
 * result goes).
 */
function intoTarget(target: Node, walk: Walk): Sink | undefined {
  const sink = named(target, 'assigned to', target);
  if (sink !== undefined) return sink;
  const memo = returningFunctionOf(target);
  if (memo !== undefined) {
    walk.path.push({ note: `stored in \`${target.getText()}\``, node: target });
    const returned = fromFunction(memo, walk);
    if (returned !== undefined) return returned;
    walk.path.pop();
  }
  if (Node.isElementAccessExpression(target)) return intoTarget(skipOuterExpressions(target.getExpression()), walk);
  if (!Node.isIdentifier(target)) return undefined;
  const [declaration] = settledDeclarationsOf(walk.view, target);
  if (declaration === undefined || !Node.isVariableDeclaration(declaration)) return undefined;
  const name = declaration.getNameNode();
  return Node.isIdentifier(name) ? throughReferences(declaration, name, walk) : undefined;
}

/**
 * The function a property written here is returned from: `target` is a property or element access, and a `return`
 * of the function the write is in (not of a function nested in it) gives the same access, as written (`get nonce() {
 * if (!this[K]) this[K] = <random>; return this[K]; }`).
 */
function returningFunctionOf(target: Node): Node | undefined {
  if (!Node.isPropertyAccessExpression(target) && !Node.isElementAccessExpression(target)) return undefined;
  const host = target.getFirstAncestor((a) => isFunctionLike(a));
  if (host === undefined) return undefined;
  const written = target.getText();
  const returnsIt = ownReturnsOf(host.compilerNode).some(
    (statement) =>
      statement.expression !== undefined && skipOuterCompilerExpressions(statement.expression).getText() === written,
  );
  return returnsIt ? host : undefined;
}

/** Follows every read of a variable (`const r = ...; token = r + 'x'`), one hop deeper. */
function throughReferences(declaration: Node, name: Node, walk: Walk): Sink | undefined {
  if (walk.hops <= 0 || walk.visited.has(declaration) || !Node.isIdentifier(name)) return undefined;
  walk.hops--;
  walk.visited.add(declaration);
  walk.path.push({ note: `stored in \`${name.getText()}\``, node: declaration });
  for (const reference of referencesInOwnFile(walk.view, name)) {
    const parent = reference.getParent();
    if (parent === undefined) continue;
    if (
      Node.isBinaryExpression(parent) &&
      parent.getLeft() === reference &&
      isAssignment(parent.getOperatorToken().getKind())
    )
      continue;
    if (Node.isShorthandPropertyAssignment(parent)) {
      const sink = named(parent, 'assigned to', parent);
      if (sink !== undefined) return sink;
      continue;
    }
    const sink = followValue(reference, walk);
    if (sink !== undefined) return sink;
  }
  walk.path.pop();
  return undefined;
}

/**
 * `return <random>` in a function: a sink when the function's name is a secret's, else wherever its calls go; in a
 * callback whose returned values make the call's result (`replacingCallOf`), wherever that result goes.
 */
function fromFunction(fn: Node | undefined, walk: Walk): Sink | undefined {
  if (fn === undefined) return undefined;
  const replacing = replacingCallOf(fn);
  if (replacing !== undefined) {
    if (walk.visited.has(fn)) return undefined;
    walk.visited.add(fn);
    return followValue(replacing, walk);
  }
  const name = functionNameOf(fn);
  if (name === undefined) return undefined;
  const noun = secretNounOf(name);
  if (noun !== undefined) return { target: name, noun, via: 'returned from', node: fn };
  if (walk.hops <= 0 || walk.visited.has(fn)) return undefined;
  const nameNode = getFunctionNameNode(fn);
  if (nameNode === undefined) return undefined;
  walk.hops--;
  walk.visited.add(fn);
  walk.path.push({ note: `returned from \`${name}\``, node: fn });
  for (const reference of referencesInOwnFile(walk.view, nameNode)) {
    const call = callOf(reference);
    if (call === undefined) continue;
    const sink = followValue(call, walk);
    if (sink !== undefined) return sink;
  }
  walk.path.pop();
  return undefined;
}

/** Methods whose result is made of what their callback returns, and the callback's position among their arguments. */
const RESULT_CALLBACKS: ReadonlyMap<string, number> = new Map([
  ['replace', 1],
  ['replaceAll', 1],
  ['map', 0],
  ['flatMap', 0],
  ['from', 1],
]);

/**
 * The call whose result is made of what `fn` returns, when `fn` is written in its callback's place: the replacer of
 * `template.replace(/[xy]/g, (c) => …)` (the UUID-v4 idiom of nonces and PKCE states), the callback of `xs.map(…)`,
 * or `Array.from(xs, …)`'s.
 */
function replacingCallOf(fn: Node): CallExpression | undefined {
  const site = callbackSiteOf(fn);
  if (site?.method === undefined) return undefined;
  const receiver = site.receiver;
  if (site.method === 'from' && !(Node.isIdentifier(receiver) && receiver.getText() === 'Array')) return undefined;
  return RESULT_CALLBACKS.get(site.method) === site.argument ? site.call : undefined;
}

/** The call a reference to a function makes (`f()` or `this.f()`), or undefined. */
function callOf(reference: Node): CallExpression | undefined {
  const parent = reference.getParent();
  if (Node.isCallExpression(parent) && parent.getExpression() === reference) return parent;
  if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === reference) {
    const call = parent.getParent();
    if (Node.isCallExpression(call) && call.getExpression() === parent) return call;
  }
  return undefined;
}

/**
 * `f(<random>)`: a sink when `f` takes only this argument and has a secret's name, or the parameter has one;
 * `parts.push(<random>)` and a buffer's `nonce.writeUInt32LE(<random>, 0)` follow `parts` and `nonce`.
 */
function intoCall(call: CallExpression, argument: Node, walk: Walk): Sink | undefined {
  const name = calleeName(call);
  if (name === undefined) return undefined;
  const callee = call.getExpression();
  const collects = COLLECTING_METHODS.has(name) || (BUFFER_WRITE.test(name) && call.getArguments()[0] === argument);
  if (collects && Node.isPropertyAccessExpression(callee)) {
    const receiver = skipOuterExpressions(callee.getExpression());
    return Node.isIdentifier(receiver) ? intoTarget(receiver, walk) : undefined;
  }
  const noun = secretNounOf(name);
  if (noun !== undefined && call.getArguments().length === 1)
    return { target: `${name}()`, noun, via: 'passed to', node: call };
  const parameter = parameterFor(call, argument, walk.view);
  if (parameter === undefined) return undefined;
  const parameterName = getStoredName(parameter);
  const parameterNoun = parameterName === undefined ? undefined : secretNounOf(parameterName);
  return parameterName === undefined || parameterNoun === undefined
    ? undefined
    : { target: parameterName, noun: parameterNoun, via: `passed to \`${name}\` as parameter`, node: call };
}

/**
 * Globals the ECMAScript library declares only as `declare var X: XConstructor`
 * (a variable with a call signature in its type, no function declaration):
 * `declarationsOf` finds no function among their declarations, so an argument
 * passed to one (`BigInt(n)`, `Symbol(n)`) binds to no parameter declaration.
 * Declaration files are taken to leave them as the library declares them.
 * (`String` and `Number` carry the value on: `CARRYING_CALLS`.)
 */
const LIBRARY_VARIABLE_GLOBALS: ReadonlySet<string> = new Set([
  'Array',
  'BigInt',
  'Boolean',
  'Date',
  'Error',
  'Object',
  'RangeError',
  'RegExp',
  'Symbol',
  'TypeError',
]);

/**
 * Methods of the ECMAScript library's `Math` (es5 and es2015), whose parameters it names `x`, `y` and `values`:
 * no secret's noun. Declaration files are taken to leave them as the library declares them.
 */
export const MATH_METHODS: ReadonlySet<string> = new Set([
  'abs',
  'acos',
  'acosh',
  'asin',
  'asinh',
  'atan',
  'atan2',
  'atanh',
  'cbrt',
  'ceil',
  'clz32',
  'cos',
  'cosh',
  'exp',
  'expm1',
  'floor',
  'fround',
  'hypot',
  'imul',
  'log',
  'log10',
  'log1p',
  'log2',
  'max',
  'min',
  'pow',
  'round',
  'sign',
  'sin',
  'sinh',
  'sqrt',
  'tan',
  'tanh',
  'trunc',
]);

/** The parameter declaration an argument binds to, when the callee resolves to one function. */
function parameterFor(call: CallExpression, argument: Node, view: ProjectView): Node | undefined {
  const callee = skipOuterExpressions(call.getExpression());
  // `Math.cos(angle)` on the global `Math`: the library's parameter (`x`) names no secret; its declaration is not
  // looked up.
  if (isGlobalMathMethod(view, callee, (name) => MATH_METHODS.has(name))) return undefined;
  // A library global syntax shows to be the global one (no file of the project declares it): the checker is not asked.
  if (
    Node.isIdentifier(callee) &&
    (LIBRARY_VARIABLE_GLOBALS.has(callee.getText()) || GLOBAL_TIMERS.has(callee.getText())) &&
    syntacticBindingOf(view, callee.getSourceFile(), callee.compilerNode)?.kind === 'global'
  )
    return undefined;
  const nameNode = Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : callee;
  const index = call.getArguments().indexOf(argument);
  const declarations = Node.isPropertyAccessExpression(callee)
    ? (thisMemberDeclarationsOf(view, callee.getSourceFile(), callee.compilerNode)?.map((d) =>
        wrapNode(callee.getSourceFile(), d),
      ) ??
      staticMemberOf(view, callee) ??
      declarationsOf(nameNode))
    : settledDeclarationsOf(view, nameNode);
  for (const declaration of declarations) {
    const fn = Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : declaration;
    if (fn === undefined || !isFunctionLike(fn)) continue;
    const parameter = fn.getParameters()[index];
    if (parameter !== undefined) return parameter;
  }
  return undefined;
}

/** The static member `X.name` names, as `staticMemberDeclarationOf` finds it from syntax; undefined if it does not. */
function staticMemberOf(view: ProjectView, callee: PropertyAccessExpression): Node[] | undefined {
  const found = staticMemberDeclarationOf(view, callee.getSourceFile(), callee.compilerNode);
  return found === undefined ? undefined : [wrapNode(found.file, found.declaration)];
}

/** The called function's name: `f` for `f(x)` and `a.b.f(x)`. */
function calleeName(call: CallExpression): string | undefined {
  const callee = skipOuterExpressions(call.getExpression());
  if (Node.isIdentifier(callee)) return callee.getText();
  if (Node.isPropertyAccessExpression(callee)) return callee.getName();
  return undefined;
}
