import type { SourceFile } from 'ts-morph';
import type { EditDraft, Fix } from '../model/edit.js';

/** Turns the edits a rule proposes into a finding's fix, naming files by their path relative to the analysed root. */
export function renderFix(drafts: readonly EditDraft[], relativePath: (file: SourceFile) => string): Fix {
  return {
    edits: drafts.map((draft) => ({
      file: relativePath(draft.sourceFile),
      start: draft.start,
      end: draft.end,
      text: draft.text,
    })),
  };
}
