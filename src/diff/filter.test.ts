import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/finding.js';
import type { FilterOptions } from './filter.js';
import { isFilterMode, markFindings } from './filter.js';
import { parseUnifiedDiff } from './parse.js';

/**
 * Diff-filter fixtures: fixtures/_pipeline/<case>/ holds findings.json, pr.diff,
 * options.json ({ mode, rootPrefix? }) and expected.json, the marks of every
 * finding. UPDATE_PIPELINE_FIXTURES=1 rewrites expected.json (then read it!).
 */
const ROOT = resolve(import.meta.dirname, '../../fixtures/_pipeline');

describe('diff filter fixtures', () => {
  for (const name of readdirSync(ROOT).sort()) {
    it(name, () => {
      const dir = join(ROOT, name);
      const findings = JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')) as Finding[];
      const options = JSON.parse(readFileSync(join(dir, 'options.json'), 'utf8')) as FilterOptions;
      expect(isFilterMode(options.mode)).toBe(true);
      const marked = markFindings(findings, parseUnifiedDiff(readFileSync(join(dir, 'pr.diff'), 'utf8')), options);
      expect(marked).toHaveLength(findings.length); // nothing is dropped
      const actual = marked.map((m) => ({
        fingerprint: m.finding.fingerprint,
        path: m.path,
        inDiffFile: m.inDiffFile,
        filePatched: m.filePatched,
        inDiffLines: m.inDiffLines,
        inDiffContext: m.inDiffContext,
        commentLine: m.commentLine ?? null,
        selected: m.selected,
      }));
      const expectedPath = join(dir, 'expected.json');
      if (process.env['UPDATE_PIPELINE_FIXTURES'] === '1' || !existsSync(expectedPath))
        writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
      expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
    });
  }
});
