import { isWriteTarget } from './_shared/ast/is-write-target.js';
import { Node, ts } from 'ts-morph';
import { symbolPathOf } from './_shared/names.js';
import type { Identifier, SourceFile, VariableDeclaration } from 'ts-morph';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import { isInAmbientContext } from './_shared/ast/ambient.js';
import { bindingNamesOf } from './_shared/ast/binding-names.js';
import { hasModifier } from './_shared/ast/has-modifier.js';
import { isFunctionLike } from './_shared/ast/is-function-like.js';
import { requiredSpecifierOf } from './_shared/ast/required-specifier.js';
import { isOuterCompilerExpression, skipOuterCompilerExpressions } from './_shared/ast/skip-outer-expressions.js';
import { bindingScopeOf, exactScopeOf, hasLocalUse, localUsesOf, syntacticUsesOf } from './_shared/local-uses.js';
import type { LocalUses } from './_shared/local-uses.js';
import type { FindingDraft } from '../src/model/rule.js';
import type { Occurrence, ProjectView } from '../src/model/project-view.js';
import { ESLINT_UNUSED_RULES, isCompilerErrorSilenced, isWaivedByEslint } from './_shared/waivers.js';

/** A declared local binding the rule checks: its name as the compiler's node, and its declaration. */
interface Candidate {
  name: ts.Identifier;
  declaration: ts.Node;
  kind: 'variable' | 'function' | 'class';
}

/** Files of compile-time type tests: vitest's `typecheck.include` default (`*.test-d.ts`, `*.spec-d.ts`) and tsd's. */
const TYPE_TEST_FILE = /\.(?:test|spec)-d\.[cm]?[jt]sx?$/;

export default defineRule({
  meta: {
    id: 'unused-variable',
    description: 'Disallow variables, functions and classes that are declared and never read',
    category: 'correctness',
    defaultSeverity: 'warning',
    stability: 'stable',
    skipFiles: ['generated'],
    scope: 'file',
    needsTypeChecker: true,
    title: 'Unused variables and functions',
    rationale:
      'A binding that is never read is dead code: readers look for its purpose, and a value computed for it is thrown away, which often hides a forgotten step.',
    messages: {
      unusedVariable: {
        message: 'The {{kind}} `{{name}}` is declared but never read.',
        recommendation: 'Remove `{{name}}`, or use it where it was meant to be used.',
      },
      writeOnlyVariable: {
        message: 'The variable `{{name}}` is assigned {{writes}} but never read.',
        recommendation:
          'Remove `{{name}}` and its assignments, keeping any call in them for its effect, or read it where it was meant to be used.',
      },
      selfReadVariable: {
        message: 'The variable `{{name}}` is read only to compute its own next value, and that value is never read.',
        recommendation:
          'Remove `{{name}}` and its assignments, keeping any call in them for its effect, or read it where it was meant to be used.',
      },
    },
    options: NO_OPTIONS,
  },
  *check({ files, project }): Generator<FindingDraft<'unusedVariable' | 'writeOnlyVariable' | 'selfReadVariable'>> {
    for (const file of files) {
      // A type-test file is compiled, never run: its declarations are the tests.
      if (TYPE_TEST_FILE.test(file.getFilePath())) continue;
      let script: boolean | undefined;
      // Declarations already reported: a binding inside one goes when it goes, so a second comment says nothing new.
      const reported: ts.Node[] = [];
      for (const candidate of candidatesOf(project, file)) {
        if (reported.some((outer) => isWithin(candidate.declaration, outer))) continue;
        // Syntax first: a name it settles as read needs no wrapper and no checker.
        if (candidate.name.getText(file.compilerNode).startsWith('_') && !isRequireBinding(candidate.declaration))
          continue;
        // Let off by its declaration's keywords (part of `isExempt`), tested before any occurrence is looked up:
        // most top-level bindings of a library are exported, and their names are the ones its files use most.
        if (isExportedOrDeclared(candidate.declaration) || isNamedAsStored(candidate.declaration)) continue;
        const settled = syntacticUsesOf(project, file, candidate.name);
        if (settled !== undefined && isUsed(settled)) continue;
        const nameNode = identifierOrThrow(project, file, candidate.name);
        script ??= !isModuleFile(file);
        if (isExempt(nameNode, script)) continue;
        if (isReadByJoinedScript(project, file, candidate.declaration, candidate.name.getText(file.compilerNode)))
          continue;
        // The project silenced its own linter's or compiler's report of this name: it is kept on purpose.
        if (isWaivedByEslint(nameNode, ESLINT_UNUSED_RULES) || isCompilerErrorSilenced(nameNode)) continue;
        // A name syntax cannot settle: the checker decides which occurrences are this binding.
        if (settled === undefined && hasLocalUse(project, file, candidate.name, isUse)) continue;
        if (isModuleTemplate(project, candidate.declaration) || isEnumerationMember(candidate.declaration)) continue;
        if (isSecondOfReadPair(project, file, candidate.name)) continue;
        if (isReadableByEval(project, file, candidate.name)) continue;
        const uses = settled ?? localUsesOf(project, file, candidate.name);
        // ESLint reports a written variable at its last assignment, so the project's waiver may sit on any write's line
        // (`/* eslint-disable-next-line no-unused-vars */` above `for (prop in value)`).
        if (uses.writes.some((write) => isWaivedByEslint(write.node, ESLINT_UNUSED_RULES))) continue;
        if ([candidate.name, ...uses.writes.map((write) => write.compilerNode)].some(isExitTestOfLoop)) continue;
        if (uses.reads.length === 0 && isAssignedAsStored(candidate, uses.writes)) continue;
        const name = nameNode.getText();
        const first = uses.writes[0];
        reported.push(candidate.declaration);
        if (first === undefined) {
          yield {
            node: nameNode,
            messageId: 'unusedVariable',
            symbol: { path: symbolPathOf(nameNode) },
            data: { kind: candidate.kind, name },
          };
        } else if (uses.reads.length > 0) {
          yield {
            node: nameNode,
            messageId: 'selfReadVariable',
            symbol: { path: symbolPathOf(nameNode) },
            data: { name },
            evidence: uses.reads
              .slice(0, 3)
              .map((read) => ({ note: `\`${name}\` read for its own next value`, node: read.node })),
          };
        } else {
          yield {
            node: nameNode,
            messageId: 'writeOnlyVariable',
            symbol: { path: symbolPathOf(nameNode) },
            data: { name, writes: uses.writes.length === 1 ? 'once' : `${String(uses.writes.length)} times` },
            evidence: [{ note: `first assignment of \`${name}\``, node: first.node }],
          };
        }
      }
    }
  },
});

