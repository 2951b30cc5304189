import { Node, SyntaxKind } from 'ts-morph';
import type { SiblingMember } from './model.js';

/**
 * True for `private`, `#private` and `_`-prefixed methods (JavaScript's
 * convention for the same): implementation details whose callers are the
 * class itself.
 */
export function isPrivate(member: SiblingMember): boolean {
  const fn = member.fn;
  if (!Node.isMethodDeclaration(fn)) return false;
  if (member.name.startsWith('_')) return true;
  return fn.hasModifier(SyntaxKind.PrivateKeyword) || Node.isPrivateIdentifier(fn.getNameNode());
}
