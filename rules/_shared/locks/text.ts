import { Node } from 'ts-morph';
import { shorten } from '../text.js';
import { skipOuterExpressions } from '../ast/skip-outer-expressions.js';
import type { Acquisition } from './model.js';

/** How messages name the lock an acquisition takes: the holder's name, or the receiver's text. */
export function lockName(acquisition: Acquisition): string {
  if (acquisition.holder !== undefined) {
    const key =
      acquisition.style === 'keyed' && acquisition.lockKey !== undefined
        ? acquisition.lockKey.slice(acquisition.holder.key.length + 1)
        : undefined;
    return key === undefined ? acquisition.holder.name : `${acquisition.holder.name}('${key}')`;
  }
  const callee = skipOuterExpressions(acquisition.call.getExpression());
  return Node.isPropertyAccessExpression(callee)
    ? shorten(callee.getExpression().getText())
    : shorten(callee.getText());
}

/** The `x.runExclusive` part of an acquisition, the place findings point at. */
export function acquisitionSite(acquisition: Acquisition): Node {
  return acquisition.call.getExpression();
}
