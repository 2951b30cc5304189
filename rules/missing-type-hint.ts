import { Node, Scope, TypeFormatFlags, ts } from 'ts-morph';
import type { ParameterDeclaration, SourceFile, Type } from 'ts-morph';
import { defineRule } from '../src/model/rule.js';
import type { FindingDraft } from '../src/model/rule.js';
import { heritageTypesOf, inheritsMember } from './_shared/heritage.js';
import { MODULE_PATH, symbolPathOf } from './_shared/names.js';

type MessageId = 'implicitAnyParameter' | 'missingReturnType' | 'missingReturnTypeUnresolved';

/** Function-like declarations whose parameters can be implicitly `any`. */
type FunctionLike = Node & { getParameters(): ParameterDeclaration[] };

/** Methods every object has, whose return types `Object` declares. */
const OBJECT_METHODS = new Set(['toString', 'valueOf', 'toLocaleString']);

/** Longest inferred type text a message quotes. */
const MAX_TYPE_LENGTH = 100;

export default defineRule({
  meta: {
    id: 'missing-type-hint',
    description:
      'Require type annotations where the checker infers `any` and on the return types of exported functions and public methods',
    category: 'correctness',
    defaultSeverity: 'warning',
    stability: 'stable',
    scope: 'file',
    needsTypeChecker: true,
    skipFiles: ['test', 'generated'],
    title: 'Missing type annotations',
    rationale:
      "A parameter the checker types as `any` turns off type checking wherever its value flows; an exported function without a return type lets a change in its body silently change its callers' types.",
    messages: {
      implicitAnyParameter: {
        message: 'Parameter `{{param}}` of `{{name}}` is implicitly `{{type}}`.',
        recommendation: 'Add a type annotation to `{{param}}`.',
      },
      missingReturnType: {
        message: '`{{name}}` ({{kind}}) returns `{{type}}` without a return type annotation.',
        recommendation: 'Declare the return type of `{{name}}`.',
      },
      missingReturnTypeUnresolved: {
        message:
          '`{{name}}` ({{kind}}) has no return type annotation; what it returns comes from packages that are not installed, so its type is unknown here.',
        recommendation: 'Declare the return type of `{{name}}`.',
      },
    },
    options: {
      defaults: { checkReturnTypes: true },
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkReturnTypes: {
            type: 'boolean',
            description:
              'Also report exported functions and public methods of exported classes that have no return type annotation.',
          },
        },
      },
    },
  },
  *check({ files, project, options }) {
    for (const file of files) {
      if (!isTypeChecked(file)) continue;
      yield* implicitAnyParameters(file);
      if (options.checkReturnTypes) yield* missingReturnTypes(file, project.dependenciesResolved);
    }
  },
});

/** TypeScript files, and JavaScript files the project type-checks (`checkJs` or `// @ts-check`). */
function isTypeChecked(file: SourceFile): boolean {
  if (!/\.[cm]?jsx?$/.test(file.getFilePath())) return true;
  if (/^\s*\/\/\s*@ts-nocheck/m.test(file.getFullText())) return false;
  return file.getProject().getCompilerOptions().checkJs === true || /^\s*\/\/\s*@ts-check/m.test(file.getFullText());
}

/** Parameters without annotation, default value or JSDoc type that the checker types as `any`, outside contextually typed functions. */
function* implicitAnyParameters(file: SourceFile): Generator<FindingDraft<MessageId>> {
  const functions: FunctionLike[] = [];
  file.forEachDescendant((node) => {
    if (
      Node.isFunctionDeclaration(node) ||
      Node.isMethodDeclaration(node) ||
      Node.isConstructorDeclaration(node) ||
      Node.isSetAccessorDeclaration(node) ||
      Node.isArrowFunction(node) ||
      Node.isFunctionExpression(node) ||
      Node.isMethodSignature(node)
    ) {
      functions.push(node);
    }
  });
  for (const fn of functions) {
    if (fn.getParameters().every((p) => p.getTypeNode() !== undefined || p.hasInitializer())) continue;
    if (isCallArgument(fn) || isContextuallyTyped(fn)) continue;
    for (const parameter of fn.getParameters()) {
      const type = implicitAnyTypeOf(parameter);
      if (type === undefined) continue;
      const path = symbolPathOf(fn);
      const name = path === MODULE_PATH ? 'function' : path;
      yield {
        node: parameter,
        messageId: 'implicitAnyParameter',
        symbol: { path, qualifier: parameter.getName() },
        data: { param: parameter.getNameNode().getText().replace(/\s+/g, ' '), name, type },
      };
    }
  }
}

/** `any` or `any[]` when the parameter's type is implicit and `any`; undefined otherwise. */
function implicitAnyTypeOf(parameter: ParameterDeclaration): string | undefined {
  if (parameter.getTypeNode() !== undefined || parameter.hasInitializer() || parameter.getName() === 'this')
    return undefined;
  if (ts.getJSDocType(parameter.compilerNode) !== undefined) return undefined;
  const type = parameter.getType();
  const nameNode = parameter.getNameNode();
  if (!Node.isIdentifier(nameNode)) {
    const elements = nameNode.getDescendants().filter((n) => Node.isBindingElement(n));
    return elements.some((e) => e.getType().isAny() && !e.hasInitializer()) ? 'any' : undefined;
  }
  if (parameter.isRestParameter())
    return type.isArray() && type.getArrayElementType()?.isAny() === true ? 'any[]' : undefined;
  return type.isAny() ? 'any' : undefined;
}

