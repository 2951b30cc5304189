import { Node } from 'ts-morph';
import type { Acquisition } from './model.js';
import { unwrap } from './syntax.js';

/** Source text on one line, shortened for a message: `await client.listProviders()`. */
export function snippet(node: Node, max = 60): string {
  const text = node.getText().replace(/\s+/g, ' ').trim();
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** How messages name the lock an acquisition takes: the holder's name, or the receiver's text. */
export function lockName(acquisition: Acquisition): string {
  if (acquisition.holder !== undefined) {
    const key =
      acquisition.style === 'keyed' && acquisition.lockKey !== undefined
        ? acquisition.lockKey.slice(acquisition.holder.key.length + 1)
        : undefined;
    return key === undefined ? acquisition.holder.name : `${acquisition.holder.name}('${key}')`;
  }
  const callee = unwrap(acquisition.call.getExpression());
  return Node.isPropertyAccessExpression(callee) ? snippet(callee.getExpression(), 40) : snippet(callee, 40);
}

/** The `x.runExclusive` part of an acquisition, the place findings point at. */
export function acquisitionSite(acquisition: Acquisition): Node {
  return acquisition.call.getExpression();
}
