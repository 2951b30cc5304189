import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ts } from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { loadInMemory, loadProject } from '../src/load/project.js';
import { temporaryFolder } from './temporary-folder.js';
import type { ProjectView } from '../src/model/project-view.js';
import { textTypeBySyntax } from '../rules/_shared/text-type.js';
import { fixtureSources } from './fixture-sources.js';

/**
 * `textTypeBySyntax` answers, from syntax, whether a value spliced into a
 * command, a query or code is typed `any` or `string`, which the security
 * rules would otherwise ask the checker (`hasInertType`), building the
 * program. Whenever it answers, the answer must be the checker's: checked on
 * the traps below, each value shown with both answers, and on every value a
 * fixture passes to a call, splices into a template or adds with `+`.
 */

/** Values passed to `probe(…)`, a function of the file with no return type (no assertion: nothing it is given is narrowed). */
const TRAPS: Record<string, string> = {
  'lib/untyped.js': [
    'function probe(v) { return v; }',
    'function run(cmd, opts, count) {',
    '  probe(cmd);',
    '  probe(opts.shell);',
    "  probe(cmd.replace(/ /g, '\\\\ '));",
    '  var escaped = cmd.trim();',
    '  probe(escaped);',
    '  if (cmd === 5) probe(cmd);',
    '  if (typeof count === "number") probe(count);',
    '  probe(count);',
    "  let line = '';",
    "  line += ' ' + cmd;",
    '  probe(line);',
    "  let picked = '';",
    "  if (picked === 'ls') probe(picked);",
    '  const joined = `${cmd} --flag`;',
    '  probe(joined);',
    "  const word = 'ls';",
    '  probe(word);',
    '}',
    '/** @param {string} name @param {number} port @param {*} extra @param {String} host */',
    'function documented(name, port, extra, host) { probe(name); probe(port); probe(extra); probe(host); }',
    'function defaults(level = 3, ...rest) { probe(level); probe(rest); }',
    '[1, 2].map((n) => probe(n));',
    'const table = { open(path) { return probe(path); } };',
    'function Queue() {}',
    'Queue.prototype.push = function (job) { probe(job); };',
    'function guarded(x) { if (isNumber(x)) probe(x); }',
    'function isNumber(v) { return typeof v === "number"; }',
    'function asserted(x) { check(x); probe(x); }',
    'function logged(x, log) { log.info(x); console.log(x); probe(x); }',
    'function matched(x) { if (/^[a-z]+$/.test(x)) probe(x); }',
    'function kinds(x) { if (x instanceof Number) probe(x); switch (x) { case 1: probe(x); } }',
    'register({ open(file) { return probe(file); } });',
    'exports.start = function (mode) { probe(mode); };',
    '/** @type {(m: string) => void} */',
    'exports.stop = function (m) { probe(m); };',
    'module.exports.table = { open(path) { return probe(path); } };',
    '',
  ].join('\n'),
  'lib/check.js': '/** @returns {asserts v is number} */\nfunction check(v) {}\nmodule.exports = { check };\n',
  'src/typed.ts': [
    'function probe(v: unknown) { return v; }',
    'declare function assertNumber(v: unknown): asserts v is number;',
    'export class Runner {',
    '  run(cmd: string, raw: any, port?: string, code = 0) {',
    '    probe(cmd);',
    '    probe(raw.argv[0]);',
    '    probe(port);',
    '    probe(code);',
    "    if (cmd === 'ls') probe(cmd);",
    '  }',
    '  untyped(task) {',
    '    probe(task);',
    '    assertNumber(task);',
    '    probe(task);',
    '  }',
    '  narrowed(mode: string) {',
    "    switch (mode) { case 'a': probe(mode); }",
    '  }',
    '}',
    "export const label: string = 'x';",
    'export function template(name: string) { const path = `/tmp/${name}`; probe(path); probe(label); }',
    "export function concatenated(n: number) { const text = n + ''; probe(text); const sum = n + 1; probe(sum); }",
    'export function cast(value: unknown) { const seen = value as string; probe(seen); probe(value); }',
    '',
  ].join('\n'),
};

