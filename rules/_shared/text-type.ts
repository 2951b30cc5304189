import { ts } from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import type { ProjectView } from '../../src/model/project-view.js';
import { isJavaScriptFile } from './ast/is-javascript-file.js';
import { syntacticUsesOf } from './local-uses.js';
import { builtinModuleOf, isUntypedDependencyName, syntacticBindingOf, wholeDeclarationOf } from './name-binding.js';
import { thisPropertyOf, typeWrittenOnThisProperty } from './this-property.js';
import type { ThisProperty } from './this-property.js';
import { EQUALITY, isUntypedByContext, isValueOnlyPlace, outermostParenthesesOf } from './untyped-context.js';

/** What syntax shows the checker's type of an expression to be: `any`, or `string` (neither is inert). */
export type TextType = 'any' | 'string';

/** How many variables' initialisers are followed. */
const MAX_DEPTH = 4;

/**
 * `any` or `string` when syntax shows that the checker types a spliced value so where it is read,
 * so it may carry any text; undefined when only the checker can tell: what `hasInertType`
 * (and the lock model, of a receiver: `any` has no lock API) would otherwise ask the checker,
 * whose first question builds the program
 * (parsing every `lib` and dependency declaration file, binding every file),
 * most of a small package's run. Settled (`textTypeOf`):
 * - a parameter (not optional) with no type written, in JSDoc or by a default, of a function
 *   nothing around it types (`isUntypedByContext`: a function declaration, a
 *   class's method, a function a variable is given, a plain constructor's
 *   prototype method): `any`;
 * - a parameter or variable written `any` or `string` (in JSDoc too, in a
 *   JavaScript file);
 * - a `let`, `var` or `const` with no type written, given a value settled
 *   here, a template with holes or a `+` with a string literal (`string`), or
 *   (`let`, `var`) a string literal, whose declared type is its widened type;
 * - what a dependency without types exports (`isUntypedDependencyName`): `any`;
 * - a property, element or call of a value typed `any` (`signal.replace(…)`,
 *   `opts.cmd`), which is `any` whatever narrows it;
 * - `this.name` (or an alias's `self.name`) in its class's instance code, of a
 *   member with `any` written on it, or whose every value is `any` here
 *   (`thisPropertyTypeOf`).
 *
 * A name or property so declared keeps its declared type where it is read unless
 * a use narrows it (`mayNarrow`): assignments do not narrow a declared `any` or
 * `string` (neither is a union), equality does not narrow `any`; `typeof`,
 * `instanceof`, a `switch`, a type guard's or an assertion's call
 * (`mayGuard`) and, for `string`, equality may. Any such use anywhere in
 * the binding's scope leaves the question to the checker.
 */
export function textTypeBySyntax(view: ProjectView, file: SourceFile, node: ts.Node): TextType | undefined {
  return textTypeOf(view, file, node, 0);
}

/** See textTypeBySyntax. */
function textTypeOf(view: ProjectView, file: SourceFile, expression: ts.Node, depth: number): TextType | undefined {
  const node = skipTransparent(expression);
  if (ts.isIdentifier(node)) return nameTypeOf(view, file, node, depth);
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    if (textTypeOf(view, file, node.expression, depth) === 'any') return 'any';
    return ts.isPropertyAccessExpression(node) ? thisPropertyTypeOf(view, file, node, depth) : undefined;
  }
  if (ts.isCallExpression(node) || ts.isNewExpression(node))
    return textTypeOf(view, file, node.expression, depth) === 'any' ? 'any' : undefined;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const isText = (side: ts.Expression): boolean => {
      const inner = skipTransparent(side);
      return (
        ts.isStringLiteralLike(inner) ||
        ts.isTemplateExpression(inner) ||
        textTypeOf(view, file, inner, depth) === 'string'
      );
    };
    return isText(node.left) || isText(node.right) ? 'string' : undefined;
  }
  return undefined;
}

