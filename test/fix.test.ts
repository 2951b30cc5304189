import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Node } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { temporaryFolder } from './temporary-folder.js';
import { fileTree } from './support/file-tree.js';
import { runCli } from './support/run-cli.js';
import { removeNode } from '../rules/_shared/fix/remove-node.js';
import { replaceNode } from '../rules/_shared/fix/edits.js';
import { runFix } from '../src/fix/run-fix.js';
import { loadProject } from '../src/load/project.js';
import { defineRule } from '../src/model/rule.js';
import type { AnyRule, RuleMeta } from '../src/model/rule.js';
import { analyse } from '../src/pipeline.js';
import { FIXTURES } from './fixture-runner.js';

/** Metadata shared by the toy rules. */
function toyMeta<Id extends string>(id: string, messages: RuleMeta<Id>['messages']): RuleMeta<Id, object> {
  return {
    id,
    description: `Disallow ${id}`,
    category: 'style',
    defaultSeverity: 'warning',
    stability: 'stable',
    scope: 'file',
    needsTypeChecker: false,
    title: id,
    rationale: 'A toy rule for the fix engine.',
    messages,
    options: { defaults: {}, schema: { type: 'object', properties: {} } },
  };
}

/** Removes `debugger;` statements. */
const noDebugger: AnyRule = defineRule({
  meta: toyMeta('no-debugger', { debugger: { message: 'A debugger statement.', recommendation: 'Remove it.' } }),
  *check({ files }) {
    for (const statement of files.flatMap((f) => f.getDescendants().filter(Node.isDebuggerStatement)))
      yield { node: statement, messageId: 'debugger', fix: [removeNode(statement)] };
  },
});

/** Replaces `(expression)` with `expression`; nested parentheses give overlapping fixes. */
const noExtraParens: AnyRule = defineRule({
  meta: toyMeta('no-extra-parens', { parens: { message: 'Parentheses.', recommendation: 'Remove them.' } }),
  *check({ files }) {
    for (const parens of files.flatMap((f) => f.getDescendants().filter(Node.isParenthesizedExpression)))
      yield { node: parens, messageId: 'parens', fix: [replaceNode(parens, parens.getExpression().getText())] };
  },
});

/** A copy of a fix fixture's project (tsconfig.json and src/) in a temporary folder. */
function copyOf(name: string): string {
  const root = join(temporaryFolder('review-bot-fix-'), name);
  cpSync(join(FIXTURES, '_fix', name, 'src'), join(root, 'src'), { recursive: true });
  cpSync(join(FIXTURES, '_fix', name, 'tsconfig.json'), join(root, 'tsconfig.json'));
  return root;
}

/** Runs the fix engine with the toy rules over a folder. */
function fix(root: string, write: boolean) {
  return runFix((overlay) => analyse({ path: root, registry: [noDebugger, noExtraParens], overlay }), { write });
}

describe('--fix', () => {
  it('applies overlapping fixes over several passes, writes exactly the expected tree, which type-checks', async () => {
    const root = copyOf('passes-and-conflicts');
    const run = fix(root, true);
    const expected = join(FIXTURES, '_fix', 'passes-and-conflicts', 'expected.fixed');
    expect({ ...fileTree(root), 'tsconfig.json': undefined }).toEqual({
      ...fileTree(expected),
      'tsconfig.json': undefined,
    });
    expect(run.written).toEqual(['src/math.ts']);
    expect(run.outcome).toMatchObject({ applied: 6, passes: 3 });
    expect(run.pipeline.result.findings).toEqual([]);
    await expect(run.diff).toMatchFileSnapshot(join(FIXTURES, '_fix', 'passes-and-conflicts', 'expected.diff'));
    // A fix never breaks the type check.
    const { view } = loadProject({ path: root });
    expect(view.project.getPreEmitDiagnostics().map((d) => d.getMessageText())).toEqual([]);
  });

  it('never touches a file with a syntax error, and still fixes the others', async () => {
    const root = copyOf('syntax-error-untouched');
    const run = fix(root, true);
    expect(fileTree(root)['src/broken.ts']).toBe(
      readFileSync(join(FIXTURES, '_fix/syntax-error-untouched/src/broken.ts'), 'utf8'),
    );
    expect({ ...fileTree(root), 'tsconfig.json': undefined }).toEqual({
      ...fileTree(join(FIXTURES, '_fix', 'syntax-error-untouched', 'expected.fixed')),
      'tsconfig.json': undefined,
    });
    expect(run.pipeline.parseProblems.map((p) => p.file)).toEqual(['src/broken.ts']);
    await expect(run.diff).toMatchFileSnapshot(join(FIXTURES, '_fix', 'syntax-error-untouched', 'expected.diff'));
  });
});

describe('--fix-dry-run', () => {
  it('gives the same diff as --fix and writes nothing', () => {
    const root = copyOf('passes-and-conflicts');
    const before = fileTree(root);
    const run = fix(root, false);
    expect(fileTree(root)).toEqual(before);
    expect(run.written).toEqual([]);
    expect(run.diff).toBe(readFileSync(join(FIXTURES, '_fix', 'passes-and-conflicts', 'expected.diff'), 'utf8'));
  });
});

describe('review-bot --fix-dry-run and --fix', () => {
  it('says when no finding has a safe fix, prints an empty diff and writes nothing', async () => {
    const root = copyOf('passes-and-conflicts');
    const before = fileTree(root);
    const dry = await runCli(root, '--fix-dry-run', '--fail-on', 'never');
    expect(dry).toEqual({ code: 0, out: '', err: 'review-bot: no finding has a safe fix to apply\n' });
    const fixed = await runCli(root, '--fix', '--format', 'json', '--fail-on', 'never');
    expect(fixed.err).toBe('review-bot: no finding has a safe fix to apply\n');
    expect(fileTree(root)).toEqual(before);
  });

  it('with --quiet fixes only the errors it reports, and leaves the warnings alone', async () => {
    const root = temporaryFolder('review-bot-fix-quiet-');
    mkdirSync(join(root, 'src'));
    writeFileSync(
      join(root, 'tsconfig.json'),
      '{ "compilerOptions": { "strict": true, "noEmit": true }, "include": ["src"] }\n',
    );
    writeFileSync(
      join(root, '.review-bot.json'),
      '{ "rules": { "unused-import": "error", "duplicate-import": "warning" } }\n',
    );
    writeFileSync(join(root, 'src/a.ts'), 'export const a = 1;\nexport const b = 2;\n');
    const source =
      "import { a } from './a';\nimport { b } from './a';\nimport { a as unused } from './a';\n\nexport const c = a + b;\n";
    writeFileSync(join(root, 'src/main.ts'), source);
    const quiet = await runCli(root, '--fix', '--quiet', '--fail-on', 'never');
    expect(quiet.err).toBe('review-bot: applied 1 fix in 1 file (1 pass)\n');
    expect(readFileSync(join(root, 'src/main.ts'), 'utf8')).toBe(
      source.replace("import { a as unused } from './a';\n", ''),
    );
  });
});
