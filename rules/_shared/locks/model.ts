import { Node, SyntaxKind, VariableDeclarationKind, ts } from 'ts-morph';
import { symbolPathOf } from '../names.js';
import { isFunctionLike } from '../ast/is-function-like.js';
import {
  builtinImportOf,
  isGlobalName,
  ownDeclarationsOf,
  syntacticBindingOf,
  isClasslessConstructor,
  isFunctionOrNamespaceName,
  isUntypedDependencyName,
  requiredValueOf,
  syntacticClassOf,
} from '../name-binding.js';
import { skipOuterExpressions } from '../ast/skip-outer-expressions.js';
import { isJavaScriptFile } from '../ast/is-javascript-file.js';
import { thisHomeOf } from '../ast/this-home.js';
import { requiredSpecifierOf } from '../ast/required-specifier.js';
import { isConstDeclaration } from '../ast/const-declaration.js';
import type { CallExpression, ClassDeclaration, Identifier, NewExpression, SourceFile } from 'ts-morph';
import type { ProjectView } from '../../../src/model/project-view.js';
import {
  WEB_LOCKS,
  acquiringMethodNames,
  apiOfShape,
  apiOfType,
  apiOfTypeDeclaration,
  isCompilerDeclaration,
  knownApiOfDeclaration,
  isLockWrapper,
  knownModuleApi,
  mayDeclareLockApi,
  namedApi,
} from './apis.js';
import type { LockApi } from './apis.js';
import { constructedTypesOf } from './constructed.js';
import { RELEASE_NAMES, planRelease } from './release.js';
import type { ReleasePlan } from './release.js';
import { configuredLockApis } from './settings.js';
import { isEntryOfEmptyObject } from '../this-property.js';
import { textTypeBySyntax, thisPropertyBySyntax } from '../text-type.js';
import type { ConfiguredLockApi } from './settings.js';
import {
  bodyOf,
  forEachOwnNode,
  hostOf,
  initialValueOf,
  isAsync,
  ownAwaitPoints,
  returnedExpressions,
} from './syntax.js';

/** A variable, field or parameter that holds a lock, or a Web Locks name. */
export interface LockHolder {
  /** Identity: `decl:<file>:<pos>` for declarations, `web:<name>` for Web Locks names. */
  key: string;
  /** The declaration, for variables, fields and parameters. */
  declaration: Node | undefined;
  /** Name for messages: `cacheLock`, or `'provider-tree'` for a Web Lock. */
  name: string;
  /** Dotted path for fingerprints: `ProviderTree.cacheLock`. */
  path: string;
  api: LockApi;
  /** Every acquisition of this holder in the project. */
  acquisitions: Acquisition[];
  /** A semaphore created with more than one permit (or with a count not known). */
  shared: boolean;
}

/** How a section is entered. */
type AcquisitionStyle = 'run' | 'keyed' | 'web' | 'acquire' | 'using';

/** One place that takes a lock. */
export interface Acquisition {
  call: CallExpression;
  holder: LockHolder | undefined;
  /** Identity of the lock taken: the holder's key, plus `#key` for async-lock keys; undefined when unknown. */
  lockKey: string | undefined;
  api: LockApi;
  style: AcquisitionStyle;
  method: string;
  /** False for Web Locks `mode: 'shared'`, `ifAvailable` or `steal`, which do not wait for an exclusive hold. */
  exclusive: boolean;
  /** The release analysis, for `acquire()`-style acquisitions. */
  release: ReleasePlan | undefined;
  section: Section;
}

/** What runs while the lock is held. */
interface Section {
  /** The function whose code is (part of) the section: the callback, or the function that calls `acquire()`. */
  host: Node | SourceFile;
  /** The callback, for `runExclusive(fn)`-style sections. */
  callback: Node | undefined;
  start: number;
  end: number;
  /** True when the section's extent is not visible (a callback passed by name, a release stored elsewhere). */
  opaque: boolean;
  /** `await`, `for await`, `yield`, and returned promises the lock waits for. */
  awaitPoints: Node[];
  /** Returned values whose type is not known (so they may be promises the lock waits for). */
  maybeAwaitPoints: Node[];
  /**
   * Calls whose promise an `acquire()`-style section returns without awaiting it, from inside the `try` whose
   * `finally` releases the lock: the lock is released as soon as the promise is handed back, before the work it
   * stands for settles.
   */
  earlyReturns: Node[];
}

/** Every lock, acquisition and critical section of the project. */
export interface LockModel {
  holders: readonly LockHolder[];
  acquisitions: readonly Acquisition[];
  /** The holder a lock expression refers to (`this.lock`, `treeLock`), if it is a known lock. */
  holderOf(expression: Node): LockHolder | undefined;
  configured: readonly ConfiguredLockApi[];
}

/** The run's lock model, built once and shared by the lock rules. */
export function lockModel(view: ProjectView): LockModel {
  return view.memo('locks', () => buildLockModel(view));
}

/** Finds every acquisition in the project and the holders they name. */
function buildLockModel(view: ProjectView): LockModel {
  const configured = configuredLockApis(view.settings);
  const builder = new ModelBuilder(configured, () => view.project.getTypeChecker().compilerObject, {
    constructsBuiltin: (created) => constructsBuiltin(view, created, configured),
    classOf: (reference) =>
      Node.isIdentifier(reference)
        ? syntacticClassOf(view, reference.getSourceFile(), reference.compilerNode)
        : undefined,
    isClassless: (reference) =>
      Node.isIdentifier(reference) && isClasslessConstructor(view, reference.getSourceFile(), reference.compilerNode),
    isUntyped: (reference) =>
      Node.isIdentifier(reference) && isUntypedDependencyName(view, reference.getSourceFile(), reference.compilerNode),
    isFunctionOrNamespace: (expression) =>
      Node.isIdentifier(expression) &&
      isFunctionOrNamespaceName(view, expression.getSourceFile(), expression.compilerNode),
    declarationsOf: (name) => ownDeclarationsOf(view, name),
    releaseHostsOf: (holder) => releaseHostsOf(view, holder),
    releaseHostsOfProperty: (name, api) => releaseHostsOfProperty(view, name, api),
    lockDeclarationOf: (expression) => lockDeclarationOf(view, expression),
    thisPropertyClassOf: (expression) => {
      const node = skipOuterExpressions(expression).compilerNode;
      const created = ts.isPropertyAccessExpression(node)
        ? thisPropertyBySyntax(view, expression.getSourceFile(), node)?.created
        : undefined;
      return created?.kind === 'class' ? created.node : created?.kind;
    },
    isAny: (expression) => textTypeBySyntax(view, expression.getSourceFile(), expression.compilerNode) === 'any',
    isEntryOfEmptyObject: (expression) =>
      Node.isElementAccessExpression(expression) &&
      isEntryOfEmptyObject(view, expression.getSourceFile(), expression.compilerNode),
    wrapClass: (declaration) => {
      // A dependency's declaration file is read apart from the project (`declarationFile`): its nodes are not the
      // project's, and wrapping them would mix two trees.
      const file = view.sourceFileAt(declaration.getSourceFile().fileName);
      const wrapped =
        file === undefined || file.compilerNode !== declaration.getSourceFile()
          ? undefined
          : view.wrap(file, declaration);
      return wrapped !== undefined && Node.isClassDeclaration(wrapped) ? wrapped : undefined;
    },
  });
  const names = acquiringMethodNames(configured);
  const requestTakes = configured.some(
    (api) => api.runExclusive.includes('request') || api.acquire.includes('request'),
  );
  const methods = patternOf(names).source;
  // The lock-taking methods of an API `new` can make: Web Locks' `request` is not one unless configured.
  const madeNames = new Set([...names].filter((name) => name !== 'request' || requestTakes));
  const lockTypes = lockTypeWords(view, names, madeNames, methods, configured);
  const words = new Set([...names, ...lockTypes.all]);
  // A creation is recorded for a lock no call acquires (redundant-lock's `neverAcquired`); `new` makes no Web
  // Locks API, and `addCreation` keeps none, so a file that names only Web Locks' words keeps no creation.
  const creationWords = new Set([...madeNames, ...lockTypes.made]);
  const webOnlyWords = new Set([...words].filter((word) => !creationWords.has(word)));
  const mentionsLocks = lockScreenOf(methods, lockTypes.all);
  // No `x.request(…)` can take a lock when none is configured to and no value can be Web Locks' (`mayReachWebLocks`):
  // the checker need not be asked for any receiver's type, nor a file read that names only Web Locks' words.
  const requestTakesNoLock = !requestTakes && !mayReachWebLocks(view);
  // Most files of a project never touch a lock: skip them before wrapping any node (a pull-request run does not
  // even parse them). A word in a comment or a string (`// a smooth request …`) takes or makes no lock: the file
  // must name one in its code.
  for (const file of view.filesWhoseText(mentionsLocks)) {
    // Each word is looked up once: those a creation needs first, then Web Locks' own for the calls alone.
    const makesLocks = namesInCode(view, file, creationWords);
    if (!makesLocks && (requestTakesNoLock || !namesInCode(view, file, webOnlyWords))) continue;
    // Compiler nodes from the run's shared index; only calls of a lock-taking method name and creations
    // stored in a variable, property or assignment are wrapped and shown to the checker.
    for (const call of view.nodesOf(file, SyntaxKind.CallExpression)) {
      if (!ts.isCallExpression(call) || !isLockMethodCall(call, names)) continue;
      if (isRequestCall(call) && (requestTakesNoLock || (!requestTakes && isRequestTakingNoLock(call)))) continue;
      const wrapped = view.wrap(file, call);
      if (Node.isCallExpression(wrapped)) builder.addCall(wrapped);
    }
    if (!makesLocks) continue;
    for (const created of view.nodesOf(file, SyntaxKind.NewExpression))
      if (isStoredCreation(created)) builder.addCreation(view.wrap(file, created));
  }
  return {
    holders: [...builder.holders.values()],
    acquisitions: builder.acquisitions,
    holderOf: (expression) => builder.holderOf(expression),
    configured,
  };
}

