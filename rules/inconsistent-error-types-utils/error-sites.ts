/**
 * The thrown and rejected errors of a module whose message is literal text,
 * normalised so that one failure written twice is one message.
 */
import { Node, SyntaxKind, ts } from 'ts-morph';
import type { ClassDeclaration, ConstructorDeclaration, Expression, SourceFile } from 'ts-morph';
import type { ProjectView } from '../../src/model/project-view.js';
import { skipOuterCompilerExpressions, skipOuterExpressions } from '../_shared/ast/skip-outer-expressions.js';
import { placeOf } from './places.js';
import type { Place } from './places.js';

/** One `throw new X('…')` (or `Promise.reject(new X('…'))`) with a message built from literal text. */
export interface ErrorSite {
  /** The `new X(…)` or `X(…)` expression. */
  node: Node;
  errorClass: string;
  /** Lower-case message with numbers, quoted values and interpolations replaced by placeholders. */
  normalised: string;
  /** The message as written, interpolations shown as `${…}`. */
  display: string;
  /** The enclosing function or method. */
  where: Place;
  /** Classes the error class extends (`['LookupError', 'Error']`). */
  ancestors: string[];
}

/**
 * The sites of the class the others should follow: a class that extends
 * another one in the group wins over its ancestor (`NotFoundError` over
 * `Error`: the subclass was made for this failure); between unrelated
 * classes, the more frequent one, and on a tie the one thrown first.
 */
export function preferredClassSites(byClass: Map<string, ErrorSite[]>): ErrorSite[] {
  let best: ErrorSite[] = [];
  for (const sites of byClass.values()) {
    if (best.length === 0 || prefers(sites, best)) best = sites;
  }
  return best;
}

/** True when the class of `a` should be followed rather than that of `b`. */
function prefers(a: readonly ErrorSite[], b: readonly ErrorSite[]): boolean {
  const [siteA] = a;
  const [siteB] = b;
  if (siteA === undefined || siteB === undefined) return false;
  if (siteA.ancestors.includes(siteB.errorClass)) return true;
  if (siteB.ancestors.includes(siteA.errorClass)) return false;
  return a.length > b.length;
}

/** Names of the classes an error class extends, nearest first, as far as their declarations are in the project (`Error` included). */
function ancestorsOf(callee: Node): string[] {
  const out: string[] = [];
  let declaration = classDeclarationOf(callee);
  while (declaration !== undefined && out.length < 10) {
    const heritage = declaration.getExtends();
    if (heritage === undefined) break;
    const base = heritage.getExpression();
    out.push(base.getText());
    declaration = classDeclarationOf(base);
  }
  return out;
}

/** Built-in errors whose message is not their first argument: `new AggregateError(errors, message)`. */
const BUILT_IN_MESSAGE_INDEX: Readonly<Record<string, number>> = { AggregateError: 1, SuppressedError: 2 };

/**
 * Which argument of `new X(…)` is the error's message: the one the class's
 * constructor passes on as its base's message. `class ListError extends
 * Error { constructor(public code: string, message: string) { super(message); } }`
 * takes its message second; its first argument is a code. Undefined when
 * that cannot be told (the message is fixed in the class, or built).
 */
function messageArgumentIndexOf(callee: Node, depth: number): number | undefined {
  const declaration = classDeclarationOf(callee);
  if (declaration === undefined) return BUILT_IN_MESSAGE_INDEX[callee.getText()] ?? 0;
  const base = declaration.getExtends()?.getExpression();
  if (base === undefined || depth > 10) return undefined;
  const baseIndex = messageArgumentIndexOf(base, depth + 1);
  const [constructor] = declaration.getConstructors();
  if (constructor === undefined || baseIndex === undefined) return baseIndex;
  if (!constructor.hasBody()) return parameterIndexOf(constructor, (name) => name === 'message' || name === 'msg');
  const superCall = constructor
    .getStatements()
    .map((statement) => (Node.isExpressionStatement(statement) ? statement.getExpression() : undefined))
    .find((call) => Node.isCallExpression(call) && call.getExpression().getKind() === ts.SyntaxKind.SuperKeyword);
  if (superCall === undefined || !Node.isCallExpression(superCall)) return undefined;
  const passed = superCall.getArguments()[baseIndex];
  if (passed === undefined || !Node.isIdentifier(passed)) return undefined;
  return parameterIndexOf(constructor, (name) => name === passed.getText());
}

/** The position of the first parameter whose name matches, if any. */
function parameterIndexOf(
  constructor: ConstructorDeclaration,
  isWanted: (name: string) => boolean,
): number | undefined {
  const index = constructor.getParameters().findIndex((parameter) => isWanted(parameter.getName()));
  return index === -1 ? undefined : index;
}

/** The class declaration an expression names, through imports; undefined for built-ins and unresolved names. */
function classDeclarationOf(expression: Node): ClassDeclaration | undefined {
  const symbol = expression.getSymbol();
  const target = symbol?.getAliasedSymbol() ?? symbol;
  return target?.getDeclarations().find((d) => Node.isClassDeclaration(d));
}

