import { Node, SyntaxKind, ts } from 'ts-morph';
import type { ClassDeclaration, InterfaceDeclaration, Type } from 'ts-morph';
import type { ConfiguredLockApi } from './settings.js';
import { ownReturnsOf } from '../ast/own-returns.js';
import { skipOuterCompilerExpressions } from '../ast/skip-outer-expressions.js';

/** Where a lock API was recognised from. */
export type LockFamily = 'async-mutex' | 'async-lock' | 'web-locks' | 'project' | 'library' | 'configured' | 'named';

/** How a kind of lock is used and what it guarantees. */
export interface LockApi {
  family: LockFamily;
  /** For messages: "async-mutex `Mutex`", "`AsyncLock`". */
  label: string;
  /** Methods that run a callback while holding the lock (`runExclusive(fn)`). */
  runMethods: readonly string[];
  /** Methods that take the lock and resolve to a release function, a `[value, release]` pair, a disposable, or nothing. */
  acquireMethods: readonly string[];
  /** Methods on the lock itself that release it (`mutex.release()`, `unlock()`). */
  releaseMethods: readonly string[];
  /** async-lock: `acquire(key, fn)` runs `fn` under the lock of `key`. */
  keyed: boolean;
  /** Whether a holder may take the lock again: `unknown` when the implementation is not visible. */
  reentrant: 'no' | 'yes' | 'unknown';
  /** Web Locks and configured inter-process locks coordinate other threads, where event-loop reasoning does not apply. */
  interAgent: boolean;
  /** A semaphore may admit more than one holder. */
  semaphore: boolean;
}

const MUTEX: LockApi = {
  family: 'async-mutex',
  label: 'async-mutex `Mutex`',
  runMethods: ['runExclusive'],
  acquireMethods: ['acquire'],
  releaseMethods: ['release'],
  keyed: false,
  reentrant: 'no',
  interAgent: false,
  semaphore: false,
};
const SEMAPHORE: LockApi = { ...MUTEX, label: 'async-mutex `Semaphore`', semaphore: true };
const ASYNC_LOCK: LockApi = {
  family: 'async-lock',
  label: 'async-lock `AsyncLock`',
  runMethods: [],
  acquireMethods: ['acquire'],
  releaseMethods: [],
  keyed: true,
  reentrant: 'no',
  interAgent: false,
  semaphore: false,
};
/** The Web Locks API (`navigator.locks`). */
export const WEB_LOCKS: LockApi = {
  family: 'web-locks',
  label: 'Web Locks',
  runMethods: ['request'],
  acquireMethods: [],
  releaseMethods: [],
  keyed: false,
  reentrant: 'no',
  interAgent: true,
  semaphore: false,
};

/** Every method name that can take a lock, for a quick filter of call sites. */
export function acquiringMethodNames(configured: readonly ConfiguredLockApi[]): ReadonlySet<string> {
  const names = new Set(['runExclusive', 'acquire', 'lock', 'request']);
  for (const api of configured) for (const name of [...api.runExclusive, ...api.acquire]) names.add(name);
  return names;
}

/** The API of a class exported by a known lock module, by its exported name. */
export function knownModuleApi(
  module: string,
  exported: string,
  configured: readonly ConfiguredLockApi[],
): LockApi | undefined {
  const fromConfig = configured.find((c) => c.module === module && c.export === exported);
  if (fromConfig !== undefined) return configuredApi(fromConfig);
  if (module === 'async-mutex') {
    if (exported === 'Mutex' || exported === 'MutexInterface') return MUTEX;
    if (exported === 'Semaphore' || exported === 'SemaphoreInterface') return SEMAPHORE;
    return undefined;
  }
  if (module === 'async-lock' && (exported === 'default' || exported === 'AsyncLock')) return ASYNC_LOCK;
  return undefined;
}

/** True for the async-mutex helpers that wrap a lock and return one of the same kind. */
export function isLockWrapper(module: string, exported: string): boolean {
  return module === 'async-mutex' && (exported === 'withTimeout' || exported === 'tryAcquire');
}

