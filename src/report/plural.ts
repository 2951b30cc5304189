/** `1 file`, `2 files`: a count with its noun, in the plural unless the count is one. */
export function plural(n: number, noun: string): string {
  return `${String(n)} ${noun}${n === 1 ? '' : 's'}`;
}