/**
 * True when a direct `eval` inside the scope the binding can be seen from may read it: `eval(code)` reads any name in
 * scope when `code` is not a literal (sqlite3-orm's `loadModule(type) { return eval(type); }`, given `'sqlite'` for
 * its module's `var sqlite = require('./sqlite')`: removing the binding breaks the call), and a literal's names when
 * its text spells this one. Only `eval` called by its own name, through parentheses or a type assertion or not, is direct; `(0, eval)(…)`
 * and `window.eval(…)` see the global scope only.
 */
function isReadableByEval(project: ProjectView, file: SourceFile, name: ts.Identifier): boolean {
  const scope = exactScopeOf(name, file) ?? file.compilerNode;
  return project.nodesOf(file, ts.SyntaxKind.CallExpression).some((call) => {
    if (!ts.isCallExpression(call) || !isWithin(call, scope)) return false;
    const callee = skipOuterCompilerExpressions(call.expression);
    const [code] = call.arguments;
    if (!ts.isIdentifier(callee) || callee.text !== 'eval' || code === undefined) return false;
    return !ts.isStringLiteralLike(code) || code.text.split(/[^\w$]+/).includes(name.text);
  });
}

/** True when `inner` lies in `outer`'s text (candidates come in document order, outer first). */
function isWithin(inner: ts.Node, outer: ts.Node): boolean {
  return inner !== outer && inner.pos >= outer.pos && inner.end <= outer.end;
}

/**
 * True when a binding's uses keep it: a read other than one that only
 * computes its own next value, or a logical assignment (which reads first).
 */
function isUsed(uses: LocalUses): boolean {
  return uses.reads.some(isUse) || uses.writes.some(isUse);
}

/** True for an occurrence that uses the binding: a read other than a self-reference, or a logical assignment. */
function isUse(occurrence: Occurrence): boolean {
  return occurrence.access === 'write' ? isLogicalAssignment(occurrence) : !isSelfReference(occurrence);
}

/** The ts-morph wrapper of a candidate's name, for the exemptions and the finding. */
function identifierOrThrow(project: ProjectView, file: SourceFile, name: ts.Identifier): Identifier {
  const wrapped = project.wrap(file, name);
  if (!Node.isIdentifier(wrapped))
    throw new Error(`expected an identifier at ${file.getFilePath()}:${String(name.pos)}`);
  return wrapped;
}

/**
 * True for the target of `x ??= v`, `x ||= v` or `x &&= v`: the assignment
 * happens only after reading `x`, so the current value decides what happens
 * (TypeScript and ESLint count it as a use).
 */
function isLogicalAssignment(occurrence: Occurrence): boolean {
  const parent = occurrence.compilerNode.parent;
  return (
    ts.isBinaryExpression(parent) &&
    parent.left === occurrence.compilerNode &&
    (parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken ||
      parent.operatorToken.kind === ts.SyntaxKind.BarBarEqualsToken ||
      parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandEqualsToken)
  );
}

/**
 * True for a read that only computes the variable's next value: `x` in
 * `x = Math.max(x, y);` or `x = x + 1;` as a statement of its own, not inside a nested
 * function (ESLint's self-reference: the value read flows nowhere else). The value
 * handed to a call is a use (`block = await next(block)`: `isHandedToCall`), and so is a
 * method called on the value (`chain = chain.then(next)`, also
 * through `||`, `??`, `&&` or a conditional: `block = (block || wrap()).append(child)`):
 * the method acts on the value itself (here it queues `next` after what was
 * queued before), so removing the variable would change what runs. ESLint counts it
 * as a self-reference; we do not claim what we cannot prove.
 */
function isSelfReference(occurrence: Occurrence): boolean {
  const own = occurrence.compilerNode;
  // The name as the compiler reads it, as `node.left.text` below is (`c\u006Funt` is `count`).
  const name = ts.isIdentifier(own) ? own.text : own.getText(occurrence.file.compilerNode);
  let child: ts.Node = own;
  // Whether `child` may evaluate to the variable's value: `(block || fresh()).append(item)` calls a method on it.
  let carries = true;
  for (let node = child.parent; !ts.isSourceFile(node); child = node, node = node.parent) {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
    if (carries && (isMethodCalledOn(node, child) || isWrittenThrough(node, child) || isHandedToCall(node, child)))
      return false;
    if (
      ts.isBinaryExpression(node) &&
      node.right === child &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isIdentifier(node.left) &&
      node.left.text === name
    )
      return ts.isExpressionStatement(node.parent);
    if (ts.isStatement(node)) return false;
    carries &&= passesValueOn(node, child);
  }
  return false;
}

