import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileTree } from './support/file-tree.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../src/load/project.js';
import { analyseView } from '../src/pipeline.js';
import { RULES } from '../rules/index.js';

/** The --debug timing of building the program and creating its checker: present only when they were built. */
const PROGRAM = '(program and checker)';

const TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'es2022', module: 'esnext', moduleResolution: 'bundler', strict: true, noEmit: true },
  include: ['src'],
});

/** Files whose every question syntax settles: imports of different modules, a short `request`, stored builtins. */
const SYNTAX_ONLY: Record<string, string> = {
  'tsconfig.json': TSCONFIG,
  'src/lib.ts': 'export const a = 1;\nexport const b = 2;\n',
  'src/other.ts': 'export const c = 3;\n',
  'src/main.ts': "import { a } from './lib';\nimport { c } from './other';\n\nexport const sum = a + c;\n",
  'src/queue.ts': [
    'export class Queue {',
    '  private readonly pending = new Map<string, number>();',
    '  private readonly controller = new AbortController();',
    '',
    '  send(client: { request(body: unknown): void }): void {',
    '    client.request({});',
    "    this.pending.set('x', 1);",
    '    this.controller.abort();',
    '  }',
    '',
    // Two arguments, as Web Locks takes them, but the last is a number: no callback, so no lock whatever `pages` is.
    '  more(pages: { request(lease: string, count: number): void }, size: number): void {',
    "    pages.request('lease', size * 2 + 1);",
    '  }',
    '}',
    '',
  ].join('\n'),
  // An HTTP client's `request(options, callback)`, shaped as Web Locks' is: no file spells `navigator.locks` or
  // declares a `LockManager`, so no receiver can be Web Locks' API, the one whose `request` takes a lock.
  'src/http.ts': [
    'export function get(transport: { request(options: object, done: (status: number) => void): void }): void {',
    '  transport.request({}, (status) => {',
    '    void status;',
    '  });',
    '}',
    '',
  ].join('\n'),
  // Timers given variables that hold only functions (a `let` typed by its assignments) or are typed `any`: never a
  // string, as no read narrows them to one.
  'src/timing.ts': [
    'export function retry(run: () => boolean, delay: number): Promise<void> {',
    '  let later;',
    '  let wakeUp: any = () => undefined;',
    '  later = function () {',
    '    if (!run()) setTimeout(later, delay);',
    '    else wakeUp();',
    '  };',
    '  return new Promise<void>((resolve) => {',
    '    wakeUp = resolve;',
    '    setTimeout(later, delay);',
    '    setTimeout(wakeUp, delay * 10);',
    '  });',
    '}',
    '',
    'export function whenDrained(stream: { once(event: string, listener: () => void): void }, ready: boolean): void {',
    '  let finalize = () => undefined;',
    "  if (!ready) stream.once('drain', finalize);",
    '  else setImmediate(finalize);',
    '}',
    '',
  ].join('\n'),
  // Names declared twice, each occurrence placed by syntax: a type-only import and a variable of its name (one
  // symbol), an `infer` type's parameter (seen in its true branch), a computed member name beside a parameter of it.
  'src/levels.ts':
    'export type Level = { rank: number };\nexport function levels(): { Level: Level } {\n  return { Level: { rank: 1 } };\n}\n',
  'src/merged.ts': [
    "import type { Level } from './levels';",
    "import { levels } from './levels';",
    '',
    'const { Level } = levels();',
    'export const debug: Level = Level;',
    'export type Unwrapped<T> = T extends { level: infer Level } ? Level : never;',
    "const kind = Symbol('kind');",
    'export interface Tagged {',
    '  [kind]?: string;',
    '  tag(kind: string): void;',
    '}',
    '',
  ].join('\n'),
  // A stored `new Map()` in a file that names a lock word and declares a type `Map`: the type declares no value, so
  // the constructor is the environment's, which makes no lock.
  'src/counts.ts': [
    'type Map = Record<string, number>;',
    '',
    'export function count(pool: { acquire: unknown }, totals: Map): number {',
    '  const seen = new Map<string, number>(Object.entries(totals));',
    '  return pool.acquire === undefined ? 0 : seen.size;',
    '}',
    '',
  ].join('\n'),
  // Lock-method names called on a module's namespace and on a function (effect's `Effect.request(request, resolver)`,
  // ethers' `computeHmac.lock()`): no lock API, whatever the arguments.
  'src/requests.ts': 'export function request(name: string, run: () => void): void {\n  run();\n}\n',
  'src/hmac.ts': "export function hmac(): string {\n  return '';\n}\nhmac.lock = (): void => undefined;\n",
  'node_modules/effects/package.json': JSON.stringify({ name: 'effects', types: 'index.d.ts' }),
  'node_modules/effects/index.d.ts': 'export declare function request(name: string, run: () => void): void;\n',
  'src/effects.ts': [
    "import * as Effects from 'effects';",
    "import { hmac } from './hmac';",
    "import * as Requests from './requests';",
    '',
    'export function run(resolver: () => void): void {',
    "  Requests.request('name', resolver);",
    "  Effects.request('name', resolver);",
    '  hmac.lock();',
    '}',
    '',
  ].join('\n'),
  // A query built from a local constant that reads as no SQL: the constant's text is followed from syntax.
  'src/search.ts': [
    'export function search(db: { query(text: string): void }, name: string): void {',
    "  const prefix = 'name:';",
    '  db.query(`${prefix}${name}`);',
    '}',
    '',
  ].join('\n'),
  // A timer given a method's `bind(…)` is given a function (`Function.prototype.bind`), whatever holds the method.
  'src/ticker.ts': [
    'export function start(handlers: { tick(): void }): void {',
    '  setTimeout(handlers.tick.bind(handlers), 10);',
    '}',
    '',
  ].join('\n'),
  // A file that names only Web Locks' `request` keeps no creation (no `new` makes a Web Locks API): what a typed
  // dependency's `new Router()` makes (an interface's construct signature, as DefinitelyTyped declares express's)
  // is not asked.
  'node_modules/routers/package.json': JSON.stringify({ name: 'routers', types: 'index.d.ts' }),
  'node_modules/routers/index.d.ts': [
    'interface Router {',
    '  handle(path: string): void;',
    '}',
    'interface RouterConstructor {',
    '  new (): Router;',
    '}',
    'export declare const Router: RouterConstructor;',
    '',
  ].join('\n'),
  'src/app.ts': [
    "import { Router } from 'routers';",
    '',
    'export class App {',
    '  private readonly router = new Router();',
    '',
    '  request(path: string): void {',
    '    this.router.handle(path);',
    '  }',
    '}',
    '',
  ].join('\n'),
};

