import { Node, ts } from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import { createWorkClock } from './work-clock.js';
import type { WorkClock } from './work-clock.js';

/** The nodes of one file, grouped by kind, in document order. */
type Buckets = Map<ts.SyntaxKind, ts.Node[]>;

/**
 * One walk per file over the compiler's nodes, shared by every rule of a run.
 * A file is walked on the first question about it; its nodes of every declared
 * kind are kept, so later questions about any declared kind cost a lookup.
 */
export interface NodeIndex {
  /** The file's nodes of `kind`, in document order (pre-order: a node before its children). */
  nodesOf(file: SourceFile, kind: ts.SyntaxKind): readonly ts.Node[];
  /** How many walks were made (one per file, plus one per file for each kind asked but not declared). */
  readonly walks: number;
  /** Kinds asked for without being declared: each costs an extra walk of the files it is asked about. */
  readonly lateKinds: ReadonlySet<ts.SyntaxKind>;
}

/**
 * Creates the run's node index for the kinds the enabled rules declared
 * (proposed `RuleMeta.nodeKinds?: readonly SyntaxKind[]`, the kinds a rule asks
 * `ProjectView.nodesOf` for; the pipeline passes their union as `LoadOptions.nodeKinds`).
 * A kind asked for later still works (correct, one more walk per file) and is
 * recorded in `lateKinds`, so a missing declaration shows up in --debug.
 */
export function createNodeIndex(declared: Iterable<ts.SyntaxKind>, clock: WorkClock = createWorkClock()): NodeIndex {
  const kinds = new Set(declared);
  const late = new Set<ts.SyntaxKind>();
  const byFile = new WeakMap<ts.SourceFile, Buckets>();
  let walks = 0;
  return {
    nodesOf(file, kind) {
      const root = file.compilerNode;
      let buckets = byFile.get(root);
      if (buckets === undefined) {
        buckets = clock.time(() => collectNodes(root, kinds));
        walks++;
        byFile.set(root, buckets);
      }
      let nodes = buckets.get(kind);
      if (nodes === undefined) {
        late.add(kind);
        nodes = clock.time(() => collectNodes(root, new Set([kind])).get(kind) ?? []);
        walks++;
        buckets.set(kind, nodes);
      }
      return nodes;
    },
    get walks() {
      return walks;
    },
    lateKinds: late,
  };
}

/** Every syntax kind: what the index collects when the rules declared nothing (one walk still, more memory). */
export function allKinds(): ts.SyntaxKind[] {
  const values: unknown[] = Object.values(ts.SyntaxKind);
  return [...new Set(values.filter(isSyntaxKind))];
}

/**
 * Collects the nodes of the given kinds under `root` (itself included) in one
 * walk with an explicit stack, so a file nested 100,000 levels deep cannot
 * overflow the call stack. Children are those `ts.forEachChild` visits (no
 * punctuation tokens, no trivia), plus JSDoc comments when a JSDoc kind is
 * asked for. Every asked kind gets a list, empty when the file has none.
 */
export function collectNodes(root: ts.Node, kinds: ReadonlySet<ts.SyntaxKind>): Buckets {
  const wanted = new Uint8Array(ts.SyntaxKind.Count);
  const lists: (ts.Node[] | undefined)[] = [];
  let withJsDoc = false;
  for (const kind of kinds) {
    wanted[kind] = 1;
    lists[kind] = [];
    if (isJsDocKind(kind)) withJsDoc = true;
  }
  const stack: ts.Node[] = [root];
  const children: ts.Node[] = [];
  const pushChild = (child: ts.Node): undefined => {
    children.push(child);
    return undefined;
  };
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (wanted[node.kind] === 1) lists[node.kind]?.push(node);
    children.length = 0;
    if (withJsDoc) for (const doc of jsDocOf(node)) children.push(doc);
    ts.forEachChild(node, pushChild);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child !== undefined) stack.push(child);
    }
  }
  const buckets: Buckets = new Map();
  for (const kind of kinds) buckets.set(kind, lists[kind] ?? []);
  return buckets;
}

/** Guard for the numeric members of the SyntaxKind enum (its reverse mapping also holds names). */
function isSyntaxKind(value: unknown): value is ts.SyntaxKind {
  return typeof value === 'number';
}

/** True for the kinds that only occur inside JSDoc comments (`JSDoc`, `JSDocParameterTag`, `JSDocTypeExpression`...). */
function isJsDocKind(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstJSDocNode && kind <= ts.SyntaxKind.LastJSDocNode;
}

/** The JSDoc comments the parser attached to a node (none for most nodes). */
function jsDocOf(node: ts.Node): readonly ts.Node[] {
  if (!('jsDoc' in node)) return NO_NODES;
  const list: unknown = node.jsDoc;
  return Array.isArray(list) ? list.filter(isJsDoc) : NO_NODES;
}

const NO_NODES: readonly ts.Node[] = [];

/** Guard for one element of the parser's `jsDoc` list. */
function isJsDoc(value: unknown): value is ts.JSDoc {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === ts.SyntaxKind.JSDoc;
}

/**
 * The ts-morph wrapper of one compiler node of `file`, made without wrapping
 * anything else: the same object ts-morph itself returns for that node (its
 * node cache), so identity comparisons with other wrappers hold. Falls back to
 * a search from the file when ts-morph's internal factory is not reachable.
 */
export function wrapCompilerNode(file: SourceFile, node: ts.Node): Node {
  if (node === file.compilerNode) return file;
  const factory: unknown = Reflect.get(file, '_getNodeFromCompilerNode');
  if (typeof factory === 'function') {
    const wrapped: unknown = factory.call(file, node);
    if (Node.isNode(wrapped) && wrapped.compilerNode === node) return wrapped;
  }
  return searchWrapper(file, node);
}

/** Finds the wrapper of `node` from its position (ts-morph's public API only). */
function searchWrapper(file: SourceFile, node: ts.Node): Node {
  const found = file.getDescendantAtStartWithWidth(node.getStart(file.compilerNode), node.getWidth(file.compilerNode));
  for (let current: Node | undefined = found; current !== undefined; current = current.getParent())
    if (current.compilerNode === node) return current;
  const deeper = found?.getFirstDescendant((d) => d.compilerNode === node);
  if (deeper !== undefined) return deeper;
  throw new Error(`no node of kind ${ts.SyntaxKind[node.kind]} at ${file.getFilePath()}:${String(node.pos)}`);
}
