import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { rulesTable, withDemoReview, withRulesTable } from '../src/docs/rule-docs.js';
import { analyse } from '../src/pipeline.js';
import { composeReview } from '../src/report/review.js';

const ROOT = join(import.meta.dirname, '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

// Nothing in the README that a program can write is written by hand:
// regenerate with `npx tsx scripts/generate-docs.ts`.
describe('README', () => {
  it('opens with the two commands that work on a fresh machine', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });

  it('has the rules table generated from metadata', () => {
    expect(withRulesTable(readme, rulesTable(RULES.map((r) => r.meta)))).toBe(readme);
  });

  it('shows the review npm start prints for fixtures/provider-tree', () => {
    const review = composeReview(analyse({ path: join(ROOT, 'fixtures', 'provider-tree') }).result);
    expect(withDemoReview(readme, review)).toBe(readme);
  });
});
