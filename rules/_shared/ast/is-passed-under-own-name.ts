import { ts } from 'ts-morph';

/**
 * True when `name` is written somewhere under `root` as an object-literal key
 * carrying a value of the same name (`{ chat_id }`, `{ chat_id: chat_id }`):
 * the name mirrors the key of data passed on (a wire field), so it is fixed
 * from outside, not chosen here.
 */
export function isPassedUnderOwnName(root: ts.Node, name: string): boolean {
  const stack: ts.Node[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (ts.isShorthandPropertyAssignment(node) && node.name.text === name) return true;
    if (
      ts.isPropertyAssignment(node) &&
      (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) &&
      node.name.text === name &&
      ts.isIdentifier(node.initializer) &&
      node.initializer.text === name
    )
      return true;
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return false;
}
