import { ts } from 'ts-morph';
import type { Node } from 'ts-morph';
import { enclosingFunctionOf } from './_shared/ast/enclosing-function-of.js';
import type { SourceFile } from 'ts-morph';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { FindingDraft } from '../src/model/rule.js';
import type { EditDraft } from '../src/model/edit.js';
import { firstTokenOf } from './_shared/ast/first-token-of.js';
import { MODULE_PATH, symbolPathOf } from './_shared/names.js';

type MessageId = 'deviatingLine' | 'deviatingLines' | 'deviatingFile';

/** How a line is indented: by character, and by width relative to the line that opens its block. */
interface MeasuredLine {
  line: number;
  /** 1-based column where the construct starts. */
  column: number;
  /** Position of the construct's first token (wrapped into a node only when reported). */
  start: number;
  /** Position where the construct's leading trivia (comments, blank lines) starts. */
  pos: number;
  /** Position where the construct ends (the end of a shifted region). */
  end: number;
  /** The line of the `{` (or `case`) the step is measured from, when it was usable. */
  ref: number | undefined;
  file: SourceFile;
  /** 'tab', 'space' or 'mixed' (tabs and spaces together). */
  chars: 'tab' | 'space' | 'mixed';
  /** Spaces added relative to the line holding the enclosing `{`, when both are indented with spaces only. */
  step: number | undefined;
}

/** A file's indentation: its majority and every measured line. */
interface FileIndentation {
  file: SourceFile;
  lines: MeasuredLine[];
  /** Majority character among indented lines, undefined on a tie or with nothing indented. */
  chars: 'tab' | 'space' | undefined;
  charCounts: { tab: number; space: number };
  /** Majority step among space-indented lines, undefined on a tie. */
  unit: number | undefined;
  unitCount: number;
  stepTotal: number;
}

/** A run of consecutive deviating lines, reported once. */
interface Block {
  lines: MeasuredLine[];
  /** What the block uses, e.g. "4 spaces per level" or "tabs". */
  style: string;
}

/**
 * Share of files that must use one style before the others are called out: a
 * 60/40 split is two conventions (hand-written and generated code, say), not
 * a few files that strayed.
 */
const PROJECT_MAJORITY_SHARE = 0.75;

/** Fewest files with a clear style before the project's majority is compared. */
const MIN_FILES_FOR_PROJECT_STYLE = 3;

export default defineRule({
  meta: {
    id: 'inconsistent-indentation',
    description: 'Enforce one indentation style within a file and across the project',
    category: 'style',
    defaultSeverity: 'info',
    stability: 'experimental',
    scope: 'project',
    needsTypeChecker: false,
    skipFiles: ['generated'],
    title: 'Inconsistent indentation',
    rationale:
      'Indentation is how readers see structure; a block indented differently from the code around it reads as belonging somewhere else, and mixed styles make every diff noisier.',
    messages: {
      deviatingLine: {
        message:
          'Line {{first}} is indented with {{style}}; {{majority}} of {{total}} indented lines of this file use {{majorityStyle}}.',
        recommendation: "Re-indent line {{first}} with {{majorityStyle}}, or run the project's formatter on the file.",
      },
      deviatingLines: {
        message:
          'Lines {{first}}–{{last}} are indented with {{style}}; {{majority}} of {{total}} indented lines of this file use {{majorityStyle}}.',
        recommendation:
          "Re-indent lines {{first}}–{{last}} with {{majorityStyle}}, or run the project's formatter on the file.",
      },
      deviatingFile: {
        message:
          'File `{{file}}` is indented with {{style}}; {{majority}} of {{total}} files of the project use {{majorityStyle}}.',
        recommendation: "Re-indent `{{file}}` with {{majorityStyle}}, or run the project's formatter on it.",
      },
    },
    options: NO_OPTIONS,
  },
  *check({ files, project }) {
    const measured = files.map(measureFile);
    for (const indentation of measured) yield* deviatingBlocks(indentation);
    yield* deviatingFiles(measured, (file) => project.relativePath(file));
  },
});

