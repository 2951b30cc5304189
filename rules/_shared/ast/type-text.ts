import { TypeFormatFlags } from 'ts-morph';
import type { Node, Type } from 'ts-morph';

/**
 * A type as the code at `node` would write it: `User | null`, not
 * `import("./client-types.ts").User | null`. ts-morph's default flags print
 * fully qualified names; messages quote types the reader can look up in the
 * file in front of them.
 */
export function typeTextAt(type: Type, node: Node): string {
  return type.getText(
    node,
    TypeFormatFlags.NoTruncation |
      TypeFormatFlags.UseAliasDefinedOutsideCurrentScope |
      TypeFormatFlags.UseTypeOfFunction |
      TypeFormatFlags.WriteTypeArgumentsOfSignature,
  );
}