/** True for `x.name(...)` or `x?.name(...)` where `name` is a lock-taking method name (a syntax test, no checker). */
function isLockMethodCall(call: ts.CallExpression, names: ReadonlySet<string>): boolean {
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name) && names.has(callee.name.text);
}

/** True for `x.request(…)` or `x?.request(…)`. */
function isRequestCall(call: ts.CallExpression): boolean {
  return ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'request';
}

/**
 * False when no receiver of a `request` call can be Web Locks' API, the one
 * whose `request` takes a lock unless the configuration names it: the model
 * takes a value for Web Locks' where its text, or the value of a declaration
 * it follows, is `navigator.locks` (`isNavigatorLocks`), or where the
 * checker types it with a `LockManager` that a declaration file outside
 * `node_modules` declares (`apiOfType`; the `lib` files are read from
 * `/node_modules/typescript/lib`); every other API's `request` takes
 * nothing. So true when a source file of the project spells
 * `navigator.locks` (`?.`, spaces and lines between allowed), a declaration
 * file of it spells `LockManager` or escapes a character (`\u`), or the
 * program may read files the project does not list where such a value could
 * be: JavaScript of `node_modules` (`maxNodeModuleJsDepth`), a `typeRoots`
 * folder, a `/// <reference path>`. A file that only an import from outside
 * the project reaches is assumed to hold none (as `syntacticBindingOf`
 * assumes of globals).
 */
function mayReachWebLocks(view: ProjectView): boolean {
  const options = view.project.getCompilerOptions();
  if ((options.maxNodeModuleJsDepth ?? 0) > 0 || options.typeRoots !== undefined) return true;
  const navigatorLocks = /navigator\s*(\?\s*)?\.\s*locks/;
  if (view.sourceFilesWhoseText((text) => navigatorLocks.test(text) || /reference\s+path/.test(text)).length > 0)
    return true;
  return view
    .sourceFilesWhoseText((text) => text.includes('LockManager') || text.includes('\\u'))
    .some((file) => file.isDeclarationFile());
}

/**
 * True for `x.request(a)` that is not a Web Locks request (`isWebLockRequest`),
 * or whose last argument syntax shows is no function (`x.request(lease, n * 2)`:
 * Web Locks takes the lock for the callback it is given last, and rejects any
 * other value without taking it): `request` takes a lock only there or in a
 * configured API that names it, so no receiver type can make this call take
 * one, and the checker need not be asked for the receiver's.
 */
function isRequestTakingNoLock(call: ts.CallExpression): boolean {
  const callee = call.expression;
  const last = call.arguments[call.arguments.length - 1];
  return (
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === 'request' &&
    (!isWebLockRequest(callee.name.text, call.arguments.length) || (last !== undefined && isNeverFunction(last)))
  );
}

/**
 * True for an expression whose value syntax shows is never a function: a
 * literal (string, number, template, `true`, `null`, an array or object
 * literal), a unary operator's result (`-n`, `!x`, `typeof x`, `void x`), or
 * an arithmetic, comparison, bitwise or `in` / `instanceof` operator's (not
 * `,`, `&&`, `||`, `??` or an assignment, which can hand on a function).
 */
function isNeverFunction(expression: ts.Expression): boolean {
  let value = expression;
  while (ts.isParenthesizedExpression(value)) value = value.expression;
  if (
    ts.isLiteralExpression(value) ||
    ts.isTemplateExpression(value) ||
    ts.isArrayLiteralExpression(value) ||
    ts.isObjectLiteralExpression(value) ||
    ts.isPrefixUnaryExpression(value) ||
    ts.isPostfixUnaryExpression(value) ||
    ts.isTypeOfExpression(value) ||
    ts.isVoidExpression(value)
  )
    return true;
  const kind = value.kind;
  if (kind === ts.SyntaxKind.TrueKeyword || kind === ts.SyntaxKind.FalseKeyword || kind === ts.SyntaxKind.NullKeyword)
    return true;
  if (!ts.isBinaryExpression(value)) return false;
  const operator = value.operatorToken.kind;
  return (
    operator !== ts.SyntaxKind.CommaToken &&
    operator !== ts.SyntaxKind.AmpersandAmpersandToken &&
    operator !== ts.SyntaxKind.BarBarToken &&
    operator !== ts.SyntaxKind.QuestionQuestionToken &&
    !(operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment)
  );
}

/** `locks.request(name, callback)` or `locks.request(name, options, callback)`: the only Web Locks call that takes a lock. */
function isWebLockRequest(method: string, argumentCount: number): boolean {
  return method === 'request' && argumentCount >= 2;
}

/**
 * Global constructors of the ECMAScript and DOM libraries, none of which
 * declares `runExclusive`, `acquire` or `lock` or is `LockManager`: what they
 * construct is never a lock API (`apiOfType`, `apiOfShape`).
 */
const BUILTIN_CONSTRUCTORS: ReadonlySet<string> = new Set([
  'AbortController',
  'AggregateError',
  'Array',
  'ArrayBuffer',
  'BigInt64Array',
  'BigUint64Array',
  'Blob',
  'BroadcastChannel',
  'CustomEvent',
  'DOMException',
  'DataView',
  'Date',
  'Error',
  'EvalError',
  'Event',
  'EventTarget',
  'File',
  'FileReader',
  'FinalizationRegistry',
  'Float32Array',
  'Float64Array',
  'FormData',
  'Headers',
  'Int16Array',
  'Int32Array',
  'Int8Array',
  'Map',
  'MessageChannel',
  'Promise',
  'Proxy',
  'RangeError',
  'ReadableStream',
  'ReferenceError',
  'RegExp',
  'Request',
  'Response',
  'Set',
  'SharedArrayBuffer',
  'SyntaxError',
  'TextDecoder',
  'TextEncoder',
  'TransformStream',
  'TypeError',
  'URIError',
  'URL',
  'URLSearchParams',
  'Uint16Array',
  'Uint32Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'WeakMap',
  'WeakRef',
  'WeakSet',
  'WebSocket',
  'Worker',
  'WritableStream',
  'XMLHttpRequest',
]);