/**
 * True when `node` may evaluate to the value of its operand `child`: parentheses, a type assertion or `!`, either
 * side of `||`, `??` or `&&`, a branch of a conditional (not its test), the right of a comma.
 */
function passesValueOn(node: ts.Node, child: ts.Node): boolean {
  if (isOuterCompilerExpression(node)) return true;
  if (ts.isConditionalExpression(node)) return node.condition !== child;
  if (!ts.isBinaryExpression(node)) return false;
  const operator = node.operatorToken.kind;
  if (operator === ts.SyntaxKind.CommaToken) return node.right === child;
  return (
    operator === ts.SyntaxKind.BarBarToken ||
    operator === ts.SyntaxKind.QuestionQuestionToken ||
    operator === ts.SyntaxKind.AmpersandAmpersandToken
  );
}

/**
 * True when `node` is `value.k` or `value[k]` and is written (`value[k] = {}`, `value.n += 1`, `value.n++`,
 * `delete value[k]`): the write changes the object the variable holds, which others may hold too
 * (`cursor = cursor[key] || (cursor[key] = {})` builds nested objects in the tree it walks).
 */
function isWrittenThrough(node: ts.Node, value: ts.Node): boolean {
  return (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && node.expression === value
    ? isWriteTarget(node)
    : false;
}

/**
 * True for the variable of a `for…in` or `for…of` loop whose body runs at
 * most once: it starts by returning (`for (name in obj) return false;`,
 * jQuery's `isEmptyObject`; ESLint's `no-unused-vars` makes this exception),
 * or it ends by leaving the loop and never continues it (`for (k in o) {
 * empty = false; break; }`). The loop asks whether there is any key or
 * element, and the syntax needs a variable for it. So does a loop that only
 * counts them (`for (key in o) { ++n; }`, angular-gridster's fallback for
 * `Object.keys(o).length`).
 */
function isExitTestOfLoop(name: ts.Node): boolean {
  const declaration = name.parent;
  const initializer = ts.isVariableDeclaration(declaration) && declaration.name === name ? declaration.parent : name;
  const loop = initializer.parent;
  if (!(ts.isForInStatement(loop) || ts.isForOfStatement(loop)) || loop.initializer !== initializer) return false;
  const statements = ts.isBlock(loop.statement) ? loop.statement.statements : [loop.statement];
  const first = statements[0];
  if (first !== undefined && ts.isReturnStatement(first)) return true;
  if (statements.length > 0 && statements.every(isCountStep)) return true;
  const last = statements.at(-1);
  const leaves =
    last !== undefined &&
    ((ts.isBreakStatement(last) && last.label === undefined) ||
      ts.isReturnStatement(last) ||
      ts.isThrowStatement(last));
  return leaves && !containsContinue(loop.statement);
}

/** `++n;`, `n++;`, `n += 1;` or `n = n + 1;`: a statement that counts one more. */
function isCountStep(statement: ts.Statement): boolean {
  if (!ts.isExpressionStatement(statement)) return false;
  const expression = skipOuterCompilerExpressions(statement.expression);
  if (ts.isPrefixUnaryExpression(expression) || ts.isPostfixUnaryExpression(expression))
    return expression.operator === ts.SyntaxKind.PlusPlusToken && ts.isIdentifier(expression.operand);
  if (!ts.isBinaryExpression(expression) || !ts.isIdentifier(expression.left)) return false;
  const one = (node: ts.Expression): boolean => ts.isNumericLiteral(node) && node.text === '1';
  if (expression.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken) return one(expression.right);
  const right = skipOuterCompilerExpressions(expression.right);
  return (
    expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isBinaryExpression(right) &&
    right.operatorToken.kind === ts.SyntaxKind.PlusToken &&
    ts.isIdentifier(right.left) &&
    right.left.text === expression.left.text &&
    one(right.right)
  );
}

/**
 * True for a variable declared without a value whose every write is a plain assignment in an `=` chain that also
 * stores the value on an object (`module.exports = Deploy = (function () { … })();`, CoffeeScript's
 * `module.exports = class Deploy`; `exports.install = install = function …`): `isNamedAsStored` for a variable that
 * is given its value after its declaration, as CoffeeScript declares every variable first (the same chain test,
 * `storesOnObject`, read from the assignment up as well as down). A value that only goes
 * on to a call, a `return` or another variable (`process.exit(code = 0)`, `return result = {…}`) is still reported.
 */
function isAssignedAsStored(candidate: Candidate, writes: readonly Occurrence[]): boolean {
  const { declaration } = candidate;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== undefined || writes.length === 0)
    return false;
  return writes.every(({ compilerNode }) => {
    let target: ts.Node = compilerNode;
    while (ts.isParenthesizedExpression(target.parent)) target = target.parent;
    const assignment = target.parent;
    if (!isPlainAssignment(assignment) || assignment.left !== target) return false;
    return isStoredInChain(assignment);
  });
}

/**
 * True when an `=` chain holding the assignment also assigns an object's property or element: up the chain
 * (`module.exports = Deploy = …`, seen from `Deploy = …`) or down its values (`x = a.b = …`).
 */