/**
 * `this.name` and an alias's `self.name` in a class's instance code: a member with `any` written on it (a field, a
 * parameter property, a JavaScript field's JSDoc type), or a JavaScript property every write gives an `any` value.
 * Left to the checker: a member written `string` (a narrowing of `this` may make it a subclass's literal), an
 * optional member, a property also given a number, one a `typeof` reads, a static member, an alias written again, a
 * constructor function's property.
 */
const PROPERTIES: Record<string, string> = {
  'lib/table.js': [
    'function probe(v) { return v; }',
    'class Table {',
    '  /** @type {*} */',
    '  title;',
    '  constructor(opts, raw) {',
    '    this.name = opts.name;',
    '    this.raw = raw;',
    '    this.count = 0;',
    '    this.mixed = opts.mixed;',
    '    this.checked = opts.checked;',
    "    this.title = 'x';",
    '  }',
    '  reset() {',
    '    this.mixed = 1;',
    '  }',
    '  query() {',
    '    probe(this.name);',
    '    probe(this.raw.field);',
    '    probe(this.count);',
    '    probe(this.mixed);',
    "    if (typeof this.checked === 'string') probe(this.checked);",
    '    probe(this.title);',
    '    const self = this;',
    '    return function () {',
    '      probe(self.name);',
    '    };',
    '  }',
    '  other() {',
    '    let me = this;',
    '    me = this;',
    '    probe(me.name);',
    '  }',
    '}',
    'function Old(opts) {',
    '  this.label = opts.label;',
    '  probe(this.label);',
    '}',
    'module.exports = { Table, Old };',
    '',
  ].join('\n'),
  'src/store.ts': [
    'function probe(v: unknown) { return v; }',
    'export class Store {',
    '  table: string;',
    '  raw: any;',
    '  private optional?: any;',
    "  static shared: any = 'x';",
    '  private loose: any;',
    '  constructor(',
    '    private readonly prefix: any,',
    '    table: string,',
    '    private kind?: any,',
    '  ) {',
    '    this.table = table;',
    '    this.raw = {};',
    '    this.loose = 1;',
    '  }',
    '  read() {',
    '    probe(this.table);',
    '    probe(this.raw);',
    '    probe(this.optional);',
    '    probe(this.prefix);',
    '    probe(this.kind);',
    "    if (typeof this.loose === 'number') probe(this.loose);",
    '    if (this instanceof Sub) {',
    '      probe(this.table);',
    '      probe(this.raw);',
    '    }',
    '  }',
    '  static make() {',
    '    probe(this.shared);',
    '  }',
    '}',
    'export class Sub extends Store {',
    "  declare table: 'b';",
    '  declare raw: number;',
    '}',
    '',
  ].join('\n'),
};

/** What a dependency without types exports is `any`; a typed one's is left to the checker. */
const WITH_DEPENDENCIES: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { target: 'es2022', module: 'commonjs', allowJs: true, strict: true, noEmit: true },
    include: ['src'],
  }),
  'node_modules/temp/package.json': JSON.stringify({ name: 'temp', main: 'index.js' }),
  'node_modules/temp/index.js': 'exports.mkdirSync = (name) => name;\n',
  'node_modules/typed/package.json': JSON.stringify({ name: 'typed', main: 'index.js', types: 'index.d.ts' }),
  'node_modules/typed/index.js': 'exports.mkdirSync = (name) => name;\n',
  'node_modules/typed/index.d.ts': 'export declare function mkdirSync(name: string): number;\n',
  'src/use.ts': [
    "import temp from 'temp';",
    "import * as typed from 'typed';",
    "import * as narrowed from 'temp';",
    'function probe(v: unknown) { return v; }',
    'export function make() {',
    "  const path = temp.mkdirSync('root');",
    '  probe(path);',
    "  probe(typed.mkdirSync('root'));",
    "  if (typeof narrowed === 'number') probe(narrowed);",
    '}',
    '',
  ].join('\n'),
};

/** Each `probe(…)` argument's text with syntax's answer and the checker's type: `line text: syntax / checker`. */
function probes(view: ProjectView): string[] {
  const out: string[] = [];
  for (const file of view.files)
    for (const call of view.nodesOf(file, ts.SyntaxKind.CallExpression)) {
      if (!ts.isCallExpression(call) || call.expression.getText() !== 'probe') continue;
      const [argument] = call.arguments;
      if (argument === undefined) continue;
      const syntax = textTypeBySyntax(view, file, argument) ?? '-';
      const where = `${view.relativePath(file)}:${String(file.compilerNode.getLineAndCharacterOfPosition(argument.getStart()).line + 1)}`;
      out.push(`${where} ${argument.getText()}: ${syntax}`);
    }
  return out;
}

