import { Node, SyntaxKind, ts } from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import { defineRule } from '../src/model/rule.js';
import type { FindingDraft } from '../src/model/rule.js';
import type { ProjectView } from '../src/model/project-view.js';
import { isFunctionLike, isFunctionLikeKind } from './_shared/ast/is-function-like.js';
import { functionKindOf, functionNameOf, symbolPathOf } from './_shared/names.js';

interface Options {
  maxComplexity: number;
}

/** One increment of the cognitive complexity score, on the compiler's nodes (wrapped only for reported functions). */
interface RawIncrement {
  /** What it is, as shown: "`if`", "`else if`", "`&&`/`||` chain", "recursive call". */
  label: string;
  node: ts.Node;
  /** For `else` and `else if`: the keyword of `node` the increment points at. */
  keyword?: SyntaxKind.IfKeyword | SyntaxKind.ElseKeyword;
  /** 1, plus the nesting level for structures that take a nesting increment; one per sequence for boolean chains. */
  amount: number;
  nesting: number;
  /** True when the nesting level was added. */
  nested: boolean;
}

/** One increment of a reported function, its node wrapped. */
interface Increment {
  /** What it is, as shown: "`if`", "`else if`", "`&&`/`||` chain", "recursive call". */
  label: string;
  node: Node;
  /** 1, plus the nesting level for structures that take a nesting increment; one per sequence for boolean chains. */
  amount: number;
  nesting: number;
  /** True when the nesting level was added. */
  nested: boolean;
}

/** A function measured as a whole, with nested functions counted inside it. */
interface Unit {
  node: Node;
  name: string;
}

/** The default limit is SonarSource's. */
const DEFAULTS: Options = { maxComplexity: 15 };

/** The recommendation, the same for every kind of function. */
const RECOMMENDATION =
  'Extract the {{block}} at line {{blockLine}}, which contributes {{blockScore}} of the {{score}}, into a named function; guard clauses and early returns remove further nesting.';

type MessageId = 'complexFunction' | 'complexMethod' | 'complexConstructor' | 'complexAccessor';

/** How many contributors the message names. */
const CONTRIBUTORS_IN_MESSAGE = 3;

const LOGICAL_OPERATORS: ReadonlySet<SyntaxKind> = new Set([
  SyntaxKind.AmpersandAmpersandToken,
  SyntaxKind.BarBarToken,
  SyntaxKind.QuestionQuestionToken,
]);

export default defineRule({
  meta: {
    id: 'complex-function',
    description: 'Enforce a maximum cognitive complexity for functions and methods',
    category: 'complexity',
    defaultSeverity: 'warning',
    stability: 'experimental',
    scope: 'file',
    needsTypeChecker: false,
    skipFiles: ['generated'],
    title: 'Complex functions',
    rationale:
      'Each branch, loop and boolean chain, and each level of nesting around it, is one more thing a reader keeps in mind at once; past a point the function is hard to follow, to test and to change safely.',
    messages: {
      complexFunction: {
        message: 'Function `{{name}}` has a cognitive complexity of {{score}} (limit {{limit}}): {{contributors}}.',
        recommendation: RECOMMENDATION,
      },
      complexMethod: {
        message: 'Method `{{name}}` has a cognitive complexity of {{score}} (limit {{limit}}): {{contributors}}.',
        recommendation: RECOMMENDATION,
      },
      complexConstructor: {
        message: 'Constructor `{{name}}` has a cognitive complexity of {{score}} (limit {{limit}}): {{contributors}}.',
        recommendation: RECOMMENDATION,
      },
      complexAccessor: {
        message: 'Accessor `{{name}}` has a cognitive complexity of {{score}} (limit {{limit}}): {{contributors}}.',
        recommendation: RECOMMENDATION,
      },
    },
    options: {
      defaults: DEFAULTS,
      schema: {
        type: 'object',
        properties: {
          maxComplexity: {
            type: 'number',
            minimum: 0,
            description: 'Highest cognitive complexity allowed; functions scoring more are reported.',
          },
        },
        additionalProperties: false,
      },
    },
  },
  *check({ files, project, options }) {
    for (const file of files) {
      for (const unit of unitsOf(file, project)) {
        const raw = incrementsOf(unit);
        const score = raw.reduce((sum, i) => sum + i.amount, 0);
        if (score <= options.maxComplexity) continue;
        const increments = raw.map((i) => wrapIncrement(i, file, project));
        yield findingFor(unit, increments, score, options.maxComplexity);
      }
    }
  },
});