/** Every thrown or rejected error of the file whose message is built from literal text with at least two words. */
export function errorSitesOf(file: SourceFile, project: ProjectView): ErrorSite[] {
  const out: ErrorSite[] = [];
  for (const statement of project.nodesOf(file, ts.SyntaxKind.ThrowStatement)) {
    if (!ts.isThrowStatement(statement) || !mayBeErrorSite(statement.expression)) continue;
    const expression = project.wrap(file, statement.expression);
    const site = Node.isExpression(expression) ? errorSiteOf(expression) : undefined;
    if (site !== undefined) out.push(site);
  }
  for (const call of project.nodesOf(file, ts.SyntaxKind.CallExpression)) {
    if (!ts.isCallExpression(call) || !isPromiseReject(call, file.compilerNode)) continue;
    const [arg] = call.arguments;
    if (arg === undefined || !mayBeErrorSite(arg)) continue;
    const wrapped = project.wrap(file, arg);
    const site = Node.isExpression(wrapped) ? errorSiteOf(wrapped) : undefined;
    if (site !== undefined) out.push(site);
  }
  return out.sort((a, b) => a.node.getStart() - b.node.getStart());
}

/** `Promise.reject(…)`, as written (the callee's text is `Promise.reject`). */
function isPromiseReject(call: ts.CallExpression, file: ts.SourceFile): boolean {
  const callee = call.expression;
  return (
    ts.isPropertyAccessExpression(callee) && callee.name.text === 'reject' && callee.getText(file) === 'Promise.reject'
  );
}

/** The syntactic test `errorSiteOf` starts with, on the compiler's node: `new X(…)` or `X(…)`, under the wrappers `skipOuterExpressions` takes off. */
function mayBeErrorSite(expression: ts.Expression): boolean {
  const inner = skipOuterCompilerExpressions(expression);
  return ts.isNewExpression(inner) || ts.isCallExpression(inner);
}

/** The error site of `new X(message)` or `X(message)` where X names an error class; undefined otherwise. */
function errorSiteOf(raw: Expression): ErrorSite | undefined {
  const expression = skipOuterExpressions(raw);
  if (!Node.isNewExpression(expression) && !Node.isCallExpression(expression)) return undefined;
  const callee = expression.getExpression();
  const errorClass = callee.getText();
  if (!/(Error|Exception)$/.test(errorClass)) return undefined;
  const index = messageArgumentIndexOf(callee, 0);
  if (index === undefined) return undefined;
  const message = expression.getArguments()[index];
  if (message === undefined || !Node.isExpression(message)) return undefined;
  const parts = messagePartsOf(message);
  if (parts === undefined) return undefined;
  const normalised = normaliseMessage(parts);
  if (literalWordCount(normalised) < 2) return undefined;
  return {
    node: expression,
    errorClass,
    normalised,
    display: displayOf(parts),
    where: placeOf(expression),
    ancestors: ancestorsOf(callee),
  };
}

/** The message as literal text and holes (`undefined` entries); undefined when it is not built from literals. */
function messagePartsOf(expression: Expression): (string | undefined)[] | undefined {
  const node = skipOuterExpressions(expression);
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return [node.getLiteralText()];
  if (Node.isTemplateExpression(node)) {
    const parts: (string | undefined)[] = [node.getHead().getLiteralText()];
    for (const span of node.getTemplateSpans()) parts.push(undefined, span.getLiteral().getLiteralText());
    return parts;
  }
  if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.PlusToken) {
    const left = messagePartsOf(node.getLeft());
    if (left === undefined) return undefined;
    const right = messagePartsOf(node.getRight()) ?? [undefined];
    return [...left, ...right];
  }
  return undefined;
}

/**
 * Lower-case text where numbers become `#`, quoted values and
 * interpolations become `{}`, runs of white space one space, and trailing
 * punctuation is dropped: "Provider '7' not found." and
 * `Provider ${id} not found` are one message.
 */
function normaliseMessage(parts: readonly (string | undefined)[]): string {
  return parts
    .map((part) => (part === undefined ? '{}' : part))
    .join('')
    .toLowerCase()
    .replace(/'[^']*'|"[^"]*"|`[^`]*`/g, '{}')
    .replace(/\d+(\.\d+)?/g, '#')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.!:;,]+$/, '');
}

/** Words of two or more letters outside placeholders. */
function literalWordCount(normalised: string): number {
  return normalised
    .replace(/\{\}/g, ' ')
    .split(/[^a-z]+/)
    .filter((word) => word.length >= 2).length;
}

/** The message as written, holes shown as `${…}` and double quotes and backticks as single quotes, cut to 80 characters. */
function displayOf(parts: readonly (string | undefined)[]): string {
  const text = parts
    .map((part) => (part === undefined ? '${…}' : part))
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/["`]/g, "'")
    .trim();
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
