/**
 * The one Markdown escaping layer: text from the reviewed repository becomes literal text or a code span,
 * never markup. Used by the review, the inline comments and the job summary.
 *
 * - Prose: every ASCII character with a meaning in CommonMark or GitHub Flavored Markdown gets a backslash
 *   (emphasis, links, images, raw HTML, entities, headings, lists, tables, strike-through, math); GitHub's
 *   text filters run after Markdown, so mentions (`@user`, `@org/team`), issue references (`#1`) and
 *   autolinks (`https://…`, `www.…`, `a@b.c`) are broken with a zero-width space (U+200B) inside them.
 * - Code: a span whose fence is longer than any backtick run inside, padded with a space when the
 *   content starts or ends with a backtick. Inside it, mentions, HTML and links are inert on GitHub.
 * - Both: line breaks, controls, bidi and invisible characters are shown (see invisible.ts), since a line
 *   break would end a code span or start a heading.
 *
 * Every line we write is self-contained: no span crosses a line, so cutting text by whole lines is safe.
 */
import { showInvisibles } from './invisible.js';

/** ASCII punctuation that means something inline in CommonMark or GFM (CommonMark lets any of it be escaped). */
const MARKUP = /[\\`*_[\]()<>!@#|~&$]/g;

/**
 * What would start a block (list, setext underline, ordered list) if the text began a line. A leading
 * space before another is written `&#32;`, so a run of them cannot start an indented code block either.
 */
const BLOCK_START = /^(\s*)([-+=]|\d+(?=\.))/;

/**
 * Where GitHub's text filters would find a mention, reference or autolink, a zero-width space goes: after
 * `@`, `#`, `:`, `/` and `.` when a name follows, before `@` (an e-mail's end), and inside `www.` (GitHub
 * counts U+200B as part of a domain, so it must break the `www.` itself).
 */
const FILTER_BREAKS = /(?<=[@#:/.])(?=[\p{L}\p{N}/])|(?=\\@)|(?<=www)(?=\.)/giu;

/** Markdown for literal text: renders as exactly `showInvisibles(text)` (plus invisible breaks), never as markup. */
export function escapeMarkdownText(text: string): string {
  return showInvisibles(text)
    .replace(MARKUP, '\\$&')
    .replace(BLOCK_START, (_, space: string, start: string) =>
      /^\d/.test(start) ? `${space}${start}\\` : `${space}\\${start}`,
    )
    .replace(FILTER_BREAKS, '\u200b')
    .replace(/^ (?= )/, '&#32;');
}

/** The longest run of backticks in a text: a code span's or fenced block's fence must be longer. */
export function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

/** A code span showing exactly `showInvisibles(text)`, whatever backticks or markup the text holds. */
export function codeSpan(text: string): string {
  const content = showInvisibles(text);
  if (content === '') return '` `';
  const fence = '`'.repeat(longestBacktickRun(content) + 1);
  const pad = needsPadding(content) ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** CommonMark strips one space from each end of a code span, and a backtick at an end would join the fence. */
function needsPadding(content: string): boolean {
  const spaced = content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '';
  return content.startsWith('`') || content.endsWith('`') || spaced;
}

/**
 * Markdown for text that uses backticks to mark code, as rules write notes and list-valued data
 * ("`a`, `b` and 1 more"): each backtick-delimited part becomes a code span, the rest literal text.
 * Safe whatever the text is: an unmatched backtick is shown literally.
 */
export function markdownWithCode(text: string): string {
  return markdownOfParts(splitCode(text));
}

/** Markdown for text given in pieces: code pieces as code spans, the rest literal text. */
export function markdownOfParts(parts: readonly TextPart[]): string {
  return joinMarkdown(parts.map((part) => (part.code ? codeSpan(part.text) : escapeMarkdownText(part.text))));
}

/** A piece of text, and whether it is code (a path, a name) rather than prose. */
export interface TextPart {
  text: string;
  code: boolean;
}

/** Splits text at code spans as CommonMark finds them: a run of n backticks up to the next run of exactly n. */
function splitCode(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let prose = '';
  let index = 0;
  while (index < text.length) {
    const open = /`+/g;
    open.lastIndex = index;
    const opening = open.exec(text);
    if (opening === null) break;
    const closingAt = closingRun(text, opening.index + opening[0].length, opening[0].length);
    if (closingAt === undefined) {
      prose += text.slice(index, opening.index + opening[0].length);
      index = opening.index + opening[0].length;
      continue;
    }
    prose += text.slice(index, opening.index);
    if (prose !== '') parts.push({ text: prose, code: false });
    prose = '';
    parts.push({ text: trimCodeSpace(text.slice(opening.index + opening[0].length, closingAt)), code: true });
    index = closingAt + opening[0].length;
  }
  prose += text.slice(index);
  if (prose !== '') parts.push({ text: prose, code: false });
  return parts;
}

/** Index of the next run of exactly `length` backticks from `from`, if any. */
function closingRun(text: string, from: number, length: number): number | undefined {
  const runs = /`+/g;
  runs.lastIndex = from;
  for (let run = runs.exec(text); run !== null; run = runs.exec(text)) {
    if (run[0].length === length) return run.index;
  }
  return undefined;
}

/** Drops the one space CommonMark strips from each end of a padded code span. */
function trimCodeSpace(content: string): string {
  return content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '' ? content.slice(1, -1) : content;
}

/** Longest piece of repository text shown in one place, in UTF-16 code units; longer is cut with `…`. */
const MAX_QUOTED = 1_000;

/** A placeholder in a message template, with the quotes around it when it stands for quoted text. */
const PLACEHOLDER = /("?)\{\{\s*(\w+)\s*\}\}("?)/g;

/**
 * A message as Markdown, rendered again from its rule's template so each value is escaped for where it
 * stands: a placeholder inside a template's code span (`` `{{name}}` ``) becomes part of one code span; one
 * in quotes (`"{{text}}"`) is quoted text, shown literally; any other is prose whose backticks mark code
 * (rules pass lists such as "`a`, `b` and 1 more"). Template text is ours and stays Markdown.
 * Without a template, or when the data does not fit it, the rendered message is shown as text with code.
 */
export function markdownMessage(
  template: string | undefined,
  data: Readonly<Record<string, string | number>>,
  rendered: string,
): string {
  const usable = template !== undefined && [...template.matchAll(PLACEHOLDER)].every((m) => (m[2] ?? '') in data);
  if (!usable) return markdownWithCode(shorten(rendered, MAX_QUOTED * 4));
  const value = (name: string): string => shorten(String(data[name] ?? ''), MAX_QUOTED);
  const pieces = splitCode(template).flatMap((part) =>
    part.code
      ? [
          codeSpan(
            part.text.replace(
              PLACEHOLDER,
              (_, open: string, name: string, close: string) => open + value(name) + close,
            ),
          ),
        ]
      : proseWithData(part.text, value),
  );
  return joinMarkdown(pieces);
}

/** Template prose as pieces: its own text, and each placeholder's escaped value (quoted ones as plain text). */
function proseWithData(text: string, value: (name: string) => string): string[] {
  const pieces: string[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const [whole, open = '', name = '', close = ''] = match;
    const quoted = open === '"' && close === '"';
    pieces.push(text.slice(last, match.index), open);
    pieces.push(quoted ? escapeMarkdownText(value(name)) : markdownWithCode(value(name)), close);
    last = match.index + whole.length;
  }
  pieces.push(text.slice(last));
  return pieces;
}

/**
 * Joins pieces of Markdown, with a zero-width space between two that must not touch. Two code spans: their
 * fences would merge into one longer backtick run, and a span could then close inside the next one's
 * content, leaving the rest as markup. Two pieces of text that GitHub's filters would read as one: each
 * piece's own breaks cannot see its neighbour, so `@` ending one value and `0` starting the next would make
 * a mention, and `ww` beside `w.e.com` an autolink.
 */
function joinMarkdown(pieces: readonly string[]): string {
  let out = '';
  for (const piece of pieces) {
    if (piece === '') continue;
    out += mustSeparate(out, piece) ? `\u200b${piece}` : piece;
  }
  return out;
}

/** Whether two pieces of Markdown, written side by side, would start something neither holds alone. */
function mustSeparate(left: string, right: string): boolean {
  if (left.endsWith('`') && right.startsWith('`')) return true;
  if (/[@#:/.]$/.test(left) && /^[\p{L}\p{N}/]/u.test(right)) return true;
  const tail = left.slice(-3);
  const joined = tail + right.slice(0, 3);
  return [...joined.matchAll(/www\./gi)].some((m) => m.index < tail.length && m.index + 4 > tail.length);
}

/** Text cut to at most `max` UTF-16 code units, with `…` when cut (never between the halves of a surrogate pair). */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = max - 1;
  const high = text.charCodeAt(end - 1);
  return `${text.slice(0, high >= 0xd800 && high <= 0xdbff ? end - 1 : end)}…`;
}
