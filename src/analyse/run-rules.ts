import type { Node, SourceFile } from 'ts-morph';
import type { AnalysisResult, Evidence, Finding, RuleFailure } from '../model/finding.js';
import type { ProjectView } from '../model/project-view.js';
import type { Range } from '../model/range.js';
import type { AnyRule, FindingDraft, SymbolRef } from '../model/rule.js';
import type { Severity } from '../model/severity.js';
import { blameFile } from './blame-file.js';
import { renderFix } from '../fix/render.js';
import { fingerprint } from './fingerprint.js';
import { compareFindings, fill } from '../model/finding-text.js';
// The one line counter of rules and engine alike, so a message's "line N" and the finding's line agree.
import { lineAndColumnAt, startLineOf } from '../../rules/_shared/ast/line-of.js';

/** A rule as configured for one run. */
export interface ConfiguredRule {
  rule: AnyRule;
  severity: Severity;
  options: Readonly<Record<string, unknown>>;
}

/** What to run and on which files. */
export interface RunRulesInput {
  view: ProjectView;
  rules: readonly ConfiguredRule[];
  /**
   * Only findings in these files are kept (and file rules only run on them, in this set's order: the pipeline's
   * and the cache's sets are in `files` order); all when undefined.
   */
  reportedFiles?: ReadonlySet<SourceFile> | undefined;
  /** Ids of every security rule in the registry, enabled or not. */
  securityRulesKnown: readonly string[];
  /** Called before each rule runs. */
  onProgress?: ((message: string) => void) | undefined;
}

/** Runs every configured rule, isolating failures, and renders the findings. */
export function runRules(input: RunRulesInput): AnalysisResult {
  const { view, rules, reportedFiles } = input;
  const findings: Finding[] = [];
  const symbolKeys = new Map<Finding, string>();
  const failures: RuleFailure[] = [];
  const timings: Record<string, number> = {};
  const targets = reportedFiles === undefined ? view.files : [...reportedFiles];
  for (const [index, configured] of rules.entries()) {
    input.onProgress?.(
      `review-bot: ${configured.rule.meta.id} (${String(index + 1)}/${String(rules.length)}) on ${String(targets.length)} files…`,
    );
    const started = performance.now();
    const before = view.sharedWork();
    const drafts = collectDrafts(configured, view, targets, failures);
    for (const { finding, symbolKey } of render(configured, drafts, view, reportedFiles)) {
      findings.push(finding);
      symbolKeys.set(finding, symbolKey);
    }
    // Work the rules share (the indexes, file by file; the program once) is done for whichever rule asks first: timed apart.
    let sharedNow = 0;
    for (const [name, ms] of Object.entries(view.sharedWork())) sharedNow += ms - (before[name] ?? 0);
    timings[configured.rule.meta.id] = Math.round(performance.now() - started - sharedNow);
  }
  // Each kind of shared work in all, whenever it was done (a caller may have built the program before the rules).
  for (const [name, ms] of Object.entries(view.sharedWork())) if (ms > 0) timings[name] = Math.round(ms);
  assignFingerprints(findings, symbolKeys);
  findings.sort(compareFindings);
  const failed = new Set(failures.map((f) => f.ruleId));
  const ran = rules.map((r) => r.rule.meta.id);
  return {
    findings,
    failures,
    fileCount: targets.length,
    // The loader's to fill: files skipped while the program was built for the rules are known only after them.
    unparsedFiles: [],
    rulesRun: ran,
    rulesMeta: rules.map((r) => r.rule.meta),
    securityRulesRun: rules
      .filter((r) => r.rule.meta.category === 'security' && !failed.has(r.rule.meta.id))
      .map((r) => r.rule.meta.id),
    securityRulesKnown: [...input.securityRulesKnown],
    timings,
  };
}

/** Runs one rule, per file for file rules and once for project rules; a throw is recorded, not fatal. */
function collectDrafts(
  configured: ConfiguredRule,
  view: ProjectView,
  targets: readonly SourceFile[],
  failures: RuleFailure[],
): FindingDraft[] {
  const { rule, options } = configured;
  const drafts: FindingDraft[] = [];
  const looked = lookedAt(rule, view);
  const reported = targets.filter(looked);
  // A rule reports only in the target files it looks at: with none (a change that touches none of its files), it has nothing to do.
  if (reported.length === 0) return drafts;
  // A project rule's files are every analysed file it looks at: read only if the rule reads them (a lock rule
  // with no lock in the project does not, and a pull-request run then parses none of the other files for it).
  const batches: (() => readonly SourceFile[])[] =
    rule.meta.scope === 'file' ? reported.map((f) => () => [f]) : [() => view.files.filter(looked)];
  for (const batch of batches) {
    try {
      for (const draft of rule.run(
        {
          get files() {
            return batch();
          },
          project: view,
        },
        options,
      ))
        drafts.push(draft);
    } catch (error) {
      const files = batch();
      const culprit = files.length === 1 ? files[0] : blameFile(rule, view, options, files, error);
      failures.push({
        ruleId: rule.meta.id,
        file: culprit === undefined ? undefined : view.relativePath(culprit),
        error,
      });
    }
  }
  return drafts;
}