/** The API a configured entry describes. */
function configuredApi(entry: ConfiguredLockApi): LockApi {
  return {
    family: 'configured',
    label: `${entry.module} \`${entry.export}\``,
    runMethods: entry.runExclusive,
    acquireMethods: entry.acquire,
    releaseMethods: entry.release,
    keyed: false,
    reentrant: entry.reentrant ? 'yes' : 'no',
    interAgent: entry.interProcess,
    semaphore: false,
  };
}

/** A name that says its class is a lock: `Mutex`, `AsyncLock`, `DisposableLock`, `Semaphore`. */
const LOCK_NAME = /(^|[a-z])(Mutex|Lock|Semaphore)$/;

/**
 * A lock API guessed from the imported name alone (`Mutex`, `AsyncLock`,
 * `Semaphore`), used when the module's types are not installed. Call shapes
 * decide the rest; re-entrancy stays unknown.
 */
export function namedApi(name: string): LockApi | undefined {
  if (!LOCK_NAME.test(name) || /ReadWrite|RW|Read|Write|Shared|Redis|Red/.test(name)) return undefined;
  return {
    family: 'named',
    label: `\`${name}\``,
    runMethods: ['runExclusive'],
    acquireMethods: ['acquire', 'lock'],
    releaseMethods: ['release', 'unlock'],
    keyed: false,
    reentrant: 'unknown',
    interAgent: false,
    semaphore: /Semaphore$/.test(name),
  };
}

/** The lock API of a type, from the checker: a known module's class, Web Locks' `LockManager`, or a lock-shaped class. */
export function apiOfType(type: Type, configured: readonly ConfiguredLockApi[]): LockApi | undefined {
  if (type.isAny() || type.isUnknown()) return undefined;
  const symbol = type.getAliasSymbol() ?? type.getSymbol();
  if (symbol === undefined) return undefined;
  for (const declaration of symbol.getDeclarations()) {
    if (!Node.isClassDeclaration(declaration) && !Node.isInterfaceDeclaration(declaration)) continue;
    const api = apiOfTypeDeclaration(declaration, configured);
    if (api !== undefined) return api;
  }
  return undefined;
}

/**
 * The lock API one class or interface declaration of a type's symbol gives it (`apiOfType`): a known or configured
 * module's export, Web Locks' `LockManager`, or the shape of its methods.
 */
export function apiOfTypeDeclaration(
  declaration: ClassDeclaration | InterfaceDeclaration,
  configured: readonly ConfiguredLockApi[],
): LockApi | undefined {
  const name = declaration.getName() ?? 'default';
  const path = declaration.getSourceFile().getFilePath();
  const module = moduleOfPath(path);
  if (module !== undefined) {
    const known =
      knownModuleApi(module, name, configured) ??
      (name === 'AsyncLock' ? knownModuleApi(module, 'default', configured) : undefined);
    if (known !== undefined) return known;
  }
  if (module === COMPILER_MODULE) return undefined;
  if (name === 'LockManager' && declaration.getSourceFile().isDeclarationFile() && module === undefined)
    return WEB_LOCKS;
  return apiOfShape(declaration, module === undefined && !declaration.getSourceFile().isDeclarationFile());
}

/**
 * The lock API a class of a dependency's declaration files gives its instances when its module is a known or
 * configured lock module (`apiOfTypeDeclaration`'s first test, on the compiler's node); undefined otherwise.
 */
export function knownApiOfDeclaration(
  declaration: ts.ClassDeclaration,
  configured: readonly ConfiguredLockApi[],
): LockApi | undefined {
  const module = moduleOfPath(declaration.getSourceFile().fileName);
  if (module === undefined) return undefined;
  const name = declaration.name?.text ?? 'default';
  return (
    knownModuleApi(module, name, configured) ??
    (name === 'AsyncLock' ? knownModuleApi(module, 'default', configured) : undefined)
  );
}

/**
 * False when a declaration of a type's symbol cannot make `apiOfType` find an
 * API: not a class or interface, or one outside the known and configured lock
 * modules, not named `LockManager`, and without a method `apiOfShape` looks
 * for. A syntax test on the compiler's node: the checker's type is asked only
 * when a declaration passes it.
 */
