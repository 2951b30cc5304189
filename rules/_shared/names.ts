import { Node } from 'ts-morph';
import { isFunctionLike } from './ast/is-function-like.js';
import { parentSkippingOuterExpressions, skipOuterExpressions } from './ast/skip-outer-expressions.js';

/**
 * The one source of symbol paths, the input of every fingerprint: a rule
 * gives `symbolPathOf(node)` and adds only its own qualifier (`:lock`).
 */

/** The path of top-level code: empty, so the engine shows no symbol for it. */
export const MODULE_PATH = '';

/**
 * Dotted path of the named declarations around a node, the node itself
 * included when it declares a name: `ProviderTree.find`, `ProviderTree.newChild.parent`,
 * `Mailer.constructor`, `api.run`, `default`; `MODULE_PATH` at top level.
 * Anonymous callbacks add nothing; a variable or property adds its name when
 * it is the node itself or holds the function or class on the path.
 */
export function symbolPathOf(node: Node): string {
  const start = declarationNamedBy(node) ?? node;
  if (Node.isParameterDeclaration(start) && start.isParameterProperty()) {
    const owner = start.getParentOrThrow().getParentOrThrow();
    return memberPathOf(symbolPathOf(owner), propertyNameText(start.getNameNode()));
  }
  const parts: string[] = [];
  for (let current: Node | undefined = start; current !== undefined; current = current.getParent()) {
    if (Node.isSourceFile(current)) break;
    const name = segmentOf(current, current === start, parts.length > 0);
    if (name !== undefined) parts.unshift(name);
  }
  return parts.length === 0 ? MODULE_PATH : parts.join('.');
}

/** The path of a member under an owner's path: `owner.name`, or `name` alone at top level. */
export function memberPathOf(owner: string, name: string): string {
  return owner === MODULE_PATH ? name : `${owner}.${name}`;
}

/**
 * The name of a function-like node: its own name, the variable, property or
 * assignment target it is bound to, `constructor`, or `default` for an
 * anonymous default export; undefined for an anonymous callback.
 */
export function functionNameOf(fn: Node): string | undefined {
  if (Node.isConstructorDeclaration(fn)) return 'constructor';
  if (Node.isFunctionDeclaration(fn)) return fn.getName() ?? (fn.isDefaultExport() ? 'default' : undefined);
  if (Node.isMethodDeclaration(fn) || Node.isGetAccessorDeclaration(fn) || Node.isSetAccessorDeclaration(fn))
    return propertyNameText(fn.getNameNode());
  if (!Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn)) return undefined;
  const own = Node.isFunctionExpression(fn) ? fn.getName() : undefined;
  return own ?? boundNameOf(fn);
}

/** The kind word messages use for a function: Method, Constructor, Getter, Setter or Function. */
export function functionKindOf(node: Node): string {
  if (Node.isConstructorDeclaration(node)) return 'Constructor';
  if (Node.isGetAccessorDeclaration(node)) return 'Getter';
  if (Node.isSetAccessorDeclaration(node)) return 'Setter';
  if (Node.isMethodDeclaration(node) || Node.isPropertyDeclaration(node.getParent())) return 'Method';
  return 'Function';
}

/** The declaration whose name node `node` is, if it is one. */
function declarationNamedBy(node: Node): Node | undefined {
  const parent = node.getParent();
  if (
    parent === undefined ||
    !(Node.isIdentifier(node) || Node.isPrivateIdentifier(node) || Node.isStringLiteral(node))
  )
    return undefined;
  return Node.hasName(parent) && parent.getNameNode() === node ? parent : undefined;
}

/** The path segment a node adds, if any. */
function segmentOf(node: Node, isStart: boolean, hasInnerSegment: boolean): string | undefined {
  if (Node.isClassDeclaration(node)) return node.getName() ?? 'default';
  if (Node.isClassExpression(node)) return node.getName();
  if (
    Node.isInterfaceDeclaration(node) ||
    Node.isTypeAliasDeclaration(node) ||
    Node.isEnumDeclaration(node) ||
    Node.isModuleDeclaration(node)
  )
    return node.getName();
  if (isFunctionLike(node))
    return Node.isArrowFunction(node) || Node.isFunctionExpression(node) ? ownOrAssigned(node) : functionNameOf(node);
  if (Node.isPropertyDeclaration(node) || Node.isPropertySignature(node) || Node.isMethodSignature(node))
    return propertyNameText(node.getNameNode());
  if (isHolder(node) && (isStart || holdsNamedValue(node, hasInnerSegment))) return holderName(node);
  if (isStart && (Node.isParameterDeclaration(node) || Node.isEnumMember(node)))
    return propertyNameText(node.getNameNode());
  return undefined;
}

/** A function expression's own name, or the assignment target (`this.x = () => …`, `export default () => …`). */
function ownOrAssigned(fn: Node): string | undefined {
  const own = Node.isFunctionExpression(fn) ? fn.getName() : undefined;
  if (own !== undefined) return own;
  const parent = parentSkippingOuterExpressions(fn);
  if (Node.isExportAssignment(parent)) return 'default';
  if (Node.isBinaryExpression(parent) && parent.getOperatorToken().getText() === '=')
    return assignedName(parent.getLeft());
  return undefined;
}

/** The name a function or class expression is bound to by its variable, property or assignment. */
function boundNameOf(fn: Node): string | undefined {
  const parent = parentSkippingOuterExpressions(fn);
  if (parent === undefined) return undefined;
  if (isHolder(parent)) return holderName(parent);
  if (Node.isPropertyDeclaration(parent)) return propertyNameText(parent.getNameNode());
  return ownOrAssigned(fn);
}

/** True for the declarations that hold a value under a name: variables, object properties, destructured names. */
function isHolder(node: Node): boolean {
  return (
    Node.isVariableDeclaration(node) ||
    Node.isPropertyAssignment(node) ||
    Node.isBindingElement(node) ||
    Node.isShorthandPropertyAssignment(node)
  );
}

/** The name of a holder; undefined for a destructuring pattern. */
function holderName(node: Node): string | undefined {
  if (!Node.hasName(node)) return undefined;
  const name = node.getNameNode();
  if (Node.isObjectBindingPattern(name) || Node.isArrayBindingPattern(name)) return undefined;
  return propertyNameText(name);
}

/** True when a holder names what the path runs through: a function or class it holds, or an object literal with a named member on the path. */
function holdsNamedValue(holder: Node, hasInnerSegment: boolean): boolean {
  const initializer =
    Node.isPropertyAssignment(holder) || Node.isVariableDeclaration(holder) ? holder.getInitializer() : undefined;
  if (initializer === undefined) return false;
  const value = skipOuterExpressions(initializer);
  if (isFunctionLike(value) || Node.isClassExpression(value)) return true;
  return Node.isObjectLiteralExpression(value) && hasInnerSegment;
}

/** The name an assignment target gives: `x` for `x = …`, `run` for `this.run = …` or `exports.run = …`. */
function assignedName(target: Node): string | undefined {
  if (Node.isIdentifier(target)) return target.getText();
  if (Node.isPropertyAccessExpression(target)) return target.getName();
  return undefined;
}

/** The text of a property name without quotes or brackets: `find`, `#lookup`, `[Symbol.iterator]`. */
function propertyNameText(name: Node): string {
  if (Node.isStringLiteral(name) || Node.isNumericLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name))
    return name.getLiteralText();
  if (Node.isComputedPropertyName(name)) return `[${name.getExpression().getText()}]`;
  return name.getText();
}
