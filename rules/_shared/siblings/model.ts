import { Node, SyntaxKind, ts, TypeFlags } from 'ts-morph';
import { wrapNode } from '../ast/wrap-node.js';
import { isFunctionLikeKind } from '../ast/is-function-like.js';
import { symbolPathOf } from '../names.js';
import type { ProjectView } from '../../../src/model/project-view.js';
import type {
  ArrowFunction,
  ClassDeclaration,
  ClassExpression,
  FunctionDeclaration,
  FunctionExpression,
  MethodDeclaration,
  ReturnStatement,
  SourceFile,
  ThrowStatement,
  Type,
} from 'ts-morph';

/**
 * Siblings, as `inconsistent-signature` and `inconsistent-error-types` mean it:
 * the methods of one class, or the top-level functions of one module. Members
 * of different classes are never siblings, nor are the overloads of one function.
 */

/** A function-like declaration that has a body. */
export type SiblingFunction = MethodDeclaration | FunctionDeclaration | ArrowFunction | FunctionExpression;

/** One method of a class, or one top-level function of a module. */
export interface SiblingMember {
  /** The declared name (`find`, `#lookup`). */
  name: string;
  /** The implementation. */
  fn: SiblingFunction;
  /** The node that carries the name, where findings point. */
  nameNode: Node;
  /** Dotted symbol path: `Class.method` or `function`. */
  symbol: string;
  /** True when the function has overload signatures; overloads vary on purpose. */
  overloaded: boolean;
}

/** The methods of one class, or the top-level functions of one module. */
export interface SiblingGroup {
  kind: 'class' | 'module';
  /** Class name, or the module's file path. */
  name: string;
  members: SiblingMember[];
}

/**
 * Sibling groups by file, shared by both sibling rules. Kept per compiler
 * SourceFile rather than in `ProjectView.memo`: they depend on that file alone,
 * and a memo read would mark the rules as reading project-wide data, which
 * makes `--cache` re-run them on every file instead of the changed ones.
 */
const groupsByFile = new WeakMap<ts.SourceFile, SiblingGroup[]>();

/** Every sibling group of a file: one per class (declaration or expression) with methods, plus the module's top-level functions; computed once per file. */
export function siblingGroupsOf(file: SourceFile, project: ProjectView): SiblingGroup[] {
  let groups = groupsByFile.get(file.compilerNode);
  if (groups === undefined) {
    groups = buildSiblingGroups(file, project);
    groupsByFile.set(file.compilerNode, groups);
  }
  return groups;
}

/** The sibling groups of a file: classes from the shared node index, wrapped one by one. */
function buildSiblingGroups(file: SourceFile, project: ProjectView): SiblingGroup[] {
  const groups: SiblingGroup[] = [];
  for (const cls of classesOf(file, project)) {
    const className = classNameOf(cls);
    const members: SiblingMember[] = [];
    for (const method of cls.getMethods()) {
      const body = method.getBody();
      if (body === undefined) continue;
      const name = method.getName();
      members.push({
        name,
        fn: method,
        nameNode: method.getNameNode(),
        symbol: symbolPathOf(method),
        overloaded: method.getOverloads().length > 0,
      });
    }
    if (members.length > 1) groups.push({ kind: 'class', name: className, members });
  }
  const moduleMembers = moduleFunctionsOf(file);
  if (moduleMembers.length > 1) groups.push({ kind: 'module', name: file.getBaseName(), members: moduleMembers });
  return groups;
}

/** The class declarations and expressions of a file in document order (an enclosing class before the classes in it). */
function classesOf(file: SourceFile, project: ProjectView): (ClassDeclaration | ClassExpression)[] {
  const found = [
    ...project.nodesOf(file, ts.SyntaxKind.ClassDeclaration),
    ...project.nodesOf(file, ts.SyntaxKind.ClassExpression),
  ];
  found.sort((a, b) => a.pos - b.pos || b.end - a.end);
  return found
    .map((node) => project.wrap(file, node))
    .filter((cls) => Node.isClassDeclaration(cls) || Node.isClassExpression(cls));
}