export function mayDeclareLockApi(declaration: ts.Declaration, configured: readonly ConfiguredLockApi[]): boolean {
  if (!ts.isClassDeclaration(declaration) && !ts.isInterfaceDeclaration(declaration)) return false;
  const module = moduleOfPath(declaration.getSourceFile().fileName);
  if (module === 'async-mutex' || module === 'async-lock') return true;
  if (module !== undefined && configured.some((c) => c.module === module)) return true;
  if (module === COMPILER_MODULE) return false;
  if (declaration.name?.text === 'LockManager') return true;
  const members: readonly ts.Node[] = declaration.members;
  return members.some((member) => isShapeMethod(member) && !returnsReceiver(declaration, member.name.text));
}

/** The method names without which `apiOfShape` finds no API. */
const SHAPE_METHODS: ReadonlySet<string> = new Set(['runExclusive', 'acquire', 'lock']);

/** True for a method (or method signature) that `apiOfShape` may count: it reads the name as written, so only a plain identifier can match. */
function isShapeMethod(
  member: ts.Node,
): member is (ts.MethodDeclaration | ts.MethodSignature) & { readonly name: ts.Identifier } {
  if (!ts.isMethodDeclaration(member) && !ts.isMethodSignature(member)) return false;
  return ts.isIdentifier(member.name) && SHAPE_METHODS.has(member.name.text);
}

/**
 * True when every declaration of the class's or interface's method `name` hands back its receiver at once: a return
 * type `this` or naming the declaration itself, or, with no type written, a body that is not `async` and whose every
 * `return` gives `this`. Nothing can wait on such a method: LoopBack's `Binding.lock(): this` marks a binding read-only
 * and returns it for chaining, and a later `lock()` neither waits nor fails to return, so it is no acquisition.
 */
function returnsReceiver(declaration: ts.ClassDeclaration | ts.InterfaceDeclaration, name: string): boolean {
  const methods = declaration.members.filter(
    (member): member is ts.MethodDeclaration | ts.MethodSignature =>
      (ts.isMethodDeclaration(member) || ts.isMethodSignature(member)) &&
      ts.isIdentifier(member.name) &&
      member.name.text === name,
  );
  return methods.length > 0 && methods.every((method) => handsBackReceiver(method, declaration.name?.text));
}

/** `returnsReceiver` for one declaration of the method. */
function handsBackReceiver(method: ts.MethodDeclaration | ts.MethodSignature, ownName: string | undefined): boolean {
  const type = method.type;
  if (type !== undefined)
    return (
      type.kind === ts.SyntaxKind.ThisType ||
      (ts.isTypeReferenceNode(type) &&
        type.typeArguments === undefined &&
        ts.isIdentifier(type.typeName) &&
        type.typeName.text === ownName)
    );
  if (!ts.isMethodDeclaration(method) || method.body === undefined) return false;
  if (method.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword) === true) return false;
  if (method.asteriskToken !== undefined) return false;
  const returns = ownReturnsOf(method.body);
  return (
    returns.length > 0 &&
    returns.every(
      (statement) =>
        statement.expression !== undefined &&
        skipOuterCompilerExpressions(statement.expression).kind === ts.SyntaxKind.ThisKeyword,
    )
  );
}

/**
 * The module of the compiler's own declarations: the `lib` files are read from `/node_modules/typescript/lib`. They
 * declare no lock a type can lead to: `ScreenOrientation`'s `lock()`/`unlock()` pin a screen's orientation, and Web
 * Locks' `LockManager` is found where its value is, `navigator.locks` (`isNavigatorLocks`), not by its type.
 */
const COMPILER_MODULE = 'typescript';

/** True for a declaration file of the compiler's own (`lib.dom.d.ts`), which declares no lock (`COMPILER_MODULE`). */
export function isCompilerDeclaration(path: string): boolean {
  return moduleOfPath(path) === COMPILER_MODULE;
}

/** `async-mutex` for `/node_modules/async-mutex/lib/Mutex.d.ts`, `@types/async-lock` → `async-lock`. */
function moduleOfPath(path: string): string | undefined {
  const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (match?.[1] === undefined) return undefined;
  const module = match[1];
  return module.startsWith('@types/') ? module.slice('@types/'.length).replace(/^([^_]+)__/, '@$1/') : module;
}

