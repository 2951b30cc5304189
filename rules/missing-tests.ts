import { Node, SyntaxKind } from 'ts-morph';
import type { ImportDeclaration, SourceFile, Statement } from 'ts-morph';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { FindingDraft } from '../src/model/rule.js';
import type { ProjectView } from '../src/model/project-view.js';
import { isDeclaredAmbient } from './_shared/ast/ambient.js';
import { firstTokenOf } from './_shared/ast/first-token-of.js';
import { MODULE_PATH } from './_shared/names.js';
import { listFirst, plural } from './_shared/text.js';

type MessageId = 'untestedModule' | 'noTests' | 'noTestsForOnlyModule';

/** Dev dependencies that mean the project runs tests, even when no test file was loaded. */
const TEST_RUNNERS = [
  'vitest',
  'jest',
  'mocha',
  'ava',
  'tap',
  'uvu',
  'jasmine',
  'karma',
  '@playwright/test',
  'node:test',
  'tape',
  'bun-types',
  '@japa/runner',
];

/** npm's placeholder test script: not a test suite. */
const PLACEHOLDER_TEST_SCRIPT = /no test specified/;

/** Files that are configuration, build scripts or test support rather than code under test. */
const EXEMPT_PATH =
  /(^|\/)(scripts|bin|__mocks__|__fixtures__|fixtures|mocks|benchmarks?|bench)\/|(^|\/)[^/]*\.(config|setup)\.[cm]?[jt]sx?$|(^|\/)\.[^/]*rc\.[cm]?[jt]s$|(^|\/)setupTests\.[cm]?[jt]sx?$|\.(stories|bench)\.[cm]?[jt]sx?$/;

/** How top-level statements that run are named in messages. */
const TOP_LEVEL_CODE = 'top-level code';

/** How many names the message lists before "and N more". */
const NAMES_IN_MESSAGE = 3;

export default defineRule({
  meta: {
    id: 'missing-tests',
    description: 'Require every module with executable code to be imported by at least one test',
    category: 'tests',
    defaultSeverity: 'info',
    stability: 'experimental',
    scope: 'project',
    needsTypeChecker: true,
    title: 'Code without tests',
    rationale:
      'A module that no test imports is only exercised by hand or in production; changes to it are released without anything that would notice a regression.',
    messages: {
      untestedModule: {
        message: 'Module `{{module}}` declares {{names}}, and no test file imports it (the project has {{tests}}).',
        recommendation: 'Add a test that imports `{{module}}` and covers {{first}}.',
      },
      noTests: {
        message:
          'Project has no test files, so none of its {{modules}} with executable code is tested (`{{module}}` among them).',
        recommendation: 'Add a test runner and a first test file (`*.test.ts`) that imports `{{module}}`.',
      },
      noTestsForOnlyModule: {
        message: 'Project has no test files, so its only module with executable code, `{{module}}`, is not tested.',
        recommendation: 'Add a test runner and a first test file (`*.test.ts`) that imports `{{module}}`.',
      },
    },
    options: NO_OPTIONS,
  },
  *check({ files, project }) {
    const tests = files.filter((f) => project.isTestFile(f));
    const candidates = files.filter(
      (f) => !project.isTestFile(f) && !EXEMPT_PATH.test(project.relativePath(f)) && executableNames(f).length > 0,
    );
    if (candidates.length === 0) return;
    if (tests.length === 0) {
      if (!declaresTestRunner(project)) yield noTestsFinding(candidates, project);
      return;
    }
    const tested = testedFiles(tests);
    // Tests often import the package itself (`from '..'`) or its build output (`../dist/x`): count the sources those were built from.
    for (const file of [...tested]) {
      const source = project.publicApi.sourceOf(file);
      if (source !== undefined) tested.add(source);
    }
    for (const file of candidates) {
      if (tested.has(file)) continue;
      yield untestedFinding(file, tests.length, project);
    }
  },
});

/** The one project-level finding of a project without tests, on the entry point (or the first module). */
function noTestsFinding(candidates: readonly SourceFile[], project: ProjectView): FindingDraft<MessageId> {
  const byDepth = (files: readonly SourceFile[]): SourceFile[] =>
    [...files].sort((a, b) => depth(project, a) - depth(project, b));
  const entryPoints = byDepth(project.publicApi.entryPoints);
  const module = byDepth(candidates)[0];
  const entry = entryPoints.find((f) => firstStatement(f) !== undefined) ?? module;
  const target = entry === undefined ? undefined : firstStatement(entry);
  if (module === undefined || target === undefined)
    throw new Error('missing-tests: a module with executable code has no statement');
  return {
    node: firstTokenOf(target),
    symbol: { path: MODULE_PATH, qualifier: 'project' },
    ...(candidates.length === 1
      ? { messageId: 'noTestsForOnlyModule', data: { module: project.relativePath(module) } }
      : {
          messageId: 'noTests',
          data: { modules: plural(candidates.length, 'module'), module: project.relativePath(module) },
        }),
  };
}