/**
 * `any` for `this.name` (or `self.name`, `self` an alias of `this`) read in its class's instance code, when its
 * member has `any` written on it (`typeWrittenOnThisProperty`) or every value it is given is one syntax shows the
 * checker types `any` (`thisPropertyOf`: `this.tableName = opts.tableName` of an untyped `opts`), and no access to
 * the name in the file may narrow it (`mayNarrow`: the checker narrows a reference to a property as it narrows a
 * variable's). A member written `string` is left to the checker: a narrowing of `this` itself (`this instanceof
 * Sub`, a method's `this is Sub`, an `asserts this is Sub`), which no access to the name shows, gives the property
 * the intersection of the two declarations' types, a subclass's literal (`string & 'b'` is `'b'`); `any` stays
 * `any` in any intersection.
 */
function thisPropertyTypeOf(
  view: ProjectView,
  file: SourceFile,
  access: ts.PropertyAccessExpression,
  depth: number,
): 'any' | undefined {
  const written = typeWrittenOnThisProperty(view, file, access);
  let isAny: boolean;
  if (written !== undefined) isAny = keywordTypeOf(written) === 'any';
  else {
    const isAnyValue = (value: ts.Expression): boolean => textTypeOf(view, file, value, depth + 1) === 'any';
    isAny = depth < MAX_DEPTH && thisPropertyOf(view, file, access, isAnyValue)?.created.kind === 'any';
  }
  if (!isAny) return undefined;
  const accesses = view.references
    .occurrencesIn(file, access.name.text)
    .map((occurrence) => occurrence.compilerNode.parent)
    .filter((parent) => ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent));
  return accesses.some((use) => mayNarrow(view, file, use, 'any')) ? undefined : 'any';
}

/**
 * `thisPropertyOf`, with a value's `any` told by `textTypeBySyntax`: what syntax settles of the property `this.name`
 * reads, for the lock model's questions.
 */
export function thisPropertyBySyntax(
  view: ProjectView,
  file: SourceFile,
  access: ts.PropertyAccessExpression,
): ThisProperty | undefined {
  return thisPropertyOf(view, file, access, (value) => textTypeBySyntax(view, file, value) === 'any');
}

/** Parentheses and `!`, which leave `any` and `string` as they are (a type assertion does not). */
function skipTransparent(node: ts.Node): ts.Node {
  let at = node;
  while (ts.isParenthesizedExpression(at) || ts.isNonNullExpression(at)) at = at.expression;
  return at;
}

/** The type of a plain name read here: its declared type, when no use of it may narrow that. */
function nameTypeOf(view: ProjectView, file: SourceFile, name: ts.Identifier, depth: number): TextType | undefined {
  if (isUntypedDependencyName(view, file, name)) {
    const binding = syntacticBindingOf(view, file, name);
    return binding?.kind === 'local' && !mayBeNarrowed(view, file, binding.declaration, 'any') ? 'any' : undefined;
  }
  const declaration = wholeDeclarationOf(view, file, name);
  if (declaration === undefined) return undefined;
  const declared = declaredTypeOf(view, file, declaration, depth);
  if (declared === undefined) return undefined;
  return mayBeNarrowed(view, file, declaration.name, declared) ? undefined : declared;
}

/** True when some use of the binding may narrow its declared type (`mayNarrow`), or syntax cannot list its uses. */
function mayBeNarrowed(view: ProjectView, file: SourceFile, name: ts.Node, declared: TextType): boolean {
  const uses = syntacticUsesOf(view, file, name);
  if (uses === undefined) return true;
  return [...uses.reads, ...uses.writes].some((use) => mayNarrow(view, file, use.compilerNode, declared));
}

