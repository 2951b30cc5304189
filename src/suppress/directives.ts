import type { ts } from 'ts-morph';
import type { Range } from '../model/range.js';
import { commentsOf } from './comments.js';
import { mayHoldDirectives } from './meta.js';

/** What a directive does. */
type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line';

/** One `review-bot-disable…` / `review-bot-enable` comment. */
export interface Directive extends Range {
  kind: DirectiveKind;
  /** The rule ids it names; empty means every rule. */
  rules: string[];
  /** The text after ` -- `, trimmed; undefined when there is none. */
  reason: string | undefined;
}

/** `review-bot-disable-next-line a, b -- why`: the directive word, then the rest. */
const DIRECTIVE = /^review-bot-(disable-next-line|disable-line|disable|enable)(?=\s|$)(.*)$/su;

/** ESLint's separator between rule ids and the reason: two or more dashes between whitespace. */
const REASON_SEPARATOR = /\s-{2,}\s/u;

/** The directives of a file, in source order; comments that are not directives are skipped. */
export function parseDirectives(file: ts.SourceFile): Directive[] {
  if (!mayHoldDirectives(file.text)) return [];
  const out: Directive[] = [];
  for (const comment of commentsOf(file)) {
    const raw = file.text.slice(comment.pos, comment.end);
    const body = comment.kind === 'line' ? raw.slice(2) : raw.slice(2, -2).replace(/\r?\n[ \t]*\*?/g, ' ');
    const directive = parseBody(body.trim());
    if (directive === undefined) continue;
    const start = file.getLineAndCharacterOfPosition(comment.pos);
    const end = file.getLineAndCharacterOfPosition(comment.end);
    out.push({
      ...directive,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
    });
  }
  return out;
}

/** The kind, rules and reason of a comment's text, or undefined when it is not a directive. */
function parseBody(body: string): Pick<Directive, 'kind' | 'rules' | 'reason'> | undefined {
  const match = DIRECTIVE.exec(body);
  const word = match?.[1];
  if (word === undefined || !isKind(word)) return undefined;
  const rest = ` ${match?.[2] ?? ''} `;
  const separator = REASON_SEPARATOR.exec(rest);
  const list = separator === null ? rest : rest.slice(0, separator.index);
  const reason = separator === null ? undefined : rest.slice(separator.index + separator[0].length).trim();
  const rules = list
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  return { kind: word, rules, reason: reason === '' ? undefined : reason };
}

function isKind(word: string): word is DirectiveKind {
  return word === 'disable' || word === 'enable' || word === 'disable-line' || word === 'disable-next-line';
}
