import { ts } from 'ts-morph';
import type { Node, SourceFile } from 'ts-morph';
import type { ProjectView } from '../../../src/model/project-view.js';
import { syntacticBindingOf, wholeDeclarationOf } from '../name-binding.js';
import { syntacticUsesOf } from '../local-uses.js';
import { skipOuterCompilerExpressions } from '../ast/skip-outer-expressions.js';
import { matchesOnlySafeText, rejectsOnlyUnsafeText } from './safe-pattern.js';

/**
 * True when an identifier reads a value that a check earlier in its function
 * bounded to safe text (letters, digits and `_ - . / : , + @`, as
 * `matchesOnlySafeText` reads a pattern): the read is in the function's own
 * code (no function nested between), names one of its plain parameters or a
 * variable its body declares by a statement of its own, never written after
 * its declaration, and a statement of the function's body between that
 * declaration and the statement holding the read throws unless the value is
 * such text:
 * - `if (/[^\w-]/.test(name)) throw …;` or `if (name.match(/[^\w]/)) throw …;`:
 *   a match of one character outside a class of safe characters throws
 *   (`rejectsOnlyUnsafeText`);
 * - `if (!/^[\w-]+$/.test(name)) throw …;` or `if (!name.match(…))`: a value
 *   the anchored pattern does not match whole throws;
 * - `check(name);`, a call of a function its module declares (never written,
 *   not `async` nor a generator, whose throw would not reach the caller) whose
 *   whole body is one such `if` on the parameter it is given the value in
 *   (network's `function ensure_valid_nic(str) { if (str.match(/[^\w]/))
 *   throw new Error(…); }`).
 * A function body's statements run in order, so the read runs only once the
 * check has passed; the top level of a module is read the same way. Code that
 * names `arguments` or `eval` is left alone (a sloppy function's
 * `arguments[0] = …` writes its parameter; a direct `eval`, any name). A value
 * whose own `match`, `toString` or `valueOf` says otherwise than its text (an
 * object made to pass the check) is not considered.
 */
export function isCheckedSafe(view: ProjectView, identifier: Node): boolean {
  const read = identifier.compilerNode;
  if (!ts.isIdentifier(read)) return false;
  const file = identifier.getSourceFile();
  const nameNode = wholeBindingOf(view, file, read);
  if (nameNode === undefined) return false;
  const uses = syntacticUsesOf(view, file, nameNode);
  if (uses === undefined || uses.writes.length > 0) return false;
  const body = statementsAround(read);
  if (body === undefined) return false;
  const { statements, at } = body;
  // A sloppy function's `arguments[0] = …` writes its first parameter, and a direct `eval` any name in reach.
  const code = statements[0]?.parent.getText() ?? '';
  if (/\barguments\b|\beval\b/.test(code)) return false;
  const declaredAt = declarationIndexOf(nameNode, statements);
  if (declaredAt === undefined) return false;
  const isValue = (node: ts.Node): boolean =>
    ts.isIdentifier(node) && node.text === read.text && wholeBindingOf(view, file, node) === nameNode;
  for (let i = declaredAt + 1; i < at; i++) {
    const statement = statements[i];
    if (statement !== undefined && checksStatement(view, file, statement, isValue)) return true;
  }
  return false;
}

/**
 * The statements of the function (or module) whose own code holds a read, and the index of the one that holds
 * it; undefined when a function nested in another holds it between (its code may run before the check), or the
 * function has no block body.
 */
function statementsAround(read: ts.Node): { statements: readonly ts.Statement[]; at: number } | undefined {
  let statement: ts.Node = read;
  for (let at = read.parent; ; at = at.parent) {
    if (ts.isSourceFile(at)) return indexed(at.statements, statement);
    if (ts.isBlock(at) && ts.isFunctionLike(at.parent)) return indexed(at.statements, statement);
    if (ts.isFunctionLike(at) || ts.isClassLike(at)) return undefined;
    statement = at;
  }
}

