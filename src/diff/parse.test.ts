import { describe, expect, it } from 'vitest';
import { fileDiffFromGitHub, parsePatch, parseUnifiedDiff, unquote } from './parse.js';

const GIT_DIFF = `diff --git a/src/a.ts b/src/a.ts
index 1111111..2222222 100644
--- a/src/a.ts
+++ b/src/a.ts
@@ -1,4 +1,5 @@
 import { x } from './x.js';
-const a = 1;
+const a = 2;
+const b = 3;
 
 export { a };
@@ -10,2 +11,3 @@ function f() {
   return 1;
+  // added
 }
\\ No newline at end of file
diff --git a/src/new file.ts b/src/new file.ts
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/src/new file.ts
@@ -0,0 +1,2 @@
+export const n = 1;
+--- not a header, an added line starting with dashes
diff --git a/src/gone.ts b/src/gone.ts
deleted file mode 100644
--- a/src/gone.ts
+++ /dev/null
@@ -1 +0,0 @@
-export {};
diff --git a/old/name.ts b/new/name.ts
similarity index 90%
rename from old/name.ts
rename to new/name.ts
--- a/old/name.ts
+++ b/new/name.ts
@@ -3 +3 @@
-a
+b
diff --git a/logo.png b/logo.png
new file mode 100644
Binary files /dev/null and b/logo.png differ
diff --git "a/src/caf\\303\\251.ts" "b/src/caf\\303\\251.ts"
--- "a/src/caf\\303\\251.ts"
+++ "b/src/caf\\303\\251.ts"
@@ -1 +1 @@
-x
+y
`;

describe('parseUnifiedDiff', () => {
  const files = parseUnifiedDiff(GIT_DIFF);

  it('reads every file with its status and paths', () => {
    expect(files.map((f) => [f.path, f.status, f.oldPath ?? null, f.hasPatch])).toEqual([
      ['src/a.ts', 'modified', null, true],
      ['src/new file.ts', 'added', null, true],
      ['src/gone.ts', 'removed', null, true],
      ['new/name.ts', 'renamed', 'old/name.ts', true],
      ['logo.png', 'added', null, false],
      ['src/café.ts', 'modified', null, true],
    ]);
  });

  it('numbers added and shown lines on the new side across hunks', () => {
    const a = files[0];
    expect([...(a?.addedLines ?? [])]).toEqual([2, 3, 12]);
    expect([...(a?.visibleLines ?? [])]).toEqual([1, 2, 3, 4, 5, 11, 12, 13]);
    expect(a?.hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines])).toEqual([
      [1, 4, 1, 5],
      [10, 2, 11, 3],
    ]);
  });

  it('ends a hunk by its counts, so an added line that starts with "---" is not a header', () => {
    expect([...(files[1]?.addedLines ?? [])]).toEqual([1, 2]);
  });

  it('reads hunk headers without counts as one line', () => {
    expect([...(files[3]?.addedLines ?? [])]).toEqual([3]);
  });
});

describe('parsePatch and fileDiffFromGitHub', () => {
  it('parses the hunks-only patch GitHub returns', () => {
    const hunks = parsePatch('@@ -5,3 +5,4 @@ class A {\n   a;\n+  b;\n   c;\n \n');
    expect(hunks).toHaveLength(1);
    expect(hunks[0]?.lines.map((l) => `${l.kind}:${l.newLine ?? '-'}`)).toEqual([
      'context:5',
      'add:6',
      'context:7',
      'context:8',
    ]);
  });

  it('marks a file GitHub shows without a patch', () => {
    const file = fileDiffFromGitHub({ filename: 'big.ts', status: 'modified' });
    expect(file.hasPatch).toBe(false);
    expect(file.addedLines.size).toBe(0);
  });

  it('keeps the previous name of a renamed file', () => {
    const file = fileDiffFromGitHub({
      filename: 'b.ts',
      status: 'renamed',
      previous_filename: 'a.ts',
      patch: '@@ -1 +1 @@\n-x\n+y',
    });
    expect(file.oldPath).toBe('a.ts');
    expect([...file.addedLines]).toEqual([1]);
  });

  it('reads CRLF patches', () => {
    expect([
      ...fileDiffFromGitHub({ filename: 'a.ts', status: 'modified', patch: '@@ -1,2 +1,2 @@\r\n a\r\n-b\r\n+c\r\n' })
        .addedLines,
    ]).toEqual([2]);
  });
});

describe('unquote', () => {
  it('undoes git quoting of paths', () => {
    expect(unquote('"a/tab\\there"')).toBe('a/tab\there');
    expect(unquote('"a/\\342\\234\\223.ts"')).toBe('a/✓.ts');
    expect(unquote('plain')).toBe('plain');
  });
});