/** The declared type of a variable or parameter, when syntax settles it as `any` or `string`. */
function declaredTypeOf(
  view: ProjectView,
  file: SourceFile,
  declaration: ts.VariableDeclaration | ts.ParameterDeclaration,
  depth: number,
): TextType | undefined {
  // `x?: string` is `string | undefined`, a union that an assignment of `undefined` narrows to an inert type.
  if (ts.isParameter(declaration) && declaration.questionToken !== undefined) return undefined;
  if (declaration.type !== undefined) return keywordTypeOf(declaration.type);
  const isJavaScript = isJavaScriptFile(file);
  if (isJavaScript) {
    const documented = ts.getJSDocType(declaration);
    if (documented !== undefined) return keywordTypeOf(documented);
  }
  if (ts.isParameter(declaration)) return isUntypedParameterDeclaration(view, file, declaration) ? 'any' : undefined;
  const list = declaration.parent;
  const statement = list.parent;
  if (!ts.isVariableStatement(statement) || !ts.isIdentifier(declaration.name) || depth >= MAX_DEPTH) return undefined;
  if (isJavaScript && ts.getJSDocTags(declaration).length > 0) return undefined;
  const initializer = declaration.initializer;
  if (initializer === undefined) return undefined;
  const value = skipTransparent(initializer);
  const isConst = (list.flags & (ts.NodeFlags.Const | ts.NodeFlags.Using)) !== 0;
  if (!isConst && (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value))) return 'string';
  // A template with holes is `string` where nothing types it (a contextual type may make it a template literal type).
  if (ts.isTemplateExpression(value)) return 'string';
  return textTypeOf(view, file, value, depth + 1);
}

/**
 * True when a parameter's declaration alone makes it `any`: no `?`, no type written (nor, in JavaScript, a JSDoc
 * type of its own or its function's `@type`), no default and no `...`, in a function nothing around it types
 * (`isUntypedByContext`). Uses may still narrow it: each caller says which narrowing matters to its question.
 */
export function isUntypedParameterDeclaration(
  view: ProjectView,
  file: SourceFile,
  parameter: ts.ParameterDeclaration,
): boolean {
  if (
    parameter.questionToken !== undefined ||
    parameter.type !== undefined ||
    parameter.initializer !== undefined ||
    parameter.dotDotDotToken !== undefined
  )
    return false;
  const owner = parameter.parent;
  if (isJavaScriptFile(file) && (ts.getJSDocType(parameter) !== undefined || ts.getJSDocTypeTag(owner) !== undefined))
    return false;
  return isUntypedByContext(view, file, owner);
}

/** `any` (or JSDoc's `*`) and `string` written as a type; in JSDoc, `String` too (the checker reads it as `string`). */
function keywordTypeOf(type: ts.TypeNode): TextType | undefined {
  if (type.kind === ts.SyntaxKind.AnyKeyword || type.kind === ts.SyntaxKind.JSDocAllType) return 'any';
  if (type.kind === ts.SyntaxKind.StringKeyword) return 'string';
  const isJSDoc = (type.flags & ts.NodeFlags.JSDoc) !== 0;
  if (
    isJSDoc &&
    ts.isTypeReferenceNode(type) &&
    ts.isIdentifier(type.typeName) &&
    type.typeName.text === 'String' &&
    type.typeArguments === undefined
  )
    return 'string';
  return undefined;
}

/**
 * True when a use of a name declared `any` or `string` may narrow it for the
 * code after it, as the checker's control flow does: the operand of `typeof`
 * or the left of `instanceof`, the subject of a `switch`, an argument of a
 * call that may be a type guard or an assertion (`mayGuard`), and, for
 * `string`, either side of an equality (`x === 'ls'` makes a literal of it).
 * Equality, truthiness and assignments leave a declared `any` as it is.
 */
function mayNarrow(view: ProjectView, file: SourceFile, name: ts.Node, declared: TextType): boolean {
  const use = outermostParenthesesOf(name);
  const parent = use.parent;
  if (ts.isTypeOfExpression(parent) || ts.isSwitchStatement(parent)) return true;
  if (ts.isBinaryExpression(parent)) {
    const operator = parent.operatorToken.kind;
    if (operator === ts.SyntaxKind.InstanceOfKeyword) return parent.left === use;
    return declared === 'string' && EQUALITY.has(operator);
  }
  if (ts.isCaseClause(parent)) return declared === 'string';
  if (!ts.isCallExpression(parent) || !parent.arguments.includes(use as ts.Expression)) return false;
  return mayGuard(view, file, parent);
}

