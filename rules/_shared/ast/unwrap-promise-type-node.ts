import { Node } from 'ts-morph';

/** `X` for a written `Promise<X>`, else the type node itself. */
export function unwrapPromiseTypeNode(typeNode: Node): Node {
  if (!Node.isTypeReference(typeNode) || typeNode.getTypeName().getText() !== 'Promise') return typeNode;
  return typeNode.getTypeArguments()[0] ?? typeNode;
}
