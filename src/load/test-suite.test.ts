import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { declaresTests } from './test-suite.js';

const parse = (text: string): ts.SourceFile => ts.createSourceFile('a.js', text, ts.ScriptTarget.Latest, true);

describe('declaresTests', () => {
  it.each([
    "describe('client', function () { it('connects', function (done) { done(); }); });",
    "it('adds', () => { expect(1 + 1).toBe(2); });",
    "test('adds', async () => {});",
    "suite('parser', function () {});",
    'context(`with ${name}`, () => {});',
    "describe.skip('later', () => {});",
    "test.concurrent.each([[1, 2]])('adds %i', (a, b) => {});",
    "specify('it works', function () {});",
    "import Client from './client';\nprocess.env.X = '0';\ndescribe('integration', function () {});",
  ])('%s declares tests', (text) => {
    expect(declaresTests(parse(text))).toBe(true);
  });

  it.each([
    'test(value);',
    "test('name');",
    'describe(name, () => {});',
    "export function test(title, fn) { return fn(title); }\nconst ok = test('x', () => 1);",
    "function setup() { describe('inner', () => {}); }",
    "runner.describe('x', () => {});",
    "it('x', handler);",
  ])('%s declares none', (text) => {
    expect(declaresTests(parse(text))).toBe(false);
  });
});
