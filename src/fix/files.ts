import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import type { FileChange } from './fix-loop.js';
import { unifiedDiff } from './unified-diff.js';

const BOM = '\uFEFF';

/** A file's text as TypeScript sees it (a byte-order mark removed), or undefined when it cannot be read. */
export function readSourceText(root: string, file: string): string | undefined {
  try {
    const text = readFileSync(join(root, file), 'utf8');
    return text.startsWith(BOM) ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

/** True when the text has no syntax error, read as the kind of source its file name says (`.ts`, `.tsx`, `.js`...). */
export function parsesAsSource(file: string, text: string): boolean {
  const output = ts.transpileModule(text, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { allowJs: true, jsx: ts.JsxEmit.Preserve, noEmit: false },
  });
  return (output.diagnostics ?? []).length === 0;
}

/** What writing the fixed files did. */
export interface WriteOutcome {
  written: string[];
  /** Files changed on disk since they were read: left alone. */
  changedMeanwhile: string[];
}

/**
 * Writes the fixed texts, only for files whose text on disk is still the one
 * that was fixed (a byte-order mark is kept); nothing else is written.
 */
export function writeChanges(root: string, changes: readonly FileChange[]): WriteOutcome {
  const outcome: WriteOutcome = { written: [], changedMeanwhile: [] };
  for (const change of changes) {
    const path = join(root, change.file);
    const raw = readFileSync(path, 'utf8');
    const bom = raw.startsWith(BOM) ? BOM : '';
    if (raw.slice(bom.length) !== change.before) {
      outcome.changedMeanwhile.push(change.file);
      continue;
    }
    writeFileSync(path, bom + change.after);
    outcome.written.push(change.file);
  }
  return outcome;
}

/** The unified diff of every change, file after file (what `--fix-dry-run` prints). */
export function diffOfChanges(changes: readonly FileChange[]): string {
  return changes.map((c) => unifiedDiff(c.file, c.before, c.after)).join('');
}
