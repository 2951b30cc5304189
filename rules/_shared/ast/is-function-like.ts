import { Node, ts } from 'ts-morph';
import type {
  ArrowFunction,
  ConstructorDeclaration,
  FunctionDeclaration,
  FunctionExpression,
  GetAccessorDeclaration,
  MethodDeclaration,
  SetAccessorDeclaration,
} from 'ts-morph';

/** Any function with a body of its own: declarations, expressions, arrows, methods, accessors and constructors. */
export type AnyFunction =
  | FunctionDeclaration
  | FunctionExpression
  | ArrowFunction
  | MethodDeclaration
  | ConstructorDeclaration
  | GetAccessorDeclaration
  | SetAccessorDeclaration;

/**
 * True for every node that starts a function body of its own. Listed out on
 * purpose: ts-morph's `Node.isFunctionLikeDeclaration` leaves out function expressions.
 */
export function isFunctionLike(node: Node | undefined): node is AnyFunction {
  return (
    Node.isFunctionDeclaration(node) ||
    Node.isFunctionExpression(node) ||
    Node.isArrowFunction(node) ||
    Node.isMethodDeclaration(node) ||
    Node.isConstructorDeclaration(node) ||
    Node.isGetAccessorDeclaration(node) ||
    Node.isSetAccessorDeclaration(node)
  );
}

/** The compiler-node kinds `isFunctionLike` accepts, for walks over the compiler's nodes. */
export function isFunctionLikeKind(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.FunctionDeclaration ||
    kind === ts.SyntaxKind.FunctionExpression ||
    kind === ts.SyntaxKind.ArrowFunction ||
    kind === ts.SyntaxKind.MethodDeclaration ||
    kind === ts.SyntaxKind.Constructor ||
    kind === ts.SyntaxKind.GetAccessor ||
    kind === ts.SyntaxKind.SetAccessor
  );
}
