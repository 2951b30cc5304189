/** What a project says, in its own directives, it does not want reported: ESLint and TypeScript waivers a rule honours. */
import { ts } from 'ts-morph';
import type { Node, SourceFile } from 'ts-morph';

/**
 * True when the project's own ESLint directives turn off, at `node`, an ESLint
 * rule that checks what ours checks (`equivalent` matches one name in a
 * directive's list: `no-unused-vars`, `@typescript-eslint/no-unused-vars`):
 * an `eslint-disable-line` on the node's line, an `eslint-disable-next-line`
 * on the line above, or an `/* eslint-disable *\/` block comment anywhere
 * before the node, naming such a rule or none (every rule), not turned back on
 * by an `eslint-enable` between it and the node that names it or none. The
 * project decided what its linter should not say there, and saying it anyway
 * is noise. With `namedBlocksOnly` (the security rules), a block directive
 * counts only when it names an equivalent rule: one that turns every rule off
 * for the rest of a file says nothing about this one. A line directive naming
 * no rule still counts: someone looked at that line and turned every check of
 * it off (swig's `new Function( // eslint-disable-line` compiling a template).
 */
export function isWaivedByEslint(node: Node, equivalent: RegExp, { namedBlocksOnly = false } = {}): boolean {
  const text = node.getSourceFile().getFullText();
  const lines = text.split('\n');
  const line = node.getStartLineNumber();
  const names = (comment: string, directive: string): string | undefined => {
    const at = comment.indexOf(directive);
    return at === -1 ? undefined : (comment.slice(at + directive.length).split(/\s--\s|\*\//)[0] ?? '');
  };
  const waives = (comment: string | undefined, directive: string, namedOnly = false): boolean => {
    const list = comment === undefined ? undefined : names(comment, directive);
    return list !== undefined && ((!namedOnly && list.trim() === '') || equivalent.test(list));
  };
  if (waives(lines[line - 1], 'eslint-disable-line') || waives(lines[line - 2], 'eslint-disable-next-line'))
    return true;
  // The block directives before the node, in order: a disable that covers the rule opens a waiver, an enable that
  // names it (or every rule) closes it, as ESLint reads a file.
  let waived = false;
  for (const match of text.slice(0, node.getStart()).matchAll(/\/\*\s*eslint-(disable|enable)(?![-\w])[^]*?\*\//g)) {
    if (!isBlockCommentAt(node.getSourceFile(), match.index)) continue;
    if (match[1] === 'disable') waived ||= waives(match[0], 'eslint-disable', namedBlocksOnly);
    else if (waived) {
      const list = names(match[0], 'eslint-enable') ?? '';
      waived = !(list.trim() === '' || equivalent.test(list));
    }
  }
  return waived;
}

/**
 * True when a block comment starts at `pos` (not text inside a string, a
 * template or another comment that merely spells a directive): one of the
 * comments in the trivia before the token whose full text holds the position.
 */
function isBlockCommentAt(file: SourceFile, pos: number): boolean {
  const tree = file.compilerNode;
  let token: ts.Node = tree;
  for (;;) {
    const child = token.getChildren(tree).find((c) => c.pos <= pos && pos < c.end);
    if (child === undefined) break;
    token = child;
  }
  if (token !== tree && pos >= token.getStart(tree)) return false;
  const from = token === tree ? pos : token.pos;
  const comments = [
    ...(ts.getTrailingCommentRanges(tree.text, from) ?? []),
    ...(ts.getLeadingCommentRanges(tree.text, from) ?? []),
  ];
  return comments.some((c) => c.pos === pos && c.kind === ts.SyntaxKind.MultiLineCommentTrivia);
}

/**
 * ESLint rules that report code compiled from a string: what `code-injection` reports (`new Function(source); //
 * eslint-disable-line no-new-func`, as nunjucks compiles its templates).
 */
export const ESLINT_EVAL_RULES =
  /(?:^|[\s,])(?:(?:@typescript-eslint\/)?no-implied-eval|no-eval|no-new-func|security\/detect-eval-with-expression|sonarjs\/code-eval)(?![-\w])/;

/** ESLint rules that report an unused binding: what `unused-variable` and `unused-import` report. */
export const ESLINT_UNUSED_RULES =
  /(?:^|[\s,])(?:(?:@typescript-eslint|unused-imports)\/)?no-unused-(?:vars|imports)(?![-\w])/;

/**
 * True when a `@ts-ignore` or `@ts-expect-error` comment on the line above
 * silences the compiler's own error at the node's line: for an unused
 * declaration, `noUnusedLocals`' "declared but never read", which the project
 * then keeps on purpose (`// @ts-ignore - export this once …`).
 */
export function isCompilerErrorSilenced(node: Node): boolean {
  const lines = node.getSourceFile().getFullText().split('\n');
  const above = lines[node.getStartLineNumber() - 2]?.trim() ?? '';
  return /^(?:\/\/|\/\*+)\s*@ts-(?:ignore|expect-error)(?![-\w])/.test(above);
}
