import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { fill } from '../../src/model/finding-text.js';
import { RULES } from '../../rules/index.js';
import { functionRefOf } from '../../rules/_shared/locks/syntax.js';
import { andOthers } from '../../rules/_shared/text.js';
import { isFunctionLike } from '../../rules/_shared/ast/is-function-like.js';

/** Templates of one rule by message id. */
function templatesOf(id: string): Record<string, { message: string; recommendation: string }> {
  const rule = RULES.find((r) => r.meta.id === id);
  if (rule === undefined) throw new Error(`no rule ${id}`);
  return rule.meta.messages;
}

/** Both texts of a message, rendered. */
function render(id: string, messageId: string, data: Record<string, string | number>): string[] {
  const template = templatesOf(id)[messageId];
  if (template === undefined) throw new Error(`no message ${messageId} in ${id}`);
  return [fill(template.message, data), fill(template.recommendation, data)];
}

/** The function shapes a lock message can name: a named method, a constructor, a callback and top-level code. */
const FUNCTIONS = [
  { fnKind: 'method', fn: 'refresh()' },
  { fnKind: 'the constructor of', fn: 'Tree' },
  { fnKind: 'the callback passed to', fn: 'events.on' },
  { fnKind: 'the top-level code of', fn: 'server.ts' },
];

/** How many other fields, uses or calls a list can hold beyond the one named: none, one, many. */
const COUNTS = [0, 1, 3];

/** Text between backticks in a rendered message. */
function codeSpans(text: string): string[] {
  return [...text.matchAll(/`([^`]*)`/g)].map((m) => m[1] ?? '');
}

/** What every rendered lock message must satisfy: well-formed prose, descriptions never set as code. */
function expectWellFormed(texts: readonly string[]): void {
  for (const text of texts) {
    expect(text).not.toMatch(/\{\{|\}\}/);
    expect(text).not.toMatch(/ {2}|(^|[^\w.])\(\s*\)| ,|, ,|and and| \.$/);
    expect(text).toMatch(/^[A-Z`'].*\.$/);
    for (const span of codeSpans(text)) expect(span).not.toMatch(/^(the|method|function|getter|setter) /);
  }
}

describe('lock rule messages', () => {
  it('name the first field in code and the rest in prose, for one, two and four fields', () => {
    for (const { fnKind, fn } of FUNCTIONS)
      for (const count of COUNTS) {
        const others = andOthers(count, 'field');
        const base = { fnKind, fn, lock: 'lock', field: 'roots', others, changedOthers: others };
        const checkThenAct = render('check-then-act', 'checkThenAct', {
          ...base,
          check: 'this.exists(id)',
          act: 'this.add(id)',
        });
        expectWellFormed(checkThenAct);
        expect(checkThenAct[0]).toContain(`In ${fnKind} \`${fn}\`, the check`);
        expect(checkThenAct[0]).toContain(`change \`roots\`${others}, so`);
        expectWellFormed(render('check-then-act', 'readThenAct', { ...base, read: 'this.roots' }));
        for (const messageId of ['unguardedRead', 'unguardedWrite'])
          for (const where of ['', '; take `lock` at the calls of method `root()` made outside its sections'])
            expectWellFormed(
              render('inconsistent-locking', messageId, {
                ...base,
                writerKind: 'method',
                writer: 'fetch()',
                await: 'await x()',
                where,
              }),
            );
      }
  });

  it('say which function in prose and which code, for every kind of function', () => {
    for (const { fnKind, fn } of FUNCTIONS) {
      for (const messageId of ['neverReleased', 'rejectionSkipsRelease', 'exitSkipsRelease', 'endSkipsRelease']) {
        const texts = render('unreleased-lock', messageId, {
          fnKind,
          fn,
          lock: 'mutex',
          await: 'await save()',
          exit: 'return',
          line: 3,
        });
        expectWellFormed(texts);
        expect(texts[0]).toContain(`acquired in ${fnKind} \`${fn}\``);
      }
      expectWellFormed(render('reentrant-lock', 'nestedAcquisition', { fnKind, fn, lock: 'mutex' }));
      for (const through of ['', ' through 2 calls', ' through 5 calls'])
        expectWellFormed(
          render('reentrant-lock', 'reentrantCall', {
            fnKind,
            fn,
            lock: 'mutex',
            call: 'this.addOne(x)',
            inner: 'this.lock.runExclusive',
            through,
            calleeKind: 'method',
            callee: 'addOne()',
          }),
        );
      for (const uses of ['nothing else', '1 parameter', '2 parameters and 1 field'])
        expectWellFormed(render('redundant-lock', 'isolatedSection', { fnKind, fn, lock: 'lock', uses }));
    }
  });

  it('list the uses of a lock that is never acquired: one, two and four', () => {
    for (const count of COUNTS) {
      const texts = render('redundant-lock', 'neverAcquired', {
        lock: 'lock',
        use: 'lock.isLocked()',
        others: andOthers(count, 'use'),
      });
      expectWellFormed(texts);
    }
    expect(render('redundant-lock', 'neverAcquired', { lock: 'l', use: 'l.x', others: andOthers(0, 'use') })[0]).toBe(
      '`l` is created and used (`l.x`) but never acquired, so it guards nothing.',
    );
    expect(andOthers(1, 'use')).toBe(' and 1 other use');
    expect(andOthers(3, 'field')).toBe(' and 3 other fields');
  });

  it('word the count of sections of a lock none of whose sections awaits: one and many', () => {
    for (const data of [
      { lock: 'lock', sections: 'its only critical section never awaits', them: 'it' },
      { lock: 'lock', sections: 'none of its 3 critical sections awaits', them: 'them' },
    ])
      expectWellFormed(render('redundant-lock', 'syncSections', data));
  });
});

describe('functionRefOf', () => {
  it('gives a prose kind and the code of every kind of function', () => {
    const project = new Project({ useInMemoryFileSystem: true });
    const file = project.createSourceFile(
      'src/tree.ts',
      [
        'export class Tree {',
        '  constructor() {}',
        '  async refresh() {}',
        '  get size() { return 1; }',
        '  set size(v: number) {}',
        '}',
        'export function load() {}',
        'export const save = async () => {};',
        'on("x", async () => {});',
        'void (async () => {})();',
        'declare function on(name: string, f: () => Promise<void>): void;',
      ].join('\n'),
    );
    const refs = file.getDescendants().filter(isFunctionLike).map(functionRefOf);
    expect(refs).toEqual([
      { kind: 'the constructor of', code: 'Tree' },
      { kind: 'method', code: 'refresh()' },
      { kind: 'getter', code: 'size' },
      { kind: 'setter', code: 'size' },
      { kind: 'function', code: 'load()' },
      { kind: 'function', code: 'save()' },
      { kind: 'the callback passed to', code: 'on' },
      { kind: 'the function', code: 'async () => {}' },
      { kind: 'function', code: 'on()' },
    ]);
    expect(functionRefOf(file)).toEqual({ kind: 'the top-level code of', code: 'tree.ts' });
  });
});