/** The class's name, or the name of the variable a class expression is assigned to. */
function classNameOf(cls: Node): string {
  if (Node.isClassDeclaration(cls) || Node.isClassExpression(cls)) {
    const own = cls.getName();
    if (own !== undefined) return own;
  }
  const parent = cls.getParent();
  if (Node.isVariableDeclaration(parent)) return parent.getName();
  return 'default';
}

/** Top-level function declarations and `const f = () => …` / `const f = function () {…}` of a module. */
function moduleFunctionsOf(file: SourceFile): SiblingMember[] {
  const out: SiblingMember[] = [];
  for (const statement of file.getStatements()) {
    if (Node.isFunctionDeclaration(statement)) {
      const nameNode = statement.getNameNode();
      if (nameNode === undefined || !statement.hasBody()) continue;
      const name = nameNode.getText();
      out.push({
        name,
        fn: statement,
        nameNode,
        symbol: symbolPathOf(statement),
        overloaded: statement.getOverloads().length > 0,
      });
    } else if (Node.isVariableStatement(statement)) {
      for (const declaration of statement.getDeclarations()) {
        const init = declaration.getInitializer();
        if (!Node.isArrowFunction(init) && !Node.isFunctionExpression(init)) continue;
        const nameNode = declaration.getNameNode();
        if (!Node.isIdentifier(nameNode)) continue;
        out.push({
          name: nameNode.getText(),
          fn: init,
          nameNode,
          symbol: symbolPathOf(declaration),
          overloaded: false,
        });
      }
    }
  }
  return out;
}

/** The identifier without the leading `_`/`#`/`$` that mark it private or unused. */
export function spellingOf(name: string): string {
  return name.replace(/^[#_$]+/, '');
}

/** The type a function returns, with one `Promise<…>` layer taken off for async functions. */
export function resolvedReturnTypeOf(fn: SiblingFunction): Type {
  const type = fn.getReturnType();
  if (!fn.isAsync()) return type;
  const symbol = type.getSymbol();
  const args = type.getTypeArguments();
  if (symbol?.getName() === 'Promise' && args.length === 1 && args[0] !== undefined) return args[0];
  return type;
}

/** Which absent values a type admits: `undefined`, `null`, both, or none. */
export type AbsentForm = 'undefined' | 'null' | 'both' | 'none';

/** The absent values a type admits (`void` counts as `undefined`). */
export function absentFormOf(type: Type): AbsentForm {
  const members = type.isUnion() ? type.getUnionTypes() : [type];
  const hasUndefined = members.some((t) => t.isUndefined() || (t.getFlags() & TypeFlags.Void) !== 0);
  const hasNull = members.some((t) => t.isNull());
  return combineAbsent(hasUndefined, hasNull);
}

/** The union members of a type other than `undefined`, `null` and `void`. */
export function presentMembersOf(type: Type): Type[] {
  const members = type.isUnion() ? type.getUnionTypes() : [type];
  return members.filter((t) => !t.isUndefined() && !t.isNull() && (t.getFlags() & TypeFlags.Void) === 0);
}

/** True when the type is `any`, `unknown`, `never`, an unresolved type, or mentions a type parameter anywhere. */
export function isOpenType(type: Type): boolean {
  if (type.isAny() || type.isUnknown() || (type.getFlags() & TypeFlags.Never) !== 0) return true;
  return mentionsTypeParameter(type, 0);
}

/** True when the type or one of its parts (union/intersection members, type arguments, array elements) is a type parameter or `any`. */
function mentionsTypeParameter(type: Type, depth: number): boolean {
  if (depth > 4) return true;
  if (type.isTypeParameter() || type.isAny()) return true;
  const parts = [
    ...(type.isUnion() ? type.getUnionTypes() : []),
    ...(type.isIntersection() ? type.getIntersectionTypes() : []),
    ...type.getTypeArguments(),
    ...type.getAliasTypeArguments(),
  ];
  return parts.some((part) => mentionsTypeParameter(part, depth + 1));
}

/** Throw statements of `fn` itself, not of a nested function. */
export function ownThrowsOf(fn: SiblingFunction): ThrowStatement[] {
  return ownStatementsOf(fn, ts.SyntaxKind.ThrowStatement).filter((node) => Node.isThrowStatement(node));
}

/** Return statements of `fn` itself, not of a nested function. */
export function ownReturnsOf(fn: SiblingFunction): ReturnStatement[] {
  return ownStatementsOf(fn, ts.SyntaxKind.ReturnStatement).filter((node) => Node.isReturnStatement(node));
}

/**
 * The nodes of one kind inside `fn` whose nearest enclosing function is `fn`
 * (`enclosingFunctionOf`), in document order: a walk of the compiler's nodes
 * that does not enter nested functions; only the matches are wrapped.
 */
function ownStatementsOf(fn: SiblingFunction, kind: ts.SyntaxKind): Node[] {
  const file = fn.getSourceFile();
  const found: Node[] = [];
  const stack: ts.Node[] = [];
  const push = (child: ts.Node): undefined => {
    stack.push(child);
    return undefined;
  };
  ts.forEachChild(fn.compilerNode, push);
  stack.reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.kind === kind) found.push(wrapNode(file, node));
    if (isFunctionLikeKind(node.kind)) continue;
    const start = stack.length;
    ts.forEachChild(node, push);
    stack.push(...stack.splice(start).reverse());
  }
  return found;
}

