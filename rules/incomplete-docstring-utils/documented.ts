import { Node, ts } from 'ts-morph';
import type { JSDoc, SourceFile } from 'ts-morph';
import { getLastJsDoc, tagNamesOf } from '../_shared/jsdoc.js';
import { skipOuterExpressions } from '../_shared/ast/skip-outer-expressions.js';
import { symbolPathOf } from '../_shared/names.js';
import { wrapNode } from '../_shared/ast/wrap-node.js';
import { NOT_DOCUMENTATION_TAGS } from './tags.js';
import type { FunctionLike } from './parameters.js';

/** A declaration with its closest JSDoc comment. */
export interface Documented {
  declaration: Node;
  doc: JSDoc;
  name: string;
  /** The declaration's symbol path. */
  symbol: string;
  /** The function whose parameters the comment documents, if it is one. */
  fn: FunctionLike | undefined;
}

/** Kinds of declarations whose comment the rule reads. */
const DOCUMENTABLE_KINDS = new Set([
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.MethodSignature,
  ts.SyntaxKind.SetAccessor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.InterfaceDeclaration,
  ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.EnumDeclaration,
  ts.SyntaxKind.PropertyDeclaration,
  ts.SyntaxKind.PropertySignature,
  ts.SyntaxKind.PropertyAssignment,
  ts.SyntaxKind.VariableDeclaration,
]);

/**
 * Every declaration of the file with a JSDoc comment that is documentation,
 * in source order. One iterative walk of the compiler's tree; only
 * declarations that carry a `/** … *\/` comment are wrapped into ts-morph.
 */
export function documentedDeclarationsOf(file: SourceFile): Documented[] {
  const out: Documented[] = [];
  const stack: ts.Node[] = [file.compilerNode];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (DOCUMENTABLE_KINDS.has(node.kind) && carriesJsDoc(node)) {
      const found = documentedOf(wrapNode(file, node));
      if (found !== undefined) out.push(found);
    }
    const children: ts.Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as ts.Node);
  }
  return out;
}

/** True when the compiler attached a JSDoc comment to the node (to the statement, for a variable). */
function carriesJsDoc(node: ts.Node): boolean {
  const host = ts.isVariableDeclaration(node) ? node.parent.parent : node;
  const docs: unknown = 'jsDoc' in host ? host.jsDoc : undefined;
  return Array.isArray(docs) && docs.length > 0;
}

/** The declaration and its comment, when the node is a documentable declaration with a documentation comment. */
function documentedOf(node: Node): Documented | undefined {
  const subject = subjectOf(node);
  if (subject === undefined) return undefined;
  const doc = getLastJsDoc(node);
  if (doc === undefined || tagNamesOf(doc).some((t) => NOT_DOCUMENTATION_TAGS.has(t))) return undefined;
  return { declaration: node, doc, name: subject.name, symbol: symbolPathOf(node), fn: subject.fn };
}

/** The name and (for functions) the parameter owner of a documentable declaration. */
function subjectOf(node: Node): { name: string; fn: FunctionLike | undefined } | undefined {
  if (Node.isFunctionDeclaration(node)) return { name: node.getName() ?? 'default', fn: node };
  if (Node.isMethodDeclaration(node) || Node.isMethodSignature(node) || Node.isSetAccessorDeclaration(node))
    return { name: node.getName(), fn: node };
  if (Node.isConstructorDeclaration(node)) return { name: 'constructor', fn: node };
  if (Node.isGetAccessorDeclaration(node)) return { name: node.getName(), fn: undefined };
  if (Node.isClassDeclaration(node)) return { name: node.getName() ?? 'default', fn: undefined };
  if (Node.isInterfaceDeclaration(node) || Node.isTypeAliasDeclaration(node) || Node.isEnumDeclaration(node))
    return { name: node.getName(), fn: undefined };
  if (Node.isPropertyDeclaration(node) || Node.isPropertySignature(node) || Node.isPropertyAssignment(node)) {
    if (!Node.isIdentifier(node.getNameNode())) return undefined;
    const initializer = Node.isPropertySignature(node) ? undefined : initializerOf(node);
    return { name: node.getName(), fn: isFunctionExpression(initializer) ? initializer : undefined };
  }
  if (Node.isVariableDeclaration(node)) {
    const statement = node.getVariableStatement();
    if (statement === undefined || statement.getDeclarations()[0] !== node || !Node.isIdentifier(node.getNameNode()))
      return undefined;
    const initializer = initializerOf(node);
    return { name: node.getName(), fn: isFunctionExpression(initializer) ? initializer : undefined };
  }
  return undefined;
}

/** Narrows to arrow functions and function expressions. */
function isFunctionExpression(node: Node | undefined): node is FunctionLike {
  return node !== undefined && (Node.isArrowFunction(node) || Node.isFunctionExpression(node));
}

/** A declaration's initializer without parentheses, type assertions or `!`. */
function initializerOf(node: Node & { getInitializer(): Node | undefined }): Node | undefined {
  const initializer = node.getInitializer();
  return initializer === undefined ? undefined : skipOuterExpressions(initializer);
}
