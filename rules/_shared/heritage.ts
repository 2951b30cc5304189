import { Node } from 'ts-morph';
import type { Type } from 'ts-morph';

/** The types a class extends and implements, or an interface extends. */
export function heritageTypesOf(container: Node): Type[] {
  if (Node.isClassDeclaration(container) || Node.isClassExpression(container)) {
    const extended = container.getExtends();
    return [
      ...(extended === undefined ? [] : [extended.getType()]),
      ...container.getImplements().map((i) => i.getType()),
    ];
  }
  if (Node.isInterfaceDeclaration(container)) return container.getExtends().map((e) => e.getType());
  return [];
}

/** True when a base type declares a member of that name, or a base type cannot be resolved (`any`). */
export function inheritsMember(heritage: readonly Type[], name: string): boolean {
  return heritage.some((type) => type.isAny() || type.getProperty(name) !== undefined);
}