/**
 * True when a call may narrow its arguments: one whose result the checker
 * may read as a condition (`if (isNumber(x))`, or a `const` a condition can
 * name; not a `let` or `var`) may be a type guard; one that is a statement
 * of its own may be an assertion (`assertIsNumber(x);`), which the checker
 * looks for only in the explicit types of the names the callee is written
 * with (`getTypeOfDottedName`): none when the callee's first name is a
 * variable or parameter with no type written (nor in JSDoc), or is not a
 * name at all (`require('x').run(y)`); none in a function of the file with
 * no return type written; none in a Node module's exports but `assert`'s,
 * nor in the global `console`'s methods (declaration files are taken to
 * leave both as `@types/node` and the library declare them). A call whose
 * result is only passed on (`isValueOnlyPlace`) narrows nothing, nor does a
 * regular expression literal's `test` (`isRegExpTest`), wherever it is.
 */
export function mayGuard(view: ProjectView, file: SourceFile, call: ts.CallExpression): boolean {
  if (isValueOnlyPlace(call)) return false;
  const place = outermostParenthesesOf(call).parent;
  // `var proc = exec(cmd)`: only a `const` can stand for a condition (an aliased condition).
  if (ts.isVariableDeclaration(place))
    return place.initializer !== outermostParenthesesOf(call) || (place.parent.flags & ts.NodeFlags.Const) !== 0;
  if (!ts.isExpressionStatement(place)) return !isRegExpTest(call);
  let root: ts.Expression = call.expression;
  while (ts.isPropertyAccessExpression(root) || ts.isParenthesizedExpression(root)) root = root.expression;
  if (root.kind === ts.SyntaxKind.ThisKeyword || root.kind === ts.SyntaxKind.SuperKeyword) return true;
  if (!ts.isIdentifier(root)) return false;
  // Node's modules declare no assertion but in `assert`.
  const builtin = builtinModuleOf(view, file, root);
  if (builtin !== undefined) return /^(?:node:)?assert(?:\/strict)?$/.test(builtin);
  const binding = syntacticBindingOf(view, file, root);
  if (binding === undefined) return true;
  if (binding.kind === 'global')
    return !(root.text === 'console' && root !== call.expression && ts.isPropertyAccessExpression(call.expression));
  const declaration = binding.declaration.parent;
  // `log(x);` of the file's own function: an assertion only with a return type written (in JSDoc too).
  if (ts.isFunctionDeclaration(declaration))
    return (
      root !== call.expression ||
      declaration.type !== undefined ||
      (isJavaScriptFile(file) &&
        (ts.getJSDocReturnType(declaration) !== undefined || ts.getJSDocTypeTag(declaration) !== undefined))
    );
  if (ts.isParameter(declaration))
    return declaration.type !== undefined || (isJavaScriptFile(file) && ts.getJSDocType(declaration) !== undefined);
  if (!ts.isVariableDeclaration(declaration) || declaration.type !== undefined) return true;
  if (!ts.isVariableStatement(declaration.parent.parent)) return true;
  if (isJavaScriptFile(file) && ts.getJSDocTags(declaration).length > 0) return true;
  const initializer = declaration.initializer;
  // A JavaScript variable given a function whose return type is written counts as explicitly typed.
  return (
    initializer !== undefined &&
    isJavaScriptFile(file) &&
    (ts.isFunctionExpression(initializer) || ts.isArrowFunction(initializer)) &&
    (initializer.type !== undefined || ts.getJSDocReturnType(initializer) !== undefined)
  );
}

/** `/…/.test(x)`: a regular expression literal's `test`, which the library declares with no type predicate. */
function isRegExpTest(call: ts.CallExpression): boolean {
  const callee = call.expression;
  return (
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === 'test' &&
    ts.isRegularExpressionLiteral(skipTransparent(callee.expression))
  );
}