/** The finding for one module no test imports. */
function untestedFinding(file: SourceFile, testCount: number, project: ProjectView): FindingDraft<MessageId> {
  const names = executableNames(file);
  const shown = names.map(displayName);
  const statement = firstStatement(file);
  if (statement === undefined)
    throw new Error(`missing-tests: ${project.relativePath(file)} has executable code but no statement`);
  return {
    node: firstTokenOf(statement),
    messageId: 'untestedModule',
    symbol: { path: MODULE_PATH },
    data: {
      module: project.relativePath(file),
      names: listFirst(shown, NAMES_IN_MESSAGE),
      tests: plural(testCount, 'test file'),
      first: shown[0] ?? 'its code',
    },
  };
}

/** A name as the message shows it: code-formatted, or "the default export" / "top-level code". */
function displayName(name: string): string {
  if (name === TOP_LEVEL_CODE) return name;
  if (name === 'default') return 'the default export';
  return `\`${name}\``;
}

/** How many folders deep a file is (a stable sort keeps path order among equals). */
function depth(project: ProjectView, file: SourceFile): number {
  return project.relativePath(file).split('/').length;
}

/** True when package.json shows a test suite the analysis did not load: a test script or a test runner. */
function declaresTestRunner(project: ProjectView): boolean {
  const pkg = project.packageJson;
  if (pkg === undefined) return false;
  const scripts = pkg['scripts'];
  if (isRecord(scripts)) {
    const test = scripts['test'];
    if (typeof test === 'string' && !PLACEHOLDER_TEST_SCRIPT.test(test)) return true;
  }
  for (const key of ['devDependencies', 'dependencies']) {
    const deps = pkg[key];
    if (isRecord(deps) && TEST_RUNNERS.some((runner) => runner in deps)) return true;
  }
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The modules the tests import: every module a test file's import, export-from,
 * `import()` or `require()` resolves to, and, through re-export barrels, the
 * module that declares each binding a test uses.
 */
function testedFiles(tests: readonly SourceFile[]): Set<SourceFile> {
  const tested = new Set<SourceFile>();
  for (const test of tests) {
    for (const target of importedFiles(test)) addWithCodelessImports(target, tested);
    for (const declaringFile of declaringFilesOfUsedBindings(test)) tested.add(declaringFile);
  }
  return tested;
}

/**
 * Marks an imported module as tested, and, when it has no code of its own (a
 * registry like `import a from './a'; export const RULES = [a, b]`), every
 * module it imports in turn: importing it is importing them. Re-exports
 * (`export * from`) are not followed here: only the bindings a test uses
 * through them count (see `declaringFilesOfUsedBindings`).
 */
function addWithCodelessImports(file: SourceFile, tested: Set<SourceFile>, expanded = new Set<SourceFile>()): void {
  tested.add(file);
  if (expanded.has(file) || executableNames(file).length > 0) return;
  expanded.add(file);
  for (const declaration of file.getImportDeclarations()) {
    if (declaration.isTypeOnly() || !isCollected(file, declaration)) continue;
    const target = declaration.getModuleSpecifierSourceFile();
    if (target !== undefined) addWithCodelessImports(target, tested, expanded);
  }
}

/**
 * True when a codeless module uses an import as a value (puts it in an array
 * or object, passes it on), not only re-exports it: `import a from './a';
 * export { a }` is a barrel, whose bindings count one by one.
 */
function isCollected(file: SourceFile, declaration: ImportDeclaration): boolean {
  const locals = declaration.getNamedImports().map((n) => (n.getAliasNode() ?? n.getNameNode()).getText());
  const defaultImport = declaration.getDefaultImport();
  if (defaultImport !== undefined) locals.push(defaultImport.getText());
  if (locals.length === 0) return false;
  return file.getDescendantsOfKind(SyntaxKind.Identifier).some((identifier) => {
    if (!locals.includes(identifier.getText())) return false;
    const parent = identifier.getParent();
    return !(Node.isImportSpecifier(parent) || Node.isImportClause(parent) || Node.isExportSpecifier(parent));
  });
}

/** Files a test names in an import, export-from, dynamic import or require. */
function importedFiles(test: SourceFile): SourceFile[] {
  const out: SourceFile[] = [];
  for (const declaration of test.getImportDeclarations()) {
    const target = declaration.getModuleSpecifierSourceFile();
    if (target !== undefined) out.push(target);
  }
  for (const declaration of test.getExportDeclarations()) {
    const target = declaration.getModuleSpecifierSourceFile();
    if (target !== undefined) out.push(target);
  }
  for (const call of test.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const isDynamic =
      call.getExpression().getKind() === SyntaxKind.ImportKeyword || call.getExpression().getText() === 'require';
    const specifier = call.getArguments()[0];
    if (!isDynamic || specifier === undefined || !Node.isStringLiteral(specifier)) continue;
    const target = specifier.getSymbol()?.getDeclarations()[0];
    if (target !== undefined && Node.isSourceFile(target)) out.push(target);
  }
  return out;
}

/**
 * Files declaring the bindings a test imports, and every member it reaches
 * through them (`z.string`, `api.lexer.tokens`): imports through barrels and
 * namespace objects count for the module that declares the binding.
 */
function declaringFilesOfUsedBindings(test: SourceFile): SourceFile[] {
  const out: SourceFile[] = [];
  const add = (node: Node): void => {
    const symbol = node.getSymbol();
    if (symbol === undefined) return;
    const target = symbol.isAlias() ? (symbol.getAliasedSymbol() ?? symbol) : symbol;
    for (const declaration of target.getDeclarations()) {
      const file = declaration.getSourceFile();
      // Declaration files are kept: build output (`dist/x.d.ts`) is mapped back to its source later.
      if (file !== test) out.push(file);
    }
  };
  const roots = new Set<string>();
  for (const declaration of test.getImportDeclarations()) {
    for (const named of declaration.getNamedImports()) {
      const local = named.getAliasNode() ?? named.getNameNode();
      add(local);
      roots.add(local.getText());
    }
    const defaultImport = declaration.getDefaultImport();
    if (defaultImport !== undefined) {
      add(defaultImport);
      roots.add(defaultImport.getText());
    }
    const namespace = declaration.getNamespaceImport();
    if (namespace !== undefined) roots.add(namespace.getText());
  }
  if (roots.size > 0) for (const access of memberAccesses(test, roots)) add(access);
  return out;
}

/** The name nodes of member accesses rooted at one of the given imported names (`z.core.Doc` gives `core` and `Doc`). */
function memberAccesses(file: SourceFile, roots: ReadonlySet<string>): Node[] {
  return file
    .getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)
    .filter((access) => roots.has(rootName(access)))
    .map((access) => access.getNameNode());
}