/** One finding per run of lines that deviate from the file's majority. */
function* deviatingBlocks(indentation: FileIndentation): Generator<FindingDraft<MessageId>> {
  for (const block of blocksOf(indentation)) {
    const first = block.lines[0];
    const last = block.lines[block.lines.length - 1];
    if (first === undefined || last === undefined) continue;
    const counts = majorityCounts(indentation, block);
    yield {
      node: tokenAt(first),
      messageId: first.line === last.line ? 'deviatingLine' : 'deviatingLines',
      symbol: {
        path: symbolPathOf(enclosingFunctionOf(tokenAt(first)) ?? first.file),
        qualifier: block.style,
      },
      data: { first: first.line, last: last.line, style: block.style, ...counts },
      evidence: block.lines.map((l) => ({ note: `indented with ${describeLine(l)}`, node: tokenAt(l) })),
      ...shiftFixOf(block, indentation),
    };
  }
}

/**
 * The safe fix of a shifted region: a block whose lines all sit the same number of spaces off the file's
 * step, with everything nested in them consistent, moves back by that number, its nested lines, comments
 * and closing braces along with it. Only leading spaces change, so what the code does cannot. Nothing is
 * offered when the region holds a tab, a line a move would not bring to the file's step, or a string,
 * template or JSX text over several lines (whose leading spaces are content).
 */
function shiftFixOf(block: Block, indentation: FileIndentation): { fix?: EditDraft[] } {
  const first = block.lines[0];
  const last = block.lines[block.lines.length - 1];
  const unit = indentation.unit;
  if (first?.step === undefined || last === undefined || unit === undefined || indentation.chars !== 'space') return {};
  const delta = first.step - unit;
  const sf = first.file.compilerNode;
  const startLine = commentedStartLine(sf, first);
  const endLine = ts.getLineAndCharacterOfPosition(sf, last.end).line + 1;
  const inRegion = (line: number | undefined): boolean => line !== undefined && line >= startLine && line <= endLine;
  const lands = indentation.lines
    .filter((l) => inRegion(l.line))
    .every((l) => l.step !== undefined && (inRegion(l.ref) ? l.step === unit : l.step - delta === unit));
  const starts = sf.getLineStarts();
  const start = starts[startLine - 1] ?? 0;
  const end = starts[endLine] ?? sf.text.length;
  if (!lands || hasMultiLineText(sf, start, end)) return {};
  const moved = sf.text
    .slice(start, end)
    .split('\n')
    .map((line) => shiftLine(line, delta));
  if (moved.some((line) => line === undefined)) return {};
  return { fix: [{ sourceFile: first.file, start, end, text: moved.join('\n') }] };
}

/**
 * The first line of a construct with the comments right above it that are indented as it is (its JSDoc,
 * say): they were shifted with it.
 */
function commentedStartLine(sf: ts.SourceFile, line: MeasuredLine): number {
  const indent = leadingWhitespace(sf.text.slice(sf.getLineStarts()[line.line - 1] ?? 0));
  let first = line.line;
  for (const comment of [...(ts.getLeadingCommentRanges(sf.text, line.pos) ?? [])].reverse()) {
    const at = ts.getLineAndCharacterOfPosition(sf, comment.pos);
    const ownLine = sf.text.slice(sf.getLineStarts()[at.line] ?? 0, comment.pos);
    if (ownLine !== indent || at.line + 1 >= first) break;
    first = at.line + 1;
  }
  return first;
}

/** A line moved left (`delta` > 0) or right by `delta` spaces; blank lines stay; undefined when it cannot move. */
function shiftLine(line: string, delta: number): string | undefined {
  if (/^[ \t]*\r?$/.test(line)) return line;
  const spaces = leadingWhitespace(line);
  if (spaces.includes('\t')) return undefined;
  if (delta < 0) return ' '.repeat(-delta) + line;
  return spaces.length >= delta ? line.slice(delta) : undefined;
}