/**
 * A class or interface shaped like a lock: a `runExclusive(fn)` method, an
 * `acquire()` that resolves to a release function or a disposable, or
 * `lock()`/`unlock()` and `acquire()`/`release()` pairs.
 */
export function apiOfShape(
  declaration: ClassDeclaration | InterfaceDeclaration,
  inProject: boolean,
): LockApi | undefined {
  const methods = methodArity(declaration);
  for (const name of SHAPE_METHODS) if (returnsReceiver(declaration.compilerNode, name)) methods.delete(name);
  const run = methods.has('runExclusive') ? ['runExclusive'] : [];
  const acquire: string[] = [];
  const release: string[] = [];
  const releases = (name: string): boolean => methods.get(name) === 0;
  if (methods.has('acquire') && (releases('release') || returnsReleaser(declaration, 'acquire')))
    acquire.push('acquire');
  if (releases('release')) release.push('release');
  if (methods.has('lock') && releases('unlock')) {
    acquire.push('lock');
    release.push('unlock');
  } else if (methods.has('lock') && returnsReleaser(declaration, 'lock')) acquire.push('lock');
  if (run.length === 0 && acquire.length === 0) return undefined;
  const name = declaration.getName() ?? 'lock';
  return {
    family: inProject ? 'project' : 'library',
    label: `\`${name}\``,
    runMethods: run,
    acquireMethods: acquire,
    releaseMethods: release,
    keyed: false,
    reentrant: inProject ? reentrancyOf(declaration) : 'unknown',
    interAgent: false,
    semaphore: /semaphore/i.test(name),
  };
}

/** Methods a class or interface declares, with how many parameters each requires. */
function methodArity(declaration: ClassDeclaration | InterfaceDeclaration): Map<string, number> {
  const out = new Map<string, number>();
  for (const member of declaration.getMembers()) {
    if (!Node.isMethodDeclaration(member) && !Node.isMethodSignature(member)) continue;
    const required = member
      .getParameters()
      .filter((p) => !p.isOptional() && !p.hasInitializer() && !p.isRestParameter()).length;
    out.set(member.getName(), Math.min(required, out.get(member.getName()) ?? required));
  }
  return out;
}

/**
 * True when the method (`acquire()`, or `lock()` without an `unlock()`: @livekit/mutex's `lock(): Promise<() =>
 * void>`) resolves to a function, or, for a class named as a lock, to something with `release`/`[Symbol.dispose]`.
 */
function returnsReleaser(declaration: ClassDeclaration | InterfaceDeclaration, name: 'acquire' | 'lock'): boolean {
  const method = declaration
    .getMembers()
    .find((m) => (Node.isMethodDeclaration(m) || Node.isMethodSignature(m)) && m.getName() === name);
  if (method === undefined || !(Node.isMethodDeclaration(method) || Node.isMethodSignature(method))) return false;
  let type = method.getReturnType();
  const awaited = type.getSymbol()?.getName() === 'Promise' ? type.getTypeArguments()[0] : undefined;
  if (awaited !== undefined) type = awaited;
  if (type.getCallSignatures().length > 0) return true;
  // A handle with `release()` or `dispose()` is what a reference-counted cache's `acquire(key)` hands out too (Theia's
  // `ReferenceCollection`): only a class named as a lock is taken to lock by handing one out.
  if (!LOCK_NAME.test(declaration.getName() ?? '')) return false;
  return type.getProperties().some((p) => p.getName() === 'release' || p.getName().includes('dispose'));
}

/** A project lock class is re-entrant when its name or its fields say it tracks an owner or a depth. */
function reentrancyOf(declaration: ClassDeclaration | InterfaceDeclaration): 'no' | 'yes' | 'unknown' {
  if (/reentrant|recursive/i.test(declaration.getName() ?? '')) return 'yes';
  if (Node.isInterfaceDeclaration(declaration)) return 'unknown';
  const fields = declaration.getDescendantsOfKind(SyntaxKind.PropertyDeclaration).map((p) => p.getName());
  return fields.some((f) => /owner|depth|holdCount|recursion|reentr/i.test(f)) ? 'unknown' : 'no';
}