/** An increment of a reported function with its node wrapped (the `if`/`else` keyword for `else if` and `else`). */
function wrapIncrement(increment: RawIncrement, file: SourceFile, project: ProjectView): Increment {
  const { keyword, node, ...rest } = increment;
  const wrapped = project.wrap(file, node);
  return { ...rest, node: keyword === undefined ? wrapped : wrapped.getFirstChildByKindOrThrow(keyword) };
}

/** The finding for a function over the limit. */
function findingFor(
  unit: Unit,
  increments: readonly Increment[],
  score: number,
  limit: number,
): FindingDraft<MessageId> {
  const ranked = [...increments].sort((a, b) => b.amount - a.amount || a.node.getStart() - b.node.getStart());
  const shown = ranked.slice(0, CONTRIBUTORS_IN_MESSAGE).map(describeIncrement);
  const rest = ranked.length - shown.length;
  const contributors = rest > 0 ? `${shown.join(', ')}, and ${String(rest)} more` : shown.join(', ');
  // Data is plain text: keywords and operators are named in prose, the evidence notes keep them as code.
  const block = blockToExtract(unit, increments, score);
  return {
    node: reportNode(unit.node),
    messageId: messageIdOf(unit.node),
    symbol: { path: unit.name },
    data: {
      name: unit.name,
      score,
      limit,
      contributors: plainText(contributors),
      block: plainText(block.label),
      blockLine: lineOf(block.node),
      blockScore: block.score,
    },
    evidence: increments.map((i) => ({
      note: `${i.label} (+${String(i.amount)}${i.nested ? `: 1 plus ${String(i.nesting)} for nesting` : ''})`,
      node: i.node,
    })),
  };
}

