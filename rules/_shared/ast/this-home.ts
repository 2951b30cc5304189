import { ts } from 'ts-morph';
import { hasModifier } from './has-modifier.js';

/** The class `this` stands for at a node, and on which side (its instances, or the class itself in static code). */
export interface ThisHome {
  readonly node: ts.ClassLikeDeclaration;
  /** The member whose code `this` is in: a method, constructor, accessor, property or static block. */
  readonly container: ts.ClassElement;
  readonly members: readonly ts.ClassElement[];
  readonly isStatic: boolean;
}

/**
 * The class whose instance (or, in static code, whose constructor) `this`
 * is at a node: found through arrow functions up to a method, constructor,
 * accessor, property initialiser or static block of a class. `undefined`
 * inside a function or object literal method (its own `this`), and in a
 * method or accessor that types its `this` otherwise (a `this` parameter, or
 * JSDoc's `@this` in JavaScript).
 */
export function thisHomeOf(node: ts.Node): ThisHome | undefined {
  for (let at = node.parent; !ts.isSourceFile(at); at = at.parent) {
    if (ts.isArrowFunction(at)) continue;
    if (
      ts.isMethodDeclaration(at) ||
      ts.isConstructorDeclaration(at) ||
      ts.isGetAccessorDeclaration(at) ||
      ts.isSetAccessorDeclaration(at) ||
      ts.isPropertyDeclaration(at) ||
      ts.isClassStaticBlockDeclaration(at)
    ) {
      const home = at.parent;
      if (!ts.isClassDeclaration(home) && !ts.isClassExpression(home)) return undefined;
      if (ts.isFunctionLike(at) && declaresThis(at)) return undefined;
      return {
        node: home,
        container: at,
        members: home.members,
        isStatic: ts.isClassStaticBlockDeclaration(at) || hasModifier(at, ts.SyntaxKind.StaticKeyword),
      };
    }
    if (ts.isFunctionLike(at) || ts.isClassLike(at) || ts.isObjectLiteralExpression(at)) return undefined;
  }
  return undefined;
}

/** A member's name as `this.name` spells it (`#name` for a private one); undefined for a computed or quoted name. */
function memberNameOf(name: ts.Node): string | undefined {
  return ts.isIdentifier(name) || ts.isPrivateIdentifier(name) ? name.text : undefined;
}

/** The members a class declares under `name`, its constructor's parameter properties included. */
export function membersNamed(members: readonly ts.ClassElement[], name: string): ts.Declaration[] {
  const out: ts.Declaration[] = [];
  for (const member of members) {
    if (ts.isConstructorDeclaration(member))
      for (const parameter of member.parameters)
        if (ts.isParameterPropertyDeclaration(parameter, member) && memberNameOf(parameter.name) === name)
          out.push(parameter);
    if (member.name !== undefined && memberNameOf(member.name) === name) out.push(member);
  }
  return out;
}

/** True when a class has a member whose name syntax cannot read (`['handle']`, `[key]`): it may be any name. */
export function hasUnreadMemberName(members: readonly ts.ClassElement[]): boolean {
  return members.some((member) => member.name !== undefined && memberNameOf(member.name) === undefined);
}

/** True for a function that types its `this`: a `this` parameter, or a JSDoc `@this` tag. */
function declaresThis(fn: ts.SignatureDeclaration): boolean {
  const first = fn.parameters[0];
  if (first !== undefined && ts.isIdentifier(first.name) && first.name.text === 'this') return true;
  return ts.getJSDocThisTag(fn) !== undefined;
}
