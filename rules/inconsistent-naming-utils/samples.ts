import { Node, ts } from 'ts-morph';
import type { ParameterDeclaration, SourceFile, Type } from 'ts-morph';
import { heritageTypesOf, inheritsMember } from '../_shared/heritage.js';
import { skipOuterExpressions } from '../_shared/ast/skip-outer-expressions.js';
import { symbolPathOf } from '../_shared/names.js';
import { getUnambiguousStyle } from '../_shared/identifier-style.js';
import type { NamingStyle } from '../_shared/identifier-style.js';
import { wrapNode } from '../_shared/ast/wrap-node.js';
import { enclosingFunctionOf } from '../_shared/ast/enclosing-function-of.js';
import type { ProjectView } from '../../src/model/project-view.js';

/** The kinds of names whose styles are compared among themselves. */
export type NameKind = 'variable' | 'function' | 'method' | 'property' | 'parameter' | 'type';

/** One declared name the rule counts. */
export interface NameSample {
  kind: NameKind;
  name: string;
  style: NamingStyle;
  node: Node;
  symbol: string;
}

/** Per-run memo of per-container facts. */
interface Cache {
  wireFormat: Map<Node, boolean>;
  heritage: Map<Node, Type[]>;
}

/** Styles compared per kind; PascalCase and UPPER_SNAKE_CASE values are conventions (constructors, components, constants). */
const COMPARED_STYLES: Record<NameKind, readonly NamingStyle[]> = {
  variable: ['camelCase', 'snake_case'],
  function: ['camelCase', 'snake_case'],
  method: ['camelCase', 'snake_case'],
  property: ['camelCase', 'snake_case'],
  parameter: ['camelCase', 'snake_case'],
  type: ['PascalCase', 'camelCase', 'snake_case'],
};

/** The declaration kinds that can name a sample (see `sampleOf`). */
const DECLARATION_KINDS: readonly ts.SyntaxKind[] = [
  ts.SyntaxKind.VariableDeclaration,
  ts.SyntaxKind.BindingElement,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.Parameter,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.MethodSignature,
  ts.SyntaxKind.PropertyDeclaration,
  ts.SyntaxKind.PropertySignature,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.InterfaceDeclaration,
  ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.EnumDeclaration,
];

/** Every style some kind of name is compared in. */
const ANY_COMPARED_STYLE = new Set<NamingStyle>(Object.values(COMPARED_STYLES).flat());

/**
 * Every counted name of the project, one per declaration. Names with a
 * leading `_` are left out: the underscore marks a placeholder or an
 * internal name on purpose (`([_k_a, a]) => …`), not a style. Declarations
 * come from the run's node index; only those whose own name could be
 * counted are wrapped in ts-morph nodes.
 */
