// eslint/eslint tests/lib/rules/no-duplicate-imports.js at c27bc926e496985eb7911c09eb60914b2e4b5d0f (MIT licence)
// The peer's test cases, taken as data (code, options, expected findings' line, name and message id).
// Generated from the peer's test file by loading it with a recording RuleTester; do not edit by hand.
import type { PeerCase } from '../harness.js';

export const CASES: readonly PeerCase[] = [
  {
    kind: 'valid',
    code: 'import os from "os";\nimport fs from "fs";',
  },
  {
    kind: 'valid',
    code: 'import { merge } from "lodash-es";',
  },
  {
    kind: 'valid',
    code: 'import _, { merge } from "lodash-es";',
  },
  {
    kind: 'valid',
    code: 'import * as Foobar from "async";',
  },
  {
    kind: 'valid',
    code: 'import "foo"',
  },
  {
    kind: 'valid',
    code: 'import os from "os";\nexport { something } from "os";',
  },
  {
    kind: 'valid',
    code: 'import * as bar from "os";\nimport { baz } from "os";',
  },
  {
    kind: 'valid',
    code: 'import foo, * as bar from "os";\nimport { baz } from "os";',
  },
  {
    kind: 'valid',
    code: 'import foo, { bar } from "os";\nimport * as baz from "os";',
  },
  {
    kind: 'valid',
    code: 'import os from "os";\nexport { hello } from "hello";',
    options: [
      {
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import os from "os";\nexport * from "hello";',
    options: [
      {
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import os from "os";\nexport { hello as hi } from "hello";',
    options: [
      {
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import os from "os";\nexport default function(){};',
    options: [
      {
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import { merge } from "lodash-es";\nexport { merge as lodashMerge }',
    options: [
      {
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'export { something } from "os";\nexport * as os from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import { something } from "os";\nexport * as os from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import * as os from "os";\nexport { something } from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import os from "os";\nexport * from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'export { something } from "os";\nexport * from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import "fs";\nimport "fs"',
    errors: [
      {
        name: 'fs',
        messageId: 'import',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import { merge } from "lodash-es";\nimport { find } from "lodash-es";',
    errors: [
      {
        name: 'lodash-es',
        messageId: 'import',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import { merge } from "lodash-es";\nimport _ from "lodash-es";',
    errors: [
      {
        name: 'lodash-es',
        messageId: 'import',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import os from "os";\nimport { something } from "os";\nimport * as foobar from "os";',
    errors: [
      {
        name: 'os',
        messageId: 'import',
      },
      {
        name: 'os',
        messageId: 'import',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import * as modns from "lodash-es";\nimport { merge } from "lodash-es";\nimport { baz } from "lodash-es";',
    errors: [
      {
        name: 'lodash-es',
        messageId: 'import',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'export { os } from "os";\nexport { something } from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
    errors: [
      {
        name: 'os',
        messageId: 'export',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import os from "os";\nexport { os as foobar } from "os";\nexport { something } from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
    errors: [
      {
        name: 'os',
        messageId: 'exportAs',
      },
      {
        name: 'os',
        messageId: 'export',
      },
      {
        name: 'os',
        messageId: 'exportAs',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import os from "os";\nexport { something } from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
    errors: [
      {
        name: 'os',
        messageId: 'exportAs',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import os from "os";\nexport * as os from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
    errors: [
      {
        name: 'os',
        messageId: 'exportAs',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'export * as os from "os";\nimport os from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
    errors: [
      {
        name: 'os',
        messageId: 'importAs',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import * as modns from "mod";\nexport * as  modns from "mod";',
    options: [
      {
        includeExports: true,
      },
    ],
    errors: [
      {
        name: 'mod',
        messageId: 'exportAs',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'export * from "os";\nexport * from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
    errors: [
      {
        name: 'os',
        messageId: 'export',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import "os";\nexport * from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
    errors: [
      {
        name: 'os',
        messageId: 'exportAs',
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import type { Os } from "os";\nimport type { Fs } from "fs";',
  },
  {
    kind: 'valid',
    code: 'import { type Os } from "os";\nimport type { Fs } from "fs";',
  },
  {
    kind: 'valid',
    code: 'import type { Merge } from "lodash-es";',
  },
  {
    kind: 'valid',
    code: 'import _, { type Merge } from "lodash-es";',
  },
  {
    kind: 'valid',
    code: 'import type * as Foobar from "async";',
  },
  {
    kind: 'valid',
    code: 'import type Os from "os";\nexport type { Something } from "os";',
  },
  {
    kind: 'valid',
    code: 'import type Os from "os";\nexport { type Something } from "os";',
  },
  {
    kind: 'valid',
    code: 'import type * as Bar from "os";\nimport { type Baz } from "os";',
  },
  {
    kind: 'valid',
    code: 'import foo, * as bar from "os";\nimport { type Baz } from "os";',
  },
  {
    kind: 'valid',
    code: 'import foo, { type bar } from "os";\nimport type * as Baz from "os";',
  },
  {
    kind: 'valid',
    code: 'import type { Merge } from "lodash-es";\nimport type _ from "lodash-es";',
  },
  {
    kind: 'valid',
    code: 'import type Os from "os";\nexport { type Hello } from "hello";',
    options: [
      {
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import type Os from "os";\nexport type * from "hello";',
    options: [
      {
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import type Os from "os";\nexport { type Hello as Hi } from "hello";',
    options: [
      {
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import type Os from "os";\nexport default function(){};',
    options: [
      {
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import { type Merge } from "lodash-es";\nexport { Merge as lodashMerge }',
    options: [
      {
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'export type { Something } from "os";\nexport * as os from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import { type Something } from "os";\nexport * as os from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import type * as Os from "os";\nexport { something } from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import type Os from "os";\nexport * from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import type Os from "os";\nexport type { Something } from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'export type { Something } from "os";\nexport * from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import { foo, type Bar } from "module";',
    options: [
      {
        allowSeparateTypeImports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import { foo } from "module";\nimport type { Bar } from "module";',
    options: [
      {
        allowSeparateTypeImports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import { type Foo } from "module";\nimport type { Bar } from "module";',
    options: [
      {
        allowSeparateTypeImports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import { foo, type Bar } from "module";\nexport { type Baz } from "module2";',
    options: [
      {
        allowSeparateTypeImports: true,
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import type { Foo } from "module";\nexport { bar, type Baz } from "module";',
    options: [
      {
        allowSeparateTypeImports: true,
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import { type Foo } from "module";\nexport type { Bar } from "module";',
    options: [
      {
        allowSeparateTypeImports: true,
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import type * as Foo from "module";\nexport { type Bar } from "module";',
    options: [
      {
        allowSeparateTypeImports: true,
        includeExports: true,
      },
    ],
  },
  {
    kind: 'valid',
    code: 'import { type Foo } from "module";\nexport type * as Bar from "module";',
    options: [
      {
        allowSeparateTypeImports: true,
        includeExports: true,
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import "fs";\nimport "fs"',
    errors: [
      {
        name: 'fs',
        messageId: 'import',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import { type Merge } from "lodash-es";\nimport { type Find } from "lodash-es";',
    errors: [
      {
        name: 'lodash-es',
        messageId: 'import',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import { type Merge } from "lodash-es";\nimport type { Find } from "lodash-es";',
    errors: [
      {
        name: 'lodash-es',
        messageId: 'import',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import type { Merge } from "lodash-es";\nimport type { Find } from "lodash-es";',
    errors: [
      {
        name: 'lodash-es',
        messageId: 'import',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import type Os from "os";\nimport type { Something } from "os";\nimport type * as Foobar from "os";',
    errors: [
      {
        name: 'os',
        messageId: 'import',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import type * as Modns from "lodash-es";\nimport type { Merge } from "lodash-es";\nimport type { Baz } from "lodash-es";',
    errors: [
      {
        name: 'lodash-es',
        messageId: 'import',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import { type Foo } from "module";\nexport type { Bar } from "module";',
    options: [
      {
        includeExports: true,
      },
    ],
    errors: [
      {
        name: 'module',
        messageId: 'exportAs',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'export { os } from "os";\nexport type { Something } from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
    errors: [
      {
        name: 'os',
        messageId: 'export',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'export type { Os } from "os";\nexport type { Something } from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
    errors: [
      {
        name: 'os',
        messageId: 'export',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import type { Os } from "os";\nexport type { Os as Foobar } from "os";\nexport type { Something } from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
    errors: [
      {
        name: 'os',
        messageId: 'exportAs',
      },
      {
        name: 'os',
        messageId: 'export',
      },
      {
        name: 'os',
        messageId: 'exportAs',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import type { Os } from "os";\nexport type { Something } from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
    errors: [
      {
        name: 'os',
        messageId: 'exportAs',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import type Os from "os";\nexport type * as Os from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
    errors: [
      {
        name: 'os',
        messageId: 'exportAs',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import type * as Modns from "mod";\nexport type * as Modns from "mod";',
    options: [
      {
        includeExports: true,
      },
    ],
    errors: [
      {
        name: 'mod',
        messageId: 'exportAs',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'export type * from "os";\nexport type * from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
    errors: [
      {
        name: 'os',
        messageId: 'export',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import "os";\nexport type { Os } from "os";',
    options: [
      {
        includeExports: true,
      },
    ],
    errors: [
      {
        name: 'os',
        messageId: 'exportAs',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "import { someValue } from 'module';\nimport { anotherValue } from 'module';",
    options: [
      {
        allowSeparateTypeImports: true,
      },
    ],
    errors: [
      {
        name: 'module',
        messageId: 'import',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import type { Merge } from "lodash-es";\nimport type { Find } from "lodash-es";',
    options: [
      {
        allowSeparateTypeImports: true,
      },
    ],
    errors: [
      {
        name: 'lodash-es',
        messageId: 'import',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "import { someValue, type Foo } from 'module';\nimport type { SomeType } from 'module';\nimport type { AnotherType } from 'module';",
    options: [
      {
        allowSeparateTypeImports: true,
      },
    ],
    errors: [
      {
        name: 'module',
        messageId: 'import',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "import { type Foo } from 'module';\nimport { type Bar } from 'module';",
    options: [
      {
        allowSeparateTypeImports: true,
      },
    ],
    errors: [
      {
        name: 'module',
        messageId: 'import',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'export type { Foo } from "module";\nexport type { Bar } from "module";',
    options: [
      {
        allowSeparateTypeImports: true,
        includeExports: true,
      },
    ],
    errors: [
      {
        name: 'module',
        messageId: 'export',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import { type Foo } from "module";\nexport { type Bar } from "module";\nexport { type Baz } from "module";',
    options: [
      {
        allowSeparateTypeImports: true,
        includeExports: true,
      },
    ],
    errors: [
      {
        name: 'module',
        messageId: 'exportAs',
      },
      {
        name: 'module',
        messageId: 'export',
      },
      {
        name: 'module',
        messageId: 'exportAs',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import { type Foo } from "module";\nexport { type Bar } from "module";\nexport { regular } from "module";',
    options: [
      {
        allowSeparateTypeImports: true,
        includeExports: true,
      },
    ],
    errors: [
      {
        name: 'module',
        messageId: 'exportAs',
      },
      {
        name: 'module',
        messageId: 'export',
      },
      {
        name: 'module',
        messageId: 'exportAs',
      },
    ],
  },
  {
    kind: 'invalid',
    code: 'import { type Foo } from "module";\nimport { regular } from "module";\nexport { type Bar } from "module";\nexport { regular as other } from "module";',
    options: [
      {
        allowSeparateTypeImports: true,
        includeExports: true,
      },
    ],
    errors: [
      {
        name: 'module',
        messageId: 'import',
      },
      {
        name: 'module',
        messageId: 'exportAs',
      },
      {
        name: 'module',
        messageId: 'export',
      },
      {
        name: 'module',
        messageId: 'exportAs',
      },
    ],
  },
];
