import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFixtureCases, runFixture, serialiseFindings } from './fixture-runner.js';

// One folder = one scenario = one test. The whole finding list is compared
// with expected.json; the valid-/invalid- claim is asserted on its own, so a
// snapshot update cannot bless a regression unnoticed.
describe('fixtures', () => {
  for (const fixture of listFixtureCases()) {
    it(`${fixture.ruleId ?? 'project'}/${fixture.name}`, async () => {
      const findings = runFixture(fixture);
      if (fixture.name.startsWith('valid-')) expect(findings, 'a valid-* fixture must give no finding').toEqual([]);
      if (fixture.name.startsWith('invalid-')) {
        expect(findings.length, 'an invalid-* fixture must give at least one finding').toBeGreaterThan(0);
        expect(new Set(findings.map((f) => f.ruleId))).toEqual(new Set([fixture.ruleId]));
      }
      await expect(serialiseFindings(findings)).toMatchFileSnapshot(join(fixture.dir, 'expected.json'));
    });
  }
});
