import { ts } from 'ts-morph';

/**
 * Test code by what it does rather than where it sits: a module whose top
 * level declares tests is test code whatever its name. Packages keep tests
 * beside the code under names the globs cannot guess (emailjs-smtp-client's
 * `src/client-integration.js` and `src/client-unit.js`, Angular's
 * `*.e2e-spec.ts`, Go-style `*_test.js`), and a test that turns TLS checks off
 * for its local server, or makes keys with `Math.random()`, ships nothing.
 */

/** The functions mocha, jasmine, jest, vitest, `node:test`, tape and ava declare tests and suites with. */
const SUITE_FUNCTIONS: ReadonlySet<string> = new Set(['describe', 'context', 'suite', 'it', 'specify', 'test']);

/**
 * True when a statement at the file's top level calls a test framework's
 * function with a title and a function (`describe('client', function () {…})`,
 * `test.each(rows)('adds %i', (a) => {…})`, `describe.skip(…)`): the file
 * declares tests. A call without a literal title or a function argument
 * (`test(value)`, a product function that happens to be named `test`) is not
 * taken.
 */
export function declaresTests(file: ts.SourceFile): boolean {
  return file.statements.some(
    (statement) => ts.isExpressionStatement(statement) && isTestDeclaration(statement.expression),
  );
}

/** `describe('title', fn)` and its variants, as `declaresTests` takes them. */
function isTestDeclaration(expression: ts.Expression): boolean {
  if (!ts.isCallExpression(expression)) return false;
  let callee: ts.Expression = expression.expression;
  // `test.each(rows)(…)`: the table call returns the function that declares the tests.
  if (ts.isCallExpression(callee)) callee = callee.expression;
  // `describe.only`, `it.skip`, `test.concurrent.each`.
  while (ts.isPropertyAccessExpression(callee)) callee = callee.expression;
  if (!ts.isIdentifier(callee) || !SUITE_FUNCTIONS.has(callee.text)) return false;
  const [title] = expression.arguments;
  return (
    title !== undefined &&
    (ts.isStringLiteral(title) || ts.isNoSubstitutionTemplateLiteral(title) || ts.isTemplateExpression(title)) &&
    expression.arguments.some((argument) => ts.isFunctionExpression(argument) || ts.isArrowFunction(argument))
  );
}
