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
 * True when an error built without a message is not a finding: a `throw`
 * caught a few lines below, a stack capture (`new Error().stack`, a call to a
 * stack or trace helper, `Object.assign(new Error(), { message })`), or a
 * variable whose `.message` is assigned later or that is only read for its
 * `.stack`. Anything else is reported where it is created, thrown or not.
 */
export function isExcusedConstruction(construction: NewExpression | CallExpression, project: ProjectView): boolean {
  const parent = parentSkippingOuterExpressions(construction);
  if (parent === undefined) return false;
  if (Node.isThrowStatement(parent)) return isCaughtLocally(parent);
  if (isStackCapture(parent, construction)) return true;
  if (!Node.isVariableDeclaration(parent)) return false;
  const name = parent.getNameNode();
  if (!Node.isIdentifier(name)) return false;
  const scope = parent.getFirstAncestor((a) => Node.isBlock(a) || Node.isSourceFile(a));
  if (scope === undefined) return false;
  const uses = project.references
    .occurrencesIn(parent.getSourceFile(), name.getText())
    .filter((o) => o.role === 'name' && o.node.getPos() >= scope.getPos() && o.node.getEnd() <= scope.getEnd())
    .map((o) => o.node);
  if (uses.some((use) => isMessageWrite(use.getParentOrThrow(), name.getText()))) return true;
  return uses.length > 0 && uses.every((use) => isStackCapture(parentSkippingOuterExpressions(use), use));
}

/** `error.stack`, `captureStack(error)`, or `Object.assign(error, …)` with a `message` (or values nobody can see). */
function isStackCapture(parent: Node | undefined, error: Node): boolean {
  if (Node.isPropertyAccessExpression(parent)) return parent.getExpression() === error && parent.getName() === 'stack';
  if (!Node.isCallExpression(parent) || !parent.getArguments().includes(error)) return false;
  const callee = parent.getExpression().getText();
  if (/stack|trace/i.test(callee)) return true;
  if (callee !== 'Object.assign' || parent.getArguments()[0] !== error) return false;
  return parent
    .getArguments()
    .slice(1)
    .some((source) => !Node.isObjectLiteralExpression(source) || source.getProperty('message') !== undefined);
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

/** Property-name sets that catch sites read from what they caught: a cast type's properties, or the fields read. */
export type StatusShapes = readonly ReadonlySet<string>[];

/**
 * What the project's catch sites expect of a caught value: for each `catch
 * (err)` clause and `.catch((err) => …)` callback, the properties of a type
 * it casts `err` to (`err as StatusObject`) and the set of fields it reads
 * (`err.code`, `err.details`). A thrown or rejected object literal whose
 * fields all appear in one of them is a status protocol, not a missing message.
 */
export function statusShapes(project: ProjectView): StatusShapes {
  return project.memo('error-without-message:status-shapes', () => {
    const out: ReadonlySet<string>[] = [];
    for (const file of project.files) {
      for (const clause of file.getDescendantsOfKind(SyntaxKind.CatchClause)) {
        const name = clause.getVariableDeclaration()?.getNameNode();
        if (Node.isIdentifier(name)) out.push(...shapesRead(clause.getBlock(), name.getText()));
      }
      for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
        const callee = call.getExpression();
        const [handler] = call.getArguments();
        if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'catch') continue;
        if (!Node.isArrowFunction(handler) && !Node.isFunctionExpression(handler)) continue;
        const name = handler.getParameters()[0]?.getNameNode();
        if (Node.isIdentifier(name)) out.push(...shapesRead(handler, name.getText()));
      }
    }
    return out.filter((shape) => shape.size > 0);
  });
}

/** The shapes one handler expects of the caught value named `name`. */
function shapesRead(body: Node, name: string): ReadonlySet<string>[] {
  const fields = new Set<string>();
  const shapes: ReadonlySet<string>[] = [fields];
  for (const node of body.getDescendants()) {
    if (Node.isAsExpression(node) && node.getExpression().getText() === name) {
      const type = node.getType();
      if (!type.isAny() && !type.isUnknown()) shapes.push(new Set(type.getProperties().map((p) => p.getName())));
    } else if (Node.isPropertyAccessExpression(node) && node.getExpression().getText() === name) {
      fields.add(node.getName());
    }
  }
  return shapes;
}

/** True for a thrown or rejected object literal whose fields all appear in one shape some catch site expects. */
export function isStatusObject(expression: Node, shapes: StatusShapes): boolean {
  const inner = Node.isParenthesizedExpression(expression) ? expression.getExpression() : expression;
  if (!Node.isObjectLiteralExpression(inner)) return false;
  const names: string[] = [];
  for (const property of inner.getProperties()) {
    if (!Node.isPropertyAssignment(property) && !Node.isShorthandPropertyAssignment(property)) return false;
    names.push(property.getName());
  }
  return names.length > 0 && shapes.some((shape) => names.every((n) => shape.has(n)));
}

/**
 * True for a rejection created as an element of `Promise.allSettled([...])`
 * (directly or as a branch of `?:`) in a function that never reads a
 * `.reason`: the rejection only marks a slot as absent.
 */
export function isUnreadSettledSlot(call: CallExpression): boolean {
  let node: Node = call;
  let parent = node.getParent();
  while (Node.isParenthesizedExpression(parent) || Node.isConditionalExpression(parent)) {
    if (Node.isConditionalExpression(parent) && parent.getCondition() === node) return false;
    node = parent;
    parent = node.getParent();
  }
  if (!Node.isArrayLiteralExpression(parent)) return false;
  const settle = parent.getParent();
  if (!Node.isCallExpression(settle) || settle.getExpression().getText() !== 'Promise.allSettled') return false;
  const scope = settle.getFirstAncestor(isFunctionLike) ?? settle.getSourceFile();
  return !/\.reason\b/.test(scope.getText());
}
