/** One step of a line edit script. */
type Op = { kind: 'equal'; a: number; b: number } | { kind: 'delete'; a: number } | { kind: 'insert'; b: number };

const CONTEXT = 3;

/**
 * A unified diff of two texts (as `diff -u` and `git diff` print it), with
 * `--- a/<file>` and `+++ b/<file>` headers and three lines of context; ''
 * when the texts are equal. A last line without a newline is marked
 * `\ No newline at end of file`.
 */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = deletionsFirst(diffLines(a, b));
  const out = [`--- a/${file}`, `+++ b/${file}`];
  for (const hunk of hunksOf(ops)) out.push(...renderHunk(hunk, a, b));
  return `${out.join('\n')}\n`;
}

/** Lines with their terminators ('\n' or '\r\n'); a last line without one keeps none. */
export function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

/**
 * A shortest edit script from `a` to `b` (Myers' O(ND) algorithm), after
 * taking off the common prefix and suffix.
 */
function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  )
    suffix++;
  const middle = myers(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix));
  const ops: Op[] = [];
  for (let i = 0; i < prefix; i++) ops.push({ kind: 'equal', a: i, b: i });
  for (const op of middle) ops.push(shift(op, prefix));
  for (let i = suffix; i > 0; i--) ops.push({ kind: 'equal', a: a.length - i, b: b.length - i });
  return ops;
}

function shift(op: Op, by: number): Op {
  if (op.kind === 'equal') return { kind: 'equal', a: op.a + by, b: op.b + by };
  return op.kind === 'delete' ? { kind: 'delete', a: op.a + by } : { kind: 'insert', b: op.b + by };
}

/** Myers' greedy algorithm, keeping each round's furthest points to trace the path back. */
function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const trace: Map<number, number>[] = [];
  let v = new Map<number, number>([[1, 0]]);
  for (let d = 0; d <= max; d++) {
    const next = new Map<number, number>();
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1));
      let x = down ? (v.get(k + 1) ?? 0) : (v.get(k - 1) ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next.set(k, x);
      if (x >= n && y >= m) {
        trace.push(next);
        return backtrack(trace, n, m);
      }
    }
    trace.push(next);
    v = next;
  }
  return backtrack(trace, n, m);
}

/** Walks the rounds back from (n, m) to (0, 0), emitting the edit script in order. */
function backtrack(trace: readonly Map<number, number>[], n: number, m: number): Op[] {
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const v = trace[d - 1] ?? new Map<number, number>();
    const k = x - y;
    const down = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = v.get(prevK) ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: 'equal', a: --x, b: --y });
    if (down) ops.push({ kind: 'insert', b: --y });
    else ops.push({ kind: 'delete', a: --x });
  }
  while (x > 0 && y > 0) ops.push({ kind: 'equal', a: --x, b: --y });
  return ops.reverse();
}

/** Within each run of changes, the deleted lines before the inserted ones, as diff prints them. */
function deletionsFirst(ops: readonly Op[]): Op[] {
  const out: Op[] = [];
  let run: Op[] = [];
  for (const op of [...ops, undefined]) {
    if (op !== undefined && op.kind !== 'equal') {
      run.push(op);
      continue;
    }
    out.push(...run.filter((o) => o.kind === 'delete'), ...run.filter((o) => o.kind === 'insert'));
    run = [];
    if (op !== undefined) out.push(op);
  }
  return out;
}

/** Groups the script into hunks: each change with up to three lines of context, close hunks merged. */
function hunksOf(ops: readonly Op[]): Op[][] {
  const changed = ops.flatMap((op, i) => (op.kind === 'equal' ? [] : [i]));
  const hunks: Op[][] = [];
  let start = -1;
  let end = -1;
  for (const i of changed) {
    if (start >= 0 && i - CONTEXT <= end + CONTEXT) {
      end = i;
      continue;
    }
    if (start >= 0) hunks.push(ops.slice(Math.max(0, start - CONTEXT), Math.min(ops.length, end + CONTEXT + 1)));
    start = i;
    end = i;
  }
  if (start >= 0) hunks.push(ops.slice(Math.max(0, start - CONTEXT), Math.min(ops.length, end + CONTEXT + 1)));
  return hunks;
}

/** The `@@` header and the lines of one hunk. */
function renderHunk(hunk: readonly Op[], a: readonly string[], b: readonly string[]): string[] {
  const oldLines = hunk.filter((op) => op.kind !== 'insert').length;
  const newLines = hunk.filter((op) => op.kind !== 'delete').length;
  const oldStart = firstIndex(hunk, 'a');
  const newStart = firstIndex(hunk, 'b');
  const lines = [`@@ -${range(oldStart, oldLines)} +${range(newStart, newLines)} @@`];
  for (const op of hunk) {
    if (op.kind === 'equal') lines.push(...line(' ', a[op.a]));
    else if (op.kind === 'delete') lines.push(...line('-', a[op.a]));
    else lines.push(...line('+', b[op.b]));
  }
  return lines;
}

/**
 * 0-based index of the first line of side `a` or `b` in the hunk. With three
 * lines of context a side is empty only when its whole file is: index 0.
 */
function firstIndex(hunk: readonly Op[], side: 'a' | 'b'): number {
  for (const op of hunk) {
    if (side === 'a' && op.kind !== 'insert') return op.a;
    if (side === 'b' && op.kind !== 'delete') return op.b;
  }
  return 0;
}

/** `start,count` as diff prints it: 1-based, `,1` left out, an empty range named by the line before it. */
function range(index: number, count: number): string {
  if (count === 0) return `${String(index)},0`;
  return count === 1 ? String(index + 1) : `${String(index + 1)},${String(count)}`;
}

/** One diff line, and the marker when the line has no newline. */
function line(prefix: string, text: string | undefined): string[] {
  const value = text ?? '';
  if (value.endsWith('\n')) return [prefix + value.slice(0, -1)];
  return [prefix + value, '\\ No newline at end of file'];
}