/** A rendered finding and the symbol key its fingerprint hashes: the path, then the qualifier if any. */
interface Rendered {
  finding: Finding;
  symbolKey: string;
}

/** The engine's one file policy: whether a rule looks at a file, by the kinds it skips (RuleMeta.skipFiles). */
function lookedAt(rule: AnyRule, view: ProjectView): (file: SourceFile) => boolean {
  const skips = rule.meta.skipFiles ?? [];
  const tests = skips.includes('test');
  const generated = skips.includes('generated');
  return (file) => !(tests && view.isTestFile(file)) && !(generated && view.isGeneratedFile(file));
}

/** Turns drafts into located, worded findings. */
function render(
  configured: ConfiguredRule,
  drafts: readonly FindingDraft[],
  view: ProjectView,
  reportedFiles: ReadonlySet<SourceFile> | undefined,
): Rendered[] {
  const { rule, severity } = configured;
  const out: Rendered[] = [];
  const seen = new Set<string>();
  const looked = lookedAt(rule, view);
  const analysed = new Map<SourceFile, boolean>();
  for (const draft of drafts) {
    const sourceFile = draft.node.getSourceFile();
    if (reportedFiles !== undefined && !reportedFiles.has(sourceFile)) continue;
    let kept = analysed.get(sourceFile);
    if (kept === undefined) {
      kept = view.isAnalysed(sourceFile) && looked(sourceFile);
      analysed.set(sourceFile, kept);
    }
    if (!kept) continue;
    const text = rule.meta.messages[draft.messageId];
    if (text === undefined) throw new Error(`rule ${rule.meta.id} reported unknown message id ${draft.messageId}`);
    const data = draft.data ?? {};
    const range = rangeOf(draft.node);
    const file = view.relativePath(sourceFile);
    const symbolKey = symbolKeyOf(draft.symbol);
    const key = [file, String(range.line), String(range.column), draft.messageId, symbolKey].join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    const finding: Finding = {
      ruleId: rule.meta.id,
      messageId: draft.messageId,
      severity,
      security: rule.meta.category === 'security',
      file,
      ...range,
      message: fill(text.message, data),
      recommendation: fill(text.recommendation, data),
      data,
      evidence: (draft.evidence ?? []).map((e) => renderEvidence(e.note, e.node, view)),
      fingerprint: '',
    };
    if (draft.symbol !== undefined && draft.symbol.path !== '') finding.symbol = draft.symbol.path;
    if (draft.fix !== undefined) finding.fix = renderFix(draft.fix, (f) => view.relativePath(f));
    out.push({ finding, symbolKey });
  }
  return out;
}

function renderEvidence(note: string, node: Node | undefined, view: ProjectView): Evidence {
  if (node === undefined) return { note };
  return { note, file: view.relativePath(node.getSourceFile()), line: startLineOf(node) };
}

/** The 1-based range of a node, from its first token (comments excluded); line lookups from the file's line map. */
function rangeOf(node: Node): Range {
  const file = node.getSourceFile().compilerNode;
  const start = lineAndColumnAt(file, node.compilerNode.getStart(file));
  const end = lineAndColumnAt(file, node.compilerNode.getEnd());
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** What a fingerprint hashes of a symbol: the path, and the qualifier after a NUL when there is one. */
function symbolKeyOf(symbol: SymbolRef | undefined): string {
  if (symbol === undefined) return '';
  return symbol.qualifier === undefined ? symbol.path : `${symbol.path}\u0000${symbol.qualifier}`;
}

/** Gives each finding a fingerprint; findings with equal keys are numbered in source order. */
function assignFingerprints(findings: Finding[], symbolKeys: ReadonlyMap<Finding, string>): void {
  const ordinals = new Map<string, number>();
  const ordered = [...findings].sort(compareFindings);
  for (const finding of ordered) {
    const symbol = symbolKeys.get(finding) ?? '';
    const key = [finding.ruleId, finding.file, symbol, finding.messageId].join('\u0000');
    const ordinal = ordinals.get(key) ?? 0;
    ordinals.set(key, ordinal + 1);
    finding.fingerprint = fingerprint(finding.ruleId, finding.file, symbol, finding.messageId, ordinal);
  }
}