function isStoredInChain(assignment: ts.AssignmentExpression<ts.EqualsToken>): boolean {
  let node: ts.Node = assignment;
  let outer = parentPastParentheses(node);
  while (isPlainAssignment(outer) && skipOuterCompilerExpressions(outer.right) === node) {
    if (isStoreTarget(outer.left)) return true;
    node = outer;
    outer = parentPastParentheses(node);
  }
  return storesOnObject(assignment.right);
}

/** The parent of a node, past any parentheses around it. */
function parentPastParentheses(node: ts.Node): ts.Node {
  let inner = node;
  while (ts.isParenthesizedExpression(inner.parent)) inner = inner.parent;
  return inner.parent;
}

/** `target = value` with `=` (not `+=`). */
function isPlainAssignment(node: ts.Node): node is ts.AssignmentExpression<ts.EqualsToken> {
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}

/** An object's property or element, where a value stored is kept for the code that reads it. */
function isStoreTarget(node: ts.Node): boolean {
  return ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node);
}

/** True when a `continue` statement lies anywhere inside `node`. */
function containsContinue(node: ts.Node): boolean {
  return ts.isContinueStatement(node) || (ts.forEachChild(node, containsContinue) ?? false);
}

/**
 * True when `value` is an argument of the call or `new` `node`, other than of a function of `Math` or a global
 * conversion (`Number`, `String`, `parseInt`…), which only compute from it: the function may do anything with the
 * value (`block = await waitForNextBlock(block)` waits past it), so removing the variable would change what runs.
 */
function isHandedToCall(node: ts.Node, value: ts.Node): boolean {
  if (!(ts.isCallExpression(node) || ts.isNewExpression(node)) || !(node.arguments ?? []).some((a) => a === value))
    return false;
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return !PURE_GLOBALS.has(callee.text);
  return !(
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'Math'
  );
}

/** Global functions that compute a value from their arguments and do nothing else with them. */
const PURE_GLOBALS: ReadonlySet<string> = new Set(['Number', 'String', 'Boolean', 'BigInt', 'parseInt', 'parseFloat']);

/** True when `node` is `value.m` or `value[k]` (optional chains too) and is called: a method called on `value`. */
function isMethodCalledOn(node: ts.Node, value: ts.Node): boolean {
  if (!(ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) || node.expression !== value)
    return false;
  const call = node.parent;
  return ts.isCallExpression(call) && call.expression === node;
}

/**
 * Every variable (destructured names included), function declaration and
 * class declaration of a file, in document order, from the run's node index.
 * A function or class whose symbol an earlier one already declared
 * (overloads) is left out. Only names declared twice need a test for it, and
 * syntax settles the usual case (`firstInEachScope`); the checker the rest.
 */
function candidatesOf(project: ProjectView, file: SourceFile): Candidate[] {
  const out: Candidate[] = [];
  for (const declaration of project.nodesOf(file, ts.SyntaxKind.VariableDeclaration)) {
    if (!ts.isVariableDeclaration(declaration)) continue;
    for (const name of bindingNamesOf(declaration.name)) out.push({ name, declaration, kind: 'variable' });
  }
  const named = [
    ...project.nodesOf(file, ts.SyntaxKind.FunctionDeclaration),
    ...project.nodesOf(file, ts.SyntaxKind.ClassDeclaration),
  ].flatMap((declaration) => {
    const name =
      ts.isFunctionDeclaration(declaration) || ts.isClassDeclaration(declaration) ? declaration.name : undefined;
    return name === undefined
      ? []
      : [{ name, declaration, kind: ts.isClassDeclaration(declaration) ? 'class' : 'function' } satisfies Candidate];
  });
  named.sort((a, b) => a.declaration.pos - b.declaration.pos);
  const repeated = repeatedNames(named.map((candidate) => candidate.name.text));
  const seen = new Set<ts.Symbol>();
  const firstsByName = new Map<string, ReadonlySet<ts.Identifier> | undefined>();
  for (const candidate of named) {
    const name = candidate.name.text;
    if (repeated.has(name)) {
      if (!firstsByName.has(name)) firstsByName.set(name, firstInEachScope(project, file, name, named));
      const firsts = firstsByName.get(name);
      if (firsts !== undefined) {
        if (!firsts.has(candidate.name)) continue;
      } else {
        const symbol = project.wrap(file, candidate.name).getSymbol()?.compilerSymbol;
        if (symbol !== undefined && seen.has(symbol)) continue;
        if (symbol !== undefined) seen.add(symbol);
      }
    }
    out.push(candidate);
  }
  // Stable sort by declaration: the order of one walk of the file, names of a pattern in pattern order.
  return out.sort((a, b) => a.declaration.pos - b.declaration.pos);
}

/**
 * The first function declaring `name` in each scope that binds it, when
 * syntax tells which declarations share a symbol: every declaration of the
 * name in the file is a function or class declaration, each has a scope
 * (`mergeScopeOf`), and no class shares its scope with another declaration.
 * Functions of one name in one scope then merge into one symbol (overloads:
 * the later ones are left out), and in another scope are another binding; a
 * class is a binding of its own. `undefined` leaves it to the checker: a
 * function in a block of a script (it joins the enclosing scope), a class
 * beside a function of its name, or a variable, parameter or import of the
 * same name in a function's scope (which may conflict and get a symbol of its
 * own) or where syntax cannot place it (a type, a namespace). `named` is in
 * document order.
 */
