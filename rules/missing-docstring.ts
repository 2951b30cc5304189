import { Node, Scope } from 'ts-morph';
import { symbolPathOf } from './_shared/names.js';
import type { ClassDeclaration, MethodDeclaration, SourceFile } from 'ts-morph';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import { hasJsDoc } from './_shared/jsdoc.js';

/** Methods every object has or that implement a language protocol: their contract is documented where they come from. */
const PROTOCOL_METHODS = new Set(['toString', 'toJSON', 'valueOf', 'toLocaleString', 'then']);

export default defineRule({
  meta: {
    id: 'missing-docstring',
    description:
      'Require a JSDoc comment on exported functions, classes, interfaces, type aliases and the public methods of exported classes',
    category: 'docs',
    defaultSeverity: 'info',
    stability: 'stable',
    scope: 'file',
    needsTypeChecker: true,
    skipFiles: ['test', 'generated'],
    title: 'Missing JSDoc comments',
    rationale:
      "What a module exports is what other modules build on; without a JSDoc comment its contract lives only in its body and in its author's head, and editors show nothing on hover.",
    messages: {
      missingDocstring: {
        message: 'Exported {{kind}} `{{name}}` has no JSDoc comment.',
        recommendation: 'Add a JSDoc comment to `{{name}}` that says {{what}}.',
      },
      missingMemberDocstring: {
        message: '`{{className}}.{{name}}`, a {{visibility}} method of an exported class, has no JSDoc comment.',
        recommendation: 'Add a JSDoc comment to `{{name}}` that says what it does and returns.',
      },
    },
    options: NO_OPTIONS,
  },
  *check({ files }) {
    for (const file of files) {
      for (const declaration of exportedDeclarationsOf(file)) {
        if (hasDocOnAnySignature(declaration.node) || isMarkedInternal(declaration.node)) continue;
        yield {
          node: nameNodeOf(declaration.node),
          messageId: 'missingDocstring',
          symbol: { path: symbolPathOf(declaration.node) },
          data: declarationData(declaration),
        };
      }
      for (const cls of file.getClasses()) {
        if (!cls.isExported() || isMarkedInternal(cls)) continue;
        const className = cls.getName() ?? 'default';
        for (const method of undocumentedMethodsOf(cls)) {
          yield {
            node: method.getNameNode(),
            messageId: 'missingMemberDocstring',
            symbol: { path: symbolPathOf(method) },
            data: memberData(method, className),
          };
        }
      }
    }
  },
});

/** Message data for an exported declaration. */
function declarationData(declaration: ExportedDeclaration): Record<string, string> {
  return {
    kind: declaration.kind,
    name: declaration.name,
    what: declaration.kind === 'function' ? 'what it does and returns' : 'what it represents',
  };
}

/** Message data for a method. */
function memberData(method: MethodDeclaration, className: string): Record<string, string> {
  return {
    visibility: method.getScope() === Scope.Protected ? 'protected' : 'public',
    name: method.getName(),
    className,
  };
}

/** True when a comment before the declaration (JSDoc or not, as in `/* @internal *\/`) marks it `@internal`: it is not documented on purpose. */
function isMarkedInternal(node: Node): boolean {
  const host = Node.isVariableDeclaration(node) ? (node.getVariableStatement() ?? node) : node;
  return host.getLeadingCommentRanges().some((comment) => comment.getText().includes('@internal'));
}

/** An exported declaration the rule asks a JSDoc comment for. */
interface ExportedDeclaration {
  node: Node;
  kind: 'function' | 'class' | 'interface' | 'type alias';
  name: string;
}

/** Exported functions (declared or assigned a function expression), classes, interfaces and type aliases of a module, one per name. */
function exportedDeclarationsOf(file: SourceFile): ExportedDeclaration[] {
  const out: ExportedDeclaration[] = [];
  const seenFunctions = new Set<string>();
  for (const fn of file.getFunctions()) {
    const name = fn.getName() ?? 'default';
    if (!fn.isExported() || seenFunctions.has(name)) continue;
    seenFunctions.add(name);
    out.push({ node: fn, kind: 'function', name });
  }
  for (const cls of file.getClasses())
    if (cls.isExported()) out.push({ node: cls, kind: 'class', name: cls.getName() ?? 'default' });
  for (const iface of file.getInterfaces())
    if (iface.isExported() && !isMergedWithEarlier(iface))
      out.push({ node: iface, kind: 'interface', name: iface.getName() });
  for (const alias of file.getTypeAliases())
    if (alias.isExported()) out.push({ node: alias, kind: 'type alias', name: alias.getName() });
  for (const statement of file.getVariableStatements()) {
    if (!statement.isExported()) continue;
    for (const declaration of statement.getDeclarations()) {
      if (isFunctionExpression(declaration.getInitializer()))
        out.push({ node: declaration, kind: 'function', name: declaration.getName() });
    }
  }
  return out;
}

