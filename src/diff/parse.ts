/**
 * Unified diffs -> FileDiff[]: which lines of the new side a pull request adds
 * and which it shows (the lines GitHub lets a review comment sit on).
 *
 * Two inputs: the whole output of `git diff` (with `diff --git` headers) and
 * the per-file `patch` GitHub's "list pull request files" endpoint returns
 * (hunks only).
 */

/** One line of a hunk. */
interface DiffLine {
  kind: 'add' | 'delete' | 'context';
  /** Line number on the old side (context and deleted lines). */
  oldLine?: number;
  /** Line number on the new side (context and added lines). */
  newLine?: number;
}

/** One `@@ -a,b +c,d @@` block. */
export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: DiffLine[];
}

/** How GitHub names a file's change (the `status` of "list pull request files"). */
type FileStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

/** The change to one file. */
export interface FileDiff {
  /** Repository-relative POSIX path on the new side (the old path for removed files). */
  path: string;
  /** The old path when the file was renamed or copied. */
  oldPath?: string;
  status: FileStatus;
  /** False when there are no hunks to read: binary files and diffs too large for GitHub to show. */
  hasPatch: boolean;
  hunks: Hunk[];
  /** New-side lines the change adds or modifies. */
  addedLines: ReadonlySet<number>;
  /** New-side lines the diff shows (added and context lines): where a review comment can sit. */
  visibleLines: ReadonlySet<number>;
}

/** A file as GitHub's "list pull request files" endpoint returns it. */
export interface GitHubFile {
  filename: string;
  status: string;
  patch?: string | undefined;
  previous_filename?: string | undefined;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Parses GitHub's per-file patch (hunks only) into hunks. */
export function parsePatch(patch: string): Hunk[] {
  const lines = splitLines(patch);
  const hunks: Hunk[] = [];
  let index = 0;
  while (index < lines.length) {
    const header = HUNK_HEADER.exec(lines[index] ?? '');
    if (header === null) {
      index += 1;
      continue;
    }
    const parsed = readHunk(lines, index, header);
    hunks.push(parsed.hunk);
    index = parsed.next;
  }
  return hunks;
}

/** Builds a FileDiff from one entry of GitHub's "list pull request files". */
export function fileDiffFromGitHub(file: GitHubFile): FileDiff {
  const hunks = file.patch === undefined ? [] : parsePatch(file.patch);
  const status = toStatus(file.status);
  const diff: Omit<FileDiff, 'addedLines' | 'visibleLines'> = {
    path: file.filename,
    status,
    hasPatch: file.patch !== undefined && hunks.length > 0,
    hunks,
    ...(file.previous_filename === undefined ? {} : { oldPath: file.previous_filename }),
  };
  return withLineSets(diff);
}

/** Parses the output of `git diff` (or `diff -u`) into one FileDiff per file. */
export function parseUnifiedDiff(text: string): FileDiff[] {
  const lines = splitLines(text);
  const files: FileDiff[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    if (line.startsWith('diff --git ') || (line.startsWith('--- ') && (lines[index + 1] ?? '').startsWith('+++ '))) {
      const parsed = readFile(lines, index);
      files.push(parsed.file);
      index = parsed.next;
    } else {
      index += 1;
    }
  }
  return files;
}

/** Reads one file's headers and hunks starting at `start`. */
function readFile(lines: readonly string[], start: number): { file: FileDiff; next: number } {
  let index = start;
  let oldPath: string | undefined;
  let newPath: string | undefined;
  let status: FileStatus = 'modified';
  let binary = false;
  const first = lines[index] ?? '';
  if (first.startsWith('diff --git ')) {
    const paths = gitHeaderPaths(first.slice('diff --git '.length));
    oldPath = paths?.[0];
    newPath = paths?.[1];
    index += 1;
    for (; index < lines.length; index += 1) {
      const line = lines[index] ?? '';
      if (line.startsWith('diff --git ') || line.startsWith('--- ') || line.startsWith('@@ ')) break;
      if (line.startsWith('new file mode')) status = 'added';
      else if (line.startsWith('deleted file mode')) status = 'removed';
      else if (line.startsWith('rename from ')) {
        oldPath = unquote(line.slice('rename from '.length));
        status = 'renamed';
      } else if (line.startsWith('rename to ')) {
        newPath = unquote(line.slice('rename to '.length));
        status = 'renamed';
      } else if (line.startsWith('copy from ')) {
        oldPath = unquote(line.slice('copy from '.length));
        status = 'copied';
      } else if (line.startsWith('copy to ')) {
        newPath = unquote(line.slice('copy to '.length));
        status = 'copied';
      } else if (line.startsWith('Binary files ') || line.startsWith('GIT binary patch')) binary = true;
    }
  }
  if ((lines[index] ?? '').startsWith('--- ') && (lines[index + 1] ?? '').startsWith('+++ ')) {
    const from = headerPath((lines[index] ?? '').slice(4), 'a/');
    const to = headerPath((lines[index + 1] ?? '').slice(4), 'b/');
    if (from === undefined) status = 'added';
    else oldPath = from;
    if (to === undefined) status = 'removed';
    else newPath = to;
    index += 2;
  }
  const hunks: Hunk[] = [];
  while (index < lines.length) {
    const header = HUNK_HEADER.exec(lines[index] ?? '');
    if (header === null) break;
    const parsed = readHunk(lines, index, header);
    hunks.push(parsed.hunk);
    index = parsed.next;
  }
  const path = status === 'removed' ? (oldPath ?? newPath ?? '') : (newPath ?? oldPath ?? '');
  const renamed = oldPath !== undefined && oldPath !== path && status !== 'removed';
  return {
    file: withLineSets({
      path,
      status: renamed && status === 'modified' ? 'renamed' : status,
      hasPatch: !binary && hunks.length > 0,
      hunks,
      ...(renamed ? { oldPath } : {}),
    }),
    next: index,
  };
}

/** Reads one hunk; the counts in its header say where it ends. */
function readHunk(lines: readonly string[], start: number, header: RegExpExecArray): { hunk: Hunk; next: number } {
  const oldStart = Number(header[1]);
  const oldLines = header[2] === undefined ? 1 : Number(header[2]);
  const newStart = Number(header[3]);
  const newLines = header[4] === undefined ? 1 : Number(header[4]);
  const hunk: Hunk = { oldStart, oldLines, newStart, newLines, lines: [] };
  let oldLine = oldStart;
  let newLine = newStart;
  let index = start + 1;
  while (index < lines.length && (oldLine < oldStart + oldLines || newLine < newStart + newLines)) {
    const line = lines[index] ?? '';
    const marker = line.charAt(0);
    if (marker === '+') {
      hunk.lines.push({ kind: 'add', newLine });
      newLine += 1;
    } else if (marker === '-') {
      hunk.lines.push({ kind: 'delete', oldLine });
      oldLine += 1;
    } else if (marker === ' ' || line === '') {
      // Some tools strip the space of an empty context line.
      hunk.lines.push({ kind: 'context', oldLine, newLine });
      oldLine += 1;
      newLine += 1;
    } else if (marker !== '\\') {
      break; // malformed: the counts promised more lines than there are
    }
    index += 1;
  }
  // "\ No newline at end of file" may follow the last line.
  while ((lines[index] ?? '').startsWith('\\')) index += 1;
  return { hunk, next: index };
}

/** Adds the added/visible line sets computed from the hunks. */
function withLineSets(diff: Omit<FileDiff, 'addedLines' | 'visibleLines'>): FileDiff {
  const addedLines = new Set<number>();
  const visibleLines = new Set<number>();
  for (const hunk of diff.hunks) {
    for (const line of hunk.lines) {
      if (line.newLine === undefined) continue;
      visibleLines.add(line.newLine);
      if (line.kind === 'add') addedLines.add(line.newLine);
    }
  }
  return { ...diff, addedLines, visibleLines };
}

/** The two paths of a `diff --git a/x b/y` header, prefixes removed. */
function gitHeaderPaths(rest: string): [string, string] | undefined {
  if (rest.startsWith('"')) {
    const end = closingQuote(rest);
    const first = unquote(rest.slice(0, end + 1));
    const second = unquote(rest.slice(end + 2));
    return [stripPrefix(first, 'a/'), stripPrefix(second, 'b/')];
  }
  const quoted = rest.indexOf(' "');
  if (quoted >= 0)
    return [stripPrefix(rest.slice(0, quoted), 'a/'), stripPrefix(unquote(rest.slice(quoted + 1)), 'b/')];
  // Unquoted paths may contain spaces: when both sides name the same file, split in the middle.
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest.charAt(half) === ' ') {
    const a = stripPrefix(rest.slice(0, half), 'a/');
    const b = stripPrefix(rest.slice(half + 1), 'b/');
    if (a === b) return [a, b];
  }
  const split = rest.indexOf(' b/');
  if (split >= 0) return [stripPrefix(rest.slice(0, split), 'a/'), rest.slice(split + 3)];
  return undefined;
}

