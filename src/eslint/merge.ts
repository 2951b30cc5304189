import { join, sep } from 'node:path';
import { compareFindings } from '../model/finding-text.js';
import type { AnalysisResult } from '../model/finding.js';
import { readSourceText } from '../fix/files.js';
import { runEslint } from './run-eslint.js';
import { symbolLocator } from './symbol-path.js';

/** The analysis with the project's ESLint findings merged in, and the note to print when ESLint is not installed. */
export interface WithEslint {
  result: AnalysisResult;
  note?: string | undefined;
}

/**
 * Runs the project's own ESLint over the analysed root and merges its findings
 * into the analysis, sorted as ours are. An ESLint that fails is recorded as
 * the failure of a rule named `eslint` (one line, exit code 2, like a crashed
 * rule); an ESLint that is not installed only gives a note.
 */
export async function withEslint(
  result: AnalysisResult,
  root: string,
  scope: {
    /** Texts (by relative path) that replace the files on disk, as after a dry run of --fix. */
    overlay?: ReadonlyMap<string, string> | undefined;
    /** Report only on these files or folders (absolute paths); all when empty. */
    paths?: readonly string[] | undefined;
  } = {},
): Promise<WithEslint> {
  const { overlay, paths = [] } = scope;
  const outcome = await runEslint({
    root,
    overlay,
    symbolAt: symbolLocator((file) => overlay?.get(file) ?? readSourceText(root, file)),
  });
  switch (outcome.kind) {
    case 'not-installed':
      return { result, note: outcome.note };
    case 'failed':
      return {
        result: { ...result, failures: [...result.failures, { ruleId: 'eslint', error: new Error(outcome.error) }] },
      };
    case 'ran': {
      const kept = outcome.findings.filter((f) => isWithin(join(root, f.file), paths));
      return { result: { ...result, findings: [...result.findings, ...kept].sort(compareFindings) } };
    }
  }
}

/** True when the file is one of the paths or inside one of them (always, when there are none). */
function isWithin(file: string, paths: readonly string[]): boolean {
  return paths.length === 0 || paths.some((p) => file === p || file.startsWith(p.endsWith(sep) ? p : p + sep));
}
