import { expect } from 'vitest';
import { RULES } from '../../rules/index.js';
import { loadInMemory } from '../../src/load/project.js';
import { analyseView } from '../../src/pipeline.js';
import type { Finding } from '../../src/model/finding.js';

/**
 * One case of a peer linter's public rule test suite, taken as data: its code,
 * whether the peer expects it to pass, and the findings the peer expects
 * (line and name where the peer's test pins them).
 */
export interface PeerCase {
  kind: 'valid' | 'invalid';
  code: string;
  /** The peer rule's options for this case, when it sets any. */
  options?: readonly unknown[];
  /** The peer's parser settings for this case, when it sets any (sourceType, JSX). */
  languageOptions?: unknown;
  /** The file name the peer gives the case (`foo.d.ts`), when it gives one. */
  filename?: string;
  errors?: readonly PeerError[];
}

/** A finding the peer expects: its line and the name it is about, when the peer's test states them. */
export interface PeerError {
  line?: number;
  name?: string;
  /** The peer's message id: which of its checks the finding comes from. */
  messageId?: string;
}

/** Whether a case is judged, and why not when it is not. */
export type Scope = { in: true } | { in: false; why: string };

/** A finding of ours reduced to what the peer's expectations can be compared with. */
interface Reported {
  line: number;
  name: string | undefined;
}

/** The comparison of one judged case: how many matched, and what did not. */
interface CaseScore {
  truePositives: number;
  /** Our findings the peer does not expect, as `line:name`. */
  extra: string[];
  /** The peer's expected findings we do not give, as `line:name`. */
  missed: string[];
}

/** How a suite maps onto our rules: which rules run, how a case is loaded, and what is in scope. */
export interface PeerSuite {
  /** Our rules that cover the peer's rule. */
  rules: readonly string[];
  /** The extension a case is loaded with: `.mts` for a module (as the peer's parser reads it), `.ts` for a script, `.d.ts`. */
  extensionOf: (c: PeerCase) => string;
  /** The scope decision for a whole case. */
  scopeOf: (c: PeerCase) => Scope;
  /** The expected findings within our rules' scope (the others are dropped, with the reason in the suite). */
  expectedOf: (c: PeerCase) => readonly PeerError[];
  /** True for a finding of ours that the peer's rule speaks about (the others are outside its domain and not judged). */
  judges: (f: Finding) => boolean;
  /**
   * True when a finding on the expected name at another line of the case still
   * matches (after exact matches): the peer reports at a different place of
   * the same binding, such as its last write.
   */
  matchesAcrossLines: boolean;
  /** The name a finding of ours is about, compared with the peer's `name`. */
  nameOf: (f: Finding) => string | undefined;
}

/**
 * Our findings for every judged case, loaded together as one project of one
 * file per case (each a module unless the suite says otherwise, so cases do not
 * share a scope), with only the suite's rules running.
 */
function reportedFor(suite: PeerSuite, cases: ReadonlyMap<number, PeerCase>): Map<number, Reported[]> {
  const sources: Record<string, string> = {};
  for (const [index, c] of cases) sources[fileOf(index, suite.extensionOf(c))] = c.code;
  const { view } = loadInMemory(sources);
  const registry = RULES.filter((r) => suite.rules.includes(r.meta.id));
  const result = analyseView(
    view,
    { rules: {}, settings: {}, source: undefined },
    { registry, only: [...suite.rules] },
  );
  expect(result.failures).toEqual([]);
  const out = new Map<number, Reported[]>([...cases.keys()].map((index) => [index, []]));
  for (const f of result.findings.filter(suite.judges))
    out.get(indexOf(f.file))?.push({ line: f.line, name: suite.nameOf(f) });
  return out;
}

/** The file a case is loaded as. */
function fileOf(index: number, extension: string): string {
  return `case-${String(index).padStart(4, '0')}${extension}`;
}

/** The case a finding's file belongs to. */
function indexOf(file: string): number {
  return Number(/case-(\d+)/.exec(file)?.[1] ?? -1);
}

/** Matches expected findings to ours one to one, on line and name where the peer states them (then on name alone, if the suite allows). */
function scoreOf(expected: readonly PeerError[], reported: readonly Reported[], acrossLines: boolean): CaseScore {
  const left = [...reported];
  const missed: PeerError[] = [];
  const take = (want: PeerError, sameLine: boolean): boolean => {
    const at = left.findIndex(
      (r) =>
        (!sameLine || want.line === undefined || want.line === r.line) &&
        (want.name === undefined || want.name === r.name),
    );
    if (at !== -1) left.splice(at, 1);
    return at !== -1;
  };
  for (const want of expected) if (!take(want, true)) missed.push(want);
  const stillMissed = acrossLines ? missed.filter((want) => !take(want, false)) : missed;
  return {
    truePositives: expected.length - stillMissed.length,
    extra: left.map((r) => `${String(r.line)}:${r.name ?? '?'}`),
    missed: stillMissed.map((e) => `${String(e.line ?? '?')}:${e.name ?? '?'}`),
  };
}

/** One line per case: its number, scope decision and, when judged, what matched and what did not. */
function lineOf(index: number, c: PeerCase, scope: Scope, score: CaseScore | undefined): string {
  const head = `#${String(index)} ${c.kind} ${JSON.stringify(c.code.trim().slice(0, 60))}`;
  if (!scope.in || score === undefined) return `${head} out of scope: ${scope.in ? '' : scope.why}`;
  const { truePositives, extra, missed } = score;
  if (extra.length + missed.length === 0) return `${head} agrees (${String(truePositives)} found)`;
  return `${head} DISAGREES: ${String(truePositives)} found, not expected [${extra.join(', ')}], missed [${missed.join(', ')}]`;
}

/** Precision, recall and a per-case table of a peer suite run through our rules. */
export function judge(
  suite: PeerSuite,
  cases: readonly PeerCase[],
): { precision: number; recall: number; judged: number; table: string } {
  const totals = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
  const scopes = cases.map((c) => suite.scopeOf(c));
  const inScope = new Map(cases.flatMap((c, index) => (scopes[index]?.in === true ? [[index, c] as const] : [])));
  const reported = reportedFor(suite, inScope);
  const lines = cases.map((c, index) => {
    const ours = reported.get(index);
    const score = ours === undefined ? undefined : scoreOf(suite.expectedOf(c), ours, suite.matchesAcrossLines);
    if (score !== undefined) {
      totals.truePositives += score.truePositives;
      totals.falsePositives += score.extra.length;
      totals.falseNegatives += score.missed.length;
    }
    return lineOf(index, c, scopes[index] ?? { in: true }, score);
  });
  const judged = inScope.size;
  const { truePositives, falsePositives, falseNegatives } = totals;
  const precision = truePositives / Math.max(1, truePositives + falsePositives);
  const recall = truePositives / Math.max(1, truePositives + falseNegatives);
  const summary = `judged ${String(judged)} of ${String(cases.length)} cases: tp ${String(truePositives)}, fp ${String(falsePositives)}, fn ${String(falseNegatives)}, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`;
  return { precision, recall, judged, table: `${summary}\n${lines.join('\n')}\n` };
}

/** The peer's expected findings as written: every error it lists. */
export function allErrors(c: PeerCase): readonly PeerError[] {
  return c.errors ?? [];
}
