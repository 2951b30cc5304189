import type { SourceFile } from 'ts-morph';

/**
 * Replaces the text between two offsets of a file. Offsets count UTF-16 code
 * units (what TypeScript positions and JavaScript string indices are) from the
 * start of the file's text, after any byte-order mark; `end` is exclusive.
 * An insertion has `start === end`; a deletion has `text === ''`.
 */
interface TextChange {
  start: number;
  end: number;
  text: string;
}

/** A change to one file of the analysed project, as a finding carries it. */
export interface Edit extends TextChange {
  /** Path relative to the analysed root, POSIX separators (as `Finding.file`). */
  file: string;
}

/** A change as a rule proposes it: the engine turns the source file into a relative path. */
export interface EditDraft extends TextChange {
  sourceFile: SourceFile;
}

/** A safe fix: edits that are applied together or not at all. */
export interface Fix {
  edits: Edit[];
}
