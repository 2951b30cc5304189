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

/** Kinds of files a rule may leave out (see RuleMeta.skipFiles). */
type SkippedFileKind = 'test' | 'generated';

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
  /**
   * Kinds of files the rule does not look at, applied by the engine: `test`
   * (tests and their mocks and fixtures, whose code does not ship) and
   * `generated` (generated or vendored code nobody edits by hand). Files stay
   * loaded for types and cross-file questions either way.
   */
  skipFiles?: readonly SkippedFileKind[];
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

/**
 * A symbol as a rule names it: the dotted `path` readers see (from
 * `symbolPathOf`, empty for top-level code) and an optional `qualifier` that
 * only tells findings on one symbol apart (the lock, the sink, the parameter).
 */
export interface SymbolRef {
  path: string;
  qualifier?: string;
}

/** What a rule returns: the engine renders, locates and fingerprints it. */
export interface FindingDraft<Id extends string = string> {
  /** The node the finding is about; its range is the finding's range. */
  node: Node;
  messageId: Id;
  data?: Record<string, string | number>;
  /** The symbol the finding is about; part of the fingerprint. */
  symbol?: SymbolRef;
  evidence?: EvidenceDraft[];
  /** A safe fix: edits that provably keep what the program does (`--fix` applies them, all or none). */
  fix?: EditDraft[];
}

/** What a rule's check receives. */
interface RuleContext<Opts> {
  /** Files to check: one file for `file` rules, every analysed file for `project` rules. */
  files: readonly SourceFile[];
  project: ProjectView;
  options: Opts;
}

/** The options of a rule that has none: no defaults, and a schema that accepts only `{}`. */
export const NO_OPTIONS: { defaults: Readonly<Record<string, never>>; schema: JsonSchema } = {
  defaults: {},
  schema: { type: 'object', properties: {}, additionalProperties: false },
};

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
    // `files` read through, not copied: the engine reads a project rule's files only if the rule does.
    run: (context, options) =>
      rule.check({
        get files() {
          return context.files;
        },
        project: context.project,
        options: { ...rule.meta.options.defaults, ...options },
      }),
  };
}