/** The absent values a written type admits (`T | null`, `T | undefined`), read from the syntax so it holds without `strictNullChecks`. */
export function absentFormOfTypeNode(typeNode: Node): AbsentForm {
  const members = Node.isUnionTypeNode(typeNode) ? typeNode.getTypeNodes() : [typeNode];
  const hasUndefined = members.some(
    (m) => m.getKind() === SyntaxKind.UndefinedKeyword || m.getKind() === SyntaxKind.VoidKeyword,
  );
  const hasNull = members.some((m) => Node.isLiteralTypeNode(m) && m.getLiteral().getKind() === SyntaxKind.NullKeyword);
  return combineAbsent(hasUndefined, hasNull);
}

/** Joins two flags into an AbsentForm. */
export function combineAbsent(hasUndefined: boolean, hasNull: boolean): AbsentForm {
  if (hasUndefined && hasNull) return 'both';
  if (hasUndefined) return 'undefined';
  if (hasNull) return 'null';
  return 'none';
}

/** The union of two absent forms. */
export function mergeAbsent(a: AbsentForm, b: AbsentForm): AbsentForm {
  return combineAbsent(
    a === 'undefined' || a === 'both' || b === 'undefined' || b === 'both',
    a === 'null' || a === 'both' || b === 'null' || b === 'both',
  );
}

/**
 * True when a method's signature is dictated elsewhere: it has `override`,
 * or a base class or an implemented interface declares a member of the same
 * name (even without the keyword).
 */
export function isInheritedSignature(member: SiblingMember): boolean {
  const fn = member.fn;
  if (!Node.isMethodDeclaration(fn)) return false;
  if (fn.hasOverrideKeyword()) return true;
  const cls = fn.getParent();
  if (!Node.isClassDeclaration(cls) && !Node.isClassExpression(cls)) return false;
  const baseType = cls.getBaseClass()?.getType() ?? cls.getExtends()?.getType();
  if (baseType !== undefined && baseType.getProperty(member.name) !== undefined) return true;
  return cls.getImplements().some((heritage) => heritage.getType().getProperty(member.name) !== undefined);
}

/** First words of names that look something up. */
export const LOOKUP_VERBS: ReadonlySet<string> = new Set([
  'find',
  'get',
  'lookup',
  'load',
  'fetch',
  'resolve',
  'retrieve',
  'locate',
  'search',
]);

/**
 * True when the project checks `null` and `undefined` strictly. Without
 * `strictNullChecks` both are in every type, so absent-value conventions
 * (`| null` vs `?`) say nothing about what a function accepts or returns.
 */
export function hasStrictNullChecks(node: Node): boolean {
  const options = node.getProject().getCompilerOptions();
  return options.strictNullChecks ?? options.strict ?? false;
}
