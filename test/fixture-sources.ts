import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The texts of the fixture files whose names match `names`, by their path under fixtures/: an in-memory project. */
export function fixtureSources(names: RegExp): Record<string, string> {
  const root = join(import.meta.dirname, '..', 'fixtures');
  const out: Record<string, string> = {};
  const visit = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (names.test(entry.name)) out[relative(root, path)] = readFileSync(path, 'utf8');
    }
  };
  visit(root);
  return out;
}