function firstInEachScope(
  project: ProjectView,
  file: SourceFile,
  name: string,
  named: readonly Candidate[],
): ReadonlySet<ts.Identifier> | undefined {
  const declarations = named.filter((c) => c.name.text === name);
  const firsts = new Map<ts.Node | string, Candidate>();
  for (const candidate of declarations) {
    const scope = mergeScopeOf(candidate, file);
    if (scope === undefined) return undefined;
    const first = firsts.get(scope);
    if (first === undefined) firsts.set(scope, candidate);
    else if (first.kind === 'class' || candidate.kind === 'class') return undefined;
  }
  // Other declarations of the name (`function wrap(f)` beside `function returns() { function f() {} }`) must each
  // bind it in a scope none of these functions shares.
  const others = project.references
    .declarationsIn(file, name)
    .filter((other) => !declarations.some((c) => c.name === other));
  if (others.length > 0) {
    const taken = new Set<ts.Node>();
    for (const scope of firsts.keys()) {
      // A namespace's exported members merge across its blocks: left to the checker.
      if (typeof scope === 'string') return undefined;
      taken.add(localsOf(scope));
    }
    for (const other of others) {
      const scope = bindingScopeOf(other, file);
      if (scope === undefined || taken.has(localsOf(scope))) return undefined;
    }
  }
  return new Set([...firsts.values()].map((c) => c.name));
}

/**
 * The node whose table of names a scope's declarations go to: a function for
 * its body's block (the binder keeps a function's parameters and the names
 * its body declares in one table), else the scope itself.
 */
function localsOf(scope: ts.Node): ts.Node {
  return ts.isBlock(scope) && ts.isFunctionLike(scope.parent) ? scope.parent : scope;
}

/**
 * Where a function or class declaration's name is bound, as a key that two
 * declarations binding one name share: the node of its exact scope
 * (`exactScopeOf`), or for a member exported from a namespace the namespace's
 * path (`N.M`: namespaces of one path merge, and so do their exported
 * members). `undefined` when syntax cannot place it: a namespace inside a
 * function or in a script (global namespaces merge across files).
 */
function mergeScopeOf(candidate: Candidate, file: SourceFile): ts.Node | string | undefined {
  const block = candidate.declaration.parent;
  if (!ts.isModuleBlock(block)) return exactScopeOf(candidate.name, file);
  const { declaration } = candidate;
  const exported =
    (ts.isFunctionDeclaration(declaration) || ts.isClassDeclaration(declaration)) &&
    hasModifier(declaration, ts.SyntaxKind.ExportKeyword);
  if (!exported) return block;
  if (!ts.isExternalModule(file.compilerNode)) return undefined;
  const path: string[] = [];
  for (let at: ts.Node = block; !ts.isSourceFile(at); at = at.parent) {
    if (ts.isModuleDeclaration(at)) {
      // A namespace nested in another's block merges with its namesakes only when exported.
      const inBlock = ts.isModuleBlock(at.parent);
      if (!ts.isIdentifier(at.name) || (inBlock && !hasModifier(at, ts.SyntaxKind.ExportKeyword))) return undefined;
      path.unshift(at.name.text);
    } else if (!ts.isModuleBlock(at)) return undefined;
  }
  return `namespace:${path.join('.')}`;
}

/** The names that occur more than once in a list. */
function repeatedNames(names: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const name of names) (seen.has(name) ? repeated : seen).add(name);
  return repeated;
}

/**
 * True for `const _ = require('lodash')`: a module's binding, whose `_` is the library's name (lodash, underscore),
 * not a mark of a value kept unused on purpose; unused-import reports `import _ from 'lodash'` alike.
 */
function isRequireBinding(declaration: ts.Node): boolean {
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer === undefined) return false;
  return requiredSpecifierOf(requireOf(declaration.initializer)) !== undefined;
}

/** The call a `require(…).a.b` chain starts from (`require('./log').child` → `require('./log')`). */
function requireOf(value: ts.Expression): ts.Expression {
  let current = value;
  while (ts.isPropertyAccessExpression(current)) current = current.expression;
  return current;
}

/**
 * Bindings out of scope: exported (by keyword: `export { x }` and `export
 * default x` are reads, so they never reach here) or ambient ones, catch bindings, `using`
 * declarations (disposal is their use), siblings of
 * a rest element (`const { a, ...rest } = o` omits `a` on purpose), decorated
 * classes, and top-level declarations of script files (they are globals).
 */
function isExempt(name: Identifier, script: boolean): boolean {
  // Names starting with `_` (but a required module's) are let off before this is asked, in `check`.
  const declaration = declarationOf(name);
  if (declaration === undefined) return true;
  if (isInAmbientContext(declaration)) return true;
  if (isExportedOrDeclared(declaration.compilerNode)) return true;
  if (Node.isVariableDeclaration(declaration)) {
    if (Node.isCatchClause(declaration.getParent())) return true;
    const list = declaration.getParent();
    if (Node.isVariableDeclarationList(list) && (list.getFlags() & ts.NodeFlags.Using) !== 0) return true;
  } else if (Node.isClassDeclaration(declaration) && declaration.getDecorators().length > 0) return true;
  if (hasRestSibling(name) || isSlotBeforeAnother(name)) return true;
  if (Node.isVariableDeclaration(declaration) && isTypeTest(declaration)) return true;
  return script && isTopLevel(declaration);
}

/**
 * True for a declaration exempt by its keywords: a variable statement that is
 * exported or `declare`d, a function or class declaration that is exported
 * (`export default` too) or `declare`d. (A variable that CommonJS exports as it
 * is declared is `isNamedAsStored`.)
 */