/**
 * True for `new Map()`, `new Set<T>(...)`, `new AbortController()`: a
 * constructor of `BUILTIN_CONSTRUCTORS` called by a name that is the global
 * one, told from syntax (`syntacticBindingOf`), or through `globalThis`
 * (`new globalThis.BroadcastChannel()`); and a class imported from one of
 * Node's modules (`isNodeModuleClassOfNoLock`). The value is then the
 * library's, and no lock, without asking the checker (creating it binds
 * every file). Declaration files are taken to leave these library types as
 * the library declares them (a `.d.ts` that gave `Map` an `acquire()` would
 * make its instances look like locks to the checker).
 */
function constructsBuiltin(view: ProjectView, created: Node, configured: readonly ConfiguredLockApi[]): boolean {
  if (!Node.isNewExpression(created)) return false;
  const file = created.getSourceFile();
  const callee = created.compilerNode.expression;
  if (ts.isPropertyAccessExpression(callee)) {
    // `new globalThis.BroadcastChannel()`: the global constructor, unless a file of the project declares the name.
    const { expression, name } = callee;
    return (
      ts.isIdentifier(expression) &&
      expression.text === 'globalThis' &&
      ts.isIdentifier(name) &&
      BUILTIN_CONSTRUCTORS.has(name.text) &&
      syntacticBindingOf(view, file, expression)?.kind === 'global' &&
      isGlobalName(view, name.text)
    );
  }
  if (!ts.isIdentifier(callee)) return false;
  if (BUILTIN_CONSTRUCTORS.has(callee.text) && syntacticBindingOf(view, file, callee)?.kind === 'global') return true;
  // `import { URL } from 'url'`: a global's name may also be imported from Node's module of it.
  return isNodeModuleClassOfNoLock(builtinImportOf(view, file, callee), configured);
}

/**
 * True for a class imported from one of Node's modules (`new PassThrough()`
 * from `node:stream`): none declares `runExclusive`, `acquire` or `lock`
 * (`apiOfShape`), and the one lock API Node has, `worker_threads`'
 * `LockManager`, is reached as `locks`, never constructed. Not so for a
 * module configured as a lock API, for `LockManager`, or for a name
 * `namedApi` would take for a lock (`…Mutex`, `…Lock`).
 */
function isNodeModuleClassOfNoLock(
  imported: { module: string; name: string } | undefined,
  configured: readonly ConfiguredLockApi[],
): boolean {
  if (imported === undefined || imported.name === 'LockManager' || namedApi(imported.name) !== undefined) return false;
  const bare = imported.module.replace(/^node:/, '');
  return !configured.some((api) => api.module.replace(/^node:/, '') === bare);
}

/**
 * True when a `new` expression (through calls, parentheses and `as`) is the
 * initializer of a variable or property or the right side of `=`: the only
 * creations `addCreation` records, tested on compiler nodes before any wrap.
 */
function isStoredCreation(created: ts.Node): boolean {
  let value = created;
  let parent: ts.Node | undefined = value.parent;
  while (ts.isCallExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent)) {
    value = parent;
    parent = parent.parent;
  }
  if (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent)) return parent.initializer === value;
  return (
    ts.isBinaryExpression(parent) && parent.right === value && parent.operatorToken.kind === SyntaxKind.EqualsToken
  );
}

/** Declarations whose names can stand for a lock type. */
const TYPE_KINDS = [SyntaxKind.ClassDeclaration, SyntaxKind.ClassExpression, SyntaxKind.InterfaceDeclaration] as const;

/**
 * Words without which a file can create no lock, nor take one but by calling
 * a lock-taking method (`names`): the known lock classes and wrappers,
 * configured exports, and the names of the project's classes and interfaces
 * that declare a lock-taking method (found in one walk of the syntax trees, no
 * checker). `all` holds them all; `made` leaves out what only Web Locks' API
 * is known by, which no `new` makes: `locks` (of `navigator.locks`), and a
 * class whose only lock-taking method is not in `madeNames` (`request`).
 */
function lockTypeWords(
  view: ProjectView,
  names: ReadonlySet<string>,
  madeNames: ReadonlySet<string>,
  methods: string,
  configured: readonly ConfiguredLockApi[],
): { all: ReadonlySet<string>; made: ReadonlySet<string> } {
  const made = new Set<string>([
    'Mutex',
    'Semaphore',
    'MutexInterface',
    'SemaphoreInterface',
    'AsyncLock',
    'withTimeout',
    'tryAcquire',
  ]);
  for (const api of configured) made.add(api.export);
  const words = new Set<string>([...made, 'locks']);
  const declaresLockMethod = (member: ts.Node, methodNames: ReadonlySet<string>): boolean =>
    (ts.isMethodDeclaration(member) || ts.isMethodSignature(member)) &&
    ts.isIdentifier(member.name) &&
    methodNames.has(member.name.text);
  // A class or interface that declares a lock method spells the method's name as a whole name followed by its
  // parameters (`acquire(`), type parameters (`acquire<T>(`), `?` (`acquire?(`) or a comment in its file's text,
  // its escapes read (`withEscapesRead`): the other files need no syntax index for this (a pull request's run does
  // not even parse them). A file that names `request` only as a variable or in its comments declares no such method.
  const mayDeclare = passesWithEscapesRead(new RegExp(`${methods}\\s*(?:[(<?]|/[*/])`));
  for (const file of view.filesWhoseText(mayDeclare)) {
    for (const kind of TYPE_KINDS)
      for (const node of view.nodesOf(file, kind)) {
        if (!(ts.isClassLike(node) || ts.isInterfaceDeclaration(node)) || node.name === undefined) continue;
        const members: readonly ts.Node[] = node.members;
        if (members.some((member) => declaresLockMethod(member, names))) words.add(node.name.text);
        if (members.some((member) => declaresLockMethod(member, madeNames))) made.add(node.name.text);
      }
  }
  return { all: words, made };
}

/**
 * A test for a file's text (before any syntax is indexed) that can take or create a lock: a lock-taking method
 * named as a member (`methods`, the pattern of their names: `.acquire`, `?.request`, spaces and line breaks allowed
 * after the dot), as `isLockMethodCall` takes only `x.name(…)`, or any of `lockTypes` as a whole name. A method's
 * name elsewhere (`request` as a variable or a parameter, `lock` in a comment) calls no lock method, and made a
 * pull-request run parse the file. Two spellings would hide a name from such a pattern, and a file holding either
 * passes: a comment right after the dot, on its line (`x.` then `/*` or `//`; the comment is not skipped, as a
 * pattern that skips comments can take quadratic time on a hostile text, and a dot ending a line before a line
 * comment is how most comments end a sentence: passing those made rxjs's pull-request run parse nearly every file,
 * 0.49 → 0.76 s); and an escape in a name (`x.\u0061cquire()`, `new \u004Dutex()`), which the compiler reads as
 * the name it spells (`passesWithEscapesRead`).
 */
function lockScreenOf(methods: string, lockTypes: ReadonlySet<string>): (text: string) => boolean {
  return passesWithEscapesRead(new RegExp(`${memberSource(methods)}|${patternOf(lockTypes).source}`));
}

/** A pattern's source for one of `names` (a pattern source) named as a member, or a comment right after a dot on its line. */
function memberSource(names: string): string {
  return `\\.\\s*${names}|\\.[ \\t]*/[*/]`;
}

/**
 * A test of a file's text by `pattern`, as it stands or, in a file holding `\u`, with its escapes read as the
 * compiler reads a name's (`x.\u0061cquire()` is `x.acquire()`). Passing every file that holds `\u` instead
 * made zod's pull-request run parse and walk its 160 kB `v3/types.ts` for an escape in a string.
 */
function passesWithEscapesRead(pattern: RegExp): (text: string) => boolean {
  return (text) => pattern.test(text) || (text.includes('\\u') && pattern.test(withEscapesRead(text)));
}