/** The statements and the index of one of them; undefined when it is not one (a block function's parameter list). */
function indexed(
  statements: readonly ts.Statement[],
  statement: ts.Node,
): { statements: readonly ts.Statement[]; at: number } | undefined {
  const at = statements.indexOf(statement as ts.Statement);
  return at < 0 ? undefined : { statements, at };
}

/**
 * Where in the statements a binding gets its value: -1 for a parameter of the function they are the body of,
 * the index of the variable statement that declares it; undefined when neither.
 */
function declarationIndexOf(nameNode: ts.Node, statements: readonly ts.Statement[]): number | undefined {
  const declaration = nameNode.parent;
  if (ts.isParameter(declaration)) {
    const body = statements[0]?.parent;
    return body !== undefined && ts.isBlock(body) && body.parent === declaration.parent ? -1 : undefined;
  }
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer === undefined) return undefined;
  const index = statements.indexOf(declaration.parent.parent);
  return index < 0 ? undefined : index;
}

/**
 * The declared name of the plain parameter or variable an identifier names, when syntax settles it as one of its
 * file's bindings (`wholeDeclarationOf`): one name, not destructured, not a rest parameter.
 */
function wholeBindingOf(view: ProjectView, file: SourceFile, identifier: ts.Identifier): ts.Node | undefined {
  const declaration = wholeDeclarationOf(view, file, identifier);
  if (declaration === undefined || (ts.isParameter(declaration) && declaration.dotDotDotToken !== undefined))
    return undefined;
  return declaration.name;
}

/** True for a statement that throws unless the value `isValue` names is safe text (see `isCheckedSafe`). */
function checksStatement(
  view: ProjectView,
  file: SourceFile,
  statement: ts.Statement,
  isValue: (node: ts.Node) => boolean,
): boolean {
  if (ts.isIfStatement(statement)) return throwsUnlessSafe(statement, isValue);
  if (!ts.isExpressionStatement(statement)) return false;
  const call = skipOuterCompilerExpressions(statement.expression);
  if (!ts.isCallExpression(call) || call.questionDotToken !== undefined || !ts.isIdentifier(call.expression))
    return false;
  const checker = checkFunctionOf(view, file, call.expression);
  if (checker === undefined) return false;
  const [only] = checker.body.statements;
  if (checker.body.statements.length !== 1 || only === undefined || !ts.isIfStatement(only)) return false;
  return call.arguments.some((argument, index) => {
    const parameter = checker.parameters[index];
    if (!isValue(argument) || parameter === undefined || !ts.isIdentifier(parameter.name)) return false;
    if (parameter.dotDotDotToken !== undefined || parameter.initializer !== undefined) return false;
    if (call.arguments.slice(0, index).some(ts.isSpreadElement)) return false;
    const uses = syntacticUsesOf(view, file, parameter.name);
    if (uses === undefined || uses.writes.length > 0) return false;
    return throwsUnlessSafe(only, (node) => ts.isIdentifier(node) && uses.reads.some((u) => u.compilerNode === node));
  });
}

/**
 * The function declaration a called name stands for, when syntax settles it: declared in the file, never written,
 * neither `async` nor a generator (whose throw would reject or wait instead of reaching the caller), with a body.
 */
function checkFunctionOf(
  view: ProjectView,
  file: SourceFile,
  callee: ts.Identifier,
): (ts.FunctionDeclaration & { body: ts.Block }) | undefined {
  const binding = syntacticBindingOf(view, file, callee);
  if (binding?.kind !== 'local') return undefined;
  const declaration = binding.declaration.parent;
  if (!ts.isFunctionDeclaration(declaration) || declaration.body === undefined) return undefined;
  if (declaration.asteriskToken !== undefined || ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Async)
    return undefined;
  const uses = syntacticUsesOf(view, file, binding.declaration);
  if (uses === undefined || uses.writes.length > 0) return undefined;
  return declaration as ts.FunctionDeclaration & { body: ts.Block };
}

