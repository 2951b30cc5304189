/** A pull request's files as GitHub's "list pull request files" gives them, made from a git diff (for the fake GitHub). */
import type { FakeFile } from './fake-github.js';

/**
 * The files of `git diff --find-renames --src-prefix=a/ --dst-prefix=b/ <base> <head>` as GitHub lists them:
 * status, counts, and the patch of hunks only (no patch for a binary or empty change).
 */
export function githubFiles(diffText: string): FakeFile[] {
  return diffText
    .split(/^(?=diff --git )/m)
    .filter((chunk) => chunk.startsWith('diff --git '))
    .map((chunk) => {
      const lines = chunk.split('\n');
      const plus = lines.find((l) => l.startsWith('+++ b/'));
      const header = /^diff --git a\/(.+) b\/(.+)$/.exec(lines[0] ?? '');
      const filename = plus?.slice(6) ?? header?.[2] ?? '';
      const first = lines.findIndex((l) => l.startsWith('@@'));
      const hunks = first < 0 ? [] : lines.slice(first);
      while (hunks.at(-1) === '') hunks.pop();
      return {
        filename,
        status: statusOf(chunk),
        additions: hunks.filter((l) => l.startsWith('+')).length,
        deletions: hunks.filter((l) => l.startsWith('-')).length,
        ...(first < 0 ? {} : { patch: hunks.join('\n') }),
      };
    });
}

/** GitHub's status of one file's chunk of a git diff. */
function statusOf(chunk: string): FakeFile['status'] {
  if (chunk.includes('\nnew file mode')) return 'added';
  if (chunk.includes('\ndeleted file mode')) return 'removed';
  return chunk.includes('\nrename from') ? 'renamed' : 'modified';
}