/** A creation the lock model cannot settle from syntax: `Map` is the project's own class, and it takes a lock. */
const OWN_MAP: Record<string, string> = {
  ...SYNTAX_ONLY,
  'src/my-map.ts': [
    'export class Map {',
    '  async acquire(): Promise<() => void> {',
    '    return () => undefined;',
    '  }',
    '}',
    '',
  ].join('\n'),
  'src/holder.ts': "import { Map } from './my-map';\n\nexport class Holder {\n  readonly guard = new Map();\n}\n",
};

/** Two specifiers of one module: only the checker can say they are one, so the program is built. */
const ONE_MODULE_TWICE: Record<string, string> = {
  ...SYNTAX_ONLY,
  'src/dup.ts': "import { a } from './lib';\nimport { b } from './lib.js';\n\nexport const ab = a + b;\n",
};

/** A dependency imported by its root and by the path its `main` names: two names the package offers, told apart by specifier. */
const ONE_DEPENDENCY_TWO_NAMES: Record<string, string> = {
  ...SYNTAX_ONLY,
  'node_modules/kit/package.json': JSON.stringify({ name: 'kit', main: 'lib/common/index.js' }),
  'node_modules/kit/lib/common/index.d.ts': 'export declare const a: number;\nexport declare const b: number;\n',
  'src/dup.ts': "import { a } from 'kit';\nimport { b } from 'kit/lib/common';\n\nexport const ab = a + b;\n",
};

/**
 * Questions security and lock rules ask about names, settled from syntax
 * (rules/_shared/name-binding.ts): the global `Math` and `setTimeout`, a
 * random value's way through a local variable, a call given a `new
 * TransformStream()` in a file that names `request`, a `new` in a file that
 * spells a lock word only in a comment, a promise's `resolve`, a `crypto` import and calls of other names, a query
 * held in a local variable, a class imported through `export *`, a class of Node's `node:stream` and a global
 * constructor reached through `globalThis` stored in a file that names `request`, a random value passed to
 * `BigInt` or to `Math.cos`, a method's `bind(this)` and a function expression's own name given to a timer, and a function's overloads and a `var` declared twice, each one
 * binding.
 */
const NAMES_SETTLED: Record<string, string> = {
  ...SYNTAX_ONLY,
  // Random values passed to the class's own methods through `this`: one names a secret, one does not.
  'src/session.ts': [
    'export class Session {',
    '  private readonly log = (text: string): number => text.length;',
    '',
    '  rotate(token: number): number {',
    '    return this.log(String(token));',
    '  }',
    '',
    '  evict(provider: number): number {',
    '    return provider;',
    '  }',
    '',
    '  run(): number {',
    '    return this.rotate(Math.random()) + this.evict(Math.random()) + this.log(String(Math.random()));',
    '  }',
    '}',
    '',
  ].join('\n'),
  // A random delay given to a global timer, whose library parameters name no secret.
  'src/retry.ts': 'export function retry(run: () => void): void {\n  setTimeout(run, 100 + Math.random() * 50);\n}\n',
  // Names a type parameter or a type alias of the same name hides in types only.
  'src/shapes.ts': 'export interface Shape {\n  size: number;\n}\n',
  'src/profiles.ts': [
    "import type { Shape } from './shapes';",
    '',
    'export type Callback<Shape> = (shape: Shape) => void;',
    '',
    'export function area(shape: Shape): number {',
    '  return shape.size;',
    '}',
    '',
    'export const Store = class {',
    '  n = 1;',
    '};',
    'export type Store = InstanceType<typeof Store>;',
    'export const store: Store = new Store();',
    '',
  ].join('\n'),
  'src/token.ts': [
    'export function makeToken(): string {',
    '  const token = Math.random().toString(36);',
    '  return token;',
    '}',
    '',
  ].join('\n'),
  'src/nonce.ts': [
    'function encode(nonce: number): string {',
    '  return nonce.toString(36);',
    '}',
    '',
    'export function next(): string {',
    '  return encode(Math.random());',
    '}',
    '',
  ].join('\n'),
  'src/poll.ts': 'export function start(): void {\n  (function poll(): void {\n    setTimeout(poll, 10);\n  })();\n}\n',
  'src/spin.ts': [
    'export function spin(): number {',
    '  const angle = Math.random() * Math.PI * 2;',
    '  return Math.cos(angle);',
    '}',
    '',
  ].join('\n'),
  'src/sleep.ts': 'export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));\n',
  // Timer handlers imported through `export *` (agenda@5.0.0's `setInterval(processJobs.bind(this), …)`).
  'src/work/process.ts': [
    'export const processJobs = async function (this: { n: number }): Promise<void> {',
    '  this.n += 1;',
    '};',
    'export function drain(): void {}',
    'export const flush = (): void => undefined;',
    '',
  ].join('\n'),
  'src/work/index.ts': "export * from './process';\n",
  'src/scheduler.ts': [
    "import { drain, flush, processJobs } from './work';",
    '',
    'export class Scheduler {',
    '  n = 0;',
    '  start(): void {',
    '    setInterval(processJobs.bind(this), 1000);',
    '    setTimeout(drain, 10);',
    '    setTimeout(flush, 20);',
    '  }',
    '}',
    '',
  ].join('\n'),
  'src/ticker.ts': [
    'export class Ticker {',
    '  constructor(private readonly onStop: () => void) {}',
    '  start(): { timer: unknown } {',
    '    setInterval(this.tick, 10);',
    '    setTimeout(this.onStop, 100);',
    '    setTimeout(this.tick.bind(this), 5);',
    '    return { timer: setTimeout(this.tick, 1) };',
    '  }',
    '  tick(): void {}',
    '}',
    '',
  ].join('\n'),
  'src/again.ts': [
    'function pad(text: string): string;',
    'function pad(text: number): string;',
    'function pad(text: string | number): string {',
    '  return String(text);',
    '}',
    '',
    'export function total(items: number[]): string {',
    '  var sum = 0;',
    '  for (var i = 0; i < items.length; i++) sum += items[i];',
    '  for (var i = 0; i < 2; i++) sum += i;',
    '  return pad(sum);',
    '}',
    '',
  ].join('\n'),
  'src/hash.ts': [
    "import { createHash } from 'node:crypto';",
    '',
    "export const digest = (text: string): string => createHash('sha256').update(text).digest('hex');",
    'export const twice = (text: string): string => text.repeat(2);',
    '',
  ].join('\n'),
  'src/relay.ts': [
    'export function makeSecret(): string {',
    '  const r = Math.random();',
    '  const secret = r.toString(36);',
    '  return secret;',
    '}',
    '',
  ].join('\n'),
  'src/stream.ts': [
    'export function upper(request: Request): ReadableStream<Uint8Array> | undefined {',
    '  const piped = request.body?.pipeThrough(new TransformStream<Uint8Array, Uint8Array>());',
    '  return piped;',
    '}',
    '',
  ].join('\n'),
  'src/observe.ts': [
    '// Measure on the next frame: a request made in this one is dropped.',
    'export function observe(view: typeof globalThis, measure: () => void): ResizeObserver {',
    '  const observer = new view.ResizeObserver(measure);',
    '  return observer;',
    '}',
    '',
  ].join('\n'),
  'src/db.ts': [
    'export function count(db: { query(sql: string): void }): void {',
    "  const sql = 'SELECT count(*) FROM t';",
    '  db.query(sql);',
    '}',
    '',
  ].join('\n'),
  'src/pipe.ts': [
    "import { PassThrough } from 'node:stream';",
    '',
    'export class Pipe {',
    '  private readonly buffer = new PassThrough();',
    "  private readonly channel = new globalThis.BroadcastChannel('pipe');",
    '',
    '  send(client: { request(body: unknown): void }): void {',
    '    client.request([this.buffer, this.channel]);',
    '  }',
    '}',
    '',
  ].join('\n'),
  // A global constructor's name imported from Node's module of it (grpc-js's `import { URL } from 'url'`).
  'src/proxy.ts': [
    "import { URL } from 'url';",
    '',
    'export class Proxy {',
    '  private address: URL | undefined;',
    '',
    '  configure(text: string, client: { request(body: unknown): void }): void {',
    '    this.address = new URL(text);',
    '    client.request({ to: this.address, at: { url: this.address } });',
    '  }',
    '}',
    '',
  ].join('\n'),
  'src/pick.ts': 'export function pick(): bigint {\n  return BigInt(Math.round(Math.random() * 10));\n}\n',
  'src/index.ts': "export * from './queue';\nexport * from './other';\n",
  'src/pool.ts': [
    "import { Queue } from './index';",
    '',
    '// A lock-free pool: the queue takes no lock.',
    'export class Pool {',
    '  readonly queue = new Queue();',
    '}',
    '',
  ].join('\n'),
};