export function collectSamples(files: readonly SourceFile[], project: Pick<ProjectView, 'nodesOf'>): NameSample[] {
  const samples: NameSample[] = [];
  const seen = new Set<string>();
  const cache: Cache = { wireFormat: new Map(), heritage: new Map() };
  for (const file of files) {
    for (const declaration of declarationsInOrder(file, project)) {
      if (!mayNameASample(declaration) || isUnderDeclareOrJsDoc(declaration)) continue;
      const found = sampleOf(wrapNode(file, declaration), cache);
      if (found === undefined || found.name.startsWith('_')) continue;
      const style = getUnambiguousStyle(withoutStageMarker(found.name));
      if (style === undefined || !COMPARED_STYLES[found.kind].includes(style)) continue;
      const key = `${file.getFilePath()}:${dedupeKey(found.node, found.name)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      samples.push({ ...found, style });
    }
  }
  return samples;
}

/** The file's declarations of every kind `sampleOf` reads, in document order (a node before the nodes inside it). */
function declarationsInOrder(file: SourceFile, project: Pick<ProjectView, 'nodesOf'>): ts.Node[] {
  return DECLARATION_KINDS.flatMap((kind) => project.nodesOf(file, kind)).sort(
    (a, b) => a.pos - b.pos || b.end - a.end,
  );
}

/** False when the declaration's own name can never be counted: none, a leading `_`, or no compared style. */
function mayNameASample(declaration: ts.Node): boolean {
  const name = ts.isVariableDeclaration(declaration) || hasDeclarationName(declaration) ? declaration.name : undefined;
  if (name === undefined) return false;
  if (!ts.isIdentifier(name) && !ts.isPrivateIdentifier(name)) return true;
  const text = name.text.replace(/^#/, '');
  if (text.startsWith('_')) return false;
  const style = getUnambiguousStyle(withoutStageMarker(text));
  return style !== undefined && ANY_COMPARED_STYLE.has(style);
}

/** A release-stage or safety marker written before a name with `_` (React's `unstable_`, `experimental_`, `UNSAFE_`). */
const STAGE_MARKER =
  /^(unstable|experimental|unsafe|UNSAFE|internal|legacy|deprecated|DEPRECATED|INTERNAL)_(?=[A-Za-z])/;

/**
 * The name without a leading release-stage marker: in `unstable_connector`
 * or `experimental_context` the `_` separates a marker from the name, as
 * `unstable_` does in React's API; the name's style is what follows it.
 */
function withoutStageMarker(name: string): string {
  return name.replace(STAGE_MARKER, '');
}

/** Guard for the declarations of DECLARATION_KINDS that carry a `name` (possibly absent: `export default class {}`). */
function hasDeclarationName(node: ts.Node): node is ts.Node & { name?: ts.Node } {
  return 'name' in node;
}

/**
 * True when the declaration is not written as code here: it or a node around
 * it has `declare` (ambient), or it sits inside a JSDoc comment.
 */
function isUnderDeclareOrJsDoc(declaration: ts.Node): boolean {
  for (let current = declaration; !ts.isSourceFile(current); current = current.parent) {
    if (current.kind >= ts.SyntaxKind.FirstJSDocNode && current.kind <= ts.SyntaxKind.LastJSDocNode) return true;
    if (ts.canHaveModifiers(current) && ts.getModifiers(current)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword))
      return true;
  }
  return false;
}

/**
 * One key per named thing: a class's getter and setter, or an interface's
 * overloads, share theirs, and so do the declarations of one name in several
 * blocks of one function (`row_count` declared in three branches is one
 * naming choice, counted and reported once, at its first declaration).
 */
function dedupeKey(nameNode: Node, name: string): string {
  const member = nameNode.getParent();
  const container = member?.getParent();
  if (
    member !== undefined &&
    container !== undefined &&
    (Node.isClassLikeDeclarationBase(container) ||
      Node.isInterfaceDeclaration(container) ||
      Node.isTypeLiteral(container))
  ) {
    return `${String(container.getPos())}.${name}`;
  }
  if (member !== undefined && (Node.isVariableDeclaration(member) || Node.isBindingElement(member)))
    return `${String(enclosingFunctionOf(nameNode)?.getPos() ?? -1)}:${name}`;
  return String(nameNode.getPos());
}

/** The name a node declares and its kind, or undefined when the node declares no name the rule judges. */
function sampleOf(node: Node, cache: Cache): Omit<NameSample, 'style'> | undefined {
  if (Node.isVariableDeclaration(node)) return variableSample(node);
  if (Node.isBindingElement(node)) return bindingSample(node);
  if (Node.isFunctionDeclaration(node)) {
    const nameNode = node.getNameNode();
    if (nameNode === undefined || !node.hasBody()) return undefined;
    return { kind: 'function', name: nameNode.getText(), node: nameNode, symbol: symbolPathOf(node) };
  }
  if (Node.isParameterDeclaration(node)) return parameterSample(node, cache);
  if (Node.isMethodDeclaration(node) || Node.isMethodSignature(node)) return memberSample(node, 'method', cache);
  if (
    Node.isPropertyDeclaration(node) ||
    Node.isPropertySignature(node) ||
    Node.isGetAccessorDeclaration(node) ||
    Node.isSetAccessorDeclaration(node)
  ) {
    return memberSample(node, 'property', cache);
  }
  if (
    Node.isClassDeclaration(node) ||
    Node.isInterfaceDeclaration(node) ||
    Node.isTypeAliasDeclaration(node) ||
    Node.isEnumDeclaration(node)
  ) {
    const nameNode = node.getNameNode();
    if (nameNode === undefined) return undefined;
    if ((Node.isInterfaceDeclaration(node) || Node.isTypeAliasDeclaration(node)) && isNamedAfterValue(nameNode))
      return undefined;
    return { kind: 'type', name: nameNode.getText(), node: nameNode, symbol: symbolPathOf(node) };
  }
  return undefined;
}

/** True when a type shares its name with a value (`interface optional` beside `const optional`): it is named after that value. */
function isNamedAfterValue(nameNode: Node): boolean {
  const symbol = nameNode.getSymbol();
  return symbol !== undefined && (symbol.getFlags() & ts.SymbolFlags.Value) !== 0;
}

/** A variable, or a function when its initializer is a function expression. */
function variableSample(node: Node): Omit<NameSample, 'style'> | undefined {
  if (!Node.isVariableDeclaration(node)) return undefined;
  const nameNode = node.getNameNode();
  if (!Node.isIdentifier(nameNode)) return undefined;
  const written = node.getInitializer();
  const initializer = written === undefined ? undefined : skipOuterExpressions(written);
  const isFunction =
    initializer !== undefined && (Node.isArrowFunction(initializer) || Node.isFunctionExpression(initializer));
  return {
    kind: isFunction ? 'function' : 'variable',
    name: nameNode.getText(),
    node: nameNode,
    symbol: symbolPathOf(node),
  };
}

/** A destructured name: judged only when renamed (`{ a: localName }`) or taken from an array; shorthand names come from the object's type. */
function bindingSample(node: Node): Omit<NameSample, 'style'> | undefined {
  if (!Node.isBindingElement(node)) return undefined;
  const nameNode = node.getNameNode();
  if (!Node.isIdentifier(nameNode)) return undefined;
  if (Node.isObjectBindingPattern(node.getParent()) && node.getPropertyNameNode() === undefined) return undefined;
  const root = node.getFirstAncestor((a) => Node.isParameterDeclaration(a) || Node.isVariableDeclaration(a));
  if (root === undefined) return undefined;
  if (Node.isParameterDeclaration(root) && !hasImplementation(root)) return undefined;
  const kind: NameKind = Node.isParameterDeclaration(root) ? 'parameter' : 'variable';
  return { kind, name: nameNode.getText(), node: nameNode, symbol: symbolPathOf(node) };
}

/** A parameter of a function with a body (names in signatures without bodies are often copied from elsewhere). */
function parameterSample(node: Node, cache: Cache): Omit<NameSample, 'style'> | undefined {
  if (!Node.isParameterDeclaration(node)) return undefined;
  const nameNode = node.getNameNode();
  if (!Node.isIdentifier(nameNode) || nameNode.getText() === 'this') return undefined;
  if (!hasImplementation(node)) return undefined;
  if (node.isParameterProperty()) return parameterPropertySample(node, nameNode.getText(), cache);
  return { kind: 'parameter', name: nameNode.getText(), node: nameNode, symbol: symbolPathOf(node) };
}

/** A constructor parameter that declares a property (`constructor(readonly name: T)`) is judged as a property of its class. */
function parameterPropertySample(
  node: ParameterDeclaration,
  name: string,
  cache: Cache,
): Omit<NameSample, 'style'> | undefined {
  const container = node.getParent().getParent();
  if (isWireFormat(container, cache) || inheritsMember(heritageOf(container, cache), name)) return undefined;
  return { kind: 'property', name, node: node.getNameNode(), symbol: symbolPathOf(node) };
}

/** True when the parameter belongs to a function with a body. */
function hasImplementation(parameter: Node): boolean {
  const owner = parameter.getParent();
  if (owner === undefined) return false;
  if (Node.isFunctionDeclaration(owner) || Node.isMethodDeclaration(owner) || Node.isConstructorDeclaration(owner))
    return owner.hasBody();
  return (
    Node.isArrowFunction(owner) ||
    Node.isFunctionExpression(owner) ||
    Node.isGetAccessorDeclaration(owner) ||
    Node.isSetAccessorDeclaration(owner)
  );
}

/**
 * A class, interface or type-literal member, unless its name comes from
 * elsewhere: a quoted or computed name, an object literal's property (named
 * by whatever consumes the object), a member of a wire-format type, or a
 * member that overrides or implements a member of a base type.
 */
function memberSample(node: Node, kind: NameKind, cache: Cache): Omit<NameSample, 'style'> | undefined {
  if (!(
    Node.isMethodDeclaration(node) ||
    Node.isMethodSignature(node) ||
    Node.isPropertyDeclaration(node) ||
    Node.isPropertySignature(node) ||
    Node.isGetAccessorDeclaration(node) ||
    Node.isSetAccessorDeclaration(node)
  ))
    return undefined;
  const nameNode = node.getNameNode();
  if (!Node.isIdentifier(nameNode) && !Node.isPrivateIdentifier(nameNode)) return undefined;
  const container = node.getParent();
  if (!(
    Node.isClassDeclaration(container) ||
    Node.isClassExpression(container) ||
    Node.isInterfaceDeclaration(container) ||
    Node.isTypeLiteral(container)
  ))
    return undefined;
  if (Node.isMethodDeclaration(node) && !node.hasBody() && !node.isAbstract()) {
    if (node.getImplementation() !== undefined) return undefined;
  }
  const name = nameNode.getText().replace(/^#/, '');
  if (isWireFormat(container, cache)) return undefined;
  if (Node.isOverrideable(node) && node.hasOverrideKeyword()) return undefined;
  if (inheritsMember(heritageOf(container, cache), name)) return undefined;
  return { kind, name, node: nameNode, symbol: symbolPathOf(node) };
}

/**
 * True when a type's own multi-word member names are mostly snake_case: it
 * mirrors a wire format (JSON, SQL rows, a protocol), so its names are
 * consistent with themselves.
 */
function isWireFormat(container: Node, cache: Cache): boolean {
  const cached = cache.wireFormat.get(container);
  if (cached !== undefined) return cached;
  let snake = 0;
  let camel = 0;
  for (const name of memberNamesOf(container)) {
    const style = getUnambiguousStyle(name);
    if (style === 'snake_case') snake++;
    if (style === 'camelCase') camel++;
  }
  const result = snake > 0 && snake >= camel;
  cache.wireFormat.set(container, result);
  return result;
}

/** Names of a class's, interface's or type literal's members, constructor parameter properties included. */
function memberNamesOf(container: Node): string[] {
  const names: string[] = [];
  for (const member of container.getChildrenOfKind(ts.SyntaxKind.SyntaxList).flatMap((list) => list.getChildren())) {
    if (
      Node.isPropertyDeclaration(member) ||
      Node.isPropertySignature(member) ||
      Node.isGetAccessorDeclaration(member) ||
      Node.isSetAccessorDeclaration(member) ||
      Node.isMethodDeclaration(member) ||
      Node.isMethodSignature(member)
    ) {
      names.push(member.getName().replace(/^#/, ''));
    }
    if (Node.isConstructorDeclaration(member)) {
      for (const parameter of member.getParameters())
        if (parameter.isParameterProperty()) names.push(parameter.getName());
    }
  }
  return names;
}

/** The base types of a class or interface, computed once per run of the rule. */
function heritageOf(container: Node, cache: Cache): Type[] {
  let heritage = cache.heritage.get(container);
  if (heritage === undefined) {
    heritage = heritageTypesOf(container);
    cache.heritage.set(container, heritage);
  }
  return heritage;
}