/** True when a string, template or JSX text between two positions spans lines: its leading spaces are content. */
function hasMultiLineText(sf: ts.SourceFile, start: number, end: number): boolean {
  const stack: ts.Node[] = [sf];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.end <= start || node.pos >= end) continue;
    const literal =
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateExpression(node) ||
      ts.isJsxText(node);
    if (literal && node.getText(sf).includes('\n')) return true;
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return false;
}

/** The majority the block is compared with, and how many lines follow it. */
function majorityCounts(
  indentation: FileIndentation,
  block: Block,
): { majority: number; total: number; majorityStyle: string } {
  const isCharDeviation = block.style === 'tabs' || block.style === 'spaces' || block.style === 'tabs and spaces';
  if (isCharDeviation || indentation.unit === undefined) {
    const { tab, space } = indentation.charCounts;
    return indentation.chars === 'tab'
      ? { majority: tab, total: tab + space + mixedCount(indentation), majorityStyle: 'tabs' }
      : { majority: space, total: tab + space + mixedCount(indentation), majorityStyle: 'spaces' };
  }
  return {
    majority: indentation.unitCount,
    total: indentation.stepTotal,
    majorityStyle: spacesPerLevel(indentation.unit),
  };
}

/** Lines indented with both tabs and spaces. */
function mixedCount(indentation: FileIndentation): number {
  return indentation.lines.filter((l) => l.chars === 'mixed').length;
}

/** "2 spaces per level", "1 space per level". */
function spacesPerLevel(width: number): string {
  return `${String(width)} ${width === 1 ? 'space' : 'spaces'} per level`;
}

/** How one deviating line is indented, for evidence. */
function describeLine(line: MeasuredLine): string {
  if (line.chars !== 'space' || line.step === undefined) return charsLabel(line.chars);
  return spacesPerLevel(line.step);
}

/** "tabs", "spaces", "tabs and spaces". */
function charsLabel(chars: MeasuredLine['chars']): string {
  if (chars === 'tab') return 'tabs';
  if (chars === 'space') return 'spaces';
  return 'tabs and spaces';
}

/** The style a line deviates with, or undefined when it follows the file's majority. */
function deviationOf(line: MeasuredLine, indentation: FileIndentation): string | undefined {
  if (indentation.chars === 'space' && line.chars !== 'space') return charsLabel(line.chars);
  if (indentation.chars === 'tab' && line.chars !== 'tab') return charsLabel(line.chars);
  if (
    indentation.chars === 'space' &&
    indentation.unit !== undefined &&
    line.step !== undefined &&
    line.step > 0 &&
    line.step !== indentation.unit
  ) {
    return spacesPerLevel(line.step);
  }
  return undefined;
}

/**
 * Runs of deviating lines. A line that follows the majority ends a run unless
 * it is nested deeper than the run (the body of a shifted member measures
 * right against its own brace, but belongs to the same shifted region).
 */
function blocksOf(indentation: FileIndentation): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  for (const line of indentation.lines) {
    const style = deviationOf(line, indentation);
    if (style === undefined) {
      if (isCountedLine(line) && (current === undefined || columnOf(line) <= columnOf(current.lines[0] ?? line)))
        current = undefined;
      continue;
    }
    if (current?.style === style) {
      current.lines.push(line);
    } else {
      current = { lines: [line], style };
      blocks.push(current);
    }
  }
  return blocks;
}

/** The 1-based column where a measured line's construct starts. */
function columnOf(line: MeasuredLine): number {
  return line.column;
}

/** The first token of a measured line's construct, as a node to report. */
function tokenAt(line: MeasuredLine): Node {
  return line.file.getDescendantAtPos(line.start) ?? line.file;
}

/** True when a line's indentation was compared (it counts as following the majority). */
function isCountedLine(line: MeasuredLine): boolean {
  return line.chars !== 'space' || line.step === undefined || line.step > 0;
}