/** The text with each `\uXXXX` and `\u{X…}` escape replaced by the character it stands for. */
function withEscapesRead(text: string): string {
  return text.replace(/\\u(?:([0-9a-fA-F]{4})|\{([0-9a-fA-F]{1,6})\})/g, (escape, short?: string, long?: string) => {
    const code = Number.parseInt(short ?? long ?? '', 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : escape;
  });
}

/**
 * A test for any of the words spelled in a file's text as a whole name (before any syntax is indexed): with no
 * identifier character of ASCII (letter, digit, `_`, `$`) on either side, as a name in code always stands.
 */
function patternOf(words: ReadonlySet<string>): RegExp {
  const escaped = [...words].filter((w) => w !== '').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\w$])(?:${escaped.join('|')})(?![\\w$])`);
}

/**
 * The functions (or files) whose code releases the holder's lock: calls of a
 * release method (the API's, `release`, `unlock`, `dispose`) on an expression
 * that names the holder's declaration (`this.gate.unlock()` in `commit()`).
 * Only files whose text names the holder and a release method as a member are
 * parsed, as the lock screen does.
 */
function releaseHostsOf(view: ProjectView, holder: LockHolder): Node[] {
  const declaration = holder.declaration;
  if (declaration === undefined) return [];
  return releasingHosts(view, holder.name, holder.api, (lock) => lockDeclarationOf(view, lock) === declaration);
}

/**
 * For a lock held in a property with no declaration to follow (JavaScript's `this.mutex = new Mutex()` in a
 * constructor, reached as `this.mutex` or `this.state.mutex`): the functions whose code calls a release method on a
 * property of that name (`_unlock() { this.mutex.unlock(); }`), anywhere in the project. Nothing tells that lock from
 * another of the same name, so any of them may be the hand-over `releaseHostsOf` finds for a declared lock.
 */
function releaseHostsOfProperty(view: ProjectView, name: string, api: LockApi): Node[] {
  return releasingHosts(view, name, api, (lock) => {
    const property = skipOuterExpressions(lock);
    return Node.isPropertyAccessExpression(property) && property.getName() === name;
  });
}

/** The functions (or files) that call a release method on a lock expression `isLock` accepts, found as above. */
function releasingHosts(view: ProjectView, name: string, api: LockApi, isLock: (lock: Node) => boolean): Node[] {
  const methods = new Set([...RELEASE_NAMES, ...api.releaseMethods]);
  const member = passesWithEscapesRead(new RegExp(memberSource(patternOf(methods).source)));
  const named = passesWithEscapesRead(patternOf(new Set([name])));
  const hosts: Node[] = [];
  for (const file of view.filesWhoseText((text) => member(text) && named(text)))
    for (const call of view.nodesOf(file, SyntaxKind.CallExpression)) {
      if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) continue;
      const callee = call.expression;
      if (!ts.isIdentifier(callee.name) || !methods.has(callee.name.text)) continue;
      const wrapped = view.wrap(file, call);
      if (!Node.isCallExpression(wrapped)) continue;
      const released = wrapped.getExpression();
      if (Node.isPropertyAccessExpression(released) && isLock(released.getExpression())) hosts.push(hostOf(wrapped));
    }
  return hosts;
}

/** True when a name of the file's code (a use or a declaration, from the reference index) is one of the words. */
function namesInCode(view: ProjectView, file: SourceFile, words: ReadonlySet<string>): boolean {
  for (const word of words)
    if (view.references.occurrencesIn(file, word).length > 0 || view.references.declarationsIn(file, word).length > 0)
      return true;
  return false;
}

/**
 * What the lock model asks of the project besides the checker, each answered
 * from syntax: named, as several share one shape and a swapped pair would
 * type-check.
 */
interface ModelQuestions {
  /** True for a `new` of a library constructor that constructs no lock (`constructsBuiltin`). */
  constructsBuiltin: (created: Node) => boolean;
  /** The class a name stands for, when syntax settles it (`syntacticClassOf`). */
  classOf: (reference: Node) => ts.ClassDeclaration | undefined;
  /** True when a name stands for a function or a class expression, when syntax settles it (`isClasslessConstructor`). */
  isClassless: (reference: Node) => boolean;
  /** True when a name stands for what a dependency without types exports, `any` (`isUntypedDependencyName`). */
  isUntyped: (reference: Node) => boolean;
  /** True when a name stands for a function declaration or a module's namespace (`isFunctionOrNamespaceName`). */
  isFunctionOrNamespace: (expression: Node) => boolean;
  /** The declarations a plain name stands for in the project's code (`ownDeclarationsOf`). */
  declarationsOf: (name: Identifier) => readonly Node[];
  /** The functions whose code releases the holder's lock (`releaseHostsOf`), asked once per holder. */
  releaseHostsOf: (holder: LockHolder) => readonly Node[];
  /** The functions whose code releases a lock held in a property of this name (`releaseHostsOfProperty`). */
  releaseHostsOfProperty: (name: string, api: LockApi) => readonly Node[];
  /** The variable-like declaration a lock expression names (`lockDeclarationOf`). */
  lockDeclarationOf: (expression: Node) => Node | undefined;
  /**
   * The class whose instances `this.name` only ever holds, `'classless'` for a constructor without a class
   * declaration, or `'any'` for values typed `any`, when syntax settles it (`thisPropertyBySyntax`).
   */
  thisPropertyClassOf: (expression: Node) => ts.ClassDeclaration | 'classless' | 'any' | undefined;
  /** True when syntax shows that the checker types an expression `any` (`textTypeBySyntax`). */
  isAny: (expression: Node) => boolean;
  /** True for `o[key]` of an object with no declared property, typed `any` (`isEntryOfEmptyObject`). */
  isEntryOfEmptyObject: (expression: Node) => boolean;
  /** The ts-morph node of a class the project's files declare; undefined for a class of a dependency's declarations. */
  wrapClass: (declaration: ts.ClassDeclaration) => ClassDeclaration | undefined;
}

/** Collects holders and acquisitions. */
class ModelBuilder {
  readonly holders = new Map<string, LockHolder>();
  readonly acquisitions: Acquisition[] = [];
  private readonly apiCache = new Map<Node, LockApi | undefined>();

  constructor(
    private readonly configured: readonly ConfiguredLockApi[],
    /** The compiler's checker, asked for on first need (creating it binds every file). */
    private readonly checker: () => ts.TypeChecker,
    private readonly ask: ModelQuestions,
  ) {}

  /** The releasing functions of each holder, and of each undeclared property lock's name and kind, found once. */
  private readonly releaseHosts = new Map<LockHolder | string, readonly Node[]>();

  /** True when a function other than `host` releases the lock `key` stands for, as `find` lists them. */
  private isReleasedElsewhereBy(key: LockHolder | string, find: () => readonly Node[], host: Node): boolean {
    let hosts = this.releaseHosts.get(key);
    if (hosts === undefined) {
      hosts = find();
      this.releaseHosts.set(key, hosts);
    }
    return hosts.some((releasing) => releasing !== host);
  }

  /** True when a function other than `host` releases the holder's lock. */
  private isReleasedElsewhere(holder: LockHolder, host: Node): boolean {
    return this.isReleasedElsewhereBy(holder, () => this.ask.releaseHostsOf(holder), host);
  }

  /**
   * True when the lock is a property no declaration settles (`this.mutex`, `this.state.mutex` in JavaScript) and a
   * function other than `host` releases a property of its name.
   */
  private isPropertyReleasedElsewhere(receiver: Node, api: LockApi, host: Node): boolean {
    if (!Node.isPropertyAccessExpression(receiver)) return false;
    const name = receiver.getName();
    // What is found depends on the API's release methods too: two such locks of one name may be of different kinds.
    const key = [name, ...[...api.releaseMethods].sort()].join('\0');
    return this.isReleasedElsewhereBy(key, () => this.ask.releaseHostsOfProperty(name, api), host);
  }

  /** Records `call` if it takes a lock. */
  addCall(call: CallExpression): void {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) return;
    const receiver = skipOuterExpressions(callee.getExpression());
    if (Node.isThisExpression(receiver)) return;
    const method = callee.getName();
    const api = this.apiOfExpression(receiver, 0);
    if (api === undefined) return;
    const style = styleOf(api, method, call);
    if (style === undefined) return;
    const holder = style === 'web' ? this.webHolder(call) : this.holderOf(receiver, api);
    const acquisition: Acquisition = {
      call,
      holder,
      lockKey: lockKeyOf(style, holder, call),
      api,
      style,
      method,
      exclusive: style !== 'web' || isExclusiveRequest(call),
      release: undefined,
      section: emptySection(call),
    };
    if (style === 'acquire' || style === 'using') {
      let plan = planRelease(call, {
        releaseMethods: api.releaseMethods,
        isSameLock: (e) => this.isSameLock(e, receiver, holder),
      });
      // Taken here and given back by another function (`begin()` locks, `commit()` unlocks): a hand-over this
      // function cannot judge, as when it returns the release.
      if (
        plan.problem?.reason === 'never' &&
        (holder === undefined
          ? this.isPropertyReleasedElsewhere(receiver, api, hostOf(call))
          : this.isReleasedElsewhere(holder, hostOf(call)))
      )
        plan = { ...plan, kind: 'escaped', problem: undefined, end: hostOf(call).getEnd() };
      acquisition.release = plan;
      acquisition.style = plan.kind === 'using' ? 'using' : 'acquire';
      acquisition.section = sectionOfRange(call, plan);
    } else {
      acquisition.section = sectionOfCallback(call, style);
    }
    this.acquisitions.push(acquisition);
    holder?.acquisitions.push(acquisition);
  }

  /**
   * Records the variable or field a `new Lock()` is stored in, so locks never
   * acquired are known too; also through a wrapper's call
   * (`withTimeout(new Mutex(), 100)`). A call around a `new` that syntax shows
   * makes no lock (`pipeThrough(new TransformStream())`, a project class
   * without a lock method) is no creation of a lock: a factory's lock is known
   * where it is acquired, as it is when its arguments make nothing.
   */
  addCreation(created: Node): void {
    let value: Node = created;
    let parent = value.getParent();
    let throughCall = false;
    while (
      parent !== undefined &&
      (Node.isCallExpression(parent) || Node.isParenthesizedExpression(parent) || Node.isAsExpression(parent))
    ) {
      throughCall ||= Node.isCallExpression(parent);
      value = parent;
      parent = parent.getParent();
    }
    if (parent === undefined) return;
    if (throughCall && Node.isNewExpression(created) && this.constructsNoLock(created)) return;
    let target: Node | undefined;
    if ((Node.isVariableDeclaration(parent) || Node.isPropertyDeclaration(parent)) && parent.getInitializer() === value)
      target = parent.getNameNode();
    else if (
      Node.isBinaryExpression(parent) &&
      parent.getRight() === value &&
      parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken
    )
      target = parent.getLeft();
    if (
      target === undefined ||
      !(Node.isIdentifier(target) || Node.isPropertyAccessExpression(target) || Node.isPrivateIdentifier(target))
    )
      return;
    const api = this.apiOfExpression(skipOuterExpressions(value), 0);
    if (api === undefined || api.family === 'web-locks') return;
    const declaration =
      Node.isIdentifier(target) || Node.isPrivateIdentifier(target)
        ? target.getParent()
        : this.ask.lockDeclarationOf(target);
    if (declaration === undefined) return;
    this.holderOfDeclaration(declaration, api);
  }

  /** The holder behind a lock expression, creating it on first sight. */
  holderOf(expression: Node, knownApi?: LockApi): LockHolder | undefined {
    const declaration = this.ask.lockDeclarationOf(skipOuterExpressions(expression));
    if (declaration === undefined) return undefined;
    return this.holderOfDeclaration(
      declaration,
      knownApi ?? (() => this.apiOfExpression(skipOuterExpressions(expression), 0)),
    );
  }

  /** The holder of a declaration, creating it with the given (or computed) API on first sight. */
  private holderOfDeclaration(
    declaration: Node,
    apiOrCompute: LockApi | (() => LockApi | undefined),
  ): LockHolder | undefined {
    const key = `decl:${declaration.getSourceFile().getFilePath()}:${String(declaration.getPos())}`;
    const existing = this.holders.get(key);
    if (existing !== undefined) return existing;
    const api = typeof apiOrCompute === 'function' ? apiOrCompute() : apiOrCompute;
    if (api === undefined) return undefined;
    const name = nameOf(declaration);
    const holder: LockHolder = {
      key,
      declaration,
      name,
      path: symbolPathOf(declaration),
      api,
      acquisitions: [],
      shared: api.semaphore && !singlePermit(declaration),
    };
    this.holders.set(key, holder);
    return holder;
  }

  /** The pseudo-holder of a Web Locks name (`navigator.locks.request('name', ...)`). */
  private webHolder(call: CallExpression): LockHolder | undefined {
    const name = literalValue(call.getArguments()[0]);
    if (name === undefined) return undefined;
    const key = `web:${name}`;
    const existing = this.holders.get(key);
    if (existing !== undefined) return existing;
    const holder: LockHolder = {
      key,
      declaration: undefined,
      name: `'${name}'`,
      path: `navigator.locks:${name}`,
      api: WEB_LOCKS,
      acquisitions: [],
      shared: false,
    };
    this.holders.set(key, holder);
    return holder;
  }

  /** True when `expression` denotes the same lock as the acquisition's receiver. */
  private isSameLock(expression: Node, receiver: Node, holder: LockHolder | undefined): boolean {
    if (holder?.declaration !== undefined) return this.ask.lockDeclarationOf(expression) === holder.declaration;
    return expression.getText() === receiver.getText();
  }

  /**
   * The lock API of an expression: from its type when the checker knows it, else from how it was declared. None
   * for a function or a module's namespace (`Effect.request(…)`, `computeHmac.lock()`) syntax settles: neither its
   * type nor its declaration is a class, an interface or a variable the API could come from.
   */
  apiOfExpression(expression: Node, depth: number): LockApi | undefined {
    if (depth > 4 || this.ask.constructsBuiltin(expression) || this.ask.isFunctionOrNamespace(expression))
      return undefined;
    const fromType = this.apiOfExpressionType(expression);
    if (fromType !== undefined) return fromType;
    if (isNavigatorLocks(expression)) return WEB_LOCKS;
    if (Node.isNewExpression(expression)) return this.apiOfClassReference(expression.getExpression());
    if (Node.isCallExpression(expression)) {
      const imported = importOf(skipOuterExpressions(expression.getExpression()), this.ask.declarationsOf);
      const first = expression.getArguments()[0];
      if (imported !== undefined && isLockWrapper(imported.module, imported.name) && first !== undefined)
        return this.apiOfExpression(skipOuterExpressions(first), depth + 1);
      return undefined;
    }
    const declaration = this.ask.lockDeclarationOf(expression);
    return declaration === undefined ? undefined : this.apiOfDeclaration(declaration, depth + 1);
  }

  /**
   * The lock API of an expression's type, from the checker. Not asked for a
   * `new X()` whose declarations show that the value is an instance of
   * classes or interfaces none of which can be a lock API: the answer is
   * known without resolving the call (arguments, overloads, inferred types).
   */
  private apiOfExpressionType(expression: Node): LockApi | undefined {
    const settled = this.settledApiOf(expression);
    if (settled !== 'unsettled') return settled;
    if (Node.isNewExpression(expression)) {
      if (this.isNoLockConstructor(expression.getExpression())) return undefined;
      const constructed = constructedTypesOf(this.checker(), expression.compilerNode.expression);
      if (constructed?.every((type) => !this.mayBeLockType(type)) === true) return undefined;
    }
    return apiOfType(expression.getType(), this.configured);
  }

  /**
   * The lock API of the type the checker would give, found from syntax: of `new X(…)` when `X` is a class syntax
   * settles (`syntacticClassOf`), and of `this.name` when it only ever holds instances of one constructor
   * (`thisPropertyBySyntax`), the class's API as `apiOfType` reads it, or none for a constructor without a class
   * declaration or for values typed `any`; none for an entry of an object with no declared property
   * (`isEntryOfEmptyObject`: `any`) and for an expression syntax shows the checker types `any` (`textTypeBySyntax`:
   * `new Lock()` of a dependency without types, a property of an untyped parameter), whose type has no declaration
   * `apiOfType` could read. `'unsettled'` when syntax settles no constructor, or a class of a dependency's
   * declarations that is no known module's export (the checker then decides, as before).
   */
  private settledApiOf(expression: Node): LockApi | undefined | 'unsettled' {
    if (this.ask.isAny(expression)) return undefined;
    if (Node.isElementAccessExpression(expression))
      return this.ask.isEntryOfEmptyObject(expression) ? undefined : 'unsettled';
    const created = Node.isNewExpression(expression)
      ? this.ask.classOf(expression.getExpression())
      : Node.isPropertyAccessExpression(expression)
        ? this.ask.thisPropertyClassOf(expression)
        : undefined;
    if (created === undefined) return 'unsettled';
    if (created === 'classless' || created === 'any') return undefined;
    const wrapped = this.ask.wrapClass(created);
    if (wrapped !== undefined) return apiOfTypeDeclaration(wrapped, this.configured);
    return knownApiOfDeclaration(created, this.configured) ?? 'unsettled';
  }

  /** True when syntax shows that a `new` makes no lock: a library constructor, or a class without a lock method. */
  private constructsNoLock(created: NewExpression): boolean {
    return this.ask.constructsBuiltin(created) || this.isClassWithoutLockApi(created.getExpression());
  }

  /**
   * True when syntax shows that a name stands for one class of the project
   * that no declaration can make a lock API (`mayDeclareLockApi`): what the
   * checker would find, without creating it.
   */
  private isClassWithoutLockApi(reference: Node): boolean {
    const declaration = this.ask.classOf(reference);
    return declaration !== undefined && !mayDeclareLockApi(declaration, this.configured);
  }

  /**
   * True when syntax shows that what `new` makes of a name has no lock API: a
   * class without a lock method (`isClassWithoutLockApi`), a function or a
   * class expression (`isClasslessConstructor`), whose symbol has no class or
   * interface declaration for `apiOfType` to read, or an untyped dependency's
   * export that names no lock API (`isUntypedWithoutNamedApi`). Not
   * taken as a creation of no lock through a call (`constructsNoLock`): a
   * wrapper's type is still the checker's to say.
   */
  private isNoLockConstructor(reference: Node): boolean {
    return (
      this.isClassWithoutLockApi(reference) ||
      this.ask.isClassless(reference) ||
      this.isUntypedWithoutNamedApi(reference)
    );
  }

  /**
   * True for what a dependency without types exports (`isUntypedDependencyName`: `new LRU()` of an untyped
   * `lru-cache`), whose type is `any`, so `apiOfType` finds nothing and no symbol leads to a class: unless
   * `apiOfClassReference` would still take an imported name for a lock (a known lock module's export, or a name
   * `namedApi` reads as one, `…Mutex`, `…Lock`).
   */
  private isUntypedWithoutNamedApi(reference: Node): boolean {
    if (!this.ask.isUntyped(reference)) return false;
    const imported = importOf(reference, this.ask.declarationsOf);
    return (
      imported === undefined ||
      (knownModuleApi(imported.module, imported.name, this.configured) === undefined &&
        namedApiOfImport(imported, reference) === undefined)
    );
  }

  /** False when no declaration of a class or interface can make it a lock API (see `mayDeclareLockApi`). */
  private mayBeLockType(type: ts.Symbol): boolean {
    return (type.declarations ?? []).some((d) => mayDeclareLockApi(d, this.configured));
  }

  /** The lock API of a variable, field or parameter, from its initialiser, type annotation or constructor assignment. */
  private apiOfDeclaration(declaration: Node, depth: number): LockApi | undefined {
    if (this.apiCache.has(declaration)) return this.apiCache.get(declaration);
    this.apiCache.set(declaration, undefined);
    let api: LockApi | undefined;
    if (
      Node.isVariableDeclaration(declaration) ||
      Node.isPropertyDeclaration(declaration) ||
      Node.isParameterDeclaration(declaration) ||
      Node.isPropertySignature(declaration)
    ) {
      const typeNode = declaration.getTypeNode();
      if (typeNode !== undefined && Node.isTypeReference(typeNode))
        api = this.apiOfClassReference(typeNode.getTypeName());
      const initializer = Node.isPropertySignature(declaration) ? undefined : declaration.getInitializer();
      if (api === undefined && initializer !== undefined)
        api = this.apiOfExpression(skipOuterExpressions(initializer), depth);
      if (api === undefined && Node.isPropertyDeclaration(declaration)) {
        for (const assigned of constructorAssignments(declaration)) {
          api = this.apiOfExpression(skipOuterExpressions(assigned), depth);
          if (api !== undefined) break;
        }
      }
    }
    this.apiCache.set(declaration, api);
    return api;
  }

  /** The lock API of a class named in `new X()` or a type annotation. */
  private apiOfClassReference(reference: Node): LockApi | undefined {
    const imported = importOf(reference, this.ask.declarationsOf);
    if (imported !== undefined) {
      const known = knownModuleApi(imported.module, imported.name, this.configured);
      if (known !== undefined) return known;
    }
    // The checker's first class declaration would be this one, and `apiOfShape` finds no API in it; or it finds
    // none, the name being a function's.
    if (this.isNoLockConstructor(reference)) return undefined;
    // A dependency without types gives the checker no declaration to read (its value is `any`): its name decides, as
    // below, without building the program to find that out.
    if (this.ask.isUntyped(reference))
      return imported === undefined ? undefined : namedApiOfImport(imported, reference);
    const symbol = reference.getSymbol();
    const target = symbol?.isAlias() === true ? symbol.getAliasedSymbol() : symbol;
    for (const declaration of target?.getDeclarations() ?? []) {
      if (Node.isClassDeclaration(declaration) || Node.isInterfaceDeclaration(declaration)) {
        if (isCompilerDeclaration(declaration.getSourceFile().getFilePath())) return undefined;
        const inProject =
          !declaration.getSourceFile().isDeclarationFile() && !declaration.getSourceFile().isInNodeModules();
        return apiOfShape(declaration, inProject);
      }
    }
    return imported === undefined ? undefined : namedApiOfImport(imported, reference);
  }
}

/**
 * The lock API an import of a package is taken for by its name alone (`namedApi`: `…Mutex`, `…Lock`; a default
 * import by the name it is given), where neither a known module nor a declaration says what it is.
 */
function namedApiOfImport(imported: Imported, reference: Node): LockApi | undefined {
  if (imported.module.startsWith('.') || imported.required === true) return undefined;
  return namedApi(imported.name === 'default' ? reference.getText() : imported.name);
}

/** How a call on a lock takes it, or undefined when the method does not take the lock. */
function styleOf(api: LockApi, method: string, call: CallExpression): AcquisitionStyle | undefined {
  if (api.family === 'web-locks') return isWebLockRequest(method, call.getArguments().length) ? 'web' : undefined;
  if (api.keyed && method === 'acquire') return call.getArguments().length >= 2 ? 'keyed' : undefined;
  if (api.runMethods.includes(method)) return 'run';
  if (api.acquireMethods.includes(method)) return 'acquire';
  return undefined;
}

/** The identity of the lock an acquisition takes. */
function lockKeyOf(style: AcquisitionStyle, holder: LockHolder | undefined, call: CallExpression): string | undefined {
  if (holder === undefined) return undefined;
  if (style !== 'keyed') return holder.key;
  const key = literalValue(call.getArguments()[0]);
  return key === undefined ? undefined : `${holder.key}#${key}`;
}

