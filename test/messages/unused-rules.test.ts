import { describe, expect, it } from 'vitest';
import { messagesFor } from './render.js';

// The unused-code rules' messages on their edge cases (none, one, many names,
// assignments, files), with the data the rules compute from real code.

describe('unused-variable messages', () => {
  it('names the kind of each declaration that is never read', () => {
    expect(
      messagesFor('unused-variable', {
        'a.ts': 'export {};\nconst ratio = 2;\nfunction helper() {}\nclass Cache {}\n',
      }),
    ).toEqual([
      '2: The variable `ratio` is declared but never read. Remove `ratio`, or use it where it was meant to be used.',
      '3: The function `helper` is declared but never read. Remove `helper`, or use it where it was meant to be used.',
      '4: The class `Cache` is declared but never read. Remove `Cache`, or use it where it was meant to be used.',
    ]);
  });
  it('counts assignments (once, many times) and tells a variable read only for its own next value', () => {
    expect(
      messagesFor('unused-variable', {
        'a.ts':
          'export function f() {\n  let once = 0;\n  once = 1;\n  let many = 0;\n  many = 1;\n  many = 2;\n  many++;\n  let self = 1;\n  self = self * 2;\n}\n',
      }),
    ).toEqual([
      '2: The variable `once` is assigned once but never read. Remove `once` and its assignments, keeping any call in them for its effect, or read it where it was meant to be used.',
      '4: The variable `many` is assigned 3 times but never read. Remove `many` and its assignments, keeping any call in them for its effect, or read it where it was meant to be used.',
      '8: The variable `self` is read only to compute its own next value, and that value is never read. Remove `self` and its assignments, keeping any call in them for its effect, or read it where it was meant to be used.',
    ]);
  });
  it('gives no finding when every name is read', () => {
    expect(
      messagesFor('unused-variable', { 'a.ts': 'export function f() {\n  const a = 1;\n  return a;\n}\n' }),
    ).toEqual([]);
  });
});

describe('unused-import messages', () => {
  it('tells an unused name among used ones from an import none of whose names is used', () => {
    expect(
      messagesFor('unused-import', {
        'a.ts':
          "import { a, b, c } from './m';\nimport d, * as ns from './m';\nimport e from './m';\nimport f = require('./m');\nexport const x = a;\n",
        'm.ts': 'export const a = 1, b = 2, c = 3;\nexport default 4;\n',
      }),
    ).toEqual([
      '1: Imported name `b` is never used in this file, nor is `c`; the other names imported from `./m` on line 1 are. Remove `b` from the import of `./m`.',
      '1: Imported name `c` is never used in this file, nor is `b`; the other names imported from `./m` on line 1 are. Remove `c` from the import of `./m`.',
      '2: Imported name `d` is never used in this file, and neither is any other name of the import of `./m` on line 2. Remove the import of `./m` on line 2.',
      '2: Imported name `ns` is never used in this file, and neither is any other name of the import of `./m` on line 2. Remove the import of `./m` on line 2.',
      '3: Imported name `e` from `./m` is never used in this file. Remove the import of `./m` on line 3.',
      '4: Imported name `f` from `./m` is never used in this file. Remove the import of `./m` on line 4.',
    ]);
  });
  it('says "the other names are used" only of the used ones: the other unused names are named, three and a count', () => {
    expect(
      messagesFor('unused-import', {
        'a.ts': "import { a, b, c, d, e, f } from './m';\nexport const x = a;\n",
        'm.ts': 'export const a = 1, b = 2, c = 3, d = 4, e = 5, f = 6;\n',
      }),
    ).toEqual(
      ['b', 'c', 'd', 'e', 'f'].map((name) => {
        const others = ['b', 'c', 'd', 'e', 'f'].filter((other) => other !== name).map((other) => `\`${other}\``);
        return `1: Imported name \`${name}\` is never used in this file, nor are ${others.slice(0, 3).join(', ')} and 1 more; the other names imported from \`./m\` on line 1 are. Remove \`${name}\` from the import of \`./m\`.`;
      }),
    );
  });
  it('gives no finding for an import a comment beside it keeps on purpose, and one for an import a comment only describes', () => {
    expect(
      messagesFor('unused-import', {
        'a.ts':
          "// Copyright: do not remove this notice.\n\nimport { a } from './m'; // the first name\n// Must remain: the build rewrites it.\nimport { b } from './m';\nimport { c } from './m'; // for its side effects\nexport const x = 1;\n",
        'm.ts': 'export const a = 1, b = 2, c = 3;\n',
      }),
    ).toEqual(['3: Imported name `a` from `./m` is never used in this file. Remove the import of `./m` on line 3.']);
  });
  it('gives no finding when every imported name is used', () => {
    expect(
      messagesFor('unused-import', {
        'a.ts': "import { a } from './m';\nexport const x = a;\n",
        'm.ts': 'export const a = 1;\n',
      }),
    ).toEqual([]);
  });
});