/** One finding per file whose own style differs from the style most files of the project use. */
function* deviatingFiles(
  measured: readonly FileIndentation[],
  relativePath: (file: SourceFile) => string,
): Generator<FindingDraft<MessageId>> {
  const styled = measured
    .map((m) => ({ m, style: fileStyle(m) }))
    .filter((x): x is { m: FileIndentation; style: string } => x.style !== undefined);
  if (styled.length < MIN_FILES_FOR_PROJECT_STYLE) return;
  const counts = new Map<string, number>();
  for (const { style } of styled) counts.set(style, (counts.get(style) ?? 0) + 1);
  const [majorityStyle, majority] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (majority < styled.length * PROJECT_MAJORITY_SHARE) return;
  for (const { m, style } of styled) {
    if (style === majorityStyle) continue;
    const node = firstToken(m.file);
    if (node === undefined) continue;
    yield {
      node,
      messageId: 'deviatingFile',
      symbol: { path: MODULE_PATH, qualifier: style },
      data: { file: relativePath(m.file), style, majority, total: styled.length, majorityStyle },
    };
  }
}

/** A file's style: "tabs" or "N spaces per level", when it has a clear majority. */
function fileStyle(indentation: FileIndentation): string | undefined {
  if (indentation.chars === 'tab') return 'tabs';
  if (indentation.chars === 'space' && indentation.unit !== undefined) return spacesPerLevel(indentation.unit);
  return undefined;
}

/** The first token of a file (line 1 unless the file opens with comments or blank lines). */
function firstToken(file: SourceFile): Node | undefined {
  const statement = file.getStatements()[0];
  return statement === undefined ? undefined : firstTokenOf(statement);
}

/**
 * Measures every line that starts a statement, member, property, case or
 * enum member. One iterative walk over the compiler's nodes (no ts-morph
 * wrappers, no recursion), positions from the file's line map; template
 * literals and JSX are not entered, since their layout follows the markup.
 */
function measureFile(file: SourceFile): FileIndentation {
  const sf = file.compilerNode;
  const texts = sf.text.split(/\r?\n/);
  const byLine = new Map<number, MeasuredLine>();
  const openers = new Set<number>();
  const candidates: { node: ts.Node; container: ts.Node; line: number; column: number }[] = [];
  const stack: ts.Node[] = [];
  ts.forEachChild(sf, (child) => {
    stack.push(child);
  });
  stack.reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (isTemplateOrJsx(node)) continue;
    const children: ts.Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as ts.Node);
    const container = containerOf(node);
    if (container === undefined) continue;
    const start = node.getStart(sf);
    const { line, character } = ts.getLineAndCharacterOfPosition(sf, start);
    const text = texts[line] ?? '';
    if (text.slice(0, character).trim() !== '') continue;
    openers.add(line + 1);
    if (!ts.isSourceFile(container)) candidates.push({ node, container, line: line + 1, column: character + 1 });
  }
  for (const { node, container, line, column } of candidates) {
    if (byLine.has(line)) continue;
    const indent = leadingWhitespace(texts[line - 1] ?? '');
    if (indent === '') continue;
    const opening = ts.getLineAndCharacterOfPosition(sf, openingPosition(container, sf));
    const refLine = opening.line + 1;
    if (refLine === line) continue;
    const refText = texts[refLine - 1] ?? '';
    const opensLine =
      ts.isCaseClause(container) || ts.isDefaultClause(container) || endsLine(refText.slice(opening.character + 1));
    const refUsable = opensLine && (openers.has(refLine) || (ts.isBlock(container) && /^\s*[})]/.test(refText)));
    const refIndent = leadingWhitespace(refText);
    const step =
      refUsable && /^ +$/.test(indent) && /^ *$/.test(refIndent) ? indent.length - refIndent.length : undefined;
    byLine.set(line, {
      line,
      column,
      start: node.getStart(sf),
      pos: node.pos,
      end: node.getEnd(),
      ref: step === undefined ? undefined : refLine,
      file,
      chars: charsOf(indent),
      step,
    });
  }
  const lines = [...byLine.values()].sort((a, b) => a.line - b.line);
  return summarise(file, lines);
}