function isExportedOrDeclared(declaration: ts.Node): boolean {
  if (ts.isVariableDeclaration(declaration)) {
    const statement = declaration.parent.parent;
    return (
      ts.isVariableStatement(statement) &&
      (hasModifier(statement, ts.SyntaxKind.ExportKeyword) || hasModifier(statement, ts.SyntaxKind.DeclareKeyword))
    );
  }
  return (
    (ts.isFunctionDeclaration(declaration) || ts.isClassDeclaration(declaration)) &&
    (hasModifier(declaration, ts.SyntaxKind.ExportKeyword) ||
      hasModifier(declaration, ts.SyntaxKind.DefaultKeyword) ||
      hasModifier(declaration, ts.SyntaxKind.DeclareKeyword))
  );
}

/** Files of a project that must declare a top-level template line alike for it to be their template. */
const TEMPLATE_FILES = 3;

/**
 * True for a top-level line of the project's module template, which at least
 * `TEMPLATE_FILES` files of the project declare alike and some keep before they
 * use it: not a forgotten step. Two lines are templates: an empty object,
 * `const internals = {};` (hapi's modules each start with it), and a named
 * instance a factory makes of a literal name, `const debug =
 * require('debug')('rascal:Vhost');` (each module's logger, under its own
 * namespace: rascal declares ten it never calls). Counted from the files' text:
 * a declaration on a line of its own, `const`, `let` or `var`; an object
 * opened under the same name (members or none: hapi's modules fill theirs), or
 * the same callee (its quotes either kind) called with one string literal. A factory called with anything else, or a plain
 * `require('fs')`, is no template: an unused one is a leftover.
 */
function isModuleTemplate(project: ProjectView, declaration: ts.Node): boolean {
  if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return false;
  const statement = declaration.parent.parent;
  if (!ts.isVariableStatement(statement) || !ts.isSourceFile(statement.parent)) return false;
  const value = templateValueOf(declaration.initializer, statement.parent);
  if (value === undefined) return false;
  const name = declaration.name.text;
  const key = `${name}=${value}`;
  const counts = project.memo('unused-variable:templates', () => new Map<string, number>());
  let count = counts.get(key);
  if (count === undefined) {
    // Linear on any line: `[ \t]*;?[ \t]*$` backtracked quadratically over a long run of blanks (1 s for 30,000).
    const pattern = new RegExp(`^[ \\t]*(?:const|let|var)[ \\t]+${escapeRegExp(name)}[ \\t]*=[ \\t]*${value}`, 'm');
    count = project.filesWhoseText((text) => pattern.test(text)).length;
    counts.set(key, count);
  }
  return count >= TEMPLATE_FILES;
}

/**
 * A pattern of the template value `isModuleTemplate` counts, from the `=` to the line's end, or undefined when the
 * initialiser is none. An empty object counts every file that opens the same object, members or not (hapi's
 * modules put their own members in `internals`; a module with none yet keeps the empty line).
 */
function templateValueOf(initializer: ts.Expression | undefined, file: ts.SourceFile): string | undefined {
  if (initializer === undefined) return undefined;
  if (ts.isObjectLiteralExpression(initializer)) return initializer.properties.length === 0 ? '\\{' : undefined;
  if (!ts.isCallExpression(initializer) || initializer.arguments.length !== 1) return undefined;
  const [name] = initializer.arguments;
  if (name === undefined || !ts.isStringLiteral(name)) return undefined;
  const callee = initializer.expression;
  const specifier = requiredSpecifierOf(callee);
  const factory =
    specifier !== undefined
      ? `require\\([ \\t]*['"]${escapeRegExp(specifier.text)}['"][ \\t]*\\)`
      : ts.isIdentifier(callee) && isImportedName(file, callee.text)
        ? escapeRegExp(callee.text)
        : undefined;
  return factory === undefined
    ? undefined
    : `${factory}[ \\t]*\\([ \\t]*(?:'[^'\\n]*'|"[^"\\n]*")[ \\t]*\\)[ \\t]*(?:;[ \\t]*)?$`;
}

/**
 * True when the file's top level binds `name` to another module's value: an import (`import createDebug from
 * 'debug'`) or a `require` (`const createDebug = require('debug')`, `const { child } = require('./log')`). A global
 * (`Symbol('state')`) or a function of the file is no factory of a module template.
 */
function isImportedName(file: ts.SourceFile, name: string): boolean {
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause === undefined) continue;
      if (clause.name?.text === name) return true;
      const bindings = clause.namedBindings;
      if (bindings !== undefined && ts.isNamespaceImport(bindings) && bindings.name.text === name) return true;
      if (bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.some((e) => e.name.text === name))
        return true;
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!declaresName(declaration.name, name) || declaration.initializer === undefined) continue;
        return isRequireBinding(declaration);
      }
    }
  }
  return false;
}

/** True when a binding name (an identifier, or a pattern's element) declares `name`. */
function declaresName(binding: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(binding)) return binding.text === name;
  return binding.elements.some((element) => !ts.isOmittedExpression(element) && declaresName(element.name, name));
}

/** `text` with the characters a regular expression gives a meaning escaped. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * True for a module-level constant of a table of named numbers (`var CONNECTING = 0; var OPEN = 1;`): a name in
 * capitals set to a number literal, written beside another such declaration (in the same statement, or in the
 * statement before or after it). JavaScript's way of writing an enum: the table mirrors a specification's or a
 * protocol's codes and states, and some go unused by nature, as members of an enum do (which the rule does not
 * check either). A lone constant is still reported.
 */
