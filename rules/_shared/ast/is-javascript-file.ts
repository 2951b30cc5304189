import type { SourceFile, ts } from 'ts-morph';

/**
 * True for a `.js`, `.jsx`, `.mjs` or `.cjs` file: where parameters carry no type annotation by design, and where
 * TypeScript reads JSDoc types, `require` and CommonJS's own names.
 */
export function isJavaScriptFile(file: SourceFile | ts.SourceFile): boolean {
  return /\.[cm]?jsx?$/.test('fileName' in file ? file.fileName : file.getFilePath());
}
