/**
 * A span of source text. Lines and columns are 1-based; columns count UTF-16
 * code units (what TypeScript positions are); `endColumn` is exclusive.
 */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}