/**
 * CommonJS JavaScript, whose top-level names are its own once it calls
 * `require`: `new` of a class and of a constructor function it requires, of
 * a class it destructures from a module's `module.exports = { … }`, and of
 * its own function, in a file that names a lock method (`this.lock`), a
 * hash of Node's `crypto` it requires, a `var` declared twice.
 */
/**
 * Commands built from values syntax shows to be `any` or `string` (`textTypeBySyntax`): each is reported without the
 * checker, and a timer's handler so shown to be `any` is no string. `narrowed.js` tests a value with `typeof`, which
 * only the checker can follow.
 */
const SPLICED_TEXT: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { target: 'es2022', module: 'commonjs', allowJs: true, strict: true, noEmit: true },
    include: ['lib', 'src'],
  }),
  'lib/run.js': [
    "'use strict';",
    "const { exec } = require('child_process');",
    'function run(cmd) {',
    '  exec(cmd);',
    '}',
    'const tools = {',
    '  grep(pattern, file) {',
    "    const line = 'grep ' + pattern;",
    "    exec(line + ' ' + file);",
    '  },',
    '};',
    'exports.clean = function (dir) {',
    '  exec(`rm -rf ${dir.trim()}`);',
    '};',
    // A timer given a member of an `any` value: no string, told without the checker.
    'function later(opts) {',
    '  setTimeout(opts.done, 10);',
    '}',
    // An untyped parameter a `console.log` statement reads first: no assertion (`mayGuard`), so still `any`.
    'function retry(task) {',
    '  console.log(task);',
    '  setTimeout(task, 10);',
    '}',
    // Properties every write gives an `any` value, read through `this` and through an alias of it.
    'class Git {',
    '  constructor(opts) {',
    '    this.gitDir = opts.gitDir;',
    '  }',
    '  status() {',
    '    exec(`git -C ${this.gitDir} status`);',
    '    const self = this;',
    '    return function (ref) {',
    '      exec("git -C " + self.gitDir + " show " + ref);',
    '    };',
    '  }',
    '}',
    'exports.run = run;',
    'exports.tools = tools;',
    'exports.later = later;',
    'exports.retry = retry;',
    'exports.Git = Git;',
    '',
  ].join('\n'),
  'src/deploy.ts': [
    "import { execSync } from 'node:child_process';",
    'export class Deployer {',
    '  deploy(target: string): void {',
    '    execSync(`deploy ${target}`);',
    '  }',
    '}',
    '',
  ].join('\n'),
};

/**
 * Locks of dependencies without types, which the checker types `any`: a class destructured from a `require` and what
 * a factory returns, held by a JavaScript class's properties; a namespace import's class held by a TypeScript field.
 * Syntax shows each receiver `any` (`textTypeBySyntax`), a type with no declaration to read an API from, as the
 * checker's answer is; and none is a lock the rules can follow (a property no declaration holds, a namespace that
 * names no lock module's export), so nothing is reported either way.
 */
