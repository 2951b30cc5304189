/** How serious a finding is; `error` fails a run by default (see `--fail-on`). */
export type Severity = 'error' | 'warning' | 'info';

/** Severities from most to least serious. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Returns a number that sorts more serious severities first (error = 0). */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}
