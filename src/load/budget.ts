import { ts } from 'ts-morph';
import { UserError } from '../model/errors.js';

/**
 * Per-file budgets that keep one hostile or pathological file from costing the
 * run: a file past any of them is left out of the analysis with a note naming
 * it and why. Configured under `"limits"` in `.review-bot.json`.
 */
export interface Limits {
  /** Deepest syntax-tree nesting a file may have; walks over deeper trees could exhaust the stack. */
  maxNestingDepth: number;
  /** Most members, statements or elements one list may hold (some rules compare every pair of siblings). */
  maxSiblings: number;
  /** Largest source file analysed, in bytes (declaration files and JSON may be 16 times larger). */
  maxFileBytes: number;
  /** A file whose lines average more characters than this is taken as minified. */
  maxAverageLineLength: number;
  /** A file with most of its text on lines longer than this is taken as minified. */
  maxLineLength: number;
  /** Longest the parse of one file may take, in milliseconds (see load/parse-budget.ts). */
  maxParseMilliseconds: number;
}

/** The defaults, and why: see docs/robustness.md for the figures they were measured against. */
export const DEFAULT_LIMITS: Limits = {
  maxNestingDepth: 300,
  maxSiblings: 2000,
  maxFileBytes: 1024 * 1024,
  maxAverageLineLength: 500,
  maxLineLength: 10_000,
  maxParseMilliseconds: 2000,
};

/** Declaration files and JSON may be this many times larger than `maxFileBytes` (they are parsed, never walked by rules). */
const DECLARATION_SIZE_FACTOR = 16;

/** Below this size a file is never taken as minified (one long line in a small file is just a long line). */
const MINIFIED_MIN_BYTES = 4096;

/** Reads `"limits"` from the settings, checking names and types; missing values take the defaults. */
export function limitsFrom(settings: Readonly<Record<string, unknown>>): Limits {
  const raw = settings['limits'];
  if (raw === undefined) return DEFAULT_LIMITS;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new UserError('configuration: "limits" must be an object');
  const limits: Limits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(raw)) {
    if (isNumericLimit(key)) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
        throw new UserError(`configuration: "limits.${key}" must be a positive integer`);
      limits[key] = value;
    } else {
      throw new UserError(
        `configuration: unknown key "limits.${key}" (known: ${Object.keys(DEFAULT_LIMITS).join(', ')})`,
      );
    }
  }
  return limits;
}

/** Whether a key of `"limits"` names a limit (every limit is a positive integer). */
function isNumericLimit(key: string): key is keyof Limits {
  return Object.hasOwn(DEFAULT_LIMITS, key);
}

/** The size limit for a path: larger for declaration files and JSON. */
export function sizeLimitOf(path: string, limits: Limits): number {
  return isDeclarationOrJson(path) ? limits.maxFileBytes * DECLARATION_SIZE_FACTOR : limits.maxFileBytes;
}

function isDeclarationOrJson(path: string): boolean {
  return /\.d\.[cm]?ts$/.test(path) || /\.d\.[^/]*\.ts$/.test(path) || path.endsWith('.json');
}

/**
 * Why a source text is left out of the analysis, or undefined when it is
 * within every budget: parses it once on this thread, without a time budget
 * (for texts the caller holds, such as documentation examples; files on disk
 * go through load/file-system.ts, which parses under the time budget too).
 */
export function skipReasonOf(path: string, text: string, limits: Limits): string | undefined {
  const shape = textReasonOf(path, text, limits);
  if (shape !== undefined) return shape;
  let file: ts.SourceFile;
  try {
    file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return overflowReasonOf(text, limits);
  }
  return treeReasonOf(path, file, limits);
}

/** Why a text is left out before it is parsed (minified), or undefined; declaration files and JSON are never minified. */
export function textReasonOf(path: string, text: string, limits: Limits): string | undefined {
  return isDeclarationOrJson(path) ? undefined : shapeReasonOf(text, limits);
}

/**
 * Valid JSON up to this many characters parses in milliseconds (about 30 ms
 * for the largest, cold), far inside any time budget: the package.json files
 * module resolution reads are this, a few kilobytes each.
 */
const PLAIN_JSON_CHARACTERS = 1024 * 1024;

