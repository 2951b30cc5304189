/** Text from the reviewed repository, made safe to print to a terminal or a GitHub Actions log. */
import { showInvisibles } from './invisible.js';

/**
 * The text with no control, escape-sequence or bidi character left (each shown as `⟨U+…⟩`, line
 * breaks as `⏎`), so a file name cannot clear the screen, colour the output, hide a hyperlink (OSC 8)
 * or reverse what is shown (U+202E). A GitHub Actions log also reads lines that start with `::` and any
 * `##[` as workflow commands: those get a zero-width space between the two characters.
 */
export function forTerminal(text: string): string {
  return showInvisibles(text)
    .replace(/^(\s*):(?=:)/, '$1:\u200b')
    .replace(/#(?=#\[)/g, '#\u200b');
}
