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
 * accessor, property initialiser or static block of a class, and through
 * an object literal's property values. `undefined` inside a function or an
 * object literal's method or accessor (its own `this`), and in a
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
    // An object literal's methods and accessors have `this` of their own (above); its property values do not.
    if (ts.isFunctionLike(at) || ts.isClassLike(at)) return undefined;
  }
  return undefined;
}

/** A JavaScript constructor function whose instance `this` is, and the function `this` is in (see prototypeHomeOf). */
export interface PrototypeHome {
  /** The name the constructor is declared under at the top level of its file. */
  readonly constructorName: string;
  /** The constructor itself, or a function assigned to one of its prototype's properties. */
  readonly fn: ts.FunctionDeclaration | ts.FunctionExpression;
}

/**
 * The JavaScript constructor function whose instance `this` is at a node,
 * found through arrow functions (and nothing else that has a `this` of its
 * own) up to a function that is either the constructor, declared at the top
 * level of the file (`function Queue() {…}`, `var Queue = function () {…}`),
 * or assigned to a property of its prototype by a top-level statement
 * (`Queue.prototype.start = function () {…}`): the code whose `this.name = …`
 * the binder makes declarations of the instance's properties. Undefined
 * anywhere else, and in a function that types its `this` (JSDoc `@this`).
 * Whether the name is a constructor (declared once, never written again) is
 * the caller's to check.
 */
export function prototypeHomeOf(node: ts.Node): PrototypeHome | undefined {
  let at = node.parent;
  while (!ts.isSourceFile(at) && !ts.isFunctionDeclaration(at) && !ts.isFunctionExpression(at)) {
    if ((ts.isFunctionLike(at) && !ts.isArrowFunction(at)) || ts.isClassLike(at)) return undefined;
    at = at.parent;
  }
  if (ts.isSourceFile(at) || declaresThis(at)) return undefined;
  const fn = at;
  if (ts.isFunctionDeclaration(fn))
    return fn.name !== undefined && ts.isSourceFile(fn.parent) ? { constructorName: fn.name.text, fn } : undefined;
  const holder = fn.parent;
  if (ts.isVariableDeclaration(holder))
    return holder.initializer === fn && ts.isIdentifier(holder.name) && isTopLevelVariable(holder)
      ? { constructorName: holder.name.text, fn }
      : undefined;
  if (
    !ts.isBinaryExpression(holder) ||
    holder.right !== fn ||
    holder.operatorToken.kind !== ts.SyntaxKind.EqualsToken ||
    !ts.isExpressionStatement(holder.parent) ||
    !ts.isSourceFile(holder.parent.parent)
  )
    return undefined;
  const constructorName = prototypeOwnerOf(holder.left);
  return constructorName === undefined ? undefined : { constructorName, fn };
}

/** `Queue` of `Queue.prototype.name` (dots only, plain names); undefined for anything else. */
export function prototypeOwnerOf(target: ts.Node): string | undefined {
  if (!ts.isPropertyAccessExpression(target) || !ts.isIdentifier(target.name)) return undefined;
  const prototype = target.expression;
  if (!ts.isPropertyAccessExpression(prototype) || prototype.name.text !== 'prototype') return undefined;
  return ts.isIdentifier(prototype.expression) ? prototype.expression.text : undefined;
}

/** A variable declared by a statement at the top level of its file. */
function isTopLevelVariable(declaration: ts.VariableDeclaration): boolean {
  const list = declaration.parent;
  return (
    ts.isVariableDeclarationList(list) && ts.isVariableStatement(list.parent) && ts.isSourceFile(list.parent.parent)
  );
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
