import { ts } from 'ts-morph';

/** A comment of a source file: its text span, with the delimiters. */
export interface CommentSpan {
  pos: number;
  end: number;
  kind: 'line' | 'block';
}

/** Tokens whose text is data, never trivia: comments cannot start inside them. */
const LITERAL_KINDS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.JsxText,
]);

/**
 * Every comment of a parsed file, in source order. The parse tree tells
 * where tokens are, so text inside strings, templates, regular expressions and
 * JSX text is never taken for a comment: between a node's children there are
 * only punctuation, keywords and trivia, which the scanner reads safely, and a
 * literal contributes only the comments before it.
 */
export function commentsOf(file: ts.SourceFile): CommentSpan[] {
  const scanner = ts.createScanner(file.languageVersion, false, file.languageVariant, file.text);
  const found = new Map<number, CommentSpan>();
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.JsxText) return;
    if (LITERAL_KINDS.has(node.kind)) {
      for (const range of ts.getLeadingCommentRanges(file.text, node.pos) ?? [])
        add(found, range.pos, range.end, range.kind);
      return;
    }
    let cursor = node.pos;
    ts.forEachChild(node, (child) => {
      scanGap(scanner, found, cursor, child.pos);
      visit(child);
      cursor = child.end;
    });
    scanGap(scanner, found, cursor, node.end);
  };
  visit(file);
  scanGap(scanner, found, file.endOfFileToken.pos, file.text.length);
  return [...found.values()].sort((a, b) => a.pos - b.pos);
}

/** Scans text between two token boundaries and records its comments. */
function scanGap(scanner: ts.Scanner, found: Map<number, CommentSpan>, start: number, end: number): void {
  if (end <= start) return;
  scanner.resetTokenState(start);
  for (;;) {
    const kind = scanner.scan();
    if (kind === ts.SyntaxKind.EndOfFileToken || scanner.getTokenStart() >= end) return;
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia)
      add(found, scanner.getTokenStart(), scanner.getTokenEnd(), kind);
    if (scanner.getTokenEnd() >= end) return;
  }
}

/** Records one comment span. */
function add(found: Map<number, CommentSpan>, pos: number, end: number, kind: ts.CommentKind): void {
  found.set(pos, { pos, end, kind: kind === ts.SyntaxKind.SingleLineCommentTrivia ? 'line' : 'block' });
}