/** Each `probe(…)` argument syntax answers for is typed so by the checker. */
function expectCheckerAgrees(view: ProjectView): void {
  for (const file of view.files)
    for (const call of view.nodesOf(file, ts.SyntaxKind.CallExpression)) {
      if (!ts.isCallExpression(call) || call.expression.getText() !== 'probe') continue;
      const [argument] = call.arguments;
      if (argument === undefined) continue;
      const answer = textTypeBySyntax(view, file, argument);
      if (answer !== undefined) expect(agrees(answer, checkerType(view, argument)), argument.getText()).toBe(true);
    }
}

/** The checker's type of a value where it is read. */
function checkerType(view: ProjectView, node: ts.Node): ts.Type {
  return view.project.getTypeChecker().compilerObject.getTypeAtLocation(node);
}

/** True when the checker's type is what syntax answered: `any`, or exactly `string`. */
function agrees(answer: 'any' | 'string', type: ts.Type): boolean {
  return answer === 'any' ? (type.flags & ts.TypeFlags.Any) !== 0 : (type.flags & ts.TypeFlags.String) !== 0;
}

/** Values a sink would read: a call's arguments, a template's holes, the sides of `+`. */
function splicedValues(file: SourceFile): ts.Expression[] {
  const out: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) out.push(...(node.arguments ?? []));
    else if (ts.isTemplateSpan(node)) out.push(node.expression);
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
      out.push(node.left, node.right);
    ts.forEachChild(node, visit);
  };
  visit(file.compilerNode);
  return out.filter((value) => !ts.isSpreadElement(value));
}

