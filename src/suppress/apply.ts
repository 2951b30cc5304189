import type { AnalysisResult } from '../model/finding.js';
import type { Severity } from '../model/severity.js';
import { applyBulkSuppressions, readSuppressions, updateSuppressions, writeSuppressions } from './bulk.js';
import type { BulkUpdate } from './bulk.js';
import type { Directive } from './directives.js';
import { applyInlineSuppressions } from './inline.js';
import { SUPPRESSION_META } from './meta.js';

/** What the suppress stage needs besides the analysis. */
export interface SuppressInput {
  /**
   * The directives of the files reported on (`parseDirectives`), by path relative to the root: parsed by the
   * caller, so that this stage loads no compiler (a cache hit runs it on stored findings).
   */
  files: ReadonlyMap<string, readonly Directive[]>;
  /** Every rule id a comment may name. */
  knownRules: ReadonlySet<string>;
  /** Severity of `suppression` findings; undefined when turned off. */
  severity: Severity | undefined;
  /** The suppressions file (absolute) and how to show it in messages. */
  bulkPath: string;
  bulkDisplay: string;
  /** `--suppress-all`, `--suppress-rule` or `--prune-suppressions`: the file is rewritten. */
  update?: BulkUpdate | undefined;
}

/** What the bulk suppressions did, for a line on standard error. */
export interface BulkOutcome {
  /** The file, as messages name it. */
  display: string;
  /** Entries in the file after the run. */
  entries: number;
  /** Entries that matched no finding this run (what --prune-suppressions would drop). */
  unmatched: number;
  /** True when the file was written. */
  written: boolean;
}

/**
 * The suppress stage (load -> analyse -> suppress -> filter -> report):
 * inline comments first, then the committed suppressions file, which is
 * rewritten first when an update is asked for. Suppressed findings leave
 * `findings` (so nothing posts them or fails on them) for `suppressed`, marked
 * with why.
 */
export function applySuppressions(
  result: AnalysisResult,
  input: SuppressInput,
): { result: AnalysisResult; bulk: BulkOutcome } {
  const inline = applyInlineSuppressions({
    findings: result.findings,
    files: input.files,
    knownRules: input.knownRules,
    rulesRun: new Set(result.rulesRun),
    severity: input.severity,
  });
  let entries = readSuppressions(input.bulkPath, input.bulkDisplay);
  if (input.update !== undefined) {
    const scope = { rulesRun: new Set(result.rulesRun), files: new Set(input.files.keys()) };
    entries = updateSuppressions(entries, inline, input.update, scope);
    writeSuppressions(input.bulkPath, entries);
  }
  const bulk = applyBulkSuppressions(inline, entries);
  const engineFindings = bulk.findings.some((f) => f.ruleId === SUPPRESSION_META.id);
  return {
    result: {
      ...result,
      rulesMeta: engineFindings ? [...result.rulesMeta, SUPPRESSION_META] : result.rulesMeta,
      findings: bulk.findings.filter((f) => f.suppressed === undefined),
      suppressed: bulk.findings.filter((f) => f.suppressed !== undefined),
    },
    bulk: {
      display: input.bulkDisplay,
      entries: entries.length,
      unmatched: bulk.unmatched.length,
      written: input.update !== undefined,
    },
  };
}