const UNTYPED_LOCKS: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { target: 'es2022', module: 'commonjs', allowJs: true, strict: true, noEmit: true },
    include: ['lib', 'src'],
  }),
  'node_modules/bmutex/package.json': JSON.stringify({ name: 'bmutex', main: 'index.js' }),
  'node_modules/bmutex/index.js': [
    'class Lock {',
    '  async lock() {',
    '    return () => undefined;',
    '  }',
    '}',
    'exports.Lock = Lock;',
    '',
  ].join('\n'),
  'node_modules/async-lock/package.json': JSON.stringify({ name: 'async-lock', main: 'index.js' }),
  'node_modules/async-lock/index.js': [
    'module.exports = class AsyncLock {',
    '  acquire(key, fn) {',
    '    return fn();',
    '  }',
    '};',
    '',
  ].join('\n'),
  'node_modules/mutexify/package.json': JSON.stringify({ name: 'mutexify', main: 'index.js' }),
  'node_modules/mutexify/index.js': 'module.exports = () => ({ lock: async () => () => undefined });\n',
  'lib/store.js': [
    "'use strict';",
    "const { Lock } = require('bmutex');",
    "const mutexify = require('mutexify');",
    '',
    'class Store {',
    '  constructor() {',
    '    this.writeLock = new Lock();',
    '    this.readLock = mutexify();',
    '  }',
    '',
    '  async put(write) {',
    '    const unlock = await this.writeLock.lock();',
    '    await write();',
    '    unlock();',
    '  }',
    '',
    '  async get(read) {',
    '    const unlock = await this.readLock.lock();',
    '    try {',
    '      return await read();',
    '    } finally {',
    '      unlock();',
    '    }',
    '  }',
    '',
    '  async each(items, visit) {',
    '    const self = this;',
    '    for (const item of items) {',
    '      const unlock = await self.writeLock.lock();',
    '      try {',
    '        await visit(item);',
    '      } finally {',
    '        unlock();',
    '      }',
    '    }',
    '  }',
    '}',
    '',
    'module.exports = Store;',
    '',
  ].join('\n'),
  'src/engine.ts': [
    "import * as AsyncLock from 'async-lock';",
    '',
    'export class Engine {',
    '  private readonly lock = new AsyncLock();',
    '',
    '  async run(task: () => Promise<void>): Promise<void> {',
    "    await this.lock.acquire('engine', task);",
    '  }',
    '}',
    '',
  ].join('\n'),
};

/** A command built from a value `typeof` narrows to a number: only the checker shows it inert. */
const SPLICED_NUMBER: Record<string, string> = {
  ...SPLICED_TEXT,
  'lib/narrowed.js': [
    "'use strict';",
    "const { exec } = require('child_process');",
    'exports.stop = function (pid) {',
    "  if (typeof pid === 'number') exec('kill ' + pid);",
    '};',
    '',
  ].join('\n'),
};

const COMMONJS: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { target: 'es2022', module: 'commonjs', allowJs: true, strict: true, noEmit: true },
    include: ['lib'],
  }),
  'lib/job.js': "'use strict';\n\nconst Job = function (name) {\n  this.name = name;\n};\n\nmodule.exports = Job;\n",
  'lib/queue.js': "'use strict';\n\nclass Queue {\n  push(x) {\n    return x;\n  }\n}\n\nmodule.exports = Queue;\n",
  // Timers given callbacks: parameters nothing types or narrows, or typed as functions in JSDoc.
  'lib/timers.js': [
    "'use strict';",
    '',
    'function later(callback) {',
    '  setTimeout(callback, 0);',
    '}',
    '',
    '/** @param {function(Error=)} done */',
    'function drain(done) {',
    "  if (typeof done === 'function') setImmediate(done);",
    '}',
    '',
    "const nextTick = typeof queueMicrotask === 'function' ? queueMicrotask : (cb) => setTimeout(cb, 0);",
    '',
    // Returned from a function called where it is written, which types its parameters, not what it returns.
    'const nextTurn = ((hasImmediate) => {',
    '  if (hasImmediate) return setImmediate;',
    '  return (cb) => setTimeout(cb);',
    "})(typeof setImmediate === 'function');",
    '',
    // A plain constructor's prototype method: typed only by a JSDoc `@type` of the property, which none carries.
    'const Pool = function () {};',
    '',
    'Pool.prototype.schedule = function (fn, ms) {',
    '  setTimeout(fn, ms);',
    '};',
    '',
    'module.exports = { later, drain, nextTick, nextTurn, Pool };',
    '',
  ].join('\n'),
  'lib/errors.js': "'use strict';\n\nclass QueueError extends Error {}\n\nmodule.exports = { QueueError };\n",
  // A file that binds `vm`, whose every call is asked whether it calls a `vm` function: a `require` and a timer
  // given a function written in place reach no global sink, so whether their callees are the globals is not asked.
  'lib/sandbox.js': [
    "'use strict';",
    '',
    "const vm = require('vm');",
    "const { join } = require('path');",
    '',
    'function evaluate(done) {',
    "  setTimeout(() => done(vm.runInNewContext('1 + 1')), 0);",
    "  return join('a', 'b');",
    '}',
    '',
    'module.exports = { evaluate };',
    '',
  ].join('\n'),
  // Timers given properties of a module's own object that its top level assigns functions: `any` (a property a
  // literal with properties does not declare) or a union of functions (one assigned to `{}`).
  'lib/reply.js': [
    "'use strict';",
    '',
    "const { inspect } = require('node:util');",
    '',
    "const internals = { events: ['finish'] };",
    'const helpers = {};',
    '',
    'exports.Reply = class {',
    '  start(timeoutMs) {',
    '    this.timer = setTimeout(internals.timeoutReply, timeoutMs, this);',
    '    this.check = setInterval(helpers.sweep, timeoutMs);',
    '  }',
    '};',
    '',
    'internals.timeoutReply = function (reply) {',
    '  return inspect(reply);',
    '};',
    '',
    'helpers.sweep = function () {',
    '  return internals.events.length;',
    '};',
    '',
  ].join('\n'),
  'node_modules/lru/package.json': JSON.stringify({ name: 'lru', main: 'index.js' }),
  'node_modules/lru/index.js': "'use strict';\n\nmodule.exports = class LRU {\n  lock() {}\n};\n",
  'lib/decoder.js': "'use strict';\n\nmodule.exports = class Decoder {\n  read() {\n    return 1;\n  }\n};\n",
  'lib/worker.js': [
    "'use strict';",
    '',
    "const crypto = require('crypto');",
    "const Job = require('./job');",
    "const Queue = require('./queue');",
    "const Decoder = require('./decoder');",
    "const { QueueError } = require('./errors');",
    // A dependency without types (`any` to the checker) and a class of Node's `url`, both through `require`.
    "const LRU = require('lru');",
    "const { URL } = require('url');",
    '',
    'function Local() {',
    '  this.n = 1;',
    '}',
    '',
    'class Worker {',
    '  constructor() {',
    "    this.job = new Job('x');",
    '    this.queue = new Queue();',
    '    this.local = new Local();',
    '    this.decoder = new Decoder();',
    "    this.error = new QueueError('stopped');",
    '    this.cache = new LRU({ max: 10 });',
    "    this.home = new URL('http://localhost/');",
    '    this.lock = null;',
    '  }',
    '',
    '  digest(text) {',
    "    var out = crypto.createHash('sha256').update(text).digest('hex');",
    '    var out = out.slice(0, 8);',
    '    return out;',
    '  }',
    '}',
    '',
    'module.exports = Worker;',
    '',
  ].join('\n'),
  // Timers given properties the class assigns functions (in a subclass, on every path of its constructor), and a
  // random delay returned by a method the class calls only through `this`.
  // Timer handlers on a constructor function's prototype (bull@4's Queue, rhea@3's Connection).
  'lib/connection.js': [
    "'use strict';",
    '',
    "const { EventEmitter } = require('events');",
    '',
    'const Connection = function Connection(options) {',
    '  this.options = options;',
    "  this.options.reconnect = 'never';",
    '  this.tick = this.tick.bind(this);',
    '};',
    '',
    'Connection.prototype = Object.create(EventEmitter.prototype);',
    '',
    'Connection.prototype.tick = function () {',
    "  this.emit('tick');",
    '};',
    '',
    'Connection.prototype.reconnect = function () {',
    '  setInterval(this.tick, this.options.interval);',
    '};',
    '',
    'Connection.prototype.close = function () {',
    '  setTimeout(this.reconnect.bind(this), 10);',
    '};',
    '',
    'module.exports = Connection;',
    '',
  ].join('\n'),
  'lib/health.js': [
    "'use strict';",
    '',
    "const { EventEmitter } = require('events');",
    '',
    '/** @param {number} ms how long */',
    'const wait = (ms) => ms;',
    '',
    'class HealthCheck extends EventEmitter {',
    '  constructor(intervalMs) {',
    '    super();',
    '    this.intervalMs = intervalMs;',
    '    this.onFire = () => {',
    "      this.emit('fire');",
    '      setTimeout(this.onFire, this.intervalMs + this.jitter());',
    '    };',
    '    this.boundStop = this.stop.bind(this);',
    '    /** @private */',
    "    this.tick = () => this.emit('tick');",
    '  }',
    '',
    '  jitter() {',
    '    return Math.floor(Math.random() * 50);',
    '  }',
    '',
    '  stop() {',
    '    setImmediate(this.boundStop);',
    '    setInterval(this.tick, 1000);',
    '    setTimeout(wait, 10, 5);',
    '    setImmediate(',
    '      function () {',
    "        this.emit('stopped');",
    '      }.bind(this),',
    '    );',
    '  }',
    '}',
    '',
    'module.exports = HealthCheck;',
    '',
  ].join('\n'),
  // Functions of one name declared in several functions, where other functions take a parameter of that name.
  'lib/names.js': [
    "'use strict';",
    '',
    'function wrap(f) {',
    '  return f;',
    '}',
    '',
    'function returns(value) {',
    '  function f() {',
    '    return value;',
    '  }',
    '  return wrap(f);',
    '}',
    '',
    'function throws(error) {',
    '  function f() {',
    '    throw error;',
    '  }',
    '  return wrap(f);',
    '}',
    '',
    'function unused() {',
    '  function f() {}',
    '  return 1;',
    '}',
    '',
    'module.exports = { returns, throws, unused };',
    '',
  ].join('\n'),
  // What a class extends, a `var` of a parameter's name, and a function named in JSDoc where another declares it.
  'lib/agents.js': [
    "'use strict';",
    '',
    "const { Agent } = require('http');",
    '',
    'for (const ctor of [Agent]) {',
    '  class Pooled extends ctor {}',
    '  exports.pooled = Pooled;',
    '}',
    '',
    'function kind(ctor) {',
    "  return ctor === Agent ? 'http' : 'other';",
    '}',
    '',
    'async function handle(event, state) {',
    '  var { location, state } = await Promise.resolve({ location: 1, state: event });',
    '  return [location, state];',
    '}',
    '',
    'function Model(doc) {',
    '  this.doc = doc;',
    '}',
    '',
    '/** @returns {Model} a model */',
    'function make() {',
    '  const Model = 1;',
    '  return Model;',
    '}',
    '',
    'Model.prototype.make = make;',
    'module.exports = { kind, handle, Model };',
    '',
  ].join('\n'),
};

