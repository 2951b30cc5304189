import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASES } from './cases/eslint-no-duplicate-imports.js';
import { judge } from './harness.js';
import type { PeerCase, PeerSuite, Scope } from './harness.js';

// ESLint core `no-duplicate-imports`' own test cases run through our
// `duplicate-import` (issue 10: precision >= 0.95, recall >= 0.9 on the cases
// within our rule's scope). Scope decisions:
// - In scope: every import-with-import case, whatever its options, because our
//   rule has one behaviour: a type-only import and a value import of one module
//   may stay apart (ESLint's `allowSeparateTypeImports: true`), and a namespace
//   import shares a declaration only with a lone default import.
// - Dropped findings: ESLint's `export`, `exportAs` and `importAs` findings
//   (its `includeExports` option) compare re-exports with imports; our rule
//   checks import declarations only, so only its `import` findings are judged.
// - Out of scope: cases without `allowSeparateTypeImports` that mix type-only
//   and value imports of one module, because ESLint then asks to merge them and
//   our rule keeps them apart by design (see rules/duplicate-import.md).
// - Out of scope: cases that ask to merge an import whose every name is marked
//   `type` (`import { type Foo }`) with a value import: our rule keeps such an
//   inline type import apart, as eslint-plugin-import's `no-duplicates` does
//   (ldapts writes every type import so: set GP of docs/precision.md).
// - Out of scope: the case whose expected finding asks to merge
//   `import type Os` with `import type * as Foobar`: TypeScript rejects a
//   type-only import with both a default and a namespace (TS1363).

const TS1363_CASE =
  'import type Os from "os";\nimport type { Something } from "os";\nimport type * as Foobar from "os";';

/** True when the case sets ESLint's `allowSeparateTypeImports`. */
function allowsSeparateTypeImports(c: PeerCase): boolean {
  return (c.options ?? []).some(
    (o) =>
      typeof o === 'object' && o !== null && 'allowSeparateTypeImports' in o && o.allowSeparateTypeImports === true,
  );
}

/** True when the case has both `import type` declarations and value import declarations. */
function mixesTypeAndValueImports(c: PeerCase): boolean {
  return /^import type /m.test(c.code) && /^import (?!type )/m.test(c.code);
}

/** The names inside one import declaration's braces, or undefined for a declaration without them. */
function namedImportsOf(line: string): string[] | undefined {
  const braces = /^import \{([^}]*)\}/.exec(line);
  return braces?.[1]
    ?.split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** True when the case has an import whose every name is marked `type` and a value import with a name that is not. */
function mixesInlineTypeAndValueImports(c: PeerCase): boolean {
  const declarations = c.code
    .split('\n')
    .map(namedImportsOf)
    .filter((names) => names !== undefined && names.length > 0);
  return (
    declarations.some((names) => names?.every((name) => name.startsWith('type ')) === true) &&
    declarations.some((names) => names?.some((name) => !name.startsWith('type ')) === true)
  );
}

/** The scope decision of one case (see the list above). */
function scopeOf(c: PeerCase): Scope {
  if (c.code === TS1363_CASE)
    return {
      in: false,
      why: 'the expected merge is a type-only default plus namespace import, which TS rejects (TS1363)',
    };
  if (mixesInlineTypeAndValueImports(c))
    return {
      in: false,
      why: 'asks to merge an import of names all marked `type` with a value import; our rule keeps them apart',
    };
  if (!allowsSeparateTypeImports(c) && mixesTypeAndValueImports(c))
    return {
      in: false,
      why: 'mixes type-only and value imports; our rule keeps them apart (allowSeparateTypeImports)',
    };
  return { in: true };
}

const SUITE: PeerSuite = {
  rules: ['duplicate-import'],
  extensionOf: () => '.mts',
  scopeOf,
  expectedOf: (c) => (c.errors ?? []).filter((e) => e.messageId === 'import'),
  judges: () => true,
  matchesAcrossLines: false,
  nameOf: (f) => (typeof f.data.module === 'string' ? f.data.module : undefined),
};

describe('ESLint no-duplicate-imports cases through duplicate-import', () => {
  it('reaches precision 0.95 and recall 0.9 on the cases in scope', async () => {
    const { precision, recall, judged, table } = judge(SUITE, CASES);
    await expect(table).toMatchFileSnapshot(join(import.meta.dirname, 'results', 'eslint-no-duplicate-imports.txt'));
    expect(judged).toBeGreaterThan(CASES.length / 2);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});