/** The path of a `--- a/x` / `+++ b/x` line; undefined for /dev/null. */
function headerPath(text: string, prefix: string): string | undefined {
  // A tab separates the path from an optional timestamp (diff -u).
  const raw = text.startsWith('"') ? unquote(text.slice(0, closingQuote(text) + 1)) : (text.split('\t')[0] ?? '');
  if (raw === '/dev/null') return undefined;
  return stripPrefix(raw, prefix);
}

/** Removes git's `a/` / `b/` prefix. */
function stripPrefix(path: string, prefix: string): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** Index of the quote that closes a C-quoted string starting at 0. */
function closingQuote(text: string): number {
  for (let i = 1; i < text.length; i += 1) {
    if (text.charAt(i) === '\\') i += 1;
    else if (text.charAt(i) === '"') return i;
  }
  return text.length - 1;
}

const ESCAPES: Readonly<Record<string, number>> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Undoes git's C-style path quoting (octal escapes are UTF-8 bytes). */
export function unquote(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return text;
  const bytes: number[] = [];
  const inner = text.slice(1, -1);
  for (let i = 0; i < inner.length; i += 1) {
    const char = inner.charAt(i);
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = inner.charAt(i + 1);
    const octal = /^[0-7]{3}/.exec(inner.slice(i + 1));
    if (octal !== null) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Splits text into lines, dropping a final empty line. */
function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

const STATUSES: readonly FileStatus[] = ['added', 'removed', 'modified', 'renamed', 'copied', 'changed', 'unchanged'];

/** GitHub's status string, with unknown values read as "modified". */
function toStatus(status: string): FileStatus {
  return STATUSES.find((s) => s === status) ?? 'modified';
}