/**
 * True when the checker types the function's parameters from where it is
 * used: a callback passed to a typed function, a function assigned to a
 * typed variable or property, an object-literal method.
 */
function isContextuallyTyped(fn: Node): boolean {
  const checker = fn.getProject().getTypeChecker().compilerObject;
  if (Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))
    return checker.getContextualType(fn.compilerNode) !== undefined;
  if (Node.isMethodDeclaration(fn) || Node.isSetAccessorDeclaration(fn)) {
    const parent = fn.getParent();
    return Node.isObjectLiteralExpression(parent) && checker.getContextualType(parent.compilerNode) !== undefined;
  }
  return false;
}

/**
 * True when the function (or the object literal or array holding it) is an
 * argument of a call or a JSX attribute value. Either the callee types it
 * (contextual typing), or the callee cannot be typed (an untyped or
 * uninstalled library), and then the callback's types are unknown, not
 * absent. Decided from syntax, without asking the checker to resolve the call.
 */
function isCallArgument(fn: Node): boolean {
  let current: Node = fn;
  let parent = current.getParent();
  while (
    parent !== undefined &&
    (Node.isParenthesizedExpression(parent) ||
      Node.isObjectLiteralExpression(parent) ||
      Node.isPropertyAssignment(parent) ||
      Node.isArrayLiteralExpression(parent) ||
      Node.isShorthandPropertyAssignment(parent))
  ) {
    current = parent;
    parent = current.getParent();
  }
  if (Node.isJsxExpression(parent)) return true;
  if (!(Node.isCallExpression(parent) || Node.isNewExpression(parent))) return false;
  return parent.getArguments().includes(current);
}

/**
 * Exported functions and public methods of exported classes that have no
 * declared return type. Constructors, accessors, methods with computed names
 * (protocol members such as `[Symbol.iterator]`) and members whose type a
 * base class or interface declares are left out.
 */
function* missingReturnTypes(file: SourceFile, dependenciesResolved: boolean): Generator<FindingDraft<MessageId>> {
  for (const fn of file.getFunctions()) {
    if (!fn.isExported() || fn.getReturnTypeNode() !== undefined || hasJsDocReturnType(fn)) continue;
    if (!fn.isOverload() && fn.getOverloads().length > 0) continue;
    const name = fn.getName() ?? 'default';
    yield returnFinding(
      fn.getNameNode() ?? fn,
      'exported function',
      name,
      fn.getReturnType(),
      fn,
      dependenciesResolved,
    );
  }
  for (const statement of file.getVariableStatements()) {
    if (!statement.isExported()) continue;
    for (const declaration of statement.getDeclarations()) {
      const initializer = declaration.getInitializer();
      if (
        declaration.getTypeNode() !== undefined ||
        !(Node.isArrowFunction(initializer) || Node.isFunctionExpression(initializer))
      )
        continue;
      if (
        initializer.getReturnTypeNode() !== undefined ||
        hasJsDocReturnType(initializer) ||
        ts.getJSDocType(statement.compilerNode) !== undefined
      )
        continue;
      yield returnFinding(
        declaration.getNameNode(),
        'exported function',
        declaration.getName(),
        initializer.getReturnType(),
        initializer,
        dependenciesResolved,
      );
    }
  }
  for (const cls of file.getClasses()) {
    if (!cls.isExported()) continue;
    const owner = cls.getName() ?? 'default';
    for (const method of cls.getMethods()) {
      if (
        method.getScope() !== Scope.Public ||
        !Node.isIdentifier(method.getNameNode()) ||
        method.getName().startsWith('_')
      )
        continue;
      if (
        OBJECT_METHODS.has(method.getName()) ||
        method.hasOverrideKeyword() ||
        inheritsMember(heritageTypesOf(cls), method.getName())
      )
        continue;
      if (method.getReturnTypeNode() !== undefined || hasJsDocReturnType(method)) continue;
      if (!method.isOverload() && method.getOverloads().length > 0) continue;
      yield returnFinding(
        method.getNameNode(),
        'public method',
        `${owner}.${method.getName()}`,
        method.getReturnType(),
        method,
        dependenciesResolved,
      );
    }
  }
}

/** True when a JavaScript function declares its return type with `@returns {T}`. */
function hasJsDocReturnType(fn: Node): boolean {
  return ts.getJSDocReturnType(fn.compilerNode) !== undefined;
}

/** A missing-return-type finding quoting the inferred type. */
function returnFinding(
  node: Node,
  kind: string,
  name: string,
  type: Type,
  enclosing: Node,
  dependenciesResolved: boolean,
): FindingDraft<MessageId> {
  const text = typeText(type, enclosing);
  // Without node_modules, types from packages are `any`: quoting them would state a type the code does not have.
  if (!dependenciesResolved && /\bany\b/.test(text))
    return { node, messageId: 'missingReturnTypeUnresolved', symbol: { path: name }, data: { kind, name } };
  return { node, messageId: 'missingReturnType', symbol: { path: name }, data: { kind, name, type: text } };
}

/** The inferred type as the checker prints it, shortened when long. */
function typeText(type: Type, enclosing: Node): string {
  const text = type
    .getText(enclosing, TypeFormatFlags.UseAliasDefinedOutsideCurrentScope | TypeFormatFlags.NoTruncation)
    .replace(/\s+/g, ' ');
  return text.length <= MAX_TYPE_LENGTH ? text : `${text.slice(0, MAX_TYPE_LENGTH - 1)}…`;
}
