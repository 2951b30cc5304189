import { describe, expect, it } from 'vitest';
import { messagesFor } from './render.js';

// missing-tests' messages on their edge cases: one, two and more than three
// names, one and many test files, a project without tests of one and of many modules.

describe('missing-tests messages', () => {
  it('lists one, two, and more than three names, and counts the test files', () => {
    expect(
      messagesFor('missing-tests', {
        'src/a.ts': 'export function one() { return 1; }\n',
        'src/b.ts': 'export function two() { return 2; }\nexport function three() {}\n',
        'src/c.ts':
          'export function p() {}\nexport function q() {}\nexport function r() {}\nexport function s() {}\nexport default function () {}\n',
        'src/d.ts': 'export function d() {}\n',
        'test/x.test.ts': "import '../src/d';\n",
        'test/y.test.ts': "import '../src/d';\n",
      }),
    ).toEqual([
      '1: Module `src/a.ts` declares `one`, and no test file imports it (the project has 2 test files). Add a test that imports `src/a.ts` and covers `one`.',
      '1: Module `src/b.ts` declares `two` and `three`, and no test file imports it (the project has 2 test files). Add a test that imports `src/b.ts` and covers `two`.',
      '1: Module `src/c.ts` declares `p`, `q`, `r` and 2 more, and no test file imports it (the project has 2 test files). Add a test that imports `src/c.ts` and covers `p`.',
    ]);
  });
  it('says one test file in the singular', () => {
    expect(
      messagesFor('missing-tests', {
        'src/a.ts': 'export function one() { return 1; }\n',
        'src/d.ts': 'export function d() {}\n',
        'test/x.test.ts': "import '../src/d';\n",
      }),
    ).toEqual([
      '1: Module `src/a.ts` declares `one`, and no test file imports it (the project has 1 test file). Add a test that imports `src/a.ts` and covers `one`.',
    ]);
  });
  it('names the only module of a project without tests, with no list', () => {
    expect(messagesFor('missing-tests', { 'src/a.ts': 'export function one() { return 1; }\n' })).toEqual([
      '1: Project has no test files, so its only module with executable code, `src/a.ts`, is not tested. Add a test runner and a first test file (`*.test.ts`) that imports `src/a.ts`.',
    ]);
  });
  it('counts the modules of a project without tests', () => {
    expect(
      messagesFor('missing-tests', {
        'src/a.ts': 'export function one() { return 1; }\n',
        'src/b.ts': 'export const two = () => 2;\n',
      }),
    ).toEqual([
      '1: Project has no test files, so none of its 2 modules with executable code is tested (`src/a.ts` among them). Add a test runner and a first test file (`*.test.ts`) that imports `src/a.ts`.',
    ]);
  });
  it('gives no finding when a test imports every module', () => {
    expect(
      messagesFor('missing-tests', {
        'src/a.ts': 'export function one() { return 1; }\n',
        'test/a.test.ts': "import { one } from '../src/a';\none();\n",
      }),
    ).toEqual([]);
  });
});
