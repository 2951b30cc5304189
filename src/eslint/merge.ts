import { compareFindings } from '../analyse/run-rules.js';
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
  overlay?: ReadonlyMap<string, string>,
): Promise<WithEslint> {
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
    case 'ran':
      return { result: { ...result, findings: [...result.findings, ...outcome.findings].sort(compareFindings) } };
  }
}
