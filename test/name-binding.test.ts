import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Node, ts } from 'ts-morph';
import type { Identifier, SourceFile } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { loadInMemory, loadProject } from '../src/load/project.js';
import {
  opensAsModule,
  referencesInOwnFile,
  thisMemberDeclarationsOf,
  importedFunctionOf,
  isClasslessConstructor,
  isFunctionOrNamespaceName,
  isUntypedDependencyName,
  builtinImportOf,
  syntacticBindingOf,
  syntacticClassOf,
} from '../rules/_shared/name-binding.js';
import { placedOccurrencesOf, syntacticUsesOf } from '../rules/_shared/local-uses.js';
import type { ProjectView } from '../src/model/project-view.js';
import { temporaryFolder } from './temporary-folder.js';
import { fixtureSources } from './fixture-sources.js';

/**
 * `syntacticBindingOf` and `syntacticClassOf` answer, from syntax, questions
 * rules would otherwise ask the checker. Whenever they answer, the answer must
 * be the checker's: checked on every name read as a value (a callee, a
 * receiver, an argument, a `new`) in every fixture project and in snippets
 * written to tempt them into a wrong answer.
 */

/** Names syntax must leave to the checker, and names it settles, beside traps for each rule of the resolver. */
const SNIPPETS: Record<string, string> = {
  'traps/shadow.ts': [
    "import { createHash } from 'node:crypto';",
    'export function outer(Math: { random(): number }) {',
    '  const inner = () => { const createHash = (x: string) => x; return createHash(String(Math.random())); };',
    "  return [inner(), createHash('md5'), setTimeout(inner, 1)];",
    '}',
    'export function blocks() {',
    '  { const value = 1; void value; }',
    '  { let value = 2; value += 1; return value; }',
    '}',
    'export function late(a = outer, b = () => String(ghost)) { var ghost = 1; return [a, b, String(ghost)]; }',
    'export enum Colors { Red = 1, Blue = Number(Red) }',
    'export namespace Space { export const Math = { floor: (x: number) => x }; export const pick = () => Math.floor(1); }',
    'export namespace Space { export const again = () => Math.floor(2); }',
    'function twice(): void;',
    'function twice(x?: number): void { void x; }',
    'export { twice };',
    'export class Merged {}',
    'export interface Merged { acquire(): Promise<() => void> }',
    'export const made = [new Merged(), new Map(), new Promise<void>((resolve) => setTimeout(resolve, 1))];',
    '',
  ].join('\n'),
  'traps/script-global.ts': 'var scriptGlobal = 1;\nfunction setInterval(code: string) { return code; }\n',
  'traps/uses-script.ts':
    "export const read = () => [String(scriptGlobal), setInterval('x'), clearTimeout(undefined)];\n",
  'traps/augment.ts': [
    "import { Target } from './classes/target';",
    "declare module './classes/target' { interface Target { lock(): void } }",
    'export const t = new Target();',
    '',
  ].join('\n'),
  'traps/classes/target.ts': 'export class Target {}\n',
  'traps/imports/lib.ts': 'export class Address {}\nexport const address = (text: string): Address => new Address();\n',
  'traps/imports/use.ts': [
    "import { Address, address } from './lib';",
    'export function parse(address: string): Address {',
    '  const parsed: typeof address = address;',
    '  return new Address().constructor === Object ? new Address() : (parsed as unknown as Address);',
    '}',
    "export function again(Address: string) { return [Address, address('x')]; }",
    'export function inner() { class Address {} return new Address(); }',
    "export const top = address('y');",
    '',
  ].join('\n'),
  'traps/classes/queue.ts': 'export class Queue {}\nexport class Plain {}\nexport default class {}\n',
  'traps/classes/more.ts': "export { Plain as Renamed } from './queue';\nexport * from './queue';\n",
  'traps/classes/other.ts': 'export class Plain {}\n',
  'traps/classes/both.ts': "export * from './queue';\nexport * from './other';\n",
  'traps/references.ts': [
    'export function flows() {',
    '  const Date = Math.random();',
    '  const when: Date = new globalThis.Date(Date);',
    '  const r = Math.random();',
    '  let total: typeof r = r;',
    '  const view = { r };',
    '  const hidden = (r: string) => r.length;',
    '  total += r;',
    '  /** Reads {@link r} too. */',
    '  return [total, view, hidden, when];',
    '}',
    'function helper(): number { return 1; }',
    'export { helper };',
    'export default helper;',
    'export const again = () => helper() + helper.length;',
    'export class Holder { private make(): number { return Math.random(); } use() { return this.make(); } }',
    '',
  ].join('\n'),
  'traps/computed.ts': [
    "const key = 'outer';",
    'export function pick(key: number) { return { [key]: key }; }',
    'export const literal = { [key]: String(key) };',
    'export class Keys { [key] = 1; m(key: string) { return { [key]: String(key) }; } }',
    'export function shadowed() { const key = 2; const o = { [key]: String(key), m() { return key; } }; return o; }',
    'export const method = { [key](key: number) { return String(key); } };',
    '',
  ].join('\n'),
  // Values read where types of their name are declared (a type alias, an interface, type parameters): the types
  // declare no value, so the names are the environment's, or the module's own value.
  'traps/type-named.ts': [
    'type Error = { code: number };',
    'interface Map { size: number }',
    'export function fail<Error>(message: string): never { throw new Error(message); }',
    'export const made: Error = { code: new Map().size };',
    'export class Box<Set> { items = new Set<number>(); }',
    'type Queue = string[];',
    'const Queue = (): Queue => [];',
    'export const queue = Queue();',
    '',
  ].join('\n'),
  // A module's import and variable of one name (a type-only import beside a value) are one symbol; an `infer` type's
  // parameter is seen in its conditional's true branch only; a computed member name is read outside the member.
  'traps/merged-lib.ts': [
    'export type Fp = { mul(n: number): number };',
    'export type Peer = { id: number };',
    'export function tower(): { Fp: Fp } { return { Fp: { mul: (n) => n * 2 } }; }',
    '',
  ].join('\n'),
  'traps/merged.ts': [
    "import type { Fp } from './merged-lib';",
    "import { tower } from './merged-lib';",
    "import type { Peer as P } from './merged-lib';",
    'const { Fp } = tower();',
    'const P = (id: number): P => ({ id });',
    'export const twice: Fp = Fp;',
    'export const peer: P = P(1);',
    'export function mul(n: number, Fp: number): number { return Fp * n; }',
    'export type Inferred<T> = T extends { fp: infer Fp } ? Fp : Fp;',
    'export type Nested<T> = T extends [infer Fp, Fp] ? { fp: Fp } : never;',
    'const key = Symbol();',
    'export interface Keyed { run(key: number): void; [key]?: number; }',
    'export class Holder { [key] = 1; m(key: string) { return key; } }',
    'export const literal = { [key](key: number) { return key; } };',
    'export const keys = [key];',
    'export class Inner { [((key: string) => key)(String(key))] = 1; }',
    '',
  ].join('\n'),
  // Names declared again in one scope: two `var`s (one destructured), overloads, or a `var` beside a parameter of its
  // name are one binding, a function beside a `var` hides it in the body, and a function
  // expression's own name still hides the outer `var` inside it.
  'traps/again.ts': [
    'export function loops(items: number[]) {',
    '  var total = 0;',
    '  for (var i = 0; i < items.length; i++) total += items[i];',
    '  for (var i = 0; i < 2; i++) { const inner = i; total += inner; }',
    '  { var { i } = { i: 1 }; total += i; }',
    '  var total = total * 2;',
    '  const nested = () => { var i = 5; return i; };',
    '  return [total, nested(), i];',
    '}',
    'function pad(a: number): number;',
    'function pad(a: string): string;',
    'function pad(a: number | string): number | string { return a; }',
    "export const padded = [pad(1), pad('x')];",
    'export function param(n: number) { var n = n + 1; return n; }',
    'export function clash() { var k = 1; function k() { return k; } return k; }',
    '',
  ].join('\n'),
  'traps/again.js': [
    'var debug = function debug(s) { return debug.length + s; };',
    'var debug = function debug() { return 0; };',
    'function run(items) {',
    '  for (var i = 0; i < items.length; i++) debug(items[i]);',
    '  var i = 1;',
    '  return i;',
    '}',
    'function twice() { return 1; }',
    'function twice() { return twice.length; }',
    'module.exports = { run: run, twice: twice, debug: debug };',
    '',
  ].join('\n'),
  // A function expression's own name, hidden in the function by a `var` or a parameter of the name: settled in the
  // body, left to the checker in a parameter's initialiser (the body's `var`s are not seen there).
  'traps/named.js': [
    'var req = {};',
    'req.range = function range(size) {',
    '  var range = size + 1;',
    '  if (!range) return;',
    '  return range;',
    '};',
    'req.subdomains = function subdomains(subdomains) { return subdomains; };',
    'req.early = function early(a = early) { var early = a; return early; };',
    'module.exports = req;',
    '',
  ].join('\n'),
  // A `var` of a parameter's name (one binding), what a class `extends` (a value), and a constructor function named
  // in JSDoc where a function declares the name again (that occurrence is left to the checker, the others settled).
  'traps/redeclared.js': [
    'async function app(event, state) {',
    '  var { location, session: sess, state } = await Promise.resolve({ location: 1, session: 2, state: event });',
    '  return [location, sess, state];',
    '}',
    'function connect(S, callback) {',
    '  if (!S) { var S = 1; }',
    '  callback(S);',
    '}',
    'function unusedAgain(x) { var x; }',
    'for (const ctor of [Error, TypeError]) {',
    '  class Wrapped extends ctor {}',
    '  module.exports[ctor.name] = Wrapped;',
    '}',
    'function decorate(stream, ctor) { return ctor === Error ? stream : null; }',
    'function Model(doc) { this.doc = doc; }',
    '/** @returns {Model} a model */',
    'function make() { const Model = 1; return Model; }',
    'Model.prototype.save = function save() { return make(); };',
    'module.exports.all = { app, connect, unusedAgain, decorate, Model };',
    '',
  ].join('\n'),
  'traps/extends.ts': [
    'export function mixin(base: new () => object) { return class extends base {}; }',
    'const base = class {};',
    'export class Derived extends base {}',
    'interface Shape { base: number }',
    'export class Square implements Shape { base = 1; }',
    '',
  ].join('\n'),
  // Types of a name a value or import also has: a type parameter, alias or interface hides it in types only.
  'traps/types-lib.ts': 'export class Profile {\n  name = "";\n}\nexport interface Shape {\n  size: number;\n}\n',
  'traps/types.ts': [
    "import { Profile } from './types-lib';",
    "import type { Shape } from './types-lib';",
    "import * as Lib from './types-lib';",
    'export function fetchProfile<Profile>(raw: unknown): Profile { return raw as Profile; }',
    'export const made: Profile = new Profile();',
    'export interface Box<Shape> { shape: Shape }',
    'export function measure(s: Shape): number { return s.size; }',
    'export const Store = class { n = 1; };',
    'export type Store = InstanceType<typeof Store>;',
    'export const store: Store = new Store();',
    'export function local() { const Count = 2; type Count = number; const n: Count = Count; return n; }',
    'export function qualified<Lib>(x: Lib.Shape, y: Lib): [Lib.Shape, Lib] { return [x, y]; }',
    'export const whole = Lib;',
    'export class Holder<Profile> { constructor(readonly p: Profile, readonly q = new Profile()) {} }',
    'class Sized {}',
    'export function sized(Sized: number): Sized { return new (class extends Object {})() as Sized; }',
    "import { Shape as Outline } from './types-lib';",
    'declare namespace Drawing { interface Outline { d: number } }',
    'declare namespace Drawing { const first: Outline; }',
    'declare namespace Paint { const brush: Outline; }',
    'export const outlines: Outline[] = [];',
    '',
  ].join('\n'),
  // CommonJS: a class assigned to `module.exports`, required directly or through another module; a module that
  // assigns its exports twice, a class expression, and a `require` given a JSDoc type are left to the checker.
  'traps/cjs/deque.js': 'class Deque {\n  push(x) { return x; }\n}\nmodule.exports = Deque;\n',
  'traps/cjs/alias.js': "const Deque = require('./deque');\nmodule.exports = Deque;\n",
  'traps/cjs/extra.js':
    'class Extra {}\nExtra.prototype.lock = function () {};\nmodule.exports = Extra;\nmodule.exports.more = 1;\n',
  'traps/cjs/both.js': 'class Both {}\nexports = module.exports = Both;\n',
  'traps/cjs/anonymous.js': 'module.exports = class {};\n',
  'traps/cjs/job.js':
    'const Job = function (name) {\n  this.name = name;\n};\nJob.prototype.lock = function () {};\nmodule.exports = Job;\n',
  'traps/cjs/functions.ts': [
    'export function Plain(this: { n: number }) { this.n = 1; }',
    'export interface Twin { acquire(): Promise<() => void> }',
    'export function Twin() {}',
    'const Arrow = () => 1;',
    'const Expression = function () {};',
    'let Changing = function () {};',
    'Changing = function () {};',
    '// @ts-expect-error: a function is no constructor in TypeScript',
    'export const made = [new Plain(), new Twin(), new Arrow(), new Expression(), new Changing()];',
    '',
  ].join('\n'),
  'traps/cjs/use.js': [
    "const Deque = require('./deque');",
    "const Alias = require('./alias');",
    "const Extra = require('./extra');",
    "const Both = require('./both');",
    "const Anonymous = require('./anonymous');",
    "/** @type {any} */ const Typed = require('./deque');",
    "const Job = require('./job');",
    'function Local() {}',
    "const Lock = require('./lock');",
    "const Cast = require('./cast');",
    "String(new Job('x'), new Local(), new Lock(), new Cast());",
    'module.exports = [new Deque(), new Alias(), new Extra(), new Both(), new Anonymous(), new Typed()];',
    '',
  ].join('\n'),
  // A class expression assigned to `module.exports` has no class declaration; one in parentheses may be cast.
  'traps/cjs/lock.js': 'module.exports = class Lock {\n  acquire() { return Promise.resolve(() => {}); }\n};\n',
  'traps/cjs/cast.js': 'module.exports = /** @type {any} */ (class Cast {});\n',
  // Functions followed through imports (importedFunctionOf): declared once, with `function` or a `const`.
  'traps/functions/lib.ts': [
    'export function declared(): number { return 1; }',
    'export const expressed = function (): number { return 2; };',
    'export const arrow = async (): Promise<number> => 3;',
    'export let changing = (): number => 4;',
    'changing = () => 5;',
    'export function overloaded(a: string): string;',
    'export function overloaded(a: number): number;',
    'export function overloaded(a: unknown): unknown { return a; }',
    'export function merged(): void {}',
    'export namespace merged { export const x = 1; }',
    'export const typed: () => number = () => 6;',
    'export const value = 7;',
    '',
  ].join('\n'),
  'traps/functions/index.ts': "export * from './lib';\nexport { arrow as renamed } from './lib';\n",
  // A module that assigns `export =`: a namespace import of it is that value (an error in an ES module, bound all the same).
  'traps/functions/assigned.ts': 'const lock = { acquire(): void {} };\nexport = lock;\n',
  'traps/functions/use.ts': [
    "import { arrow, changing, declared, expressed, merged, overloaded, renamed, typed, value } from './index';",
    "import * as all from './lib';",
    "import * as assigned from './assigned';",
    'function keep(...values: unknown[]): number { return values.length; }',
    'export const used = keep(arrow, changing, declared, expressed, merged, overloaded, renamed, typed, value, all);',
    'keep(assigned);',
    '',
  ].join('\n'),
  'traps/functions/helpers.js': 'function helper() {}\nconst later = () => 1;\nmodule.exports = { helper, later };\n',
  'traps/functions/one.js': 'function one() {}\nmodule.exports = one;\n',
  'traps/functions/use.js': [
    "const { helper, later } = require('./helpers');",
    "const one = require('./one');",
    'function keep(...values) { return values.length; }',
    'module.exports = keep(helper, later, one);',
    '',
  ].join('\n'),
  // An ES module written in JavaScript: its exports read as a TypeScript module's; `module.exports` there is ignored.
  'traps/esm/body.js': 'export class Body {\n  text() { return 1; }\n}\nexport function helper() { return 2; }\n',
  'traps/esm/response.js': [
    "import { Body } from './body.js';",
    'export default class Response extends Body {}',
    'Response.prototype.lock = function () {};',
    'Response.kind = 1;',
    'export { Body as Base };',
    'module.exports = Body;',
    '',
  ].join('\n'),
  'traps/esm/shape.js': '/** @typedef {{ size: number }} Shape */\nexport class Shape {}\n',
  'traps/esm/use.js': [
    "import Response from './response.js';",
    "import { Base } from './response.js';",
    "import { Body, helper } from './body.js';",
    "import { Shape } from './shape.js';",
    'export const made = [new Response(), new Base(), new Body(), new helper(), new Shape()];',
    '',
  ].join('\n'),
  // A JavaScript file is a CommonJS module (its top-level names its own) once it calls `require` or assigns exports;
  // else a script, whose top-level names are globals every file sees.
  // Names in parameter initialisers: settled as outside the function where nothing in it declares the name.
  'traps/cjs/defaults.js': [
    "var crypto = require('crypto');",
    'var pkce = (verifier = crypto.randomBytes(40)) => verifier;',
    'function shadow(crypto, key = crypto.randomBytes(1)) { return key; }',
    'function own(size = own.length) { return size; }',
    'module.exports = { pkce, shadow, own };',
    '',
  ].join('\n'),
  // Classes and constructors a module exports as properties of `module.exports = { … }`, destructured by another.
  'traps/cjs/errors.js': [
    'class KafkaError extends Error {}',
    'class LocalError extends Error {}',
    'function Job() {}',
    'module.exports = { KafkaError, Renamed: LocalError, Job, Inline: class Inline {}, "Quoted": KafkaError };',
    '',
  ].join('\n'),
  'traps/cjs/added.js': [
    'class First {}',
    'class Second {}',
    'module.exports = { First, Second };',
    'module.exports.Second = First;',
    '',
  ].join('\n'),
  'traps/cjs/spread.js': ['class Third {}', "module.exports = { Third, ...require('./errors') };", ''].join('\n'),
  'traps/cjs/destructure.js': [
    "const { KafkaError, Renamed, Job, Inline, Quoted, Missing } = require('./errors');",
    "const { KafkaError: Aliased, Job: Work = class Fallback {} } = require('./errors');",
    "const { First, Second } = require('./added');",
    "const { Third } = require('./spread');",
    'module.exports = [',
    '  new KafkaError(),',
    '  new Renamed(),',
    '  new Job(),',
    '  new Inline(),',
    '  new Quoted(),',
    '  new Missing(),',
    '  new Aliased(),',
    '  new Work(),',
    '  new First(),',
    '  new Second(),',
    '  new Third(),',
    '];',
    '',
  ].join('\n'),
  'traps/cjs/solo.js': 'class Solo {}\nconst made = new Solo();\nmodule.exports = made;\n',
  'traps/cjs/script.js':
    'var sharedGlobal = 1;\nfunction helperGlobal() { return String(sharedGlobal); }\nhelperGlobal();\n',
  'traps/cjs/reads-script.js':
    "const path = require('path');\nmodule.exports = String(sharedGlobal) + helperGlobal() + path.sep;\n",
  'traps/cjs/voided.js': 'exports.x = void 0;\nvar own = 1;\nString(own);\n',
  // Methods used through `this`: settled where each use is `this.name` of the class's own side, left to the language
  // service where `this` is typed otherwise, a subclass uses it, or the class declares the name twice.
  'traps/methods-other.ts': 'export interface Other {\n  alpha(): number;\n  gamma(): number;\n}\n',
  'traps/methods.ts': [
    "import type { Other } from './methods-other';",
    '',
    'export class Base {',
    '  alpha(): number {',
    '    return Math.random();',
    '  }',
    '  typed(this: Other): number {',
    '    return this.alpha();',
    '  }',
    '  beta(): number {',
    '    return 1;',
    '  }',
    '  static make(): number {',
    '    return 1;',
    '  }',
    '  make(): number {',
    '    return Base.make() + this.own() + this.own();',
    '  }',
    '  own(): number {',
    '    return this.linked();',
    '  }',
    '  /** Calls {@link Base.linked} and {@link linked}. */',
    '  linked(): number {',
    '    return this.own();',
    '  }',
    '  readonly arrow = (): number => this.linked();',
    '  static first(): number {',
    '    return this.second();',
    '  }',
    '  static second(): number {',
    '    return 2;',
    '  }',
    '  static third(): number {',
    '    return 3;',
    '  }',
    '  notStatic(): number {',
    '    // @ts-expect-error: a static method is not the instance’s.',
    '    return this.third();',
    '  }',
    '}',
    'export class Derived extends Base {',
    '  more(): number {',
    '    return this.beta();',
    '  }',
    '}',
    '',
  ].join('\n'),
  'traps/methods.js': [
    'export class Timer {',
    '  constructor() {',
    '    this.fire = this.fire.bind(this);',
    '  }',
    '  fire() {',
    '    return this.gamma();',
    '  }',
    "  /** @this {import('./methods-other').Other} */",
    '  other() {',
    '    return this.gamma();',
    '  }',
    '  gamma() {',
    '    return Math.random();',
    '  }',
    '  delta() {',
    '    return this.fire();',
    '  }',
    '}',
    '',
  ].join('\n'),
  // Members read through `this`: settled where the class declares the name once, on the side `this` is.
  'traps/members.ts': [
    "import type { Other } from './methods-other';",
    '',
    'export interface Merged {',
    '  log(text: string): void;',
    '}',
    'export class Merged {',
    '  log(message: string): void {',
    '    this.log(message);',
    '  }',
    '}',
    'export class Members {',
    '  #secret = 1;',
    '  constructor(private readonly sink: (text: string) => void) {}',
    '  over(a: string): void;',
    '  over(a: number): void;',
    '  over(a: unknown): void {',
    '    this.sink(String(a) + String(this.#secret));',
    '  }',
    '  get size(): number {',
    '    return 1;',
    '  }',
    '  set size(value: number) {',
    '    this.over(value);',
    '  }',
    '  static create(): Members {',
    '    return new this((text) => text);',
    '  }',
    '  twice(): void {',
    '    this.over(this.size);',
    '    // @ts-expect-error: the instance has no static method.',
    '    this.create();',
    '  }',
    '  typed(this: Other): number {',
    '    return this.alpha();',
    '  }',
    '}',
    'export class Child extends Members {',
    '  more(): void {',
    '    this.twice();',
    '  }',
    '}',
    // `this` in an object literal's property values is the method's; in its methods, the literal's own.
    'export class Holder {',
    '  private tick(): number {',
    '    return 1;',
    '  }',
    '  make(): unknown {',
    '    return {',
    '      run: this.tick,',
    '      nested: { again: this.tick() },',
    '      arrow: () => this.tick,',
    '      method() {',
    '        // @ts-expect-error: the literal has no `tick`.',
    '        return this.tick;',
    '      },',
    '    };',
    '  }',
    '}',
    '',
  ].join('\n'),
  'traps/members.js': [
    'export class Writer {',
    '  constructor() {',
    '    this.flush = this.flush.bind(this);',
    '  }',
    '  flush(text) {',
    '    return this.print(text);',
    '  }',
    '  print(text) {',
    '    this.flush(text);',
    '    return text;',
    '  }',
    '}',
    '',
  ].join('\n'),
  'traps/classes/use.ts': [
    "import Anonymous from './queue';",
    "import { Renamed, Queue } from './more';",
    "import { Plain } from './both';",
    "import { Plain as Direct } from './queue';",
    'export const made = [new Anonymous(), new Renamed(), new Queue(), new Plain(), new Direct()];',
    '',
  ].join('\n'),
};

