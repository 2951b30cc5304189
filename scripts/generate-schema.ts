// Writes schema/review-bot.schema.json, the JSON Schema of .review-bot.json, from the rules' metadata.
// Editors use it through "$schema"; the CLI validates configurations against the same schema.
// Run: npx tsx scripts/generate-schema.ts. test/config.test.ts fails when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { RULES } from '../rules/index.js';
import { schemaFor } from '../src/config/config.js';
import { SCHEMA_PATH } from '../src/config/schema.js';

/** Where the schema is committed. */
export const schemaFile = join(import.meta.dirname, '..', SCHEMA_PATH);

/** The schema's text as committed: generated from the registry, formatted as Prettier formats the repository's JSON. */
export async function schemaText(): Promise<string> {
  const options = (await resolveConfig(schemaFile)) ?? {};
  return format(JSON.stringify(schemaFor(RULES)), { ...options, parser: 'json' });
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  const text = await schemaText();
  const before = readFileSync(schemaFile, { encoding: 'utf8', flag: 'a+' });
  if (text !== before) writeFileSync(schemaFile, text);
  process.stdout.write(text === before ? `${SCHEMA_PATH} is up to date\n` : `${SCHEMA_PATH} written\n`);
}