function isEnumerationMember(declaration: ts.Node): boolean {
  if (!isNamedNumber(declaration)) return false;
  const list = declaration.parent;
  const statement = list.parent;
  if (!ts.isVariableDeclarationList(list) || !ts.isVariableStatement(statement) || !isModuleLevel(statement.parent))
    return false;
  if (list.declarations.some((other) => other !== declaration && isNamedNumber(other))) return true;
  const statements = statement.parent.statements;
  const at = statements.indexOf(statement);
  return [statements[at - 1], statements[at + 1]].some(
    (next) =>
      next !== undefined && ts.isVariableStatement(next) && next.declarationList.declarations.some(isNamedNumber),
  );
}

/**
 * The file, or the body of a function the file calls at once around its code (`(function ($) { … })(jQuery);`,
 * also through `.call(this)` and `!function () { … }()`): where a module written before modules keeps its
 * top-level declarations.
 */
function isModuleLevel(node: ts.Node): node is ts.SourceFile | ts.Block {
  if (ts.isSourceFile(node)) return true;
  const fn = node.parent;
  if (!ts.isBlock(node) || !(ts.isFunctionExpression(fn) || ts.isArrowFunction(fn))) return false;
  let callee: ts.Node = fn;
  while (ts.isParenthesizedExpression(callee.parent)) callee = callee.parent;
  if (ts.isPropertyAccessExpression(callee.parent) && /^(?:call|apply)$/.test(callee.parent.name.text))
    callee = callee.parent;
  const call = callee.parent;
  if (!ts.isCallExpression(call) || call.expression !== callee) return false;
  let statement: ts.Node = call.parent;
  while (
    ts.isParenthesizedExpression(statement) ||
    ts.isPrefixUnaryExpression(statement) ||
    ts.isVoidExpression(statement)
  )
    statement = statement.parent;
  return ts.isExpressionStatement(statement) && ts.isSourceFile(statement.parent);
}

/**
 * A declaration of a name in capitals (`ABORT_ERR`) set to a number literal (`20`, `-1`), a BigInt literal
 * (`0x7E00000000000000n`) or `BigInt` of a literal (`BigInt('340282366920938463463374607431768211456')`).
 */
function isNamedNumber(declaration: ts.Node): boolean {
  if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return false;
  if (!/^[A-Z][A-Z0-9_]*$/.test(declaration.name.text) || declaration.initializer === undefined) return false;
  const value = declaration.initializer;
  const operand =
    ts.isPrefixUnaryExpression(value) && value.operator === ts.SyntaxKind.MinusToken ? value.operand : value;
  return isNumberLiteral(operand) || isBigIntOfLiteral(operand);
}

/** A number or BigInt literal. */
function isNumberLiteral(node: ts.Node): boolean {
  return ts.isNumericLiteral(node) || ts.isBigIntLiteral(node);
}

/** `BigInt(…)` of one number or string literal. */
function isBigIntOfLiteral(node: ts.Node): boolean {
  if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'BigInt')
    return false;
  const [argument] = node.arguments;
  return (
    node.arguments.length === 1 && argument !== undefined && (isNumberLiteral(argument) || ts.isStringLiteral(argument))
  );
}

/**
 * True for a variable named as its value is stored on an object, anywhere in an `=` chain (`var level = rec.level =
 * minLevel`; a CommonJS export as it is declared, `const name = exports.name = 'x'`, which is Babel's output for
 * `export const name`, or `const f = module.exports.f = …`): the value is not thrown away, as the rule's reason has
 * it, but kept where the code reads it; the unused local name is only its spelling.
 */
function isNamedAsStored(declaration: ts.Node): boolean {
  return ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined
    ? storesOnObject(declaration.initializer)
    : false;
}

/** True when a value is an `=` chain that assigns an object's property or element on its way (`a.b = c = v`). */
function storesOnObject(value: ts.Expression): boolean {
  let inner = skipOuterCompilerExpressions(value);
  if (isStoredOrMadeThere(inner)) return true;
  while (isPlainAssignment(inner)) {
    if (isStoreTarget(inner.left)) return true;
    inner = skipOuterCompilerExpressions(inner.right);
  }
  return false;
}

/**
 * `exports.Mode || (exports.Mode = {})` (also with `??`): the object a property holds, or one made and stored there
 * now. tsc before 5.0 wrote an exported enum so, `var Mode; (function (Mode) {…})(Mode = exports.Mode || (exports.Mode
 * = {}));`: the variable's value is the export's.
 */
function isStoredOrMadeThere(value: ts.Expression): boolean {
  if (!ts.isBinaryExpression(value)) return false;
  const operator = value.operatorToken.kind;
  if (operator !== ts.SyntaxKind.BarBarToken && operator !== ts.SyntaxKind.QuestionQuestionToken) return false;
  const made = skipOuterCompilerExpressions(value.right);
  return isPlainAssignment(made) && isStoreTarget(made.left) && made.left.getText() === value.left.getText();
}

/**
 * True for an array-destructuring slot with another slot after it
 * (`const [eid, aid, v] = triple`): it cannot go without leaving a hole, and
 * its name documents the tuple's shape.
 */
function isSlotBeforeAnother(name: Identifier): boolean {
  const element = name.getParent();
  if (!Node.isBindingElement(element)) return false;
  const pattern = element.getParent();
  if (!Node.isArrayBindingPattern(pattern)) return false;
  const elements = pattern.getElements();
  return elements.slice(elements.indexOf(element) + 1).some((e) => Node.isBindingElement(e));
}

