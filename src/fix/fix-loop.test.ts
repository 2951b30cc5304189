import { describe, expect, it } from 'vitest';
import type { AnalysisResult, Finding } from '../model/finding.js';
import { fixProject } from './fix-loop.js';

/** A finding of the toy rule "double-x" with a fix that turns `XX` at `start` into `X`. */
function doubleX(file: string, start: number): Finding {
  return {
    ruleId: 'double-x',
    messageId: 'doubleX',
    severity: 'warning',
    security: false,
    file,
    line: 1,
    column: start + 1,
    endLine: 1,
    endColumn: start + 3,
    message: 'Two Xs.',
    recommendation: 'Write one X.',
    data: {},
    evidence: [],
    fix: { edits: [{ file, start, end: start + 2, text: 'X' }] },
    fingerprint: `${file}:${String(start)}`,
  };
}

/** Analyses in-memory files with the toy rule; files named in `unparsed` are left out, like files with syntax errors. */
function toyProject(disk: Record<string, string>, unparsed: string[] = []) {
  const analyses: Map<string, string>[] = [];
  const analyse = (overlay: ReadonlyMap<string, string>): AnalysisResult => {
    analyses.push(new Map(overlay));
    const findings: Finding[] = [];
    for (const file of Object.keys(disk).sort()) {
      if (unparsed.includes(file)) continue;
      const text = overlay.get(file) ?? disk[file] ?? '';
      for (let i = 0; i + 1 < text.length; i++) if (text.startsWith('XX', i)) findings.push(doubleX(file, i));
    }
    return {
      findings,
      failures: [],
      fileCount: 1,
      unparsedFiles: unparsed,
      rulesRun: ['double-x'],
      rulesMeta: [],
      securityRulesRun: [],
      securityRulesKnown: [],
      timings: {},
    };
  };
  return { analyse, analyses, read: (file: string) => disk[file], parses: () => true };
}

describe('fixProject', () => {
  it('applies fixes in passes until nothing is left, re-analysing the new texts in between', () => {
    const project = toyProject({ 'a.ts': 'XXXX;', 'b.ts': 'ok' });
    const outcome = fixProject(project);
    expect(outcome.changes).toEqual([{ file: 'a.ts', before: 'XXXX;', after: 'X;' }]);
    expect(outcome.applied).toBe(3);
    expect(outcome.passes).toBe(3);
    expect(outcome.result.findings).toEqual([]);
    expect(outcome.skipped).toEqual([]);
    // Pass 1 takes the fix at 0 and leaves those at 1 (overlapping) and 2 (touching) for later.
    expect(project.analyses.map((overlay) => overlay.get('a.ts'))).toEqual([undefined, 'XXX;', 'XX;', 'X;']);
  });

  it('stops after the last allowed pass and reports what is left', () => {
    const outcome = fixProject({ ...toyProject({ 'a.ts': 'XXXXXXXX' }), maxPasses: 1 });
    expect(outcome.changes).toEqual([{ file: 'a.ts', before: 'XXXXXXXX', after: 'XXXXX' }]);
    expect(outcome.passes).toBe(1);
    expect(outcome.result.findings.map((f) => f.column)).toEqual([1, 2, 3, 4]);
    expect(outcome.skipped.map((s) => [s.finding.column, s.reason])).toEqual([
      [2, 'conflict'],
      [3, 'conflict'],
    ]);
  });

  it('never touches a file that does not parse, even when a fix elsewhere names it', () => {
    const project = toyProject({ 'a.ts': 'XX', 'broken.ts': 'XX' }, ['broken.ts']);
    const intoBroken = doubleX('a.ts', 0);
    intoBroken.fix = { edits: [{ file: 'broken.ts', start: 0, end: 2, text: 'X' }] };
    const outcome = fixProject({
      ...project,
      analyse: (overlay) => ({ ...project.analyse(overlay), findings: [intoBroken] }),
    });
    expect(outcome.changes).toEqual([]);
    expect(outcome.skipped.map((s) => s.reason)).toEqual(['invalid']);
  });

  it('fixes only the findings it is told to', () => {
    const project = toyProject({ 'a.ts': 'XX', 'b.ts': 'XX' });
    const outcome = fixProject({ ...project, select: (finding) => finding.file === 'b.ts' });
    expect(outcome.changes).toEqual([{ file: 'b.ts', before: 'XX', after: 'X' }]);
    expect(outcome.result.findings.map((f) => f.file)).toEqual(['a.ts']);
  });

  it('does nothing, and analyses once, when no finding has a fix', () => {
    const project = toyProject({ 'a.ts': 'X' });
    expect(fixProject(project)).toMatchObject({ changes: [], applied: 0, passes: 0 });
    expect(project.analyses).toHaveLength(1);
  });
});