/** Majorities of a file's measured lines. */
function summarise(file: SourceFile, lines: MeasuredLine[]): FileIndentation {
  const tab = lines.filter((l) => l.chars === 'tab').length;
  const space = lines.filter((l) => l.chars === 'space').length;
  const chars = tab > space ? 'tab' : space > tab ? 'space' : undefined;
  const steps = new Map<number, number>();
  for (const l of lines)
    if (l.chars === 'space' && l.step !== undefined && l.step > 0) steps.set(l.step, (steps.get(l.step) ?? 0) + 1);
  const ranked = [...steps.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const top = ranked[0];
  const second = ranked[1];
  const unit = top !== undefined && (second === undefined || top[1] > second[1]) ? top[0] : undefined;
  const stepTotal = [...steps.values()].reduce((a, b) => a + b, 0);
  return { file, lines, chars, charCounts: { tab, space }, unit, unitCount: top?.[1] ?? 0, stepTotal };
}

/** The block-like node a line-starting construct sits in, or undefined when the node is not one. */
function containerOf(node: ts.Node): ts.Node | undefined {
  const parent = node.parent;
  if (ts.isBlock(parent) || ts.isModuleBlock(parent) || ts.isSourceFile(parent))
    return node.kind === ts.SyntaxKind.EndOfFileToken ? undefined : parent;
  if (ts.isCaseClause(parent) || ts.isDefaultClause(parent))
    return ts.isCaseClause(parent) && parent.expression === node ? undefined : parent;
  if (ts.isCaseBlock(parent)) return ts.isCaseClause(node) || ts.isDefaultClause(node) ? parent : undefined;
  if (ts.isClassDeclaration(parent) || ts.isClassExpression(parent)) return isClassMember(node) ? parent : undefined;
  if (ts.isObjectLiteralExpression(parent)) return isObjectMember(node) ? parent : undefined;
  if (ts.isInterfaceDeclaration(parent) || ts.isTypeLiteralNode(parent))
    return ts.isTypeElement(node) ? parent : undefined;
  if (ts.isEnumDeclaration(parent)) return ts.isEnumMember(node) ? parent : undefined;
  return undefined;
}

/** True for the members of a class body. */
function isClassMember(node: ts.Node): boolean {
  return (
    ts.isPropertyDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isIndexSignatureDeclaration(node) ||
    ts.isClassStaticBlockDeclaration(node)
  );
}

/** True for the members of an object literal. */
function isObjectMember(node: ts.Node): boolean {
  return (
    ts.isPropertyAssignment(node) ||
    ts.isShorthandPropertyAssignment(node) ||
    ts.isSpreadAssignment(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

/** Where a container opens: its `{` (just before its members), or the `case` keyword of a clause. */
function openingPosition(container: ts.Node, sf: ts.SourceFile): number {
  if (
    ts.isClassDeclaration(container) ||
    ts.isClassExpression(container) ||
    ts.isInterfaceDeclaration(container) ||
    ts.isEnumDeclaration(container)
  ) {
    return container.members.pos - 1;
  }
  return container.getStart(sf);
}

/** Template literals and JSX, whose contents are laid out by the markup, not by the code's indentation. */
function isTemplateOrJsx(node: ts.Node): boolean {
  return (
    ts.isTemplateExpression(node) ||
    ts.isTaggedTemplateExpression(node) ||
    ts.isJsxElement(node) ||
    ts.isJsxFragment(node) ||
    ts.isJsxSelfClosingElement(node)
  );
}

/** True when what follows an opening brace on its line is blank or a comment: members start on the next lines, not aligned after it. */
function endsLine(rest: string): boolean {
  const trimmed = rest.trim();
  return trimmed === '' || trimmed.startsWith('//') || trimmed.startsWith('/*');
}

/** The spaces and tabs a line starts with. */
function leadingWhitespace(text: string): string {
  return /^[ \t]*/.exec(text)?.[0] ?? '';
}

/** Which characters an indentation uses. */
function charsOf(indent: string): MeasuredLine['chars'] {
  if (/^\t+$/.test(indent)) return 'tab';
  if (/^ +$/.test(indent)) return 'space';
  return 'mixed';
}
