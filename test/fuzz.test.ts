import { describe, expect, it } from 'vitest';
import { fuzz } from '../scripts/fuzz.js';

describe('fuzzing the pipeline (CI-sized; `npm run fuzz` runs 10,000 inputs)', () => {
  it('300 seeded inputs: no run lost, no hang, every file reviewed or named, no rule crash', () => {
    const report = fuzz({
      seed: 20261202,
      inputs: 300,
      perProject: 100,
      timeLimitMs: Number.POSITIVE_INFINITY,
      projectBudgetMs: 120_000,
    });
    expect(report.inputs).toBe(300);
    expect(report.reviewed + report.skipped + report.unparsed).toBe(300);
    expect(report.reviewed).toBeGreaterThan(30);
    expect({
      aborts: report.aborts,
      hangs: report.hangs,
      lost: report.lost,
      ruleCrashes: report.ruleCrashes,
    }).toEqual({ aborts: [], hangs: [], lost: [], ruleCrashes: [] });
  }, 600_000);
});
