import { Node } from 'ts-morph';
import { skipOuterExpressions } from '../ast/skip-outer-expressions.js';
import type { CallExpression } from 'ts-morph';
import type { Acquisition, LockModel } from './model.js';
import {
  CHAINING_METHODS,
  calledFunction,
  forEachOwnNode,
  functionPhrase,
  isAsync,
  returnedExpressions,
} from './syntax.js';

/** How far call chains are followed. */
export const MAX_CALL_DEPTH = 8;

/** One step of a chain that ends in an acquisition. */
interface ChainStep {
  note: string;
  node: Node;
  /** The function the call runs. */
  fn: Node;
}

/** A lock that an expression's promise waits for, and the calls that lead there. */
export interface Wait {
  /** Lock identity, or `param:<i>` for a lock passed in as the function's i-th parameter. */
  lockKey: string;
  acquisition: Acquisition;
  chain: ChainStep[];
}

/** Answers "which locks does waiting for this expression wait for?", following project calls. */
export class WaitAnalysis {
  private readonly byCall = new Map<Node, Acquisition>();
  private readonly byFunction = new Map<Node, Wait[]>();
  private readonly inProgress = new Set<Node>();

  constructor(private readonly model: LockModel) {
    for (const acquisition of model.acquisitions) this.byCall.set(acquisition.call, acquisition);
  }

  /** The acquisition made by a call, if it is one. */
  acquisitionAt(call: Node): Acquisition | undefined {
    return this.byCall.get(call);
  }

  /** Locks that waiting for `expression` (awaited or returned to a lock) waits for. */
  waitsOf(expression: Node, depth: number): Wait[] {
    const node = skipOuterExpressions(expression);
    if (Node.isAwaitExpression(node)) return this.waitsOf(node.getExpression(), depth);
    if (Node.isConditionalExpression(node))
      return [...this.waitsOf(node.getWhenTrue(), depth), ...this.waitsOf(node.getWhenFalse(), depth)];
    if (!Node.isCallExpression(node)) return [];
    const acquisition = this.byCall.get(node);
    if (acquisition !== undefined) return this.waitsOfAcquisition(acquisition);
    const callee = skipOuterExpressions(node.getExpression());
    if (Node.isPropertyAccessExpression(callee) && CHAINING_METHODS.has(callee.getName()))
      return this.waitsOf(callee.getExpression(), depth);
    if (/^Promise\.(all|allSettled|race|any)$/.test(callee.getText())) {
      const list = node.getArguments()[0];
      return list !== undefined && Node.isArrayLiteralExpression(list)
        ? list.getElements().flatMap((e) => this.waitsOf(e, depth))
        : [];
    }
    return this.waitsOfCall(node, depth);
  }

  /** An exclusive acquisition waits for its lock. */
  private waitsOfAcquisition(acquisition: Acquisition): Wait[] {
    if (!acquisition.exclusive || acquisition.lockKey === undefined) return [];
    const declaration = acquisition.holder?.declaration;
    let lockKey = acquisition.lockKey;
    if (declaration !== undefined && acquisition.style !== 'keyed') {
      const parameter = parameterPositionOf(declaration);
      if (parameter !== undefined) lockKey = `param:${String(parameter.index)}`;
    }
    return [{ lockKey, acquisition, chain: [] }];
  }

  /** A call into a project function waits for whatever that function's promise waits for. */
  private waitsOfCall(call: CallExpression, depth: number): Wait[] {
    if (depth >= MAX_CALL_DEPTH) return [];
    const fn = calledFunction(call);
    if (fn === undefined) return [];
    const out: Wait[] = [];
    for (const wait of this.waitsOfFunction(fn, depth + 1)) {
      const lockKey = this.mapParameter(wait.lockKey, call);
      if (lockKey === undefined) continue;
      out.push({
        lockKey,
        acquisition: wait.acquisition,
        chain: [{ note: `calls ${functionPhrase(fn)}`, node: call, fn }, ...wait.chain],
      });
    }
    return out;
  }

  /** Translates `param:<i>` into the lock passed as argument i (or the caller's own parameter). */
  private mapParameter(lockKey: string, call: CallExpression): string | undefined {
    if (!lockKey.startsWith('param:')) return lockKey;
    const argument = call.getArguments()[Number(lockKey.slice('param:'.length))];
    if (argument === undefined) return undefined;
    const holder = this.model.holderOf(argument);
    if (holder === undefined) return undefined;
    const parameter = holder.declaration === undefined ? undefined : parameterPositionOf(holder.declaration);
    if (parameter !== undefined && call.getFirstAncestor((a) => a === parameter.owner) !== undefined)
      return `param:${String(parameter.index)}`;
    return holder.key;
  }

  /** What a function's returned promise waits for: its awaits (when async) and what it returns. */
  waitsOfFunction(fn: Node, depth: number): Wait[] {
    const cached = this.byFunction.get(fn);
    if (cached !== undefined) return cached;
    if (this.inProgress.has(fn)) return [];
    this.inProgress.add(fn);
    const waited = waitedExpressions(fn);
    const waits = waited.flatMap((e) => this.waitsOf(e, depth));
    this.inProgress.delete(fn);
    if (depth <= 1) this.byFunction.set(fn, waits);
    return waits;
  }
}

/** Expressions a function's promise settles after: `await` operands (async functions) and returned values. */
export function waitedExpressions(fn: Node): Node[] {
  const out: Node[] = [];
  if (isAsync(fn)) {
    forEachOwnNode(fn, (n) => {
      if (Node.isAwaitExpression(n)) out.push(n.getExpression());
    });
  }
  for (const returned of returnedExpressions(fn))
    if (!Node.isAwaitExpression(skipOuterExpressions(returned))) out.push(returned);
  return out;
}

/** Where a lock holder is a parameter of a function, method or arrow: that function and the parameter's index. */
function parameterPositionOf(declaration: Node): { owner: Node; index: number } | undefined {
  if (!Node.isParameterDeclaration(declaration)) return undefined;
  const owner = declaration.getParent();
  if (
    !Node.isFunctionDeclaration(owner) &&
    !Node.isMethodDeclaration(owner) &&
    !Node.isArrowFunction(owner) &&
    !Node.isFunctionExpression(owner)
  )
    return undefined;
  const index = owner.getParameters().indexOf(declaration);
  return index >= 0 ? { owner, index } : undefined;
}
