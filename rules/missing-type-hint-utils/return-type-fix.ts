/**
 * The safe fix of `missingReturnType`: write the return type the checker infers, where writing it provably
 * changes nothing the checker sees. It is offered only when the printed type
 * - has no `any` (an `any` would only be made permanent), no `import(...)`, no `typeof` query and no name the
 *   printer invents (an anonymous class), and parses back as one type;
 * - names only types in scope where the annotation goes: every name a type reference starts with resolves
 *   there, and none is declared inside the function (a type declared in the body is not visible in its
 *   signature, even when the printer writes its name);
 * - loses nothing the signature holds: not when the checker inferred a type predicate (`x is string`), which
 *   an annotation of `boolean` would drop;
 * and the function is written in TypeScript with its parameters in parentheses, so `: T` goes after `)`.
 */
import { SyntaxKind, TypeFormatFlags, ts } from 'ts-morph';
import type { Node, Type } from 'ts-morph';
import type { EditDraft } from '../../src/model/edit.js';
import { insertAfter } from '../_shared/fix/edits.js';

/** A function-like node whose return type the rule judges. */
type Returning = Node & { getReturnType(): Type };

/** The edit that adds the inferred return type to `fn`, or undefined when writing it is not provably safe. */
export function returnTypeFix(fn: Returning): EditDraft | undefined {
  if (/\.[cm]?jsx?$/.test(fn.getSourceFile().getFilePath())) return undefined;
  const closeParen = fn.getChildrenOfKind(SyntaxKind.CloseParenToken)[0];
  if (closeParen === undefined || hasInferredTypePredicate(fn)) return undefined;
  const text = printedReturnType(fn);
  if (text === undefined) return undefined;
  return insertAfter(closeParen, `: ${text}`);
}

/** The inferred return type as it would be written in the function's signature, when it is safe to write. */
function printedReturnType(fn: Returning): string | undefined {
  const text = usesSingleQuotes(fn.getSourceFile().getFullText())
    ? fn.getReturnType().getText(fn, TypeFormatFlags.NoTruncation | TypeFormatFlags.UseSingleQuotesForStringLiteralType)
    : fn.getReturnType().getText(fn, TypeFormatFlags.NoTruncation);
  if (/\bany\b|\bimport\(|\btypeof\b|\bunique symbol\b|\.\.\./.test(text)) return undefined;
  const names = referencedNames(text);
  if (names === undefined) return undefined;
  const declaredInside = typeNamesDeclaredIn(fn);
  const checker = fn.getProject().getTypeChecker().compilerObject;
  for (const name of names) {
    if (declaredInside.has(name)) return undefined;
    const symbol = checker.resolveName(name, fn.compilerNode, ts.SymbolFlags.Type | ts.SymbolFlags.Namespace, false);
    if (symbol === undefined) return undefined;
  }
  return text;
}

/** The names type references start with in a printed type (`A` of `A.B<C>`, and `C`); undefined when it does not parse as one type. */
function referencedNames(text: string): Set<string> | undefined {
  const check = ts.transpileModule(`type T = ${text};`, { reportDiagnostics: true });
  if ((check.diagnostics ?? []).length > 0) return undefined;
  const source = ts.createSourceFile('return-type.ts', `type T = ${text};`, ts.ScriptTarget.Latest, true);
  const [statement] = source.statements;
  if (source.statements.length !== 1 || statement === undefined || !ts.isTypeAliasDeclaration(statement))
    return undefined;
  if (statement.type.getText(source) !== text.trim()) return undefined;
  const names = new Set<string>();
  /** Collects the names under a node; false when it holds a `typeof` query or an `import(...)` type. */
  const visit = (node: ts.Node): boolean => {
    if (ts.isTypeQueryNode(node) || ts.isImportTypeNode(node)) return false;
    if (ts.isTypeReferenceNode(node) || ts.isExpressionWithTypeArguments(node)) names.add(headOf(node));
    return ts.forEachChild(node, (child) => (visit(child) ? undefined : true)) === undefined;
  };
  return visit(statement.type) ? names : undefined;
}

/** The leftmost identifier of a type reference's name. */
function headOf(node: ts.TypeReferenceNode | ts.ExpressionWithTypeArguments): string {
  let name: ts.Node = ts.isTypeReferenceNode(node) ? node.typeName : node.expression;
  while (ts.isQualifiedName(name) || ts.isPropertyAccessExpression(name))
    name = ts.isQualifiedName(name) ? name.left : name.expression;
  return ts.isIdentifier(name) ? name.text : '';
}

/** Names of the types, classes, enums and namespaces declared inside the function's body. */
function typeNamesDeclaredIn(fn: Node): Set<string> {
  const names = new Set<string>();
  const body = fn.compilerNode.getChildren().find((child) => ts.isBlock(child));
  const visit = (node: ts.Node): void => {
    if (
      (ts.isClassLike(node) ||
        ts.isInterfaceDeclaration(node) ||
        ts.isTypeAliasDeclaration(node) ||
        ts.isEnumDeclaration(node) ||
        ts.isModuleDeclaration(node)) &&
      node.name !== undefined &&
      ts.isIdentifier(node.name)
    )
      names.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  if (body !== undefined) visit(body);
  return names;
}

/** True when the checker inferred a type predicate for the function (TypeScript 5.5 and later). */
function hasInferredTypePredicate(fn: Node): boolean {
  if (!ts.isFunctionLike(fn.compilerNode)) return true;
  const checker = fn.getProject().getTypeChecker().compilerObject;
  const signature = checker.getSignatureFromDeclaration(fn.compilerNode);
  return signature === undefined || checker.getTypePredicateOfSignature(signature) !== undefined;
}

/** True when the file's first string literal is single-quoted (its import specifiers, usually). */
function usesSingleQuotes(text: string): boolean {
  const first = /['"]/.exec(text.replace(/\/\/.*$|\/\*[^]*?\*\//gm, ''));
  return first?.[0] === "'";
}