/**
 * True when a JSON file's budgeted parse would find it within every budget,
 * told without the parse: its brackets nest shallowly enough, it is valid
 * JSON (V8's own parser, which does not recurse, accepts it; only then does
 * the compiler's tree follow the text as `jsonTreeDepthOf` counts it) and it
 * is short enough that parsing cannot approach the time budget. The budgeted
 * parse runs in a `vm` context with a watchdog, about 3 ms a file before any
 * parsing: resolving a package's imports reads one package.json per
 * dependency. False sends the file to that parse, which decides.
 */
export function isPlainJson(path: string, text: string, limits: Limits): boolean {
  if (!path.endsWith('.json') || text.length > PLAIN_JSON_CHARACTERS) return false;
  if (jsonTreeDepthOf(text, limits.maxNestingDepth) > limits.maxNestingDepth) return false;
  try {
    JSON.parse(text);
  } catch {
    return false;
  }
  return true;
}

/**
 * The depth of the compiler's tree of a valid JSON text, as `treeReasonOf`
 * measures it (from the text; counting stops past `stopAbove`): the file is
 * 1 and its statement 2, the top value 3; an object's properties lie one
 * below it and their names and values two; an array's elements one; a
 * negative number is a minus sign over its literal. Scanned before
 * `JSON.parse`, so a text nested past the limit is turned away in one pass
 * however deep it goes. Any text is scanned; only a valid one's count is
 * used.
 */
function jsonTreeDepthOf(text: string, stopAbove: number): number {
  /** The tree depth of each open object or array (negative for arrays). */
  const open: number[] = [];
  let deepest = 2;
  const valueDepth = (): number => {
    const container = open.at(-1);
    if (container === undefined) return 3;
    return container > 0 ? container + 2 : -container + 1;
  };
  for (let i = 0; i < text.length && deepest <= stopAbove; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      deepest = Math.max(deepest, valueDepth());
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c /* \ */) i++;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const depth = valueDepth();
      deepest = Math.max(deepest, depth);
      open.push(c === 0x7b ? depth : -depth);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      open.pop();
    } else if (c === 0x2d /* - */) {
      deepest = Math.max(deepest, valueDepth() + 1);
      for (; i + 1 < text.length && /[\d.eE+-]/.test(text.charAt(i + 1)); i++);
    } else if ((c >= 0x30 && c <= 0x39) || c === 0x74 /* t */ || c === 0x66 /* f */ || c === 0x6e /* n */) {
      deepest = Math.max(deepest, valueDepth());
      for (; i + 1 < text.length && /[\w.+-]/.test(text.charAt(i + 1)); i++);
    }
  }
  return deepest;
}

/** Why a parsed file is left out (nested too deeply, a list too long), or undefined; measured without recursion. */
export function treeReasonOf(path: string, file: ts.Node, limits: Limits): string | undefined {
  const shape = treeShapeOf(file, limits.maxNestingDepth);
  if (shape.depth > limits.maxNestingDepth) return nestingReason(limits);
  if (shape.widest > limits.maxSiblings && !isDeclarationOrJson(path))
    return `${String(shape.widest)} members, statements or elements in one list, over ${String(limits.maxSiblings)} (limits.maxSiblings)`;
  return undefined;
}

/**
 * Why a text the parser ran out of stack on is left out. Where the parser
 * runs out of stack depends on the stack left and on how far its functions
 * are compiled; the bracket depth does not, so a file nested past the limit
 * in brackets gets the same reason either way.
 */
export function overflowReasonOf(text: string, limits: Limits): string {
  return bracketDepthOf(text) > limits.maxNestingDepth ? nestingReason(limits) : 'nested too deeply to parse';
}

/** Why a file whose parse ran past `limits.maxParseMilliseconds` is left out. */
export function timeoutReasonOf(limits: Limits): string {
  return `parse took longer than ${String(limits.maxParseMilliseconds)} ms (limits.maxParseMilliseconds)`;
}

function nestingReason(limits: Limits): string {
  return `nested more than ${String(limits.maxNestingDepth)} levels deep (limits.maxNestingDepth)`;
}

