import type { SourceFile } from 'ts-morph';
import type { ProjectView } from '../../../src/model/project-view.js';
import type { JsonSchema } from '../../../src/model/rule.js';

/** The `ignoreTestFiles` option every security rule shares. */
export const IGNORE_TEST_FILES_SCHEMA: JsonSchema = {
  type: 'boolean',
  description:
    'Skip test files (`*.test.*`, `*.spec.*`, files under test folders) and mock or fixture folders, whose code does not ship.',
};

/** True for test files and for mock and fixture folders, whose code does not ship. */
export function isTestOrFixture(project: ProjectView, file: SourceFile): boolean {
  return (
    project.isTestFile(file) || /(?:^|\/)(?:__mocks__|__fixtures__|fixtures|mocks)\//.test(project.relativePath(file))
  );
}

/** The options of a security rule that has no options but `ignoreTestFiles`. */
export const IGNORE_TEST_FILES_OPTIONS: { defaults: { ignoreTestFiles: boolean }; schema: JsonSchema } = {
  defaults: { ignoreTestFiles: true },
  schema: { type: 'object', properties: { ignoreTestFiles: IGNORE_TEST_FILES_SCHEMA }, additionalProperties: false },
};

/** The files a security rule checks: all, or (with `ignoreTestFiles`) those whose code ships. */
export function shippedFiles(
  files: readonly SourceFile[],
  project: ProjectView,
  options: { ignoreTestFiles: boolean },
): SourceFile[] {
  return files.filter((file) => !(options.ignoreTestFiles && isTestOrFixture(project, file)));
}
