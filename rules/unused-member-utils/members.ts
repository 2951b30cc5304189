import { Node, Scope, ts } from 'ts-morph';
import type { ClassLike } from './hierarchy.js';
import { isInAmbientContext } from '../_shared/ast/ambient.js';

/** One class member by name: a property, a method (its overloads together) or an accessor pair. */
export interface Member {
  name: string;
  kind: 'property' | 'method' | 'accessor';
  isStatic: boolean;
  isPrivate: boolean;
  /** Every declaration of the member (overloads, getter and setter, a constructor parameter property). */
  declarations: Node[];
  /** Where to report: the first declaration's name. */
  nameNode: Node;
  hasGetter: boolean;
  hasSetter: boolean;
}

/**
 * Names that runtimes and libraries call without any reference in the code:
 * conversions, thenables, iterators, inspection hooks; and `__proto__`, whose
 * assignment sets the object's prototype (the `instanceof` fix for `Error`
 * subclasses compiled to ES5), an effect rather than a stored value.
 */
export const PROTOCOL_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'toString',
  'toJSON',
  'valueOf',
  'toLocaleString',
  'then',
  'catch',
  'finally',
  'inspect',
  'next',
  'return',
  'throw',
  'handleEvent',
  'dispose',
  'asyncDispose',
  'connectedCallback',
  'disconnectedCallback',
  'adoptedCallback',
  'attributeChangedCallback',
  'observedAttributes',
]);

/** The members of a class, grouped by name and static-ness; computed and index-signature members are left out. */
export function membersOf(cls: ClassLike): Member[] {
  const byKey = new Map<string, Member>();
  const addDeclaration = (
    declaration: Node,
    nameNode: Node,
    kind: Member['kind'],
    isStatic: boolean,
    isPrivate: boolean,
  ): void => {
    const name = memberName(nameNode);
    if (name === undefined) return;
    const key = `${isStatic ? 'static ' : ''}${name}`;
    const existing = byKey.get(key);
    const getter = Node.isGetAccessorDeclaration(declaration);
    const setter = Node.isSetAccessorDeclaration(declaration);
    if (existing === undefined) {
      byKey.set(key, {
        name,
        kind,
        isStatic,
        isPrivate,
        declarations: [declaration],
        nameNode,
        hasGetter: getter,
        hasSetter: setter,
      });
    } else {
      existing.declarations.push(declaration);
      existing.hasGetter ||= getter;
      existing.hasSetter ||= setter;
    }
  };
  for (const constructor of cls.getConstructors()) {
    for (const parameter of constructor.getParameters()) {
      if (parameter.isParameterProperty())
        addDeclaration(
          parameter,
          parameter.getNameNode(),
          'property',
          false,
          parameter.hasScopeKeyword() && parameter.getScope() === Scope.Private,
        );
    }
  }
  for (const member of cls.getMembers()) {
    if (
      Node.isPropertyDeclaration(member) ||
      Node.isMethodDeclaration(member) ||
      Node.isGetAccessorDeclaration(member) ||
      Node.isSetAccessorDeclaration(member)
    ) {
      const kind = Node.isPropertyDeclaration(member)
        ? 'property'
        : Node.isMethodDeclaration(member)
          ? 'method'
          : 'accessor';
      addDeclaration(member, member.getNameNode(), kind, member.isStatic(), isPrivateMember(member));
    }
  }
  return [...byKey.values()];
}

/** The text of a member name, or undefined for computed names (`[Symbol.iterator]`, `[key]`). */
function memberName(nameNode: Node): string | undefined {
  if (Node.isIdentifier(nameNode) || Node.isPrivateIdentifier(nameNode)) return nameNode.getText();
  if (Node.isStringLiteral(nameNode) || Node.isNoSubstitutionTemplateLiteral(nameNode))
    return nameNode.getLiteralText();
  return undefined;
}

/** `private x` or `#x`. */
function isPrivateMember(member: Node): boolean {
  if (
    Node.isPropertyDeclaration(member) ||
    Node.isMethodDeclaration(member) ||
    Node.isGetAccessorDeclaration(member) ||
    Node.isSetAccessorDeclaration(member)
  ) {
    return member.getScope() === Scope.Private || Node.isPrivateIdentifier(member.getNameNode());
  }
  return false;
}

/** True when the member or any of its declarations carries a decorator, or is a `declare` field or ambient. */
export function isFrameworkOrAmbient(member: Member): boolean {
  return member.declarations.some((d) => {
    if (Node.isDecoratable(d) && d.getDecorators().length > 0) return true;
    if (Node.isPropertyDeclaration(d) && d.hasDeclareKeyword()) return true;
    return isInAmbientContext(d);
  });
}

/**
 * True when the class reads its members by computed key (`this[key]`),
 * enumerates itself (`Object.keys(this)`, `for (k in this)`, `{ ...this }`)
 * or serialises itself (`JSON.stringify(this)`): any member may be read.
 */
export function hasDynamicSelfAccess(cls: ClassLike): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (isDynamicSelfUse(node)) found = true;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(cls.compilerNode, visit);
  return found;
}

/** One syntactic form of reading `this` by computed key or as a whole. */
function isDynamicSelfUse(node: ts.Node): boolean {
  if (ts.isElementAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
    return !ts.isStringLiteralLike(node.argumentExpression) && !ts.isNumericLiteral(node.argumentExpression);
  }
  if (ts.isSpreadAssignment(node) || ts.isSpreadElement(node))
    return node.expression.kind === ts.SyntaxKind.ThisKeyword;
  if (ts.isForInStatement(node)) return node.expression.kind === ts.SyntaxKind.ThisKeyword;
  if (ts.isCallExpression(node) && node.arguments.some((a) => a.kind === ts.SyntaxKind.ThisKeyword)) {
    const callee = node.expression;
    return (
      ts.isPropertyAccessExpression(callee) &&
      ts.isIdentifier(callee.expression) &&
      (callee.expression.text === 'Object' || callee.expression.text === 'JSON' || callee.expression.text === 'Reflect')
    );
  }
  return false;
}

/** How a member is described in messages: "private method", "static property", "getter"... */
export function kindLabel(member: Member): string {
  const base =
    member.kind === 'accessor'
      ? member.hasGetter
        ? member.hasSetter
          ? 'accessor'
          : 'getter'
        : 'setter'
      : member.kind;
  const words = [member.isPrivate ? 'private' : '', member.isStatic ? 'static' : '', base].filter((w) => w !== '');
  return words.join(' ');
}