/** Names read as values where rules ask: callees, `new` targets, receivers and arguments. */
function valueNames(file: ts.SourceFile): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      if (
        ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) &&
          (parent.expression === node || (parent.arguments ?? []).some((a) => a === node))) ||
        (ts.isPropertyAccessExpression(parent) && parent.expression === node)
      )
        out.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/**
 * A symbol's declarations but the names JavaScript's expandos assign through
 * (`Response` in `Response.kind = 1`, which the binder adds to the class's
 * declarations): the same binding, not another declaration of it.
 */
function ownDeclarations(symbol: ts.Symbol | undefined): ts.Declaration[] {
  return (symbol?.declarations ?? []).filter(
    (d) => !(ts.isIdentifier(d) && ts.isPropertyAccessExpression(d.parent) && d.parent.expression === d),
  );
}

/** Checks every answer against the checker; returns how many names each kind of answer covered. */
function audit(view: ProjectView): {
  global: number;
  local: number;
  unsettled: number;
  classes: number;
  functions: number;
  imported: number;
  namespacesAndFunctions: number;
} {
  const checker = view.project.getTypeChecker().compilerObject;
  const counts = {
    global: 0,
    local: 0,
    unsettled: 0,
    classes: 0,
    functions: 0,
    imported: 0,
    namespacesAndFunctions: 0,
  };
  for (const file of view.files) {
    for (const name of valueNames(file.compilerNode)) {
      const where = `${view.relativePath(file)}:${String(file.compilerNode.getLineAndCharacterOfPosition(name.getStart()).line + 1)} ${name.text}`;
      const symbol = checker.getSymbolAtLocation(name);
      const declarations = ownDeclarations(symbol);
      const binding = syntacticBindingOf(view, file, name);
      if (binding === undefined) counts.unsettled++;
      else if (binding.kind === 'global') {
        counts.global++;
        expect(
          declarations.filter((d) => !d.getSourceFile().isDeclarationFile).map((d) => d.getSourceFile().fileName),
          where,
        ).toEqual([]);
      } else {
        counts.local++;
        expect(declarations, where).toEqual([binding.declaration.parent]);
      }
      // A name destructured from `require(…)` is an alias of the exported object's property, not of what the property
      // holds: its class is the symbol of its type (`typeof KafkaError`).
      const destructured = (symbol?.declarations ?? []).some((d) => ts.isBindingElement(d));
      const target = destructured
        ? checker.getTypeAtLocation(name).getSymbol()
        : symbol !== undefined && (symbol.flags & ts.SymbolFlags.Alias) !== 0
          ? checker.getAliasedSymbol(symbol)
          : symbol;
      const found = syntacticClassOf(view, file, name);
      if (found !== undefined) {
        counts.classes++;
        expect(ownDeclarations(target), where).toEqual([found]);
      }
      const imported = importedFunctionOf(view, file, name);
      if (imported !== undefined) {
        counts.imported++;
        // Through a destructured `require`, the type's symbol is the function itself: a `const`'s value.
        const expected = destructured && ts.isVariableDeclaration(imported) ? imported.initializer : imported;
        expect(ownDeclarations(target), where).toEqual([expected]);
      }
      if (isFunctionOrNamespaceName(view, file, name)) {
        counts.namespacesAndFunctions++;
        // What the lock model reads of a receiver: its type's symbol (no class or interface) and its own declaration.
        const type = checker.getTypeAtLocation(name);
        const typeKinds = ((type.aliasSymbol ?? type.getSymbol())?.declarations ?? []).map(
          (d) => ts.SyntaxKind[d.kind],
        );
        expect(typeKinds.length, where).toBeGreaterThan(0);
        expect(
          typeKinds.filter((k) => k === 'ClassDeclaration' || k === 'InterfaceDeclaration'),
          where,
        ).toEqual([]);
        const own =
          symbol !== undefined && (symbol.flags & ts.SymbolFlags.Alias) !== 0
            ? checker.getAliasedSymbol(symbol)
            : symbol;
        expect(
          (own?.declarations ?? []).filter(
            (d) =>
              ts.isVariableDeclaration(d) ||
              ts.isPropertyDeclaration(d) ||
              ts.isParameter(d) ||
              ts.isPropertySignature(d),
          ),
          where,
        ).toEqual([]);
      }
      if (isClasslessConstructor(view, file, name)) {
        counts.functions++;
        const kinds = (target?.declarations ?? []).map((d) => ts.SyntaxKind[d.kind]);
        expect(kinds.length, where).toBeGreaterThan(0);
        expect(
          kinds.filter((k) => k === 'ClassDeclaration' || k === 'InterfaceDeclaration'),
          where,
        ).toEqual([]);
      }
    }
  }
  return counts;
}

