// Regenerates the generated parts of README.md: the rules table (from rule
// metadata) and the demo review (review-bot on fixtures/provider-tree).
// Run: npx tsx scripts/generate-docs.ts. test/readme.test.ts fails when either is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../rules/index.js';
import { rulesTable, withDemoReview, withRulesTable } from '../src/docs/rule-docs.js';
import { analyse } from '../src/pipeline.js';
import { composeReview } from '../src/report/review.js';

const root = join(import.meta.dirname, '..');
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const review = composeReview(analyse({ path: join(root, 'fixtures', 'provider-tree') }).result);
const updated = withDemoReview(withRulesTable(readme, rulesTable(RULES.map((r) => r.meta))), review);
if (updated !== readme) writeFileSync(readmePath, updated);
process.stdout.write(updated === readme ? 'README.md is up to date\n' : 'README.md updated\n');