/** A Web Locks request waits for an exclusive hold unless it asks for `shared`, `ifAvailable` or `steal`. */
function isExclusiveRequest(call: CallExpression): boolean {
  const options = call.getArguments().length >= 3 ? skipOuterExpressions(call.getArguments()[1] ?? call) : undefined;
  if (options === undefined) return true;
  if (!Node.isObjectLiteralExpression(options)) return false;
  for (const property of options.getProperties()) {
    if (!Node.isPropertyAssignment(property)) {
      if (!Node.isShorthandPropertyAssignment(property) || property.getName() !== 'signal') return false;
      continue;
    }
    const name = property.getName();
    const value = property.getInitializer()?.getText();
    if (name === 'mode' && value !== "'exclusive'" && value !== '"exclusive"') return false;
    if ((name === 'ifAvailable' || name === 'steal') && value !== 'false') return false;
  }
  return true;
}

/** A placeholder section, replaced once the acquisition's style is known. */
function emptySection(call: CallExpression): Section {
  return {
    host: hostOf(call),
    callback: undefined,
    start: call.getEnd(),
    end: call.getEnd(),
    opaque: true,
    awaitPoints: [],
    maybeAwaitPoints: [],
    earlyReturns: [],
  };
}

/** The section between an `acquire()` and its release. */
function sectionOfRange(call: CallExpression, plan: ReleasePlan): Section {
  const host = hostOf(call);
  const start = plan.statement?.getEnd() ?? call.getEnd();
  const end = plan.kind === 'escaped' ? host.getEnd() : plan.end;
  const awaitPoints = ownAwaitPoints(host).filter((p) => p.getStart() >= start && p.getStart() < end);
  const earlyReturns = plan.kind === 'finally' ? returnedBeforeRelease(host, start, end, plan) : [];
  return {
    host,
    callback: undefined,
    start,
    end,
    opaque: plan.kind === 'escaped',
    awaitPoints,
    maybeAwaitPoints: [],
    earlyReturns,
  };
}