/**
 * Compares the uses syntax finds for a name declared more than once in its
 * file (shadowed, or shadowing) with the checker's, occurrence by occurrence;
 * false when syntax left the name to the checker. `unresolvedIsMine`: an
 * occurrence the checker cannot resolve counts as this binding's (an import
 * of a module that is not there).
 */
function auditUses(view: ProjectView, file: SourceFile, name: ts.Identifier, unresolvedIsMine: boolean): boolean {
  if (view.references.declarationsIn(file, name.text).length < 2) return false;
  const uses = syntacticUsesOf(view, file, name);
  // Where syntax cannot settle every occurrence, those it places are still the binding's.
  const placed = new Set(placedOccurrencesOf(view, file, name).map((o) => o.compilerNode));
  if (uses === undefined && placed.size === 0) return false;
  const checker = view.project.getTypeChecker().compilerObject;
  const own = checker.getSymbolAtLocation(name);
  const mine = uses === undefined ? undefined : new Set([...uses.reads, ...uses.writes].map((o) => o.compilerNode));
  for (const occurrence of view.references.occurrencesIn(file, name.text)) {
    if (occurrence.role !== 'name') continue;
    const node = occurrence.compilerNode;
    // The local binding a name refers to (`export { f }` names the local `f`), as the rules' checker path reads it.
    const found = ts.isShorthandPropertyAssignment(node.parent)
      ? checker.getShorthandAssignmentValueSymbol(node.parent)
      : ts.isExportSpecifier(node.parent)
        ? checker.getExportSpecifierLocalTargetSymbol(node.parent)
        : checker.getSymbolAtLocation(node);
    const line = file.compilerNode.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    const where = `${view.relativePath(file)}:${String(line)} ${name.text}`;
    const isOwn = found === own || (unresolvedIsMine && found === undefined);
    if (mine !== undefined) expect(mine.has(node), where).toBe(isOwn);
    else if (placed.has(node)) expect(isOwn, where).toBe(true);
  }
  return true;
}