/** The identifier a member-access chain starts from, or '' when it starts from anything else. */
function rootName(access: Node): string {
  let current = access;
  while (Node.isPropertyAccessExpression(current)) current = current.getExpression();
  return Node.isIdentifier(current) ? current.getText() : '';
}

/**
 * Names of what a module defines that runs: functions, classes with methods,
 * variables holding functions, and top-level control flow ("top-level code").
 * Empty for type-only modules, re-export barrels and modules of constants.
 */
function executableNames(file: SourceFile): string[] {
  const names: string[] = [];
  collectExecutable(file.getStatements(), names);
  const exported = new Set(file.getExportedDeclarations().keys());
  const unique = [...new Set(names)];
  return [...unique.filter((n) => exported.has(n)), ...unique.filter((n) => !exported.has(n))];
}

/** Adds the executable definitions among statements (recursing into namespaces). */
function collectExecutable(statements: readonly Statement[], names: string[]): void {
  for (const statement of statements) {
    if (isDeclaredAmbient(statement)) continue;
    if (Node.isFunctionDeclaration(statement)) {
      if (statement.hasBody()) names.push(statement.getName() ?? 'default');
    } else if (Node.isClassDeclaration(statement)) {
      if (hasCode(statement)) names.push(statement.getName() ?? 'default');
    } else if (Node.isVariableStatement(statement)) {
      for (const declaration of statement.getDeclarations()) {
        const initializer = declaration.getInitializer();
        if (initializer !== undefined && hasCode(initializer)) names.push(declaration.getName());
      }
    } else if (Node.isModuleDeclaration(statement)) {
      collectExecutable(statement.getStatements(), names);
    } else if (Node.isExportAssignment(statement)) {
      if (hasCode(statement.getExpression())) names.push('default');
    } else if (isControlFlow(statement) || (Node.isExpressionStatement(statement) && hasCode(statement))) {
      names.push(TOP_LEVEL_CODE);
    }
  }
}

/** True for top-level `if`, loops, `switch` and `try`. */
function isControlFlow(statement: Statement): boolean {
  return (
    Node.isIfStatement(statement) ||
    Node.isForStatement(statement) ||
    Node.isForOfStatement(statement) ||
    Node.isForInStatement(statement) ||
    Node.isWhileStatement(statement) ||
    Node.isDoStatement(statement) ||
    Node.isSwitchStatement(statement) ||
    Node.isTryStatement(statement)
  );
}

/** True when a node contains a function body: a function, arrow, method, accessor or constructor with a body. */
function hasCode(node: Node): boolean {
  if (isCodeNode(node)) return true;
  return node.getFirstDescendant(isCodeNode) !== undefined;
}

/** True for a function-like node that has a body. */
function isCodeNode(node: Node): boolean {
  if (Node.isArrowFunction(node) || Node.isFunctionExpression(node)) return true;
  if (
    Node.isMethodDeclaration(node) ||
    Node.isConstructorDeclaration(node) ||
    Node.isGetAccessorDeclaration(node) ||
    Node.isSetAccessorDeclaration(node)
  ) {
    return node.getBody() !== undefined;
  }
  return Node.isClassStaticBlockDeclaration(node);
}

/** The first statement of a file. */
function firstStatement(file: SourceFile): Statement | undefined {
  return file.getStatements()[0];
}