/**
 * The calls a section returns the promise of without awaiting it (`try { return this.load(key); } finally {
 * unlock(); }`), from inside a `try` whose `finally` holds one of the releases: the release runs as soon as the
 * `return` hands the promise back. Only a call made there, which starts the work, and only a value
 * `isPromiseLike` shows to be a promise (a promise stored earlier stands for work the lock did not start).
 */
function returnedBeforeRelease(host: Node, start: number, end: number, plan: ReleasePlan): Node[] {
  const found: Node[] = [];
  forEachOwnNode(host, (node) => {
    if (!Node.isReturnStatement(node) || node.getStart() < start || node.getStart() >= end) return;
    const value = node.getExpression();
    if (value === undefined || !Node.isCallExpression(skipOuterExpressions(value))) return;
    if (!isInReleasingTry(node, plan.releases)) return;
    if (isPromiseLike(value) === true) found.push(value);
  });
  return found;
}

/** True when a statement is in the `try` block or a `catch` of a `try` whose `finally` holds one of the releases. */
function isInReleasingTry(statement: Node, releases: readonly Node[]): boolean {
  for (let at = statement.getParent(); at !== undefined && !isFunctionLike(at); at = at.getParent()) {
    if (!Node.isTryStatement(at)) continue;
    const cleanup = at.getFinallyBlock();
    if (cleanup === undefined || cleanup.containsRange(statement.getPos(), statement.getEnd())) continue;
    if (releases.some((release) => cleanup.containsRange(release.getPos(), release.getEnd()))) return true;
  }
  return false;
}