/** `auditUses` for every variable and function of the project; returns how many syntax settled. */
function auditShadowedBindings(view: ProjectView): number {
  let settled = 0;
  for (const file of view.files) {
    for (const declaration of [
      ...file.getDescendantsOfKind(ts.SyntaxKind.VariableDeclaration),
      ...file.getDescendantsOfKind(ts.SyntaxKind.FunctionDeclaration),
    ]) {
      const name = declaration.compilerNode.name;
      if (name !== undefined && ts.isIdentifier(name) && auditUses(view, file, name, false)) settled++;
    }
  }
  return settled;
}

/** `auditUses` for every import of the project; returns how many syntax settled. */
function auditShadowedImports(view: ProjectView): number {
  let settled = 0;
  for (const file of view.files) {
    for (const statement of file.compilerNode.statements) {
      if (!ts.isImportDeclaration(statement)) continue;
      const clause = statement.importClause;
      const bindings = clause?.namedBindings;
      const names = [
        clause?.name,
        ...(bindings === undefined
          ? []
          : ts.isNamespaceImport(bindings)
            ? [bindings.name]
            : bindings.elements.map((e) => e.name)),
      ].filter((n) => n !== undefined);
      for (const name of names) if (auditUses(view, file, name, true)) settled++;
    }
  }
  return settled;
}