/**
 * True for `if (test) throw …;` (no `else`) whose test is true for every value `isValue` names that is not safe
 * text: a match of one unsafe character (`/[^\w]/.test(v)`, `v.match(/[^\w]/)`), or no whole match of an anchored
 * pattern of safe text (`!/^[\w-]+$/.test(v)`, `!v.match(…)`).
 */
function throwsUnlessSafe(statement: ts.IfStatement, isValue: (node: ts.Node) => boolean): boolean {
  if (statement.elseStatement !== undefined || !throwsAlone(statement.thenStatement)) return false;
  const test = skipOuterCompilerExpressions(statement.expression);
  if (ts.isPrefixUnaryExpression(test) && test.operator === ts.SyntaxKind.ExclamationToken) {
    const pattern = patternTestedOn(skipOuterCompilerExpressions(test.operand), isValue);
    return pattern !== undefined && isWholeSafePattern(pattern);
  }
  const pattern = patternTestedOn(test, isValue);
  return pattern !== undefined && isUnsafeCharacterPattern(pattern);
}

/** `throw …;`, alone or as the only statement of a block. */
function throwsAlone(statement: ts.Statement): boolean {
  if (ts.isThrowStatement(statement)) return true;
  if (!ts.isBlock(statement) || statement.statements.length !== 1) return false;
  const [only] = statement.statements;
  return only !== undefined && ts.isThrowStatement(only);
}

/** The regular expression literal of `/re/.test(v)` or `v.match(/re/)`, for the value `isValue` names. */
function patternTestedOn(
  test: ts.Expression,
  isValue: (node: ts.Node) => boolean,
): ts.RegularExpressionLiteral | undefined {
  if (!ts.isCallExpression(test) || test.questionDotToken !== undefined || test.arguments.length !== 1)
    return undefined;
  const callee = test.expression;
  const [argument] = test.arguments;
  if (!ts.isPropertyAccessExpression(callee) || callee.questionDotToken !== undefined || argument === undefined)
    return undefined;
  const receiver = skipOuterCompilerExpressions(callee.expression);
  const given = skipOuterCompilerExpressions(argument);
  if (callee.name.text === 'test' && ts.isRegularExpressionLiteral(receiver) && isValue(given)) return receiver;
  if (callee.name.text === 'match' && isValue(receiver) && ts.isRegularExpressionLiteral(given)) return given;
  return undefined;
}

/** The source and flags of a regular expression literal (`/[^\w]/g` → `[^\w]`, `g`). */
function partsOf(literal: ts.RegularExpressionLiteral): { source: string; flags: string } {
  const text = literal.text;
  const end = text.lastIndexOf('/');
  return { source: text.slice(1, end), flags: text.slice(end + 1) };
}

/**
 * A pattern that matches one character outside a class of safe characters, and nothing else: `[^…]` of safe
 * characters, or `\W`; flags `g` and `i` only (`i` without `u` folds no other character into the class).
 */
function isUnsafeCharacterPattern(literal: ts.RegularExpressionLiteral): boolean {
  const { source, flags } = partsOf(literal);
  return /^[gi]*$/.test(flags) && (source === '\\W' || rejectsOnlyUnsafeText(source));
}

/**
 * A pattern anchored at both ends (`^…$`, no `|`, no `m` flag: `$` then ends the text) whose every match is safe
 * text (`matchesOnlySafeText`); flag `i` only.
 */
function isWholeSafePattern(literal: ts.RegularExpressionLiteral): boolean {
  const { source, flags } = partsOf(literal);
  if (!/^i?$/.test(flags) || !source.startsWith('^') || !source.endsWith('$') || source.endsWith('\\$')) return false;
  const inner = source.slice(1, -1);
  return !inner.includes('|') && matchesOnlySafeText(inner);
}
