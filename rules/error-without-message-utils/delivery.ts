/**
 * Whether a thrown, rejected or constructed error reaches a caller as it is:
 * caught a few lines below, stored and given a message later, a stack capture,
 * or a sentinel some catch clause tests for.
 */
import { Node, SyntaxKind } from 'ts-morph';
import type { CallExpression, NewExpression } from 'ts-morph';
import type { ProjectView } from '../../src/model/project-view.js';
import { isFunctionLike } from '../_shared/ast/is-function-like.js';
import { parentSkippingOuterExpressions } from '../_shared/ast/skip-outer-expressions.js';
import { isMessageWrite } from './message-state.js';

/**
 * True unless the new error provably reaches a caller: thrown, returned,
 * passed to a call, or held in a variable that is then thrown, returned or
 * passed on (and whose `.message` is not assigned). `new Error().stack`,
 * `Object.assign(new Error(), …)` and a stack-capturing `const e = new Error()`
 * read only for `e.stack` are not errors that reach anyone.
 */
export function isMessageSetAfterwards(construction: NewExpression | CallExpression): boolean {
  const parent = parentSkippingOuterExpressions(construction);
  if (parent === undefined) return true;
  if (Node.isThrowStatement(parent)) return isCaughtLocally(parent);
  if (Node.isReturnStatement(parent) || Node.isArrowFunction(parent)) return false;
  if (Node.isCallExpression(parent) || Node.isNewExpression(parent)) return !isDeliveringCall(parent, construction);
  if (Node.isVariableDeclaration(parent)) {
    const name = parent.getNameNode();
    if (!Node.isIdentifier(name)) return true;
    const scope = parent.getFirstAncestor((a) => Node.isBlock(a) || Node.isSourceFile(a));
    if (scope === undefined) return true;
    const uses = scope
      .getDescendantsOfKind(SyntaxKind.Identifier)
      .filter((i) => i !== name && i.getText() === name.getText());
    if (uses.some((use) => isMessageWrite(use.getParentOrThrow(), name.getText()))) return true;
    return !uses.some(isDeliveringUse);
  }
  return true;
}

/**
 * True when a `throw` sits in the `try` block of a `try … catch` of the same
 * function: the value is control flow caught a few lines below and never
 * reaches a caller as it was thrown.
 */
export function isCaughtLocally(statement: Node): boolean {
  let child: Node = statement;
  for (let parent = statement.getParent(); parent !== undefined; child = parent, parent = parent.getParent()) {
    if (isFunctionLike(parent)) return false;
    if (Node.isTryStatement(parent) && parent.getTryBlock() === child && parent.getCatchClause() !== undefined)
      return true;
  }
  return false;
}

/**
 * True when a rejection is created lexically inside the `try` block of a
 * `try … catch`, callbacks included (`await Promise.race([…, sleep(1).then(() =>
 * Promise.reject())])`): the rejection is a signal the catch handles, not a
 * failure that reaches a caller.
 */
export function isInsideTryBlock(node: Node): boolean {
  let child: Node = node;
  for (let parent = node.getParent(); parent !== undefined; child = parent, parent = parent.getParent()) {
    if (Node.isTryStatement(parent) && parent.getTryBlock() === child && parent.getCatchClause() !== undefined)
      return true;
    if (isFunctionLike(parent) && !isCallbackArgument(parent)) return false;
  }
  return false;
}

/** True for a function passed directly as an argument (`.then(() => …)`, `new Promise((resolve, reject) => …)`). */
function isCallbackArgument(node: Node): boolean {
  const parent = node.getParent();
  return (Node.isCallExpression(parent) || Node.isNewExpression(parent)) && parent.getArguments().includes(node);
}

/**
 * String values that some `catch` clause of the project tests for (`e.msg ===
 * 'earlyExit'`): a thrown object literal carrying one is a deliberate sentinel
 * caught by a wrapper, not a failure.
 */
export function caughtSentinels(project: ProjectView): ReadonlySet<string> {
  return project.memo('error-without-message:caught-sentinels', () => {
    const out = new Set<string>();
    for (const file of project.files) {
      for (const clause of file.getDescendantsOfKind(SyntaxKind.CatchClause)) {
        for (const literal of clause.getBlock().getDescendantsOfKind(SyntaxKind.StringLiteral))
          out.add(literal.getLiteralText());
      }
    }
    return out;
  });
}

/** True for a thrown object literal with a string property that some catch clause tests for. */
export function isSentinel(expression: Node, sentinels: ReadonlySet<string>): boolean {
  const inner = Node.isParenthesizedExpression(expression) ? expression.getExpression() : expression;
  if (!Node.isObjectLiteralExpression(inner)) return false;
  return inner.getProperties().some((p) => {
    if (!Node.isPropertyAssignment(p)) return false;
    const value = p.getInitializer();
    return value !== undefined && Node.isStringLiteral(value) && sentinels.has(value.getLiteralText());
  });
}

/** True when a call hands the error on (not `Object.assign` or a stack-capturing helper). */
function isDeliveringCall(call: CallExpression | NewExpression, argument: Node): boolean {
  const callee = call.getExpression().getText();
  if (callee === 'Object.assign' || /stack|trace/i.test(callee)) return false;
  return call.getArguments().includes(argument);
}

/** True when a use of a variable throws, returns or passes on its value. */
function isDeliveringUse(use: Node): boolean {
  const parent = parentSkippingOuterExpressions(use);
  if (parent === undefined) return false;
  if (Node.isThrowStatement(parent) || Node.isReturnStatement(parent) || Node.isArrowFunction(parent)) return true;
  return (Node.isCallExpression(parent) || Node.isNewExpression(parent)) && isDeliveringCall(parent, use);
}