/** Tokens after which a `/` divides; anywhere else it starts a regular expression. */
const ENDS_OPERAND = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.PrivateIdentifier,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.CloseParenToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.PlusPlusToken,
  ts.SyntaxKind.MinusMinusToken,
  ts.SyntaxKind.ThisKeyword,
  ts.SyntaxKind.SuperKeyword,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.NullKeyword,
]);

/**
 * The deepest nesting of `(`, `[` and `{` in a text, from the scanner alone
 * (iterative, so any depth is measured). Used only when the parser ran out
 * of stack, to tell nesting past the limit from other deep recursion.
 */
function bracketDepthOf(text: string): number {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const braces: ('block' | 'template')[] = [];
  let depth = 0;
  let deepest = 0;
  let previous = ts.SyntaxKind.Unknown;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if ((kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) && !ENDS_OPERAND.has(previous))
      kind = scanner.reScanSlashToken();
    if (kind === ts.SyntaxKind.CloseBraceToken && braces.at(-1) === 'template') {
      kind = scanner.reScanTemplateToken(false);
      if (kind === ts.SyntaxKind.TemplateTail) braces.pop();
    } else if (kind === ts.SyntaxKind.TemplateHead) {
      braces.push('template');
    } else if (
      kind === ts.SyntaxKind.OpenParenToken ||
      kind === ts.SyntaxKind.OpenBracketToken ||
      kind === ts.SyntaxKind.OpenBraceToken
    ) {
      if (kind === ts.SyntaxKind.OpenBraceToken) braces.push('block');
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (
      kind === ts.SyntaxKind.CloseParenToken ||
      kind === ts.SyntaxKind.CloseBracketToken ||
      kind === ts.SyntaxKind.CloseBraceToken
    ) {
      if (kind === ts.SyntaxKind.CloseBraceToken) braces.pop();
      depth = Math.max(0, depth - 1);
    }
    previous = kind;
  }
  return deepest;
}

/**
 * Minified text, judged from its lines alone. Generated code that is not
 * minified is still loaded: correctness and security rules run on it, and the
 * rules that skip it say so in their metadata (load/generated.ts, RuleMeta.skipFiles).
 */
function shapeReasonOf(text: string, limits: Limits): string | undefined {
  if (text.length < MINIFIED_MIN_BYTES) return undefined;
  let lines = 0;
  let longChars = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lines++;
    if (end - start > limits.maxLineLength) longChars += end - start;
    start = end + 1;
  }
  if (text.length / lines > limits.maxAverageLineLength)
    return `minified: lines average ${String(Math.round(text.length / lines))} characters (limits.maxAverageLineLength)`;
  if (longChars * 2 > text.length)
    return `minified: most of it is on lines over ${String(limits.maxLineLength)} characters (limits.maxLineLength)`;
  return undefined;
}

/** The shape of a syntax tree that walks and rules are sensitive to. */
interface TreeShape {
  /** The deepest nesting of nodes. */
  depth: number;
  /** The most children of one node in a list (class members, statements, elements, arguments...). */
  widest: number;
}

/**
 * Measures the compiler's syntax tree with an explicit stack (never
 * recursion, so a tree of any depth is measured safely); stops early once
 * the depth exceeds `stopAbove`.
 */
function treeShapeOf(root: ts.Node, stopAbove: number): TreeShape {
  const nodes: ts.Node[] = [root];
  const depths: number[] = [1];
  let deepest = 0;
  let widest = 0;
  let childDepth = 0;
  const visit = (child: ts.Node): undefined => {
    nodes.push(child);
    depths.push(childDepth);
    return undefined;
  };
  const visitList = (children: ts.NodeArray<ts.Node>): undefined => {
    if (children.length > widest) widest = children.length;
    for (const child of children) visit(child);
    return undefined;
  };
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop();
    if (node === undefined || depth === undefined) break;
    if (depth > deepest) {
      deepest = depth;
      if (deepest > stopAbove) break;
    }
    childDepth = depth + 1;
    ts.forEachChild(node, visit, visitList);
    if (hasJsDoc(node)) for (const doc of node.jsDoc ?? []) visit(doc);
  }
  return { depth: deepest, widest };
}

/** Whether a node carries parsed JSDoc comments (which forEachChild does not visit). */
function hasJsDoc(node: ts.Node): node is ts.Node & { jsDoc?: ts.JSDoc[] } {
  return 'jsDoc' in node;
}
