import { Node } from 'ts-morph';
import type { EditDraft } from '../../src/model/edit.js';
import { skipOuterExpressions } from '../_shared/ast/skip-outer-expressions.js';
import { removeNode } from '../_shared/fix/remove-node.js';
import type { Member } from './members.js';

/**
 * The safe fix for a private member that nothing reads or writes: removing
 * every declaration of it, when none is decorated, none is a constructor
 * parameter property, and a property's initialiser cannot do anything when
 * it runs (literals, arrays and objects of them, functions).
 */
export function removalOfPrivateMember(member: Member): EditDraft[] | undefined {
  if (!member.isPrivate) return undefined;
  if (!member.declarations.every(isRemovableDeclaration)) return undefined;
  const removals = member.declarations
    .flatMap((d) => (Node.isMethodDeclaration(d) ? [...d.getOverloads(), d] : [d]))
    .map((d) => withBlankLine(removeNode(d)))
    .sort((a, b) => a.start - b.start);
  return mergeTouching(removals);
}

/**
 * Widens a removal of whole lines by one blank line, so the members left
 * keep one blank line between groups: the blank line after it when a blank
 * line (or the class's `{`) precedes it, else the blank line before it when
 * the class's `}` follows it.
 */
function withBlankLine(removal: EditDraft): EditDraft {
  const text = removal.sourceFile.getFullText();
  const { start, end } = removal;
  if ((start > 0 && text[start - 1] !== '\n') || text[end - 1] !== '\n') return removal;
  const previousStart = start === 0 ? 0 : text.lastIndexOf('\n', start - 2) + 1;
  const previous = text.slice(previousStart, Math.max(previousStart, start - 1)).trim();
  const nextEnd = text.indexOf('\n', end);
  const next = text.slice(end, nextEnd < 0 ? text.length : nextEnd).trim();
  if (next === '' && nextEnd >= 0 && (previous === '' || previous.endsWith('{')))
    return { ...removal, end: nextEnd + 1 };
  if (next.startsWith('}') && previous === '' && start > 0) return { ...removal, start: previousStart };
  return removal;
}

/** Joins removals that overlap or touch (one fix may not hold two such edits). */
function mergeTouching(sorted: readonly EditDraft[]): EditDraft[] {
  const out: EditDraft[] = [];
  for (const removal of sorted) {
    const last = out.at(-1);
    if (last !== undefined && removal.start <= last.end)
      out[out.length - 1] = { ...last, end: Math.max(last.end, removal.end) };
    else out.push(removal);
  }
  return out;
}

/** A method, accessor or property declaration without decorators whose initialiser, if any, is inert. */
function isRemovableDeclaration(declaration: Node): boolean {
  if (Node.isMethodDeclaration(declaration) || Node.isGetAccessorDeclaration(declaration))
    return declaration.getDecorators().length === 0;
  if (Node.isSetAccessorDeclaration(declaration)) return declaration.getDecorators().length === 0;
  if (!Node.isPropertyDeclaration(declaration) || declaration.getDecorators().length > 0) return false;
  const initializer = declaration.getInitializer();
  return initializer === undefined || isInert(initializer);
}

/** True when evaluating the expression can have no effect and cannot throw. */
function isInert(expression: Node): boolean {
  const node = skipOuterExpressions(expression);
  if (
    Node.isLiteralExpression(node) ||
    Node.isTrueLiteral(node) ||
    Node.isFalseLiteral(node) ||
    Node.isNullLiteral(node) ||
    Node.isArrowFunction(node) ||
    Node.isFunctionExpression(node)
  )
    return true;
  if (Node.isPrefixUnaryExpression(node)) return Node.isNumericLiteral(node.getOperand());
  if (Node.isArrayLiteralExpression(node)) return node.getElements().every(isInert);
  if (Node.isObjectLiteralExpression(node))
    return node
      .getProperties()
      .every(
        (p) =>
          Node.isPropertyAssignment(p) &&
          !Node.isComputedPropertyName(p.getNameNode()) &&
          isInert(p.getInitializerOrThrow()),
      );
  return false;
}