/** A label without its code marks (`if` block -> if block), for message data, which is plain text. */
function plainText(label: string): string {
  return label.replace(/`/g, '');
}

/** 1-based line of a node's first token, from the file's line map (no scan from the start of the file). */
function lineOf(node: Node): number {
  const file = node.getSourceFile().compilerNode;
  return ts.getLineAndCharacterOfPosition(file, node.getStart()).line + 1;
}

/** The message for the kind of function: function, method, constructor or accessor. */
function messageIdOf(node: Node): MessageId {
  const kind = functionKindOf(node);
  if (kind === 'Method') return 'complexMethod';
  if (kind === 'Constructor') return 'complexConstructor';
  if (kind === 'Getter' || kind === 'Setter') return 'complexAccessor';
  return 'complexFunction';
}

/** "nested `for` at line 40 (+3)". */
function describeIncrement(increment: Increment): string {
  const nested = increment.nested ? 'nested ' : '';
  return `${nested}${increment.label} at line ${String(lineOf(increment.node))} (+${String(increment.amount)})`;
}

/** The name node of a function, or the function itself. */
function reportNode(node: Node): Node {
  if (Node.isArrowFunction(node) || Node.isFunctionExpression(node)) {
    const parent = node.getParent();
    if (Node.isVariableDeclaration(parent) || Node.isPropertyDeclaration(parent) || Node.isPropertyAssignment(parent))
      return parent.getNameNode();
  }
  if (Node.isConstructorDeclaration(node)) return node.getFirstChildByKind(SyntaxKind.ConstructorKeyword) ?? node;
  if (
    Node.isFunctionDeclaration(node) ||
    Node.isMethodDeclaration(node) ||
    Node.isGetAccessorDeclaration(node) ||
    Node.isSetAccessorDeclaration(node) ||
    Node.isFunctionExpression(node)
  ) {
    return node.getNameNode() ?? node;
  }
  return node;
}

/**
 * The functions measured as wholes: named functions, methods, accessors,
 * constructors and named arrows that are not inside another measured
 * function (nested functions count towards the function around them).
 * Walks the compiler's nodes; only function-likes are wrapped, to read their names.
 */
function unitsOf(file: SourceFile, project: ProjectView): Unit[] {
  const units: Unit[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionLikeKind(node.kind)) {
      const wrapped = project.wrap(file, node);
      if (functionNameOf(wrapped) !== undefined && hasBody(wrapped)) {
        units.push({ node: wrapped, name: symbolPathOf(wrapped) });
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file.compilerNode);
  return units;
}

/** True when a function-like has a body (overload signatures and abstract methods have none). */
function hasBody(node: Node): boolean {
  return node.getChildrenOfKind(SyntaxKind.Block).length > 0 || Node.isArrowFunction(node);
}

/** Every increment of a function's cognitive complexity, in source order, from its compiler nodes. */
function incrementsOf(unit: Unit): RawIncrement[] {
  const out: RawIncrement[] = [];
  const root = unit.node.compilerNode;
  const sourceFile = unit.node.getSourceFile().compilerNode;
  let recursionCounted = false;
  const add = (
    label: string,
    node: ts.Node,
    nesting: number,
    structural: boolean,
    keyword?: RawIncrement['keyword'],
  ) => {
    out.push({
      label,
      node,
      ...(keyword === undefined ? {} : { keyword }),
      amount: structural ? 1 + nesting : 1,
      nesting,
      nested: structural && nesting > 0,
    });
  };
  const visit = (node: ts.Node, nesting: number): void => {
    if (ts.isIfStatement(node)) {
      visitIf(node, nesting, false);
      return;
    }
    if (ts.isConditionalExpression(node)) {
      add('ternary', node, nesting, true);
      visit(node.condition, nesting);
      visit(node.whenTrue, nesting + 1);
      visit(node.whenFalse, nesting + 1);
      return;
    }
    if (ts.isSwitchStatement(node)) {
      add('`switch`', node, nesting, true);
      visit(node.expression, nesting);
      for (const clause of node.caseBlock.clauses)
        for (const statement of clause.statements) visit(statement, nesting + 1);
      return;
    }
    const loop = loopLabel(node.kind);
    if (loop !== undefined && ts.isIterationStatement(node, false)) {
      add(loop, node, nesting, true);
      // The body nests one level deeper; the header (initializer, condition, iterated value) does not.
      ts.forEachChild(node, (child) => {
        visit(child, child === node.statement ? nesting + 1 : nesting);
      });
      return;
    }
    if (ts.isCatchClause(node)) {
      add('`catch`', node, nesting, true);
      visit(node.block, nesting + 1);
      return;
    }
    if ((ts.isBreakStatement(node) || ts.isContinueStatement(node)) && node.label !== undefined) {
      add(ts.isBreakStatement(node) ? '`break` to a label' : '`continue` to a label', node, nesting, false);
      return;
    }
    if (ts.isBinaryExpression(node) && isLogicalRoot(node) && !isValueDefault(node)) {
      const operators = logicalOperatorsOf(node);
      const sequences = operators.filter((operator, index) => index === 0 || operator !== operators[index - 1]).length;
      out.push({ label: `\`${chainLabel(operators)}\` chain`, node, amount: sequences, nesting, nested: false });
    }
    if (!recursionCounted && ts.isCallExpression(node) && isRecursiveCall(node, unit, sourceFile)) {
      recursionCounted = true;
      add('recursive call', node, nesting, false);
    }
    if (node !== root && isFunctionLikeKind(node.kind)) {
      ts.forEachChild(node, (child) => {
        visit(child, nesting + 1);
      });
      return;
    }
    ts.forEachChild(node, (child) => {
      visit(child, nesting);
    });
  };
  const visitIf = (node: ts.IfStatement, nesting: number, elseIf: boolean): void => {
    if (elseIf) add('`else if`', node, nesting, false, SyntaxKind.IfKeyword);
    else add('`if`', node, nesting, true);
    visit(node.expression, nesting);
    visit(node.thenStatement, nesting + 1);
    const otherwise = node.elseStatement;
    if (otherwise === undefined) return;
    if (ts.isIfStatement(otherwise)) {
      visitIf(otherwise, nesting, true);
      return;
    }
    add('`else`', node, nesting, false, SyntaxKind.ElseKeyword);
    visit(otherwise, nesting + 1);
  };
  ts.forEachChild(root, (child) => {
    visit(child, 0);
  });
  return out;
}

/** The label of a loop statement's kind, or undefined for any other kind. */
function loopLabel(kind: SyntaxKind): string | undefined {
  if (kind === SyntaxKind.ForStatement) return '`for`';
  if (kind === SyntaxKind.ForOfStatement) return '`for…of`';
  if (kind === SyntaxKind.ForInStatement) return '`for…in`';
  if (kind === SyntaxKind.WhileStatement) return '`while`';
  if (kind === SyntaxKind.DoStatement) return '`do…while`';
  return undefined;
}

