import type { Fix } from './edit.js';
import type { Range } from './range.js';
import type { RuleMeta } from './rule.js';
import type { Severity } from './severity.js';

/** A related place or fact that supports a finding. */
export interface Evidence {
  note: string;
  /** Path relative to the analysed root, POSIX separators. */
  file?: string;
  line?: number;
}

/**
 * Why a finding is kept out of the review: a `review-bot-disable` comment in
 * the source (`inline`, with its reason) or an entry of the committed
 * suppressions file (`bulk`). Suppressed findings stay in JSON and SARIF;
 * they are never posted and never fail a run.
 */
export interface Suppression {
  kind: 'inline' | 'bulk';
  /** The comment's reason (after ` -- `); none for bulk suppressions. */
  reason?: string;
}

/** What leaves the engine: a rendered, located finding. */
export interface Finding extends Range {
  ruleId: string;
  messageId: string;
  severity: Severity;
  /** True for findings of security rules (they lead the review). */
  security: boolean;
  /** Path relative to the analysed root, POSIX separators. */
  file: string;
  /** What is wrong, one sentence. */
  message: string;
  /** What to do, imperative. */
  recommendation: string;
  /** Dotted symbol path, e.g. `ProviderTree.find`, when the finding is about a symbol. */
  symbol?: string;
  /** The message placeholders, kept so tests can pin them. */
  data: Readonly<Record<string, string | number>>;
  evidence: Evidence[];
  /** A safe fix (`--fix` applies it); edits in UTF-16 offsets of the files' texts. */
  fix?: Fix;
  /** Line-independent: hash of rule, file, symbol path and message id. */
  fingerprint: string;
  /** Set when the finding is suppressed (see Suppression). */
  suppressed?: Suppression;
}

/** A problem that stopped a rule from finishing; the other rules still ran. */
export interface RuleFailure {
  ruleId: string;
  file?: string;
  error: unknown;
}

/**
 * What reporters know of a rule that ran (ESLint hands formatters `rulesMeta` the same way), so that
 * report/ and github/ never import the rules.
 */
export type RuleMetaOfRun = Pick<
  RuleMeta,
  'id' | 'title' | 'rationale' | 'description' | 'defaultSeverity' | 'category' | 'stability' | 'messages'
>;

/** The result of analysing a project. */
export interface AnalysisResult {
  /** The findings to report: none of them suppressed. */
  findings: Finding[];
  /** Findings suppressed inline or by the suppressions file, each with `suppressed` set; kept for JSON and SARIF. */
  suppressed?: Finding[];
  failures: RuleFailure[];
  /** Number of source files analysed. */
  fileCount: number;
  /** Files left out unread: a syntax error, or past a per-file budget (relative paths). */
  unparsedFiles: string[];
  /** Ids of the rules that ran. */
  rulesRun: string[];
  /** Metadata of the rules that ran, in the order they ran. */
  rulesMeta: RuleMetaOfRun[];
  /** Ids of the security rules that ran over every file. */
  securityRulesRun: string[];
  /** Ids of all security rules known to the registry. */
  securityRulesKnown: string[];
  /** Milliseconds each rule took (shown with --debug; never in reports, which must not depend on the clock). */
  timings: Record<string, number>;
}