describe('duplicate-import messages', () => {
  it('names the first import of the module for each repeated import', () => {
    expect(
      messagesFor('duplicate-import', {
        'a.ts':
          "import { a } from './m';\nimport { b } from './m';\nimport { c } from './m.js';\nimport './side';\nimport './side';\nexport const x = [a, b, c];\n",
        'm.ts': 'export const a = 1, b = 2, c = 3;\n',
        'side.ts': 'export {};\n',
      }),
    ).toEqual([
      '2: Module `./m` is imported again here; it is already imported on line 1. Merge this import into the one on line 1.',
      '3: Module `./m.js` is imported again here; it is already imported on line 1 as `./m`. Merge this import into the one on line 1.',
      '5: Module `./side` is imported again here; it is already imported on line 4. Merge this import into the one on line 4.',
    ]);
  });
  it('gives no finding for one import per module', () => {
    expect(
      messagesFor('duplicate-import', {
        'a.ts': "import { a } from './m';\nexport const x = a;\n",
        'm.ts': 'export const a = 1;\n',
      }),
    ).toEqual([]);
  });
});

describe('unused-member messages', () => {
  it('says why a member counts as internal, with no reach for private members, in one file', () => {
    expect(
      messagesFor('unused-member', {
        'a.ts':
          "class Cache {\n  #hits = 0;\n  private label = 'x';\n  private count = 0;\n  bump() { this.count = 1; }\n  static make() {}\n  get size() { return 1; }\n}\nexport const c = new Cache();\n",
      }),
    ).toEqual([
      '2: The private property `#hits` is never read in the 1 file analysed. Remove `#hits` from `Cache`, or use it where it was meant to be used.',
      '3: The private property `label` is never read in the 1 file analysed. Remove `label` from `Cache`, or use it where it was meant to be used.',
      '4: The private property `count` is assigned but never read in the 1 file analysed. Remove `count` and its assignments from `Cache`, or read it where it was meant to be used.',
      '5: The method `bump` is never read in the 1 file analysed; no entry point was found (package.json exports or main, index.ts), so `Cache` is not public API. Remove `bump` from `Cache`, or use it where it was meant to be used.',
      '6: The static method `make` is never read in the 1 file analysed; no entry point was found (package.json exports or main, index.ts), so `Cache` is not public API. Remove `make` from `Cache`, or use it where it was meant to be used.',
      '7: The getter `size` is never read in the 1 file analysed; no entry point was found (package.json exports or main, index.ts), so `Cache` is not public API. Remove `size` from `Cache`, or use it where it was meant to be used.',
    ]);
  });
  it('counts the files analysed and keeps the public API of an entry point out', () => {
    expect(
      messagesFor('unused-member', {
        'index.ts': 'export class Api {\n  private unused = 1;\n  internal() {}\n}\n',
        'b.ts': 'export {};\n',
      }),
    ).toEqual([
      '2: The private property `unused` is never read in the 2 files analysed. Remove `unused` from `Api`, or use it where it was meant to be used.',
    ]);
  });
  it('names an entry point the class is not reachable from', () => {
    expect(
      messagesFor('unused-member', {
        'index.ts': 'export const version = 1;\n',
        'hidden.ts': 'export class Hidden {\n  run() {}\n}\n',
      }),
    ).toEqual([
      '2: The method `run` is never read in the 2 files analysed; `Hidden` is not reachable from the entry point index.ts. Remove `run` from `Hidden`, or use it where it was meant to be used.',
    ]);
  });
});