/**
 * Compares `thisMemberDeclarationsOf` with the checker's declarations of the member every `this.name` of the
 * project reads; returns how many syntax settled.
 */
function auditThisMembers(view: ProjectView): number {
  const checker = view.project.getTypeChecker().compilerObject;
  let settled = 0;
  for (const file of view.files) {
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const found = thisMemberDeclarationsOf(view, file, node);
        if (found !== undefined) {
          settled++;
          const where = `${view.relativePath(file)}:${String(file.compilerNode.getLineAndCharacterOfPosition(node.getStart()).line + 1)} ${node.getText()}`;
          expect(found, where).toEqual(checker.getSymbolAtLocation(node.name)?.declarations ?? []);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file.compilerNode);
  }
  return settled;
}

/**
 * Compares `referencesInOwnFile` with the language service's references for every variable, function and method
 * the project declares; returns how many of them syntax settled (the rest went to the language service).
 */
function auditReferences(view: ProjectView): number {
  let asked = 0;
  let names = 0;
  const languageService = (name: Identifier): Node[] => {
    asked++;
    return name.findReferencesAsNodes();
  };
  const positions = (nodes: readonly Node[]): string[] =>
    nodes.map((n) => `${String(n.getStartLineNumber())}:${String(n.getStart() - n.getStartLinePos() + 1)}`);
  for (const file of view.files) {
    for (const declaration of [
      ...file.getDescendantsOfKind(ts.SyntaxKind.VariableDeclaration),
      ...file.getDescendantsOfKind(ts.SyntaxKind.FunctionDeclaration),
      ...file.getDescendantsOfKind(ts.SyntaxKind.MethodDeclaration),
    ]) {
      const name = declaration.getNameNode();
      if (name === undefined || !Node.isIdentifier(name)) continue;
      names++;
      const where = `${view.relativePath(file)}:${String(name.getStartLineNumber())} ${name.getText()}`;
      const expected = name.findReferencesAsNodes().filter((r) => r !== name && r.getSourceFile() === file);
      expect(positions(referencesInOwnFile(view, name, languageService)), where).toEqual(positions(expected));
    }
  }
  return names - asked;
}

