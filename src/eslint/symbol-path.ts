import { Node, Project } from 'ts-morph';
import type { SourceFile } from 'ts-morph';

/**
 * The dotted path of the named declarations around a place in a file
 * (`ProviderTree.find.uuid`), innermost last; '' when none is named.
 * Line and column are 1-based, the column in UTF-16 code units.
 */
function symbolPathAt(file: SourceFile, line: number, column: number): string {
  const position = positionOf(file, line, column);
  if (position === undefined) return '';
  const names: string[] = [];
  for (let node: Node | undefined = file.getDescendantAtPos(position); node !== undefined; node = node.getParent()) {
    const name = declaredName(node);
    if (name !== undefined) names.unshift(name);
  }
  return names.join('.');
}

/** The offset of a 1-based line and column, or undefined when the file has no such place. */
function positionOf(file: SourceFile, line: number, column: number): number | undefined {
  const starts = file.compilerNode.getLineStarts();
  const start = starts[line - 1];
  if (start === undefined) return undefined;
  const position = start + column - 1;
  return position <= file.getEnd() ? position : undefined;
}

/** The name a node declares, when it is a declaration with a plain name. */
function declaredName(node: Node): string | undefined {
  if (
    Node.isClassDeclaration(node) ||
    Node.isFunctionDeclaration(node) ||
    Node.isInterfaceDeclaration(node) ||
    Node.isTypeAliasDeclaration(node) ||
    Node.isEnumDeclaration(node) ||
    Node.isMethodDeclaration(node) ||
    Node.isPropertyDeclaration(node) ||
    Node.isGetAccessorDeclaration(node) ||
    Node.isSetAccessorDeclaration(node) ||
    Node.isVariableDeclaration(node) ||
    Node.isParameterDeclaration(node) ||
    Node.isPropertyAssignment(node)
  ) {
    const name = node.getNameNode();
    return name !== undefined && (Node.isIdentifier(name) || Node.isPrivateIdentifier(name))
      ? name.getText()
      : undefined;
  }
  return undefined;
}

/**
 * A `symbolAt` that parses (syntax only, no type checker) each file it is asked
 * about, once, from `textOf` (a path relative to the root); '' for a file it
 * cannot read.
 */
export function symbolLocator(
  textOf: (file: string) => string | undefined,
): (file: string, line: number, column: number) => string {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true } });
  const parsed = new Map<string, SourceFile | undefined>();
  return (file, line, column) => {
    if (!parsed.has(file)) {
      const text = textOf(file);
      parsed.set(file, text === undefined ? undefined : project.createSourceFile(`/${file}`, text));
    }
    const source = parsed.get(file);
    return source === undefined ? '' : symbolPathAt(source, line, column);
  };
}