/**
 * True for the second name of a pair destructured from an array whose first
 * name is read (`const [schema, table] = split(name)` reading only `schema`):
 * the unread name documents the other half of the split, as the slots before
 * another do (`isSlotBeforeAnother`). A longer tuple is a record, whose unread
 * last field may be a forgotten one (`const [type, id, value, opts] = step`
 * beside functions that pass `opts` on), as an unread property of an object
 * pattern is. A pair neither of whose names is read is still reported, at its
 * second name; so is an unread rest element (`[first, ...others]`), which
 * copies the array for nothing.
 */
function isSecondOfReadPair(project: ProjectView, file: SourceFile, name: ts.Identifier): boolean {
  const element = name.parent;
  if (!ts.isBindingElement(element) || element.dotDotDotToken !== undefined) return false;
  const pattern = element.parent;
  if (!ts.isArrayBindingPattern(pattern) || pattern.elements.length !== 2 || pattern.elements[1] !== element)
    return false;
  const [first] = pattern.elements;
  return (
    first !== undefined &&
    ts.isBindingElement(first) &&
    bindingNamesOf(first.name).some((sibling) => {
      const settled = syntacticUsesOf(project, file, sibling);
      return settled === undefined ? hasLocalUse(project, file, sibling, isUse) : isUsed(settled);
    })
  );
}

/** Comment directives that make a line a compile-time type test. */
const TYPE_TEST_DIRECTIVE = /^\s*\/\/\s*@ts-(?:expect-error|ignore)\b/;

/**
 * True for a binding that is a compile-time type test: its statement sits
 * under a `// @ts-expect-error` or `// @ts-ignore` line (the binding checks
 * that the initialiser does not type-check), it sits in the same block as
 * such a binding (the cases that must compile beside those that must not), or
 * it declares a type and the file holds such directives (`const r: Expected =
 * f(...)` checks assignability).
 */
function isTypeTest(declaration: VariableDeclaration): boolean {
  const statement = declaration.getVariableStatement();
  if (statement === undefined) return false;
  if (isUnderTypeTestDirective(statement)) return true;
  if (declaration.getInitializer() === undefined) return false;
  // In a block of such checks, the bindings that must compile sit beside the ones that must not.
  const block = statement.getParent();
  if ((Node.isBlock(block) || Node.isSourceFile(block)) && block.getStatements().some(isTypeTestBinding)) return true;
  if (declaration.getTypeNode() === undefined) return false;
  return /\/\/\s*@ts-expect-error\b/.test(declaration.getSourceFile().getFullText());
}

/** True for a statement under a `// @ts-expect-error` or `// @ts-ignore` line. */
function isUnderTypeTestDirective(statement: Node): boolean {
  return statement.getLeadingCommentRanges().some((c) => TYPE_TEST_DIRECTIVE.test(c.getText()));
}

/** True for a variable statement that checks a type under such a directive (`// @ts-expect-error` above `const r = f(…)`). */
function isTypeTestBinding(statement: Node): boolean {
  return Node.isVariableStatement(statement) && isUnderTypeTestDirective(statement);
}

/** The variable, function or class declaration a name belongs to (through destructuring patterns). */
function declarationOf(name: Identifier): Node | undefined {
  let node: Node | undefined = name.getParent();
  while (Node.isBindingElement(node) || Node.isObjectBindingPattern(node) || Node.isArrayBindingPattern(node))
    node = node.getParent();
  return node;
}

/** True for a name in an object pattern that also has a `...rest` element. */
function hasRestSibling(name: Identifier): boolean {
  const element = name.getParent();
  if (!Node.isBindingElement(element)) return false;
  const pattern = element.getParent();
  return Node.isObjectBindingPattern(pattern) && pattern.getElements().some((e) => e.getDotDotDotToken() !== undefined);
}

/**
 * True for a `require` binding at the top level of a file whose only module syntax is `require` (no `import`,
 * `export`, `module.exports` or `exports.x`), whose name another analysed file reads without declaring it anywhere: a
 * build joins the files into one (mysql-import's Gruntfile concatenates `header.js`, whose `const mysql =
 * require('mysql2')` `importer.js` uses undeclared), so the joined file reads the binding. A file that declares the
 * name reads its own.
 */
function isReadByJoinedScript(view: ProjectView, file: SourceFile, declaration: ts.Node, name: string): boolean {
  if (!isRequireBinding(declaration) || !ts.isSourceFile(declaration.parent.parent.parent) || isModuleByExports(file))
    return false;
  return view.references
    .occurrences(name)
    .some(
      (occurrence) =>
        occurrence.file !== file &&
        occurrence.role === 'name' &&
        view.references.declarationsIn(occurrence.file, name).length === 0,
    );
}

/** True for a file that is a module (imports, exports, CommonJS or a module-only extension); other files are global scripts. */
function isModuleFile(file: SourceFile): boolean {
  return isModuleByExports(file) || /\brequire\s*\(/.test(file.getFullText());
}

/** A module by a module-only extension, an `import` or `export`, or CommonJS's `module.exports` or `exports.x`. */
function isModuleByExports(file: SourceFile): boolean {
  if (/\.(mts|cts|mjs|cjs)$/.test(file.getFilePath()) || ts.isExternalModule(file.compilerNode)) return true;
  return /\bmodule\.exports\b|\bexports\.\w/.test(file.getFullText());
}

/** True when nothing but the file encloses the declaration: no function (a function expression too), class or namespace. */
function isTopLevel(declaration: Node): boolean {
  return (
    declaration.getFirstAncestor(
      (a) =>
        isFunctionLike(a) || Node.isClassDeclaration(a) || Node.isClassExpression(a) || Node.isModuleDeclaration(a),
    ) === undefined
  );
}