/** True for a `&&`/`||`/`??` expression that is not itself an operand of another one (parentheses looked through). */
function isLogicalRoot(node: ts.Node): boolean {
  if (!isLogical(node)) return false;
  return !isLogical(parentOutsideParentheses(node));
}

/**
 * True for a `??`-only chain that is the value of an object literal's
 * property (`{ a: raw.a ?? '' }`): a default for a missing value in a flat
 * mapper, which a reader takes in at a glance, not a branch of the logic.
 */
function isValueDefault(node: ts.Node): boolean {
  if (!ts.isPropertyAssignment(parentOutsideParentheses(node))) return false;
  return logicalOperatorsOf(node).every((o) => o === SyntaxKind.QuestionQuestionToken);
}

/** The parent of a node, parentheses around it skipped. */
function parentOutsideParentheses(node: ts.Node): ts.Node {
  let parent = node.parent;
  while (ts.isParenthesizedExpression(parent)) parent = parent.parent;
  return parent;
}

/** True for a binary expression with `&&`, `||` or `??`. */
function isLogical(node: ts.Node): boolean {
  return ts.isBinaryExpression(node) && LOGICAL_OPERATORS.has(node.operatorToken.kind);
}

/** The operators of a flattened logical sequence, in source order; `!(…)` starts a new sequence. */
function logicalOperatorsOf(node: ts.Node): SyntaxKind[] {
  let inner = node;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  if (!ts.isBinaryExpression(inner) || !LOGICAL_OPERATORS.has(inner.operatorToken.kind)) return [];
  return [...logicalOperatorsOf(inner.left), inner.operatorToken.kind, ...logicalOperatorsOf(inner.right)];
}

/** "&&", "&&`/`||" …: the distinct operators of a sequence. */
function chainLabel(operators: readonly SyntaxKind[]): string {
  return [...new Set(operators.map((o) => ts.tokenToString(o) ?? ''))].join('`/`');
}

/** A call of the measured function itself: `name(...)` or `this.name(...)`. */
function isRecursiveCall(call: ts.CallExpression, unit: Unit, file: ts.SourceFile): boolean {
  const callee = call.expression;
  const simpleName = unit.name.split('.').pop() ?? unit.name;
  if (ts.isIdentifier(callee)) return !unit.name.includes('.') && callee.getText(file) === unit.name;
  return (
    ts.isPropertyAccessExpression(callee) &&
    callee.expression.kind === SyntaxKind.ThisKeyword &&
    callee.name.getText(file) === simpleName &&
    Node.isMethodDeclaration(unit.node)
  );
}

/** A nested block worth extracting, with its share of the score. */
interface Block {
  label: string;
  node: Node;
  score: number;
}

/** The nested block with the largest share of the score below the whole, for the recommendation. */
function blockToExtract(unit: Unit, increments: readonly Increment[], score: number): Block {
  const candidates: Block[] = [];
  unit.node.forEachDescendant((node) => {
    const label = blockLabel(node);
    if (label === undefined) return;
    const start = node.getStart();
    const end = node.getEnd();
    const inside = increments
      .filter((i) => i.node.getStart() >= start && i.node.getStart() < end)
      .reduce((sum, i) => sum + i.amount, 0);
    if (inside > 0) candidates.push({ label, node, score: inside });
  });
  const below = candidates.filter((c) => c.score < score);
  const pool = below.length > 0 ? below : candidates;
  const best = pool.reduce<Block | undefined>((a, b) => (a === undefined || b.score > a.score ? b : a), undefined);
  return best ?? { label: 'body', node: unit.node, score };
}

/** What a block is called in the recommendation, or undefined when it is not a block to extract. */
function blockLabel(node: Node): string | undefined {
  if (Node.isIfStatement(node)) {
    const parent = node.getParent();
    return Node.isIfStatement(parent) && parent.getElseStatement() === node ? undefined : '`if` block';
  }
  const loop = loopLabel(node.getKind());
  if (loop !== undefined) return `${loop} loop`;
  if (Node.isSwitchStatement(node)) return '`switch`';
  if (Node.isCatchClause(node)) return '`catch` block';
  if (Node.isTryStatement(node)) return '`try` statement';
  if (Node.isArrowFunction(node) || Node.isFunctionExpression(node)) return 'callback';
  if (isFunctionLike(node)) return 'nested function';
  return undefined;
}