describe('names settled from syntax are what the checker says they are', () => {
  it('on the traps: each answer is the checker’s, and the traps are left to it', () => {
    const { view } = loadInMemory(SNIPPETS);
    const counts = audit(view);
    // Shadowed and settled or placed: both imports of traps/imports/use.ts, `createHash` in traps/shadow.ts, `Profile`
    // and `Shape` in traps/types.ts (hidden by a type parameter in types only); `Lib` there (read as a namespace in
    // `Lib.Shape` under a type parameter `Lib`), `Outline` (outside the ambient namespace that declares an interface of
    // its name) and `Target` in traps/augment.ts (outside the augmentation).
    // `this.sink`, `this.#secret`, `this.twice` and `this.print` (traps/members.*), and the methods of traps/methods.*.
    expect(auditThisMembers(view)).toBeGreaterThan(8);
    // `this.tick` of traps/members.ts: settled in the literal's values (three), left in its method.
    const members = view.project.getSourceFileOrThrow('/traps/members.ts');
    const ticks = members
      .getDescendantsOfKind(ts.SyntaxKind.PropertyAccessExpression)
      .filter((access) => access.getText() === 'this.tick')
      .map((access) => thisMemberDeclarationsOf(view, members, access.compilerNode)?.length);
    expect(ticks).toEqual([1, 1, 1, undefined]);
    // With traps/merged.ts's `Fp` and `P`, each one symbol with the variable of its name.
    expect(auditShadowedImports(view)).toBe(10);
    // traps/merged.ts: how many uses syntax settles (and the audit found the checker's) for a name declared twice.
    const merged = view.project.getSourceFileOrThrow('/traps/merged.ts');
    const usesOf = (text: string, kind: ts.SyntaxKind): number | undefined => {
      const name = view.references.declarationsIn(merged, text).find((n) => n.parent.kind === kind);
      if (name === undefined) throw new Error(`no ${text} declared by ${ts.SyntaxKind[kind]}`);
      const uses = syntacticUsesOf(view, merged, name);
      return uses === undefined ? undefined : uses.reads.length + uses.writes.length;
    };
    // The type and the value of `twice`, the false branch of `Inferred`, and the second element in `Nested`'s
    // `extends`: not `mul`'s parameter's, nor the `infer Fp` types' in their true branches.
    expect(usesOf('Fp', ts.SyntaxKind.ImportSpecifier)).toBe(4);
    expect(usesOf('Fp', ts.SyntaxKind.BindingElement)).toBe(4);
    expect(usesOf('P', ts.SyntaxKind.ImportSpecifier)).toBe(3);
    // The three computed names, the array and the argument in `Inner`'s computed name: not the parameters' of `run`,
    // `m`, the literal's method and the arrow function in that name.
    expect(usesOf('key', ts.SyntaxKind.VariableDeclaration)).toBe(5);
    expect(auditShadowedBindings(view)).toBeGreaterThan(3);
    // Settled and unsettled names both occur: the audit above compared real answers.
    expect(counts.global).toBeGreaterThan(3);
    expect(counts.local).toBeGreaterThan(8);
    expect(counts.unsettled).toBeGreaterThan(2);
    const at = (path: string, text: string): ts.Identifier => {
      const file = view.project.getSourceFileOrThrow(`/${path}`);
      const name = valueNames(file.compilerNode).find((n) => n.text === text);
      if (name === undefined) throw new Error(`no ${text} in ${path}`);
      return name;
    };
    const classOf = (path: string, text: string): string | undefined =>
      syntacticClassOf(view, view.project.getSourceFileOrThrow(`/${path}`), at(path, text))?.getSourceFile().fileName;
    const bindingOf = (path: string, text: string): string | undefined =>
      syntacticBindingOf(view, view.project.getSourceFileOrThrow(`/${path}`), at(path, text))?.kind;
    expect(bindingOf('traps/uses-script.ts', 'setInterval')).toBeUndefined();
    expect(bindingOf('traps/uses-script.ts', 'scriptGlobal')).toBeUndefined();
    expect(bindingOf('traps/uses-script.ts', 'clearTimeout')).toBe('global');
    // Types of the name (an alias, an interface, type parameters) declare no value: the environment's constructors.
    for (const name of ['Error', 'Map', 'Set']) expect(bindingOf('traps/type-named.ts', name), name).toBe('global');
    // A type alias beside a value of its name: one symbol of both, left to the checker.
    expect(bindingOf('traps/type-named.ts', 'Queue')).toBeUndefined();
    expect(bindingOf('traps/shadow.ts', 'Math')).toBe('local');
    expect(classOf('traps/shadow.ts', 'Merged')).toBeUndefined();
    expect(classOf('traps/classes/use.ts', 'Plain')).toBeUndefined();
    // An anonymous default class is left to the checker; so is a class of a module an augmentation targets.
    expect(classOf('traps/classes/use.ts', 'Anonymous')).toBeUndefined();
    expect(classOf('traps/augment.ts', 'Target')).toBeUndefined();
    expect(classOf('traps/classes/use.ts', 'Queue')).toBe('/traps/classes/queue.ts');
    expect(classOf('traps/classes/use.ts', 'Renamed')).toBe('/traps/classes/queue.ts');
    expect(classOf('traps/classes/use.ts', 'Direct')).toBe('/traps/classes/queue.ts');
    expect(classOf('traps/cjs/destructure.js', 'KafkaError')).toBe('/traps/cjs/errors.js');
    expect(classOf('traps/cjs/destructure.js', 'Renamed')).toBe('/traps/cjs/errors.js');
    expect(classOf('traps/cjs/destructure.js', 'Quoted')).toBe('/traps/cjs/errors.js');
    expect(classOf('traps/cjs/destructure.js', 'Aliased')).toBe('/traps/cjs/errors.js');
    // Left to the checker: a property the object lacks, a default value, one written again, an object with a spread.
    expect(classOf('traps/cjs/destructure.js', 'Missing')).toBeUndefined();
    expect(classOf('traps/cjs/destructure.js', 'Work')).toBeUndefined();
    expect(classOf('traps/cjs/destructure.js', 'First')).toBe('/traps/cjs/added.js');
    expect(classOf('traps/cjs/destructure.js', 'Second')).toBeUndefined();
    expect(classOf('traps/cjs/destructure.js', 'Third')).toBeUndefined();
    expect(bindingOf('traps/cjs/defaults.js', 'crypto')).toBe('local');
    expect(bindingOf('traps/cjs/defaults.js', 'own')).toBeUndefined();
    expect(bindingOf('traps/cjs/use.js', 'Deque')).toBe('local');
    expect(bindingOf('traps/cjs/solo.js', 'Solo')).toBe('local');
    expect(bindingOf('traps/cjs/reads-script.js', 'sharedGlobal')).toBeUndefined();
    expect(bindingOf('traps/cjs/reads-script.js', 'helperGlobal')).toBeUndefined();
    expect(bindingOf('traps/cjs/script.js', 'sharedGlobal')).toBeUndefined();
    expect(bindingOf('traps/cjs/voided.js', 'own')).toBeUndefined();
    const importedOf = (path: string, text: string): string | undefined =>
      importedFunctionOf(view, view.project.getSourceFileOrThrow(`/${path}`), at(path, text))?.getText();
    expect(importedOf('traps/functions/use.ts', 'declared')).toBe('export function declared(): number { return 1; }');
    expect(importedOf('traps/functions/use.ts', 'expressed')).toBe('expressed = function (): number { return 2; }');
    expect(importedOf('traps/functions/use.ts', 'arrow')).toBe('arrow = async (): Promise<number> => 3');
    expect(importedOf('traps/functions/use.ts', 'renamed')).toBe('arrow = async (): Promise<number> => 3');
    expect(importedOf('traps/functions/use.ts', 'typed')).toBe('typed: () => number = () => 6');
    // Left to the checker: a `let`, overloads, a function merged with a namespace, a value, a namespace import.
    for (const name of ['changing', 'overloaded', 'merged', 'value', 'all'])
      expect(importedOf('traps/functions/use.ts', name), name).toBeUndefined();
    expect(importedOf('traps/functions/use.js', 'helper')).toBe('function helper() {}');
    expect(importedOf('traps/functions/use.js', 'later')).toBe('later = () => 1');
    expect(importedOf('traps/functions/use.js', 'one')).toBe('function one() {}');
    // And four the other traps import: `Job` twice (traps/cjs), `helper` (traps/esm/use.js), `tower` (traps/merged.ts).
    expect(counts.imported).toBe(12);
    const namespaceOrFunction = (path: string, text: string): boolean =>
      isFunctionOrNamespaceName(view, view.project.getSourceFileOrThrow(`/${path}`), at(path, text));
    expect(namespaceOrFunction('traps/functions/use.ts', 'all')).toBe(true);
    expect(namespaceOrFunction('traps/functions/use.ts', 'declared')).toBe(true);
    // Left to the checker: `export =`, a `const` (its annotation is its type), overloads, a namespace merged in.
    for (const name of ['assigned', 'expressed', 'arrow', 'typed', 'overloaded', 'merged', 'changing', 'value'])
      expect(namespaceOrFunction('traps/functions/use.ts', name), name).toBe(false);
    expect(namespaceOrFunction('traps/functions/use.js', 'helper')).toBe(true);
    expect(namespaceOrFunction('traps/functions/use.js', 'one')).toBe(true);
    expect(namespaceOrFunction('traps/functions/use.js', 'later')).toBe(false);
    // Those four and ten more names the other traps read (local functions, `Job`, `helper`, `tower`), each audited
    // above.
    expect(counts.namespacesAndFunctions).toBe(14);
    const functionOf = (path: string, text: string): boolean =>
      isClasslessConstructor(view, view.project.getSourceFileOrThrow(`/${path}`), at(path, text));
    expect(functionOf('traps/cjs/destructure.js', 'Job')).toBe(true);
    expect(functionOf('traps/cjs/destructure.js', 'Inline')).toBe(true);
    expect(functionOf('traps/cjs/use.js', 'Job')).toBe(true);
    expect(functionOf('traps/cjs/use.js', 'Local')).toBe(true);
    expect(functionOf('traps/cjs/use.js', 'Deque')).toBe(false);
    expect(functionOf('traps/cjs/use.js', 'Anonymous')).toBe(true);
    expect(functionOf('traps/cjs/use.js', 'Lock')).toBe(true);
    expect(functionOf('traps/cjs/use.js', 'Cast')).toBe(false);
    expect(classOf('traps/cjs/use.js', 'Lock')).toBeUndefined();
    expect(classOf('traps/esm/use.js', 'Response')).toBe('/traps/esm/response.js');
    expect(classOf('traps/esm/use.js', 'Base')).toBe('/traps/esm/body.js');
    expect(classOf('traps/esm/use.js', 'Body')).toBe('/traps/esm/body.js');
    expect(functionOf('traps/cjs/functions.ts', 'Plain')).toBe(true);
    expect(functionOf('traps/cjs/functions.ts', 'Expression')).toBe(true);
    expect(functionOf('traps/cjs/functions.ts', 'Twin')).toBe(false);
    expect(functionOf('traps/cjs/functions.ts', 'Arrow')).toBe(false);
    expect(functionOf('traps/cjs/functions.ts', 'Changing')).toBe(false);
    expect(classOf('traps/cjs/use.js', 'Deque')).toBe('/traps/cjs/deque.js');
    expect(classOf('traps/cjs/use.js', 'Alias')).toBe('/traps/cjs/deque.js');
    expect(classOf('traps/cjs/use.js', 'Extra')).toBe('/traps/cjs/extra.js');
    expect(classOf('traps/cjs/use.js', 'Both')).toBeUndefined();
    expect(classOf('traps/cjs/use.js', 'Anonymous')).toBeUndefined();
    expect(classOf('traps/cjs/use.js', 'Typed')).toBeUndefined();
    // Declared again in one scope (traps/again.*): settled as one binding, or left to the checker.
    const usesAt = (path: string, line: number, text: string): number | undefined => {
      const file = view.project.getSourceFileOrThrow(`/${path}`);
      const name = file
        .getDescendantsOfKind(ts.SyntaxKind.Identifier)
        .find((n) => n.getText() === text && n.getStartLineNumber() === line);
      if (name === undefined) throw new Error(`no ${text} on line ${String(line)} of ${path}`);
      const uses = syntacticUsesOf(view, file, name.compilerNode);
      return uses === undefined ? undefined : uses.reads.length + uses.writes.length;
    };
    expect(usesAt('traps/again.ts', 3, 'i')).toBe(8);
    expect(usesAt('traps/again.ts', 5, 'i')).toBe(8);
    expect(usesAt('traps/again.ts', 2, 'total')).toBe(5);
    expect(usesAt('traps/again.ts', 10, 'pad')).toBe(2);
    // A parameter and a `var` of its name in the function: one binding, settled.
    expect(usesAt('traps/again.ts', 14, 'n')).toBe(2);
    expect(usesAt('traps/redeclared.js', 2, 'state')).toBe(1);
    expect(usesAt('traps/redeclared.js', 5, 'S')).toBe(2);
    expect(usesAt('traps/redeclared.js', 9, 'x')).toBe(0);
    // What a class extends is a value: the loop's `ctor`, the parameter `base`, the constant `base`.
    expect(usesAt('traps/redeclared.js', 10, 'ctor')).toBe(2);
    expect(usesAt('traps/extends.ts', 1, 'base')).toBe(1);
    expect(usesAt('traps/extends.ts', 2, 'base')).toBe(1);
    // A type parameter, alias or interface of the name hides it in types only; `Lib.Shape` reads a namespace, which
    // only the import declares: its two `Lib.Shape` and `whole = Lib`.
    expect(usesAt('traps/types.ts', 1, 'Profile')).toBe(3);
    expect(usesAt('traps/types.ts', 2, 'Shape')).toBe(1);
    expect(usesAt('traps/types.ts', 3, 'Lib')).toBe(3);
    expect(usesAt('traps/types.ts', 8, 'Store')).toBe(3);
    expect(usesAt('traps/types.ts', 11, 'Count')).toBe(2);
    expect(usesAt('traps/types.ts', 15, 'Sized')).toBe(2);
    // An ambient namespace's interface is exported to its other bodies: which `Outline` each means is the checker's.
    expect(usesAt('traps/types.ts', 17, 'Outline')).toBeUndefined();
    // `{Model}` in JSDoc is left to the checker; syntax still places the constructor function's other uses.
    const model = view.project.getSourceFileOrThrow('/traps/redeclared.js');
    const modelName = model.getFunctionOrThrow('Model').getNameNodeOrThrow().compilerNode;
    expect(syntacticUsesOf(view, model, modelName)).toBeUndefined();
    expect(placedOccurrencesOf(view, model, modelName).map((o) => o.node.getStartLineNumber())).toEqual([18, 19]);
    // The compiler binds a body's functions first: every `k` there is the function's, none the `var`'s.
    expect(usesAt('traps/again.ts', 15, 'k')).toBe(0);
    expect(usesAt('traps/again.js', 1, 'debug')).toBe(2);
    expect(usesAt('traps/again.js', 4, 'i')).toBe(4);
    expect(usesAt('traps/again.js', 8, 'twice')).toBe(2);
    // The `var` hides the function expression's name in the body; a parameter's initialiser is the checker's.
    expect(usesAt('traps/named.js', 3, 'range')).toBe(2);
    const named = view.project.getSourceFileOrThrow('/traps/named.js');
    const declared = (kind: ts.SyntaxKind.Parameter | ts.SyntaxKind.VariableDeclaration, text: string): ts.Node => {
      const found = named.getDescendantsOfKind(kind).find((d) => d.getName() === text);
      if (found === undefined) throw new Error(`no ${text} in traps/named.js`);
      return found.getNameNode().compilerNode;
    };
    const parameter = declared(ts.SyntaxKind.Parameter, 'subdomains');
    expect(syntacticUsesOf(view, named, parameter)?.reads.map((o) => o.node.getStartLineNumber())).toEqual([7]);
    const early = declared(ts.SyntaxKind.VariableDeclaration, 'early');
    expect(syntacticUsesOf(view, named, early)).toBeUndefined();
    expect(placedOccurrencesOf(view, named, early).map((o) => o.node.getText())).toEqual(['early']);
  });

  it('on the traps: the references syntax lists in a binding’s file are the language service’s, in its order', () => {
    const { view } = loadInMemory(SNIPPETS);
    // 90 of the 138 names here; the rest are methods a subclass, another object or a typed `this` uses, an overload
    // pair, names also in types or JSDoc, a script's, a parameter initialiser's and an object-literal method's
    // computed name.
    expect(auditReferences(view)).toBeGreaterThan(80);
  });

  it('on every fixture project: each answer is the checker’s', () => {
    // Every fixture project's TypeScript, each under its own folder.
    const { view } = loadInMemory(fixtureSources(/\.(?:[cm]?ts|tsx)$/));
    const counts = audit(view);
    expect(auditShadowedImports(view)).toBeGreaterThan(0);
    expect(auditShadowedBindings(view)).toBeGreaterThan(50);
    expect(counts.global).toBeGreaterThan(100);
    expect(counts.local).toBeGreaterThan(100);
    expect(counts.classes).toBeGreaterThan(50);
    expect(counts.functions).toBeGreaterThan(0);
    expect(counts.namespacesAndFunctions).toBeGreaterThan(50);
    // 631 `this.name` reads settled from syntax.
    expect(auditThisMembers(view)).toBeGreaterThan(500);
    // 1,303 of 1,499 names; methods a subclass or another object uses, overloads and names in types are most of the rest.
    expect(auditReferences(view)).toBeGreaterThan(1200);
  });
});

