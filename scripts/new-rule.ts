// Stamps a new rule: rules/<id>.ts, rules/<id>.md, one valid and one invalid fixture.
// Usage: npx tsx scripts/new-rule.ts <id>   (then add it to rules/index.ts)
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const id = process.argv[2] ?? '';
if (!/^[a-z]+(-[a-z]+)+$/.test(id)) {
  process.stderr.write('usage: npx tsx scripts/new-rule.ts <kebab-case-id>\n');
  process.exit(2);
}
const root = join(import.meta.dirname, '..');
const camel = id.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const tsconfig = `${JSON.stringify({ compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true }, include: ['src'] }, null, 2)}\n`;

const files: Record<string, string> = {
  [`rules/${id}.ts`]: `import { defineRule, NO_OPTIONS } from '../src/model/rule.js';

export default defineRule({
  meta: {
    id: '${id}',
    description: 'Disallow TODO',
    category: 'correctness',
    defaultSeverity: 'warning',
    stability: 'experimental',
    scope: 'file',
    needsTypeChecker: false,
    title: 'TODO',
    rationale: 'TODO.',
    messages: {
      ${camel}: { message: 'TODO \`{{name}}\`.', recommendation: 'TODO.' },
    },
    options: NO_OPTIONS,
  },
  *check({ files }) {
    for (const file of files) {
      // Shared helpers, imported from their owner file (no re-exports):
      //   symbolPathOf(node), functionNameOf(fn)     ./_shared/names.js
      //   shorten(text), codeSpan(text), listOf(items) ./_shared/text.js
      //   skipOuterExpressions(node)                 ./_shared/ast/skip-outer-expressions.js
      //   isFunctionLike(node)                       ./_shared/ast/is-function-like.js
      // yield { node, messageId: '${camel}', data: { name }, symbol: { path: symbolPathOf(node) } };
      void file;
    }
  },
});
`,
  [`rules/${id}.md`]: `Disallow TODO

## Why

## Examples

### Invalid

\`\`\`ts invalid
\`\`\`

### Valid

\`\`\`ts valid
\`\`\`

## Options

None.

## Known limitations

## When not to use it
`,
  [`fixtures/${id}/invalid-basic/tsconfig.json`]: tsconfig,
  [`fixtures/${id}/invalid-basic/src/example.ts`]: '// TODO: code the rule must flag\n',
  [`fixtures/${id}/valid-basic/tsconfig.json`]: tsconfig,
  [`fixtures/${id}/valid-basic/src/example.ts`]: '// TODO: look-alike code the rule must not flag\n',
};
for (const [path, text] of Object.entries(files)) {
  const full = join(root, path);
  if (existsSync(full)) throw new Error(`${path} exists already`);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, text);
}
process.stdout.write(
  `created rules/${id}.ts, rules/${id}.md and two fixtures; add it to rules/index.ts, write expected.json first\n`,
);
