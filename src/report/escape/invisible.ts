/**
 * Characters that must never reach a reader unseen: line breaks, C0/C1 controls (ESC starts every
 * terminal escape sequence), bidi overrides that reorder what is shown, zero-width and other invisible
 * format characters, and lone surrogates. Every output shows them as a visible stand-in:
 * a line break (CR, LF, CRLF, U+2028, U+2029) as `⏎`, a tab as `⇥`, anything else as `⟨U+202E⟩`.
 * Shared by the Markdown and terminal escapers, so the two show a hostile name the same way.
 */

/** One class of everything shown by its code point (tab and line breaks are handled first). */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]|[\ud800-\udfff]/gu;

/** Line breaks as Markdown, JavaScript and terminals count them. */
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;

/** The text with every line break, tab, control, bidi and invisible character replaced by a visible stand-in. */
export function showInvisibles(text: string): string {
  return text.replace(LINE_BREAK, '⏎').replace(/\t/g, '⇥').replace(INVISIBLE, codePointLabel);
}

/** `⟨U+001B⟩` for ESC: the code point in hex, four digits at least. */
function codePointLabel(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}