describe('opensAsModule: a module told from its first tokens', () => {
  /** What the compiler says of the text as a file of its own. */
  const isModule = (text: string, name = 'file.ts'): boolean =>
    ts.isExternalModule(ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true));
  const openers = [
    "import { a } from 'a';",
    "import * as a from 'a';",
    "import a from 'a';",
    "import a, { b } from 'a';",
    "import type { A } from 'a';",
    "import type * as A from 'a';",
    "import type from 'a';",
    "import 'a';",
    'export const a = 1;',
    'export default 1;',
    "export * from 'a';",
    'export = a;',
    'export as namespace A;',
    "import a = require('a');",
    'import a = B.c;',
    "import('a').then(() => 1);",
    'import.meta.url;',
    'const a = 1;',
    'declare global { var a: number }',
    'function f() {}',
    '',
  ];
  const lead = fc.constantFrom(
    '',
    '#!/usr/bin/env node\n',
    '\uFEFF',
    '// a comment\n',
    '/** a JSDoc */\n',
    "'use client';\n",
    "'use strict'\n",
    '"a" + b;\n',
  );
  // Then any second statement, or any text at all.
  const text = fc.tuple(
    fc.array(lead, { maxLength: 3 }),
    fc.constantFrom(...openers),
    fc.oneof(fc.constantFrom(...openers), fc.string()),
  );

  it('says so only of files the compiler makes modules', () => {
    fc.assert(
      fc.property(text, fc.constantFrom('file.ts', 'file.js', 'file.tsx'), ([leads, first, rest], name) => {
        const source = `${leads.join('')}${first}\n${rest}\n`;
        if (opensAsModule(source)) expect(isModule(source, name)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('tells the usual openings of a module, and leaves scripts and UMD names alone', () => {
    expect(openers.filter((opener) => opensAsModule(`// header\n'use client';\n${opener}\n`))).toEqual(
      openers.slice(0, 12),
    );
    expect(openers.slice(12).filter((opener) => isModule(opener))).toEqual([
      "import a = require('a');",
      'import.meta.url;',
    ]);
  });
});

/** A project on disk whose dependencies resolve as a program's do: one without types, one with, Node's modules. */
const WITH_DEPENDENCIES: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { target: 'es2022', module: 'commonjs', allowJs: true, strict: true, noEmit: true },
    include: ['lib', 'src'],
  }),
  'node_modules/plain/package.json': JSON.stringify({ name: 'plain', main: 'index.js' }),
  'node_modules/plain/index.js': 'module.exports = class Plain {};\n',
  'node_modules/typed/package.json': JSON.stringify({ name: 'typed', main: 'index.js', types: 'index.d.ts' }),
  'node_modules/typed/index.js': 'module.exports = class Typed {};\n',
  'node_modules/typed/index.d.ts': 'declare class Typed {}\nexport = Typed;\n',
  'lib/local.js': 'module.exports = 1;\n',
  'lib/use.js': [
    "const Plain = require('plain');",
    "const Typed = require('typed');",
    "const Local = require('./local');",
    "/** @type {any} */ const Cast = require('plain');",
    // A property destructured from an untyped package: `any` too.
    "const { Part } = require('plain');",
    "const { URL } = require('url');",
    "const { URL: Address, parse } = require('node:url');",
    "const { format = null } = require('url');",
    'function keep(...values) {',
    '  return values.length;',
    '}',
    "module.exports = keep(new Plain(), new Typed(), Local, Cast, Part, new URL('x:'), Address, parse, format);",
    '',
  ].join('\n'),
  'src/use.ts': [
    "import Default from 'plain';",
    "import * as All from 'plain';",
    "import { Named } from 'plain';",
    "import Typed from 'typed';",
    'function keep(...values: unknown[]): number {',
    '  return values.length;',
    '}',
    'export const count = keep(Default, All, Named, Typed);',
    '',
  ].join('\n'),
};

describe('dependencies without types, and Node modules through require', () => {
  it('says `any` only where the checker does, and names a Node class as an import would', () => {
    const root = temporaryFolder('review-bot-dependencies-');
    for (const [path, text] of Object.entries(WITH_DEPENDENCIES)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const { view } = loadProject({ path: root });
    const untyped: string[] = [];
    const builtin: string[] = [];
    const names: { file: SourceFile; name: ts.Identifier; where: string }[] = [];
    for (const file of view.files)
      for (const name of valueNames(file.compilerNode))
        names.push({ file, name, where: `${view.relativePath(file)} ${name.text}` });
    // Syntax's answers first, then the checker's to compare them with.
    for (const { file, name, where } of names) {
      if (isUntypedDependencyName(view, file, name)) untyped.push(where);
      const imported = builtinImportOf(view, file, name);
      if (imported !== undefined) builtin.push(`${where} ${imported.module} ${imported.name}`);
    }
    expect(untyped).toEqual([
      'lib/use.js Plain',
      'lib/use.js Part',
      'src/use.ts Default',
      'src/use.ts All',
      'src/use.ts Named',
    ]);
    expect(builtin).toEqual([
      'lib/use.js URL url URL',
      'lib/use.js Address node:url URL',
      'lib/use.js parse node:url parse',
    ]);
    const checker = view.project.getTypeChecker().compilerObject;
    for (const { name, where } of names) {
      const any = (checker.getTypeAtLocation(name).flags & ts.TypeFlags.Any) !== 0;
      if (untyped.includes(where)) expect(any, where).toBe(true);
    }
    // The typed dependency is not `any`: the audit would tell a wrong answer from a right one.
    const typed = names.find(({ where }) => where === 'src/use.ts Typed');
    expect(typed === undefined ? undefined : checker.getTypeAtLocation(typed.name).flags & ts.TypeFlags.Any).toBe(0);
  });
});