/** The section of `runExclusive(fn)`, `acquire(key, fn)` and `request(name, fn)`: the callback's body. */
function sectionOfCallback(call: CallExpression, style: AcquisitionStyle): Section {
  const callback = callbackOf(call, style);
  if (callback === undefined) return { ...emptySection(call), opaque: true };
  const body = bodyOf(callback);
  if (body === undefined) return { ...emptySection(call), opaque: true };
  const doneCallback = style === 'keyed' && callbackParameterCount(callback) > 0;
  const awaitPoints = ownAwaitPoints(body);
  const maybeAwaitPoints: Node[] = [];
  for (const returned of returnedExpressions(callback)) {
    const promise = isPromiseLike(returned);
    if (promise === true) awaitPoints.push(returned);
    else if (promise === undefined) maybeAwaitPoints.push(returned);
  }
  awaitPoints.sort((a, b) => a.getStart() - b.getStart());
  return {
    host: callback,
    callback,
    start: body.getStart(),
    end: body.getEnd(),
    opaque: doneCallback,
    awaitPoints,
    maybeAwaitPoints,
    earlyReturns: [],
  };
}

/** The function a callback-style acquisition runs: written inline, or a function named by an identifier. */
function callbackOf(call: CallExpression, style: AcquisitionStyle): Node | undefined {
  const args = call.getArguments();
  const candidate = style === 'keyed' ? args[1] : style === 'web' ? args[args.length - 1] : args[0];
  if (candidate === undefined) return undefined;
  const inner = skipOuterExpressions(candidate);
  if (Node.isArrowFunction(inner) || Node.isFunctionExpression(inner)) return inner;
  const declaration = declarationOf(inner);
  if (declaration !== undefined && Node.isFunctionDeclaration(declaration) && declaration.getBody() !== undefined)
    return declaration;
  if (declaration !== undefined && Node.isVariableDeclaration(declaration)) {
    const initializer = declaration.getInitializer();
    if (initializer !== undefined && (Node.isArrowFunction(initializer) || Node.isFunctionExpression(initializer)))
      return initializer;
  }
  return undefined;
}

/** Number of parameters a callback declares. */
function callbackParameterCount(callback: Node): number {
  if (Node.isArrowFunction(callback) || Node.isFunctionExpression(callback) || Node.isFunctionDeclaration(callback))
    return callback.getParameters().length;
  return 0;
}

/** True when a value is a promise (has `then`), false when it is not, undefined when its type is unknown. */
function isPromiseLike(expression: Node): boolean | undefined {
  const type = expression.getType();
  if (type.isAny() || type.isUnknown())
    return Node.isCallExpression(skipOuterExpressions(expression))
      ? calledIsAsync(skipOuterExpressions(expression))
      : undefined;
  const parts = type.isUnion() ? type.getUnionTypes() : [type];
  if (parts.some((t) => t.isAny() || t.isUnknown())) return undefined;
  return parts.some((t) => t.getProperty('then') !== undefined);
}

/** For a call whose type is unknown: true when it calls a project `async` function, else unknown. */
function calledIsAsync(call: Node): boolean | undefined {
  if (!Node.isCallExpression(call)) return undefined;
  const symbol = skipOuterExpressions(call.getExpression()).getSymbol();
  const declaration = symbol?.getDeclarations()[0];
  return declaration !== undefined && isFunctionLike(declaration) && isAsync(declaration) ? true : undefined;
}