/** ES modules written in JavaScript, in a file that mentions locks: a class read from its export like TypeScript's. */
const ES_MODULES_IN_JAVASCRIPT: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { target: 'es2022', module: 'esnext', allowJs: true, strict: true, noEmit: true },
    include: ['src'],
  }),
  'src/body.js': 'export class Body {\n  text() {\n    return 1;\n  }\n}\n',
  'src/response.js': "import { Body } from './body.js';\n\nexport default class Response extends Body {}\n",
  'src/fetch.js': [
    "import Response from './response.js';",
    '',
    'export class Fetcher {',
    '  constructor() {',
    '    this.lock = null;',
    '    this.response = new Response();',
    '  }',
    '}',
    '',
  ].join('\n'),
};

/** A script (no import or export) that declares a global `setTimeout`: which one a call means is the checker's to say. */
const GLOBAL_DECLARED: Record<string, string> = {
  ...NAMES_SETTLED,
  'src/legacy.ts': 'function setTimeout(code: string, ms: number): void {\n  void code;\n  void ms;\n}\n',
  'src/run.ts': 'export function later(code: string): void {\n  setTimeout(code, 10);\n}\n',
};

/**
 * A prototype method typed by a JSDoc `@type` on the property's first write (which the binder makes its
 * declaration): the function's parameter is then the string the type says, and the timer compiles it.
 */
const PROTOTYPE_METHOD_TYPED: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { target: 'es2022', module: 'commonjs', allowJs: true, strict: true, noEmit: true },
    include: ['lib'],
  }),
  'lib/pool.js': [
    "'use strict';",
    '',
    'const Pool = function () {};',
    '',
    '/** @type {(code: string, ms: number) => void} */',
    'Pool.prototype.schedule = function (code, ms) {',
    '  setTimeout(code, ms);',
    '};',
    '',
    'Pool.prototype.later = function (fn, ms) {',
    '  setTimeout(fn, ms);',
    '};',
    '',
    '/** @type {(code: string) => void} */',
    'Pool.prototype.later = Pool.prototype.later;',
    '',
    'module.exports = { Pool };',
    '',
  ].join('\n'),
};

/** `new PassThrough()` where a file of the project augments `node:stream`: its classes may gain a lock method. */
const NODE_MODULE_AUGMENTED: Record<string, string> = {
  ...NAMES_SETTLED,
  'src/augment.ts': [
    "import 'node:stream';",
    '',
    "declare module 'node:stream' {",
    '  interface PassThrough {',
    '    lock(): void;',
    '  }',
    '}',
    '',
  ].join('\n'),
};