/** True for the second and later declarations of a merged interface: the first one carries the comment. */
function isMergedWithEarlier(node: Node): boolean {
  const symbol = node.getSymbol();
  const first = symbol?.getDeclarations().find((d) => Node.isInterfaceDeclaration(d));
  return first !== undefined && first !== node;
}

/** True for arrow functions and function expressions, also inside parentheses, `as` or `satisfies`. */
function isFunctionExpression(node: Node | undefined): boolean {
  let current = node;
  while (
    current !== undefined &&
    (Node.isParenthesizedExpression(current) || Node.isAsExpression(current) || Node.isSatisfiesExpression(current))
  ) {
    current = current.getExpression();
  }
  return current !== undefined && (Node.isArrowFunction(current) || Node.isFunctionExpression(current));
}

/** True when the declaration, or any overload signature or merged declaration of it in the same file, has a JSDoc comment. */
function hasDocOnAnySignature(node: Node): boolean {
  if (hasJsDoc(node)) return true;
  if (Node.isFunctionDeclaration(node) || Node.isMethodDeclaration(node)) {
    const implementation = node.getImplementation() ?? node;
    return [...implementation.getOverloads(), implementation].some((signature) => hasJsDoc(signature));
  }
  if (Node.isInterfaceDeclaration(node) || Node.isClassDeclaration(node)) {
    return (node.getSymbol()?.getDeclarations() ?? []).some(
      (d) => d.getSourceFile() === node.getSourceFile() && hasJsDoc(d),
    );
  }
  return false;
}

/** The name to point at, or the declaration itself when it has none (`export default function () {}`). */
function nameNodeOf(node: Node): Node {
  if (Node.isFunctionDeclaration(node) || Node.isClassDeclaration(node)) return node.getNameNode() ?? node;
  if (Node.isInterfaceDeclaration(node) || Node.isTypeAliasDeclaration(node) || Node.isVariableDeclaration(node))
    return node.getNameNode();
  return node;
}

/**
 * Public and protected methods with no JSDoc on any of their signatures,
 * except members whose contract is documented elsewhere (see
 * `inheritsMember`), protocol methods (`toString`, `[Symbol.iterator]`),
 * quoted or computed names, and names starting with `_` (private by
 * convention).
 */
function undocumentedMethodsOf(cls: ClassDeclaration): MethodDeclaration[] {
  const out: MethodDeclaration[] = [];
  const seen = new Set<string>();
  for (const method of cls.getMethods()) {
    const name = method.getName();
    if (seen.has(name)) continue;
    seen.add(name);
    if (method.getScope() === Scope.Private || !Node.isIdentifier(method.getNameNode()) || name.startsWith('_'))
      continue;
    if (PROTOCOL_METHODS.has(name)) continue;
    if (hasDocOnAnySignature(method) || inheritsDocumentedMember(cls, name)) continue;
    out.push(method);
  }
  return out;
}

/**
 * True when the member's contract is documented, or reported, elsewhere: a
 * base declaration of it has a JSDoc comment, comes from a library
 * (declaration file), or is a method of a project class (an override: the
 * base method is where the comment belongs, and is reported itself if it has
 * none); also when a base type cannot be resolved. An implementation of an
 * undocumented interface member is not exempt: nothing documents it.
 */
function inheritsDocumentedMember(cls: ClassDeclaration, name: string): boolean {
  const heritage = [cls.getExtends(), ...cls.getImplements()].filter((h) => h !== undefined);
  return heritage.some((clause) => {
    const type = clause.getType();
    if (type.isAny()) return true;
    const declarations = type.getProperty(name)?.getDeclarations() ?? [];
    return declarations.some(
      (d) => d.getSourceFile().isDeclarationFile() || hasJsDoc(d) || Node.isClassDeclaration(d.getParent()),
    );
  });
}
