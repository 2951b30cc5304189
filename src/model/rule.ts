import type { Node, SourceFile } from 'ts-morph';
import type { EditDraft } from './edit.js';
import type { Severity } from './severity.js';
import type { ProjectView } from './project-view.js';

/** Broad family of a rule, used for grouping in reports. */
export type Category =
  'correctness' | 'suspicious' | 'style' | 'docs' | 'complexity' | 'concurrency' | 'security' | 'tests';

/** A JSON-schema fragment describing rule options (every property has a description). */
export interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: readonly (string | number | boolean)[];
  additionalProperties?: boolean;
  default?: unknown;
  minimum?: number;
}

/** Text of one message: `{{placeholders}}` are filled from the draft's `data`. */
export interface MessageText {
  message: string;
  recommendation: string;
}

/** Static description of a rule. */
export interface RuleMeta<Id extends string = string, Opts = unknown> {
  /** Equal to the file name under rules/. */
  id: string;
  /** `/^(Disallow|Require|Enforce) .+[^.]$/` */
  description: string;
  category: Category;
  defaultSeverity: Severity;
  /** Experimental rules are off unless enabled by name. */
  stability: 'experimental' | 'stable';
  /** `project` rules need cross-file information and always see every file. */
  scope: 'file' | 'project';
  /** True when the rule asks the type checker for types or symbols. */
  needsTypeChecker: boolean;
  /** Title of the theme in the review, e.g. "Unused class members". */
  title: string;
  /** Why it matters, one or two sentences, used in the review. */
  rationale: string;
  messages: Record<Id, MessageText>;
  options: { defaults: Opts; schema: JsonSchema };
}

/** A related place or fact, as a rule reports it. */
export interface EvidenceDraft {
  note: string;
  node?: Node;
}

/** What a rule returns: the engine renders, locates and fingerprints it. */
export interface FindingDraft<Id extends string = string> {
  /** The node the finding is about; its range is the finding's range. */
  node: Node;
  messageId: Id;
  data?: Record<string, string | number>;
  /** Dotted symbol path, e.g. `ProviderTree.find`; part of the fingerprint. */
  symbol?: string;
  evidence?: EvidenceDraft[];
  /** A safe fix: edits that provably keep what the program does (`--fix` applies them, all or none). */
  fix?: EditDraft[];
}

/** What a rule's check receives. */
export interface RuleContext<Opts> {
  /** Files to check: one file for `file` rules, every analysed file for `project` rules. */
  files: readonly SourceFile[];
  project: ProjectView;
  options: Opts;
}

/** A rule: metadata plus one pure check. */
export interface Rule<Id extends string = string, Opts = unknown> {
  meta: RuleMeta<Id, Opts>;
  check(context: RuleContext<Opts>): Iterable<FindingDraft<Id>>;
}

/** A rule with its message ids and option type erased, as the registry stores it. */
export interface AnyRule {
  meta: RuleMeta;
  /** Runs the check with the defaults overlaid by the configured options. */
  run(
    context: Omit<RuleContext<unknown>, 'options'>,
    options: Readonly<Record<string, unknown>>,
  ): Iterable<FindingDraft>;
}

/** Wraps a typed rule for the registry; options are the defaults overlaid by configuration. */
export function defineRule<Id extends string, Opts extends object>(rule: Rule<Id, Opts>): AnyRule {
  return {
    meta: rule.meta,
    run: (context, options) => rule.check({ ...context, options: { ...rule.meta.options.defaults, ...options } }),
  };
}