/** `BigInt(…Math.random()…)` where a script declares a global `BigInt`, which the call may mean. */
const LIBRARY_GLOBAL_DECLARED: Record<string, string> = {
  ...NAMES_SETTLED,
  'src/legacy-bigint.ts': 'function BigInt(secret: number): bigint {\n  return secret > 0 ? 1n : 0n;\n}\n',
};

/** A random value that reaches its secret through a method's calls, one on another object: the rule asks the language service. */
const THROUGH_REFERENCES: Record<string, string> = {
  ...SYNTAX_ONLY,
  'src/relay.ts': [
    'export class Relay {',
    '  private draw(): number {',
    '    return Math.random();',
    '  }',
    '',
    '  makeSecret(): string {',
    '    const secret = this.draw().toString(36);',
    '    return secret;',
    '  }',
    '',
    // A use on another object: only the checker can say which `draw` it is.
    '  mirror(other: Relay): number {',
    '    return other.draw();',
    '  }',
    '}',
    '',
  ].join('\n'),
};

/**
 * Lock receivers syntax reads in JavaScript, as kafkajs writes them: a class's property assigned one constructor's
 * instances (a module's class expression, whose instances' type has no class declaration, so no lock API), beside
 * computed members and writes keyed by symbols, and an entry of an object literal with no property (`any`).
 */
const LOCK_PROPERTIES: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { target: 'es2022', module: 'commonjs', allowJs: true, strict: true, noEmit: true },
    include: ['lib'],
  }),
  'lib/lock.js': [
    "'use strict';",
    '',
    'module.exports = class Lock {',
    '  async acquire() {}',
    '  release() {}',
    '};',
    '',
  ].join('\n'),
  'lib/broker.js': [
    "'use strict';",
    '',
    "const Lock = require('./lock');",
    '',
    "const PRIVATE = { SEND: Symbol('send') };",
    '',
    'module.exports = class Broker {',
    '  constructor() {',
    '    this.lock = new Lock();',
    '    this[PRIVATE.SEND] = this[PRIVATE.SEND].bind(this);',
    '  }',
    '',
    '  async connect() {',
    '    await this.lock.acquire();',
    '    await this[PRIVATE.SEND]();',
    '    this.lock.release();',
    '  }',
    '',
    '  async [PRIVATE.SEND]() {}',
    '};',
    '',
  ].join('\n'),
  'lib/brokers.js': [
    "'use strict';",
    '',
    "const Lock = require('./lock');",
    '',
    'module.exports = function brokers() {',
    '  let locks = {};',
    '  return {',
    '    async use(broker, run) {',
    '      locks[broker.id] = locks[broker.id] || new Lock();',
    '      await locks[broker.id].acquire();',
    '      await run();',
    '      locks[broker.id].release();',
    '    },',
    '    reset() {',
    '      locks = {};',
    '    },',
    '  };',
    '};',
    '',
  ].join('\n'),
};

/**
 * Lock classes the project declares, held by a JavaScript class's property and by a TypeScript field: the API syntax
 * finds for each is the one the checker's type gives (the lock rules' later questions build the program here).
 */
const LOCK_CLASSES: Record<string, string> = {
  ...LOCK_PROPERTIES,
  'tsconfig.json': JSON.stringify({
    compilerOptions: { target: 'es2022', module: 'commonjs', allowJs: true, strict: true, noEmit: true },
    include: ['lib', 'src'],
  }),
  'lib/gate.js': [
    "'use strict';",
    '',
    'class Gate {',
    '  async acquire() {}',
    '  release() {}',
    '}',
    '',
    'module.exports = Gate;',
    '',
  ].join('\n'),
  'lib/door.js': [
    "'use strict';",
    '',
    "const Gate = require('./gate');",
    '',
    'module.exports = class Door {',
    '  constructor() {',
    '    this.gate = new Gate();',
    '  }',
    '',
    '  async open(run) {',
    '    await this.gate.acquire();',
    '    await run();',
    '    this.gate.release();',
    '  }',
    '};',
    '',
  ].join('\n'),
  'src/mutex.ts': ['export class Mutex {', '  async acquire(): Promise<void> {}', '  release(): void {}', '}', ''].join(
    '\n',
  ),
  'src/store.ts': [
    "import { Mutex } from './mutex';",
    '',
    'export class Store {',
    '  private readonly mutex = new Mutex();',
    '',
    '  async save(write: () => Promise<void>): Promise<void> {',
    '    await this.mutex.acquire();',
    '    await write();',
    '    this.mutex.release();',
    '  }',
    '}',
    '',
  ].join('\n'),
};

/** Random values passed to a class's static methods: one parameter names a secret, one does not. */
const STATIC_MEMBERS: Record<string, string> = {
  ...SYNTAX_ONLY,
  'src/codec.ts': [
    'export class Codec {',
    '  static sign(token: number): number {',
    '    return token * 2;',
    '  }',
    '',
    '  static scale(factor: number): number {',
    '    return factor * 3;',
    '  }',
    '}',
    '',
  ].join('\n'),
  'src/use-codec.ts': [
    "import { Codec } from './codec';",
    '',
    'export const signed = Codec.sign(Math.random());',
    'export const scaled = Codec.scale(Math.random());',
    '',
  ].join('\n'),
};

const folders: string[] = [];

function project(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'review-bot-on-demand-'));
  folders.push(folder);
  writeFileTree(folder, files);
  return folder;
}

/** Every default rule's findings on the folder, and whether the program was built; `eager` builds it before the rules. */
function review(folder: string, eager: boolean): { findings: string[]; built: boolean } {
  const { view } = loadProject({ path: folder });
  if (eager) expect(view.project.getProgram().compilerObject.getSourceFiles().length).toBeGreaterThan(3);
  const result = analyseView(view, { rules: {}, settings: {}, source: undefined }, { registry: RULES });
  expect(result.failures).toEqual([]);
  return {
    findings: result.findings.map((f) => `${f.ruleId} ${f.file}:${String(f.line)}:${String(f.column)} ${f.message}`),
    built: PROGRAM in result.timings,
  };
}

