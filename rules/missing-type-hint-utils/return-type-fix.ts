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
  const meant = symbolsOf(fn.getReturnType().compilerType, checker);
  for (const name of names) {
    if (declaredInside.has(name[0] ?? '')) return undefined;
    const symbol = resolvedAt(name, fn.compilerNode, checker);
    if (symbol === undefined || !meant.has(symbol)) return undefined;
  }
  return text;
}

/**
 * What an entity name (`Shape`, `Kind.Circle`) means where the annotation goes: its first part looked up
 * from the function, the others among the exports of what came before, aliases (imports) followed.
 */
function resolvedAt(name: readonly string[], location: ts.Node, checker: ts.TypeChecker): ts.Symbol | undefined {
  const [head, ...rest] = name;
  if (head === undefined) return undefined;
  let symbol = checker.resolveName(head, location, ts.SymbolFlags.Type | ts.SymbolFlags.Namespace, false);
  for (const part of rest)
    symbol =
      symbol === undefined ? undefined : unaliased(symbol, checker).exports?.get(ts.escapeLeadingUnderscores(part));
  return symbol === undefined ? undefined : unaliased(symbol, checker);
}

/** The symbol an import or export alias stands for (the symbol itself when it is none). */
function unaliased(symbol: ts.Symbol, checker: ts.TypeChecker): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/**
 * The symbols a type is made of, as the printer may name them: its own and its alias's, and those of its
 * type arguments, union and intersection members, and the members and signatures of anonymous object types
 * (which the printer writes out).
 */
function symbolsOf(root: ts.Type, checker: ts.TypeChecker): Set<ts.Symbol> {
  const out = new Set<ts.Symbol>();
  const seen = new Set<ts.Type>();
  const stack: ts.Type[] = [root];
  for (let type = stack.pop(); type !== undefined; type = stack.pop()) {
    if (seen.has(type) || seen.size > 500) continue;
    seen.add(type);
    for (const symbol of [type.getSymbol(), type.aliasSymbol])
      if (symbol !== undefined) out.add(unaliased(symbol, checker));
    stack.push(...(type.aliasTypeArguments ?? []));
    if (type.isUnionOrIntersection()) stack.push(...type.types);
    if (isTypeReference(type)) stack.push(...checker.getTypeArguments(type));
    if (isAnonymousObject(type)) {
      for (const property of type.getProperties()) stack.push(checker.getTypeOfSymbol(property));
      for (const signature of [...type.getCallSignatures(), ...type.getConstructSignatures()]) {
        stack.push(signature.getReturnType());
        for (const parameter of signature.getParameters()) stack.push(checker.getTypeOfSymbol(parameter));
      }
      for (const info of checker.getIndexInfosOfType(type)) stack.push(info.type);
    }
  }
  return out;
}

/** True for object types (classes, interfaces, literals, functions, tuples, instances of generics). */
function isObjectType(type: ts.Type): type is ts.ObjectType {
  return (type.flags & ts.TypeFlags.Object) !== 0;
}

/** True for an instance of a generic type (`Map<K, V>`, a tuple). */
function isTypeReference(type: ts.Type): type is ts.TypeReference {
  return isObjectType(type) && (type.objectFlags & ts.ObjectFlags.Reference) !== 0;
}

/** True for an object type the printer writes out member by member (an object literal's, a function's). */
function isAnonymousObject(type: ts.Type): boolean {
  return isObjectType(type) && (type.objectFlags & (ts.ObjectFlags.Anonymous | ts.ObjectFlags.Mapped)) !== 0;
}

/** The entity names of the type references in a printed type (`A.B` and `C` of `A.B<C>`); undefined when it does not parse as one type. */
function referencedNames(text: string): string[][] | undefined {
  const check = ts.transpileModule(`type T = ${text};`, { reportDiagnostics: true });
  if ((check.diagnostics ?? []).length > 0) return undefined;
  const source = ts.createSourceFile('return-type.ts', `type T = ${text};`, ts.ScriptTarget.Latest, true);
  const [statement] = source.statements;
  if (source.statements.length !== 1 || statement === undefined || !ts.isTypeAliasDeclaration(statement))
    return undefined;
  if (statement.type.getText(source) !== text.trim()) return undefined;
  const names: string[][] = [];
  /** Collects the names under a node; false when it holds a `typeof` query or an `import(...)` type. */
  const visit = (node: ts.Node): boolean => {
    if (ts.isTypeQueryNode(node) || ts.isImportTypeNode(node)) return false;
    if (ts.isTypeReferenceNode(node) || ts.isExpressionWithTypeArguments(node)) names.push(partsOf(node));
    return ts.forEachChild(node, (child) => (visit(child) ? undefined : true)) === undefined;
  };
  return visit(statement.type) ? names : undefined;
}

/** The parts of a type reference's name, left to right (`['A', 'B']` for `A.B`). */
function partsOf(node: ts.TypeReferenceNode | ts.ExpressionWithTypeArguments): string[] {
  const parts: string[] = [];
  let name: ts.Node = ts.isTypeReferenceNode(node) ? node.typeName : node.expression;
  while (ts.isQualifiedName(name) || ts.isPropertyAccessExpression(name)) {
    parts.unshift(ts.isQualifiedName(name) ? name.right.text : name.name.text);
    name = ts.isQualifiedName(name) ? name.left : name.expression;
  }
  return ts.isIdentifier(name) ? [name.text, ...parts] : [];
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
