// Regenerates the README rules table from rule metadata: `npx tsx scripts/generate-docs.ts`.
// test/rules-meta.test.ts fails when the committed table is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../rules/index.js';
import { rulesTable, withRulesTable } from '../src/docs/rule-docs.js';

const readmePath = join(import.meta.dirname, '..', 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const updated = withRulesTable(readme, rulesTable(RULES.map((r) => r.meta)));
if (updated !== readme) writeFileSync(readmePath, updated);
process.stdout.write(updated === readme ? 'README.md rules table is up to date\n' : 'README.md rules table updated\n');