describe('the program is built only when a rule needs it', () => {
  let syntaxOnly = '';
  let ownMap = '';
  let oneModuleTwice = '';
  let oneDependencyTwoNames = '';
  let namesSettled = '';
  let globalDeclared = '';
  let throughReferences = '';
  let nodeModuleAugmented = '';
  let libraryGlobalDeclared = '';
  let commonJs = '';
  let esModulesInJavaScript = '';
  beforeAll(() => {
    commonJs = project(COMMONJS);
    esModulesInJavaScript = project(ES_MODULES_IN_JAVASCRIPT);
    nodeModuleAugmented = project(NODE_MODULE_AUGMENTED);
    libraryGlobalDeclared = project(LIBRARY_GLOBAL_DECLARED);
    throughReferences = project(THROUGH_REFERENCES);
    namesSettled = project(NAMES_SETTLED);
    globalDeclared = project(GLOBAL_DECLARED);
    syntaxOnly = project(SYNTAX_ONLY);
    ownMap = project(OWN_MAP);
    oneModuleTwice = project(ONE_MODULE_TWICE);
    oneDependencyTwoNames = project(ONE_DEPENDENCY_TWO_NAMES);
  });
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('is not built when syntax settles every question, and the findings are those of a run that built it', () => {
    const lazy = review(syntaxOnly, false);
    expect(lazy).toEqual({ findings: [], built: false });
    expect(review(syntaxOnly, true)).toEqual({ findings: [], built: true });
  });

  it('is not built when syntax settles which binding each name is, and finds what a run that built it finds', () => {
    const lazy = review(namesSettled, false);
    expect(lazy).toEqual({
      findings: [
        'insecure-randomness src/nonce.ts:6:17 `Math.random()` makes the nonce passed to `encode` as parameter `nonce` (line 6), and its output can be predicted.',
        'insecure-randomness src/relay.ts:2:13 `Math.random()` makes the secret assigned to `secret` (line 3), and its output can be predicted.',
        'insecure-randomness src/session.ts:13:24 `Math.random()` makes the token passed to `rotate` as parameter `token` (line 13), and its output can be predicted.',
        'insecure-randomness src/token.ts:2:17 `Math.random()` makes the token assigned to `token` (line 2), and its output can be predicted.',
      ],
      built: false,
    });
    expect(review(namesSettled, true)).toEqual({ ...lazy, built: true });
  });

  it('is not built for CommonJS whose questions syntax settles, and finds what a run that built it finds', () => {
    const lazy = review(commonJs, false);
    expect(lazy).toEqual({
      findings: ['unused-variable lib/names.js:22:12 The function `f` is declared but never read.'],
      built: false,
    });
    expect(review(commonJs, true)).toEqual({ ...lazy, built: true });
  });

  it('is not built for ES modules written in JavaScript whose classes syntax reads, with the same findings', () => {
    const lazy = review(esModulesInJavaScript, false);
    expect(lazy).toEqual({ findings: [], built: false });
    expect(review(esModulesInJavaScript, true)).toEqual({ ...lazy, built: true });
  });

  it('is not built for a static method of a class syntax settles, and finds what a run that built it finds', () => {
    const folder = project(STATIC_MEMBERS);
    const lazy = review(folder, false);
    expect(lazy).toEqual({
      findings: [
        'insecure-randomness src/use-codec.ts:3:34 `Math.random()` makes the token passed to `sign` as parameter `token` (line 3), and its output can be predicted.',
      ],
      built: false,
    });
    expect(review(folder, true)).toEqual({ ...lazy, built: true });
  });

  it('is not built for lock properties and entries syntax reads, and finds what a run that built it finds', () => {
    const folder = project(LOCK_PROPERTIES);
    // A module's class expression makes no lock type, as the checker reads it: nothing to report, nothing to build.
    expect(review(folder, false)).toEqual({ findings: [], built: false });
    expect(review(folder, true)).toEqual({ findings: [], built: true });
  });

  it('finds the lock API of properties and fields syntax reads as the checker finds it', () => {
    const folder = project(LOCK_CLASSES);
    const lazy = review(folder, false);
    expect(lazy.findings).toEqual([
      'unreleased-lock lib/door.js:11:11 `gate` is acquired in method `open()` and released without `finally`: if `await run()` on line 12 rejects, the release never runs and `gate` stays held.',
      'unreleased-lock src/store.ts:7:11 `mutex` is acquired in method `save()` and released without `finally`: if `await write()` on line 8 rejects, the release never runs and `mutex` stays held.',
    ]);
    expect(review(folder, true).findings).toEqual(lazy.findings);
  });

  it('is not built for commands spliced from values syntax types `any` or `string`, with the same findings', () => {
    const lazy = review(project(SPLICED_TEXT), false);
    expect(lazy).toEqual({
      findings: [
        'command-injection lib/run.js:9:5 `exec` runs a shell command built from `pattern` (line 8).',
        'command-injection lib/run.js:13:3 `exec` runs a shell command built from `dir.trim()` (line 13).',
        'command-injection lib/run.js:27:5 `exec` runs a shell command built from `this.gitDir` (line 27).',
        'command-injection lib/run.js:30:7 `exec` runs a shell command built from `self.gitDir` (line 30).',
        'command-injection src/deploy.ts:4:5 `execSync` runs a shell command built from `target` (line 4).',
      ],
      built: false,
    });
    expect(review(project(SPLICED_TEXT), true)).toEqual({ ...lazy, built: true });
  });

  it('is not built for locks of dependencies without types, and finds what a run that built it finds', () => {
    const lazy = review(project(UNTYPED_LOCKS), false);
    expect(lazy).toEqual({ findings: [], built: false });
    expect(review(project(UNTYPED_LOCKS), true)).toEqual({ ...lazy, built: true });
  });

  it('is built for a command spliced from a value `typeof` narrows, and finds what the checker shows', () => {
    const lazy = review(project(SPLICED_NUMBER), false);
    expect(lazy).toEqual({ findings: review(project(SPLICED_TEXT), false).findings, built: true });
    expect(review(project(SPLICED_NUMBER), true)).toEqual(lazy);
  });

  it('is built when a script declares a global of the name, and the findings are those of a run that built it', () => {
    const lazy = review(globalDeclared, false);
    // `setTimeout(code, 10)` calls the project's own function, which compiles nothing.
    expect(lazy).toEqual({ findings: review(namesSettled, false).findings, built: true });
    expect(review(globalDeclared, true)).toEqual(lazy);
  });

  it('is built for a prototype method a JSDoc `@type` types, and finds the string its timer compiles', () => {
    const folder = project(PROTOTYPE_METHOD_TYPED);
    const lazy = review(folder, false);
    expect(lazy).toEqual({
      // `later`'s `@type` is on a later write, not on the declaration that types the function: `fn` is `any`, as
      // the checker says once asked (a JSDoc type on any write of the name leaves the question to it).
      findings: [
        'code-injection lib/pool.js:7:3 `setTimeout` is given a string built from `code` (line 7), which it compiles as code.',
      ],
      built: true,
    });
    expect(review(folder, true)).toEqual(lazy);
  });

  it('is built when the project augments the Node module a class comes from, with the same findings', () => {
    const lazy = review(nodeModuleAugmented, false);
    expect(lazy.built).toBe(true);
    expect(lazy).toEqual(review(nodeModuleAugmented, true));
  });

  it('is built when a script declares the library global a random value is passed to, with the same findings', () => {
    const lazy = review(libraryGlobalDeclared, false);
    expect(lazy.built).toBe(true);
    expect(lazy).toEqual(review(libraryGlobalDeclared, true));
  });

  it('is built, and timed as such, before the language service finds references', () => {
    const lazy = review(throughReferences, false);
    expect(lazy).toEqual({
      findings: [
        'insecure-randomness src/relay.ts:3:12 `Math.random()` makes the secret assigned to `secret` (line 7), and its output can be predicted.',
      ],
      built: true,
    });
    expect(review(throughReferences, true)).toEqual(lazy);
  });

  it('is built for a `new Map()` whose `Map` the file imports, not taken for the global one', () => {
    const lazy = review(ownMap, false);
    expect(lazy.built).toBe(true);
    expect(lazy.findings).toEqual(review(ownMap, true).findings);
  });

  // The declaration a file's text must show for its class to be a lock type: the method's name before its parameters.
  it.each(['acquire()', 'acquire<T>(value?: T)', 'acquire?()', 'acquire /* the lock */ ()', 'acquire\n    ()'])(
    'is built for a `new Map()` whose class declares `%s`, found by its text',
    (declaration) => {
      const folder = project({
        ...OWN_MAP,
        'src/my-map.ts': `export class Map {\n  async ${declaration}: Promise<() => void> {\n    return () => undefined;\n  }\n}\n`,
      });
      expect(review(folder, false)).toEqual({ findings: review(folder, true).findings, built: true });
    },
  );

  it('is not built for a `new Map()` whose class only mentions `acquire` (a property, a comment)', () => {
    const folder = project({
      ...OWN_MAP,
      'src/my-map.ts': 'export class Map {\n  // Nothing to acquire.\n  readonly acquire = 1;\n}\n',
    });
    expect(review(folder, false)).toEqual({ findings: [], built: false });
  });

  // Names syntax leaves to the checker: a namespace import of a module that assigns `export =` (the name is that value),
  // and what a dependency without types exports when the lock model would still take its name for a lock (`…Mutex`).
  it.each([
    [
      'a lock-method call on a namespace import of a module that assigns `export =`',
      {
        'node_modules/locks/package.json': JSON.stringify({ name: 'locks', types: 'index.d.ts' }),
        'node_modules/locks/index.d.ts':
          'declare const locks: { acquire(name: string, run: () => void): void };\nexport = locks;\n',
        'src/assigned.ts': [
          "import * as Locks from 'locks';",
          '',
          'export function hold(run: () => void): void {',
          "  Locks.acquire('name', run);",
          '}',
          '',
        ].join('\n'),
      },
      [],
    ],
    [
      'a `new` of an untyped dependency whose imported name reads as a lock',
      {
        'node_modules/locks/package.json': JSON.stringify({ name: 'locks', main: 'index.js' }),
        'node_modules/locks/index.js': "'use strict';\n\nexports.Mutex = class Mutex {};\n",
        'src/guarded.ts': [
          "import { Mutex } from 'locks';",
          '',
          'export class Guarded {',
          '  private readonly mutex = new Mutex();',
          '',
          '  busy(): boolean {',
          '    return this.mutex.locked;',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
      // Taken for a lock by its name, as a run that built the program takes it. (A method called on it would keep the
      // finding away: a lock known by its name alone may be taken under a method name the model does not know.)
      [
        'redundant-lock src/guarded.ts:4:20 `mutex` is created and used (`this.mutex.locked`) but never acquired, so it guards nothing.',
      ],
    ],
    [
      'a `request` call when another file spells `navigator.locks`, which the model follows to Web Locks',
      {
        'src/web.ts': 'export const locks = globalThis.navigator.locks;\n',
        'src/save.ts': [
          "import { locks } from './web';",
          '',
          'export async function save(write: () => Promise<void>): Promise<void> {',
          "  await locks.request('save', async () => {",
          '    await write();',
          "    await locks.request('save', write);",
          '  });',
          '}',
          '',
        ].join('\n'),
      },
      [
        "reentrant-lock src/save.ts:6:11 `'save'` is acquired again in function `save()`, inside a critical section that already holds `'save'`; `'save'` is not re-entrant, so the inner acquisition waits for the outer section, which waits for it: a deadlock.",
      ],
    ],
    [
      'a `request` call on a `LockManager` the project declares',
      {
        'src/web-locks.d.ts': [
          'interface LockManager {',
          '  request(name: string, run: () => Promise<void>): Promise<void>;',
          '}',
          'declare const lockManager: LockManager;',
          '',
        ].join('\n'),
        'src/save.ts': [
          'export async function save(write: () => Promise<void>): Promise<void> {',
          "  await lockManager.request('save', async () => {",
          '    await write();',
          "    await lockManager.request('save', write);",
          '  });',
          '}',
          '',
        ].join('\n'),
      },
      [
        "reentrant-lock src/save.ts:4:11 `'save'` is acquired again in function `save()`, inside a critical section that already holds `'save'`; `'save'` is not re-entrant, so the inner acquisition waits for the outer section, which waits for it: a deadlock.",
      ],
    ],
  ])('is built for %s', (_, files: Record<string, string>, findings: string[]) => {
    const folder = project({ ...SYNTAX_ONLY, ...files });
    expect(review(folder, false)).toEqual({ findings, built: true });
    expect(review(folder, true)).toEqual({ findings, built: true });
  });

  it('is built when two specifiers resolve to one file, and the duplicate is found as before', () => {
    const lazy = review(oneModuleTwice, false);
    expect(lazy).toEqual({
      findings: [
        'duplicate-import src/dup.ts:2:1 Module `./lib.js` is imported again here; it is already imported on line 1 as `./lib`.',
      ],
      built: true,
    });
    expect(review(oneModuleTwice, true)).toEqual(lazy);
  });

  it("is not built for a dependency's root and the path its main names, which are not one import written twice", () => {
    const lazy = review(oneDependencyTwoNames, false);
    expect(lazy).toEqual({ findings: [], built: false });
    expect(review(oneDependencyTwoNames, true)).toEqual({ findings: [], built: true });
  });
});