describe('the type of a spliced value, told from syntax', () => {
  it('on the traps: answers only where the checker says `any` or `string`, and leaves each narrowing to it', () => {
    const { view } = loadInMemory(TRAPS);
    const answers = probes(view);
    expect(answers).toEqual([
      'lib/untyped.js:3 cmd: any',
      'lib/untyped.js:4 opts.shell: any',
      "lib/untyped.js:5 cmd.replace(/ /g, '\\\\ '): any",
      'lib/untyped.js:7 escaped: any',
      // Equality leaves `any` as it is.
      'lib/untyped.js:8 cmd: any',
      // `typeof` narrows `any` to `number`, anywhere in the scope.
      'lib/untyped.js:9 count: -',
      'lib/untyped.js:10 count: -',
      'lib/untyped.js:13 line: string',
      // Equality makes a literal of a `string`.
      'lib/untyped.js:15 picked: -',
      'lib/untyped.js:17 joined: string',
      // A `const` of a literal is the literal.
      'lib/untyped.js:19 word: -',
      'lib/untyped.js:22 name: string',
      'lib/untyped.js:22 port: -',
      'lib/untyped.js:22 extra: any',
      'lib/untyped.js:22 host: string',
      'lib/untyped.js:23 level: -',
      'lib/untyped.js:23 rest: -',
      // A callback may be typed by what receives it; an object literal's method, when something types the literal.
      'lib/untyped.js:24 n: -',
      'lib/untyped.js:25 path: any',
      'lib/untyped.js:27 job: any',
      // A call in a condition may be a type guard; a statement of its own, an assertion.
      'lib/untyped.js:28 x: -',
      'lib/untyped.js:30 x: -',
      // A parameter's method and `console`'s are no assertions.
      'lib/untyped.js:31 x: any',
      // A regular expression's `test` is no type guard; `instanceof` and a `switch` may narrow.
      'lib/untyped.js:32 x: any',
      'lib/untyped.js:33 x: -',
      'lib/untyped.js:33 x: -',
      'lib/untyped.js:34 file: -',
      'lib/untyped.js:35 mode: any',
      // A JSDoc type on an export's declaration types the function.
      'lib/untyped.js:37 m: -',
      'lib/untyped.js:38 path: any',
      'src/typed.ts:5 cmd: -',
      'src/typed.ts:6 raw.argv[0]: any',
      'src/typed.ts:7 port: -',
      'src/typed.ts:8 code: -',
      'src/typed.ts:9 cmd: -',
      'src/typed.ts:12 task: -',
      'src/typed.ts:14 task: -',
      'src/typed.ts:17 mode: -',
      'src/typed.ts:21 path: string',
      'src/typed.ts:21 label: string',
      'src/typed.ts:22 text: string',
      'src/typed.ts:22 sum: -',
      'src/typed.ts:23 seen: -',
      'src/typed.ts:23 value: -',
    ]);
    // Each answer is the checker's; each trap left to it is one where it differs (or syntax cannot show it).
    expectCheckerAgrees(view);
  });

  it('reads `this.name` and an alias’s `self.name` as their members declare them, as the checker does', () => {
    const { view } = loadInMemory(PROPERTIES);
    expect(probes(view)).toEqual([
      'lib/table.js:17 this.name: any',
      'lib/table.js:18 this.raw.field: any',
      'lib/table.js:19 this.count: -',
      // Given a number too: `any | number` is `any`, but syntax settles only a property whose every value is `any`.
      'lib/table.js:20 this.mixed: -',
      // `typeof` narrows the property's `any`, as it narrows a variable's.
      'lib/table.js:21 this.checked: -',
      'lib/table.js:22 this.title: any',
      'lib/table.js:25 self.name: any',
      'lib/table.js:31 me.name: -',
      'lib/table.js:36 this.label: -',
      // `string` is left to the checker: `this instanceof Sub` below makes `this.table` Sub's `'b'`.
      'src/store.ts:18 this.table: -',
      'src/store.ts:19 this.raw: any',
      'src/store.ts:20 this.optional: -',
      'src/store.ts:21 this.prefix: any',
      'src/store.ts:22 this.kind: -',
      'src/store.ts:23 this.loose: -',
      'src/store.ts:25 this.table: -',
      // `any` stays `any` in the intersection (`any & number`).
      'src/store.ts:26 this.raw: any',
      'src/store.ts:30 this.shared: -',
    ]);
    expectCheckerAgrees(view);
    // The trap a `string` answer would fall into: the checker reads Sub's `'b'` where `this instanceof Sub` holds.
    const store = view.files.find((file) => view.relativePath(file) === 'src/store.ts');
    const checker = view.project.getTypeChecker().compilerObject;
    const inSub = (store === undefined ? [] : view.nodesOf(store, ts.SyntaxKind.CallExpression))
      .filter((call) => ts.isCallExpression(call) && call.getText() === 'probe(this.table)')
      .flatMap((call) => (ts.isCallExpression(call) ? call.arguments.slice(0, 1) : []))
      .map((argument) => checker.typeToString(checker.getTypeAtLocation(argument)));
    expect(inSub).toEqual(['string', '"b"']);
  });

  it('says `any` of what a dependency without types exports, as the checker does', () => {
    const root = temporaryFolder('review-bot-text-type-');
    for (const [path, text] of Object.entries(WITH_DEPENDENCIES)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const { view } = loadProject({ path: root });
    expect(probes(view)).toEqual([
      'src/use.ts:7 path: any',
      "src/use.ts:8 typed.mkdirSync('root'): -",
      'src/use.ts:9 narrowed: -',
    ]);
    expectCheckerAgrees(view);
  });

  it('on every fixture project: each answer is the checker’s', () => {
    const { view } = loadInMemory(fixtureSources(/\.(?:[cm]?[jt]s|[jt]sx)$/));
    const answered: { node: ts.Node; answer: 'any' | 'string'; where: string }[] = [];
    for (const file of view.files)
      for (const value of splicedValues(file)) {
        const answer = textTypeBySyntax(view, file, value);
        if (answer !== undefined)
          answered.push({ node: value, answer, where: `${view.relativePath(file)} ${value.getText()}` });
      }
    for (const { node, answer, where } of answered) expect(agrees(answer, checkerType(view, node)), where).toBe(true);
    // 96 values typed `any` and 349 typed `string` when this test was written.
    expect(answered.filter((a) => a.answer === 'any').length).toBeGreaterThan(80);
    expect(answered.filter((a) => a.answer === 'string').length).toBeGreaterThan(300);
  });
});