/** The variable, field or parameter an expression names (aliases followed). */
function declarationOf(expression: Node): Node | undefined {
  const node = skipOuterExpressions(expression);
  const nameNode = Node.isPropertyAccessExpression(node) ? node.getNameNode() : node;
  if (!Node.isIdentifier(nameNode) && !Node.isPrivateIdentifier(nameNode)) return undefined;
  let symbol = nameNode.getSymbol();
  if (symbol === undefined) return undefined;
  if (symbol.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
  const declarations = symbol.getDeclarations();
  const variableLike = declarations.find(
    (d) =>
      Node.isVariableDeclaration(d) ||
      Node.isPropertyDeclaration(d) ||
      Node.isParameterDeclaration(d) ||
      Node.isPropertySignature(d) ||
      Node.isFunctionDeclaration(d),
  );
  if (variableLike !== undefined) return variableLike;
  // A JavaScript property declared by its assignments (`this.lock = new Mutex()`): the first one, as the reference
  // index resolves a use of the name to the symbol's declarations.
  return declarations.find(
    (d) =>
      Node.isBinaryExpression(d) && Node.isPropertyAccessExpression(d.getLeft()) && isJavaScriptFile(d.getSourceFile()),
  );
}

/**
 * The declaration `declarationOf` finds, from syntax for `this.name` (or an alias's `self.name`) when it settles
 * the property (`thisPropertyBySyntax`): its field, or, for a JavaScript property declared by its assignments
 * (`this.lock = new Mutex()` in the constructor), the first assignment, as the checker's first declaration.
 */
function lockDeclarationOf(view: ProjectView, expression: Node): Node | undefined {
  const node = skipOuterExpressions(expression);
  const property = Node.isPropertyAccessExpression(node)
    ? thisPropertyBySyntax(view, node.getSourceFile(), node.compilerNode)
    : undefined;
  if (property === undefined) return declarationOf(node);
  if (property.field !== undefined) return view.wrap(node.getSourceFile(), property.field);
  const first = Node.isPropertyAccessExpression(node)
    ? firstThisAssignmentOf(view, node.getSourceFile(), node.compilerNode)
    : undefined;
  return first === undefined ? undefined : view.wrap(node.getSourceFile(), first);
}

/**
 * The first `this.name = …` statement in the file (by position) made in the instance code of the class whose `this`
 * the access reads: for a property `thisPropertyBySyntax` settled, every write is such a statement.
 */
function firstThisAssignmentOf(
  view: ProjectView,
  file: SourceFile,
  access: ts.PropertyAccessExpression,
): ts.BinaryExpression | undefined {
  const home = thisHomeOf(access)?.node;
  let first: ts.BinaryExpression | undefined;
  for (const occurrence of view.references.occurrencesIn(file, access.name.text)) {
    const written = occurrence.compilerNode.parent;
    if (!ts.isPropertyAccessExpression(written) || written.expression.kind !== ts.SyntaxKind.ThisKeyword) continue;
    const assignment = written.parent;
    if (
      !ts.isBinaryExpression(assignment) ||
      assignment.left !== written ||
      assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken
    )
      continue;
    const where = thisHomeOf(written);
    if (where === undefined || where.isStatic || (home !== undefined && where.node !== home)) continue;
    if (first === undefined || assignment.pos < first.pos) first = assignment;
  }
  return first;
}

/** `this.x = <expr>` assignments to a field inside its class's constructors. */
function constructorAssignments(property: Node): Node[] {
  const owner = property.getParent();
  if (!Node.isClassDeclaration(owner) && !Node.isClassExpression(owner)) return [];
  const name = Node.isPropertyDeclaration(property) ? property.getName() : '';
  const out: Node[] = [];
  for (const constructor of owner.getConstructors()) {
    constructor.forEachDescendant((n) => {
      if (!Node.isBinaryExpression(n) || n.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return;
      const left = n.getLeft();
      if (
        Node.isPropertyAccessExpression(left) &&
        Node.isThisExpression(left.getExpression()) &&
        left.getName() === name
      )
        out.push(n.getRight());
    });
  }
  return out;
}

/**
 * What an imported name stands for: the module and its export (`default`, or `*` for the whole module). `required`
 * marks a CommonJS binding of `require(…)`: read for the lock libraries the model knows by module, not for a guess by
 * name (`namedApiOfImport`), which stays with ES imports, as before CommonJS was read.
 */
interface Imported {
  module: string;
  name: string;
  required?: true;
}

/** The module and exported name an imported identifier (or `ns.Name`) comes from. */
function importOf(reference: Node, declarationsOfName: (name: Identifier) => readonly Node[]): Imported | undefined {
  if (Node.isPropertyAccessExpression(reference) || Node.isQualifiedName(reference)) {
    const left = Node.isPropertyAccessExpression(reference) ? reference.getExpression() : reference.getLeft();
    const right = Node.isPropertyAccessExpression(reference) ? reference.getName() : reference.getRight().getText();
    const namespace = importOf(left, declarationsOfName);
    return namespace?.name === '*' ? { ...namespace, name: right } : undefined;
  }
  if (!Node.isIdentifier(reference)) return undefined;
  // Settled from syntax where it can be: a global is no import, and a name the file declares once is an import only
  // if that declaration is one (an import's alias carries every meaning, so a type position finds it too).
  for (const declaration of declarationsOfName(reference)) {
    if (Node.isImportSpecifier(declaration)) {
      return { module: declaration.getImportDeclaration().getModuleSpecifierValue(), name: declaration.getName() };
    }
    if (Node.isImportClause(declaration)) {
      const importDeclaration = declaration.getParent();
      if (Node.isImportDeclaration(importDeclaration))
        return { module: importDeclaration.getModuleSpecifierValue(), name: 'default' };
    }
    if (Node.isNamespaceImport(declaration)) {
      const importDeclaration = declaration.getFirstAncestorByKind(SyntaxKind.ImportDeclaration);
      if (importDeclaration !== undefined) return { module: importDeclaration.getModuleSpecifierValue(), name: '*' };
    }
    const required = requiredImportOf(declaration);
    if (required !== undefined)
      return required.name === '*' && !isNamespacePath(reference) ? { ...required, name: 'default' } : required;
  }
  return undefined;
}

/**
 * What a CommonJS `require` binds, read as the import it stands for: `const { Mutex } = require('async-mutex')` (and
 * `{ Mutex: M }`) the export `Mutex`, `const lock = require('async-lock')` the whole module (`*`: its members are read
 * as a namespace's, tsc's `async_mutex_1.Mutex`, and, called or constructed itself, its default export), as the name
 * binding reads them (`requiredValueOf`); and `const Mutex = require('async-mutex').Mutex`, the export `Mutex`. Only a
 * `const` binds for good; a `let` or `var` may be given anything later.
 */
function requiredImportOf(declaration: Node): Imported | undefined {
  if (!Node.isBindingElement(declaration) && !Node.isVariableDeclaration(declaration)) return undefined;
  const variable = Node.isBindingElement(declaration) ? declaration.getParent().getParent() : declaration;
  if (!Node.isVariableDeclaration(variable) || !isConstDeclaration(variable)) return undefined;
  const bound = requiredValueOf(declaration.getNameNode().compilerNode, declaration.getSourceFile().compilerNode);
  if (bound !== undefined) return { ...bound, required: true };
  if (declaration !== variable) return undefined;
  const initializer = variable.getInitializer();
  const access = initializer === undefined ? undefined : skipOuterExpressions(initializer);
  if (!Node.isPropertyAccessExpression(access)) return undefined;
  const module = requiredSpecifierOf(skipOuterExpressions(access.getExpression()).compilerNode as ts.Expression)?.text;
  return module === undefined ? undefined : { module, name: access.getName(), required: true };
}

/** True when a name is the left side of a member read (`lock.AsyncLock`, `ns.Name`). */
function isNamespacePath(reference: Node): boolean {
  const parent = reference.getParent();
  return (
    (Node.isPropertyAccessExpression(parent) && parent.getExpression() === reference) ||
    (Node.isQualifiedName(parent) && parent.getLeft() === reference)
  );
}

/** `navigator.locks`, `globalThis.navigator.locks`, `window.navigator.locks`. */
function isNavigatorLocks(expression: Node): boolean {
  return /(^|\.)navigator\??\.locks$/.test(skipOuterExpressions(expression).getText().replace(/\s+/g, ''));
}

/** The string value of a literal or of a `const` initialised with one. */
function literalValue(node: Node | undefined): string | undefined {
  if (node === undefined) return undefined;
  const inner = skipOuterExpressions(node);
  if (Node.isStringLiteral(inner) || Node.isNoSubstitutionTemplateLiteral(inner)) return inner.getLiteralValue();
  if (Node.isIdentifier(inner) || Node.isPropertyAccessExpression(inner)) {
    const declaration = declarationOf(inner);
    if (
      declaration !== undefined &&
      (Node.isVariableDeclaration(declaration) || Node.isPropertyDeclaration(declaration))
    ) {
      const isConst = Node.isVariableDeclaration(declaration)
        ? declaration.getVariableStatement()?.getDeclarationKind() === VariableDeclarationKind.Const
        : declaration.isReadonly();
      const initializer = declaration.getInitializer();
      if (
        isConst &&
        initializer !== undefined &&
        (Node.isStringLiteral(initializer) || Node.isNoSubstitutionTemplateLiteral(initializer))
      )
        return initializer.getLiteralValue();
    }
  }
  return undefined;
}

/** The declared name of a holder. */
function nameOf(declaration: Node): string {
  if (
    Node.isVariableDeclaration(declaration) ||
    Node.isPropertyDeclaration(declaration) ||
    Node.isParameterDeclaration(declaration) ||
    Node.isPropertySignature(declaration)
  ) {
    return declaration.getName();
  }
  const assigned = Node.isBinaryExpression(declaration) ? declaration.getLeft() : undefined;
  if (Node.isPropertyAccessExpression(assigned)) return assigned.getName();
  return declaration.getText();
}

/** True for `new Semaphore(1)` (one permit: a mutex). */
function singlePermit(declaration: Node): boolean {
  const initializer = initialValueOf(declaration);
  const inner = initializer === undefined ? undefined : skipOuterExpressions(initializer);
  if (inner === undefined || !Node.isNewExpression(inner)) return false;
  return inner.getArguments()[0]?.getText() === '1';
}
