import { Node } from 'ts-morph';

/** True when a statement ends in `return` or `throw` on every path through it (a block's last statement). */
export function alwaysLeaves(statement: Node): boolean {
  if (Node.isReturnStatement(statement) || Node.isThrowStatement(statement)) return true;
  if (Node.isBlock(statement)) {
    const last = statement.getStatements().at(-1);
    return last !== undefined && alwaysLeaves(last);
  }
  if (Node.isIfStatement(statement)) {
    const elseArm = statement.getElseStatement();
    return elseArm !== undefined && alwaysLeaves(statement.getThenStatement()) && alwaysLeaves(elseArm);
  }
  return false;
}
