import { describe, expect, it } from 'vitest';
import { Node, Project } from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import type { EditDraft } from '../src/model/edit.js';
import { applyEdits } from '../src/fix/apply.js';
import { insertAfter, insertBefore, replaceNode } from '../rules/_shared/fix/edits.js';
import { removeNode } from '../rules/_shared/fix/remove-node.js';

/** The one file of an in-memory project (syntax only: the helpers need no type checker). */
function fileOf(text: string): SourceFile {
  return new Project({ useInMemoryFileSystem: true }).createSourceFile('/a.ts', text);
}

/** The first node of the file whose text is `text`. */
function nodeWithText(file: SourceFile, text: string): Node {
  const found = file.getFirstDescendant((n) => n.getText() === text && !Node.isIdentifier(n));
  const node = found ?? file.getFirstDescendant((n) => n.getText() === text);
  if (node === undefined) throw new Error(`no node ${text}`);
  return node;
}

/** The file's text after the edit. */
function applied(file: SourceFile, edit: EditDraft): string {
  expect(edit.sourceFile).toBe(file);
  return applyEdits(file.getFullText(), [{ file: 'a.ts', start: edit.start, end: edit.end, text: edit.text }]);
}

/** Removes the node with that text and returns the file's new text. */
function removing(source: string, text: string): string {
  const file = fileOf(source);
  return applied(file, removeNode(nodeWithText(file, text)));
}

describe('removeNode', () => {
  it('removes a statement alone on its line with the line', () => {
    expect(removing("import { a } from './a';\nimport { b } from './b';\nb();\n", "import { a } from './a';")).toBe(
      "import { b } from './b';\nb();\n",
    );
  });

  it('removes only the statement when other code shares its line', () => {
    expect(removing('const a = 1; const b = 2;\nuse(b);\n', 'const a = 1;')).toBe('const b = 2;\nuse(b);\n');
    expect(removing('f(); const a = 1; g();\n', 'const a = 1;')).toBe('f(); g();\n');
    expect(removing('  f(); const a = 1;  \ng();\n', 'const a = 1;')).toBe('  f();\ng();\n');
    expect(removing('f(); const a = 1; \r\ng();\r\n', 'const a = 1;')).toBe('f();\r\ng();\r\n');
  });

  it('removes a class member with its JSDoc comment and its lines', () => {
    const source = 'class C {\n  /** Unused. */\n  private x = 1;\n  y = 2;\n}\n';
    expect(removing(source, 'private x = 1;')).toBe('class C {\n  y = 2;\n}\n');
  });

  it('removes a list element with the comma after it, or before it when it is the last', () => {
    const source = "import { a, b, c } from './m';\n";
    expect(removing(source, 'a')).toBe("import { b, c } from './m';\n");
    expect(removing(source, 'b')).toBe("import { a, c } from './m';\n");
    expect(removing(source, 'c')).toBe("import { a, b } from './m';\n");
  });

  it('removes an element of a list laid out one per line with its line', () => {
    const trailing = "import {\n  a,\n  b,\n} from './m';\n";
    expect(removing(trailing, 'b')).toBe("import {\n  a,\n} from './m';\n");
    const noTrailing = "import {\n  a,\n  b\n} from './m';\n";
    expect(removing(noTrailing, 'b')).toBe("import {\n  a\n} from './m';\n");
  });

  it('removes the last line of a file that has no final newline, and keeps Windows line endings whole', () => {
    expect(removing('f();\nconst a = 1;', 'const a = 1;')).toBe('f();\n');
    expect(removing('const a = 1;\r\nf();\r\n', 'const a = 1;')).toBe('f();\r\n');
  });
});

describe('replaceNode, insertBefore, insertAfter', () => {
  const source = '/** Doc. */\nexport function f(x: number) {\n  return x;\n}\n';

  it('replace from the first token, leaving the JSDoc comment', () => {
    const file = fileOf(source);
    const fn = nodeWithText(file, 'x: number');
    expect(applied(file, replaceNode(fn, 'y: number'))).toBe(source.replace('x: number', 'y: number'));
  });

  it('insert right before the first token and right after the end', () => {
    const file = fileOf(source);
    const parameter = nodeWithText(file, 'x: number');
    expect(applied(file, insertBefore(parameter, 'readonly '))).toBe(source.replace('(x', '(readonly x'));
    expect(applied(file, insertAfter(parameter, ', z = 0'))).toBe(source.replace('x: number', 'x: number, z = 0'));
  });
});
