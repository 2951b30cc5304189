import { describe, expect, it } from 'vitest';
import type { AnalysisResult, Finding } from '../model/finding.js';
import { verdictLine, verdictMarkdown } from './verdict.js';

const SECURITY = ['code-injection', 'sql-injection', 'weak-crypto'];

/** A result in which every security rule ran over every file and found nothing; `changes` says what differs. */
function resultOf(changes: Partial<AnalysisResult> = {}): AnalysisResult {
  return {
    findings: [],
    failures: [],
    fileCount: 4,
    unparsedFiles: [],
    rulesRun: [...SECURITY, 'unused-import'],
    rulesMeta: [],
    securityRulesRun: [...SECURITY],
    securityRulesKnown: [...SECURITY],
    timings: {},
    ...changes,
  };
}

function defectAt(file: string, line: number, security = true): Finding {
  return {
    ruleId: security ? 'sql-injection' : 'unused-import',
    messageId: 'm',
    severity: 'error',
    security,
    file,
    line,
    column: 1,
    endLine: line,
    endColumn: 2,
    message: 'm',
    recommendation: 'r',
    data: {},
    evidence: [],
    fingerprint: `${file}:${String(line)}`,
  };
}

describe('verdictLine', () => {
  it('says nothing was found only when every security rule ran over every file', () => {
    expect(verdictLine(resultOf())).toBe('No security defects are detected in the code.');
  });

  it('counts the defects and names up to three places, each once', () => {
    const two = [defectAt('a.ts', 3), defectAt('a.ts', 3), defectAt('b.ts', 9), defectAt('c.ts', 1, false)];
    expect(verdictLine(resultOf({ findings: two }))).toBe('3 security defects were detected, in a.ts:3, b.ts:9.');
    const five = ['a', 'b', 'c', 'd', 'e'].map((name) => defectAt(`${name}.ts`, 1));
    expect(verdictLine(resultOf({ findings: five }))).toBe(
      '5 security defects were detected, in a.ts:1, b.ts:1, c.ts:1 and 2 more.',
    );
    expect(verdictLine(resultOf({ findings: [defectAt('a.ts', 2)] }))).toBe(
      '1 security defect was detected, in a.ts:2.',
    );
  });

  it('says what was not checked: rules that did not run, files left out unread', () => {
    const partial = resultOf({ securityRulesRun: ['weak-crypto'], unparsedFiles: ['x.ts'] });
    expect(verdictLine(partial)).toBe(
      'No security defects were found, but security was only partly checked: 2 of 3 security rules did not run (code-injection, sql-injection); 1 file was not analysed (x.ts).',
    );
    expect(verdictLine({ ...partial, findings: [defectAt('a.ts', 2)] })).toBe(
      '1 security defect was detected, in a.ts:2. Security was only partly checked: 2 of 3 security rules did not run (code-injection, sql-injection); 1 file was not analysed (x.ts).',
    );
  });

  it('tells a run with no security rule from one whose security rules all failed', () => {
    expect(verdictLine(resultOf({ securityRulesRun: [] }))).toBe(
      'Security was not checked: no security rules are enabled.',
    );
    const failures = [
      { ruleId: 'code-injection', file: 'lib/a.js', error: new TypeError('x') },
      { ruleId: 'code-injection', file: 'lib/b.js', error: new TypeError('x') },
      { ruleId: 'unused-import', error: new TypeError('x') },
    ];
    expect(verdictLine(resultOf({ securityRulesRun: [], failures }))).toBe(
      'Security was not checked: every security rule enabled failed (code-injection); see the log.',
    );
  });
});

describe('verdictMarkdown', () => {
  it('writes the places and file names as code spans, so they copy as written and never link', () => {
    const findings = [defectAt('src/Signature/Widget.js', 14), defectAt('lib/www.example.com/@admin.js', 2)];
    expect(verdictMarkdown(resultOf({ findings }))).toBe(
      '2 security defects were detected, in `src/Signature/Widget.js:14`, `lib/www.example.com/@admin.js:2`.',
    );
    expect(
      verdictMarkdown(
        resultOf({ securityRulesRun: ['weak-crypto'], unparsedFiles: ['a.ts', 'b`c.ts', 'd.ts', 'e.ts'] }),
      ),
    ).toBe(
      'No security defects were found, but security was only partly checked: 2 of 3 security rules did not run \\(code-injection, sql-injection\\); 4 files were not analysed \\(`a.ts`, ``b`c.ts``, `d.ts`, …\\).',
    );
  });

  it('is the plain line escaped when no place is named', () => {
    expect(verdictMarkdown(resultOf())).toBe(verdictLine(resultOf()));
  });
});
