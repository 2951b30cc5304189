import { ts } from 'ts-morph';

/** True when a compiler node is written with the modifier (`export`, `default`, `static`, …). */
export function hasModifier(node: ts.Node, kind: ts.ModifierSyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}
