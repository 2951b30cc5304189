import { Node, SyntaxKind } from 'ts-morph';
import { shorten } from '../text.js';
import { skipOuterExpressions } from '../ast/skip-outer-expressions.js';
import type { ProjectView } from '../../../src/model/project-view.js';
import type { LockHolder } from './model.js';
import { initialValueOf } from './syntax.js';

/** How the project uses a lock holder, apart from its acquisitions. */
export interface HolderUses {
  /** Calls of acquiring methods (each should be an acquisition of the model). */
  acquiring: Node[];
  /** Reads that neither acquire nor release (`isLocked()`, `waitForUnlock()`, `cancel()`). */
  other: Node[];
  /** Why the lock may be used where the project cannot see it, if it may. */
  escape: string | undefined;
}

/** Classifies every use of a holder's name that the checker resolves to it. */
export function usesOf(view: ProjectView, holder: LockHolder): HolderUses {
  const declaration = holder.declaration;
  const uses: HolderUses = { acquiring: [], other: [], escape: undefined };
  if (declaration === undefined) return { ...uses, escape: 'a Web Lock is shared with other tabs and workers' };
  if (Node.isParameterDeclaration(declaration) || Node.isPropertySignature(declaration))
    return { ...uses, escape: 'the lock is passed in' };
  const publicReason = publicReasonOf(view, declaration);
  if (publicReason !== undefined) return { ...uses, escape: publicReason };
  const initial = initialValueOf(declaration);
  if (initial !== undefined && !isCreation(initial)) return { ...uses, escape: 'the lock comes from elsewhere' };
  const isPrivate = isPrivateMember(declaration);
  for (const occurrence of view.references.occurrences(holder.name)) {
    const resolved = view.references.resolve(occurrence);
    if (resolved === undefined) {
      if (isPropertyName(occurrence.node) && !isPrivate && !Node.isVariableDeclaration(declaration))
        uses.escape ??= `\`${occurrence.node.getParent()?.getText() ?? holder.name}\` may refer to it`;
      continue;
    }
    if (!resolved.includes(declaration)) continue;
    classify(occurrence.node, occurrence.access, holder, uses);
  }
  return uses;
}

/** True when a name is the member name of `a.name`. */
function isPropertyName(node: Node): boolean {
  const parent = node.getParent();
  return parent !== undefined && Node.isPropertyAccessExpression(parent) && parent.getNameNode() === node;
}

/** Sorts one use into acquiring, other, construction or escape. */
function classify(name: Node, access: string, holder: LockHolder, uses: HolderUses): void {
  const parent = name.getParent();
  let reference: Node =
    parent !== undefined && Node.isPropertyAccessExpression(parent) && parent.getNameNode() === name ? parent : name;
  while (Node.isParenthesizedExpression(reference.getParent()) || Node.isNonNullExpression(reference.getParent()))
    reference = reference.getParentOrThrow();
  const user = reference.getParent();
  if (user === undefined) return;
  if (access === 'write') {
    if (Node.isBinaryExpression(user) && !isCreation(user.getRight()))
      uses.escape ??= 'the lock is assigned from elsewhere';
    return;
  }
  if (
    Node.isImportSpecifier(user) ||
    Node.isExportSpecifier(user) ||
    Node.isTypeQuery(user) ||
    user.getKindName().startsWith('JSDoc')
  )
    return;
  if (Node.isPropertyAccessExpression(user) && user.getExpression() === reference) {
    const call = user.getParent();
    const method = user.getName();
    if (Node.isCallExpression(call) && call.getExpression() === user) {
      if (holder.api.runMethods.includes(method) || holder.api.acquireMethods.includes(method) || method === 'request')
        uses.acquiring.push(call);
      else if (!holder.api.releaseMethods.includes(method)) uses.other.push(call);
      return;
    }
    uses.other.push(user);
    return;
  }
  uses.escape ??= `\`${shorten(user.getText())}\` passes it on`;
}

/** True for `new X()` and `withTimeout(new X(), ...)`. */
function isCreation(expression: Node): boolean {
  const inner = skipOuterExpressions(expression);
  if (Node.isNewExpression(inner)) return true;
  if (Node.isCallExpression(inner)) {
    const first = inner.getArguments()[0];
    return first !== undefined && isCreation(first);
  }
  return false;
}

/** `private`/`#` members cannot be reached from outside their class. */
function isPrivateMember(declaration: Node): boolean {
  if (!Node.isPropertyDeclaration(declaration)) return false;
  return declaration.hasModifier(SyntaxKind.PrivateKeyword) || declaration.getName().startsWith('#');
}

/** Why code outside the project may acquire the lock: it is part of the public API. */
function publicReasonOf(view: ProjectView, declaration: Node): string | undefined {
  if (Node.isVariableDeclaration(declaration)) {
    const statement = declaration.getVariableStatement();
    if (statement?.isExported() === true && view.publicApi.isExported(declaration))
      return 'it is exported from the package';
    return undefined;
  }
  if (Node.isPropertyDeclaration(declaration)) {
    if (isPrivateMember(declaration)) return undefined;
    const owner = declaration.getParent();
    if (Node.isClassDeclaration(owner) && view.publicApi.isExported(owner))
      return 'it is a public member of an exported class';
  }
  return undefined;
}
