import { Node, Scope, TypeFormatFlags, ts } from 'ts-morph';
import type { ParameterDeclaration, SourceFile, Type } from 'ts-morph';
import { defineRule } from '../src/model/rule.js';
import type { FindingDraft } from '../src/model/rule.js';
import type { ProjectView } from '../src/model/project-view.js';
import { heritageTypesOf, inheritsMember } from './_shared/heritage.js';
import { MODULE_PATH, symbolPathOf } from './_shared/names.js';
import { wrapNode } from './_shared/ast/wrap-node.js';
import { returnTypeFix } from './missing-type-hint-utils/return-type-fix.js';

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
    stability: 'experimental',
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
      defaults: { checkReturnTypes: true, minimumAnnotatedShare: 0.5 },
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkReturnTypes: {
            type: 'boolean',
            description:
              'Also report exported functions and public methods of exported classes that have no return type annotation.',
          },
          minimumAnnotatedShare: {
            type: 'number',
            minimum: 0,
            description:
              'Share of the exported functions and public methods of the project that must declare their return type for the project to count as annotating them; below it, the project relies on inference and missing return types are not reported.',
          },
        },
      },
    },
  },
  *check({ files, project, options }) {
    const annotates = options.checkReturnTypes && annotatedShare(project) >= options.minimumAnnotatedShare;
    for (const file of files) {
      if (!isTypeChecked(file)) continue;
      yield* implicitAnyParameters(file);
      if (annotates) yield* missingReturnTypes(file);
    }
  },
});

/** True for JavaScript files, where TypeScript reads JSDoc types. */
function isJavaScriptPath(file: SourceFile): boolean {
  return /\.[cm]?jsx?$/.test(file.getFilePath());
}

/** TypeScript files, and JavaScript files the project type-checks (`checkJs` or `// @ts-check`). */
function isTypeChecked(file: SourceFile): boolean {
  if (!isJavaScriptPath(file)) return true;
  if (/^\s*\/\/\s*@ts-nocheck/m.test(file.getFullText())) return false;
  return file.getProject().getCompilerOptions().checkJs === true || /^\s*\/\/\s*@ts-check/m.test(file.getFullText());
}

/** Parameters without annotation, default value or JSDoc type that the checker types as `any`, outside contextually typed functions. */
function* implicitAnyParameters(file: SourceFile): Generator<FindingDraft<MessageId>> {
  const functions: FunctionLike[] = [];
  for (const node of functionsWithUntypedParameters(file.compilerNode)) {
    const fn = wrapNode(file, node);
    if (isFunctionWithParameters(fn)) functions.push(fn);
  }
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

/**
 * Function-like compiler nodes with a parameter that has neither a type nor a
 * default value: one walk over the compiler's nodes, so that only these
 * candidates get ts-morph wrappers.
 */
function functionsWithUntypedParameters(root: ts.SourceFile): ts.SignatureDeclaration[] {
  const out: ts.SignatureDeclaration[] = [];
  const stack: ts.Node[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (
      (ts.isFunctionDeclaration(node) ||
        ts.isMethodDeclaration(node) ||
        ts.isConstructorDeclaration(node) ||
        ts.isSetAccessorDeclaration(node) ||
        ts.isArrowFunction(node) ||
        ts.isFunctionExpression(node) ||
        ts.isMethodSignature(node)) &&
      node.parameters.some((p) => p.type === undefined && p.initializer === undefined)
    )
      out.push(node);
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return out;
}

/** Type guard for the function-like ts-morph nodes the rule inspects. */
function isFunctionWithParameters(node: Node): node is FunctionLike {
  return (
    Node.isFunctionDeclaration(node) ||
    Node.isMethodDeclaration(node) ||
    Node.isConstructorDeclaration(node) ||
    Node.isSetAccessorDeclaration(node) ||
    Node.isArrowFunction(node) ||
    Node.isFunctionExpression(node) ||
    Node.isMethodSignature(node)
  );
}

/** `any` or `any[]` when the parameter's type is implicit and `any`; undefined otherwise. */
function implicitAnyTypeOf(parameter: ParameterDeclaration): string | undefined {
  if (parameter.getTypeNode() !== undefined || parameter.hasInitializer() || parameter.getName() === 'this')
    return undefined;
  // TypeScript reads JSDoc types only in JavaScript files; in a .ts file `@param {string} id` leaves `id` as `any`.
  if (isJavaScriptPath(parameter.getSourceFile()) && ts.getJSDocType(parameter.compilerNode) !== undefined)
    return undefined;
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

/** An exported function or public method whose return type the rule judges. */
interface ReturnCandidate {
  node: Node;
  kind: string;
  name: string;
  fn: Node & { getReturnType(): Type };
  annotated: boolean;
}

/**
 * Share of the exported functions and public methods of the project's own
 * files (test and generated files left out) that declare their return type;
 * 1 when there are none. Measured once per run.
 */
function annotatedShare(project: ProjectView): number {
  return project.memo('missing-type-hint:annotated-share', () => {
    let total = 0;
    let annotated = 0;
    for (const file of project.files) {
      if (project.isTestFile(file) || project.isGeneratedFile(file) || !isTypeChecked(file)) continue;
      for (const candidate of returnCandidatesOf(file)) {
        total++;
        if (candidate.annotated) annotated++;
      }
    }
    return total === 0 ? 1 : annotated / total;
  });
}

/** Findings for the candidates of a file that have no declared return type. */
function* missingReturnTypes(file: SourceFile): Generator<FindingDraft<MessageId>> {
  const unresolved = unresolvedImportNamesOf(file);
  for (const candidate of returnCandidatesOf(file)) {
    if (candidate.annotated) continue;
    yield returnFinding(candidate, unresolved);
  }
}

/**
 * Exported functions and public methods of exported classes, with whether
 * they declare a return type. Constructors, accessors, methods with computed
 * names (protocol members such as `[Symbol.iterator]`), overload
 * implementations and members whose type a base class or interface declares
 * are left out.
 */
function* returnCandidatesOf(file: SourceFile): Generator<ReturnCandidate> {
  for (const fn of file.getFunctions()) {
    if (!fn.isExported()) continue;
    if (!fn.isOverload() && fn.getOverloads().length > 0) continue;
    const annotated = fn.getReturnTypeNode() !== undefined || hasJsDocReturnType(fn);
    yield { node: fn.getNameNode() ?? fn, kind: 'exported function', name: fn.getName() ?? 'default', fn, annotated };
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
      const annotated =
        initializer.getReturnTypeNode() !== undefined ||
        hasJsDocReturnType(initializer) ||
        ts.getJSDocType(statement.compilerNode) !== undefined;
      const node = declaration.getNameNode();
      yield { node, kind: 'exported function', name: declaration.getName(), fn: initializer, annotated };
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
      if (!method.isOverload() && method.getOverloads().length > 0) continue;
      const annotated = method.getReturnTypeNode() !== undefined || hasJsDocReturnType(method);
      if (!annotated && (OBJECT_METHODS.has(method.getName()) || method.hasOverrideKeyword())) continue;
      if (!annotated && inheritsMember(heritageTypesOf(cls), method.getName())) continue;
      const name = `${owner}.${method.getName()}`;
      yield { node: method.getNameNode(), kind: 'public method', name, fn: method, annotated };
    }
  }
}

/**
 * Local names the file imports from modules that do not resolve (a package
 * that is not installed): whatever flows from them is `any` here.
 */
function unresolvedImportNamesOf(file: SourceFile): Set<string> {
  const names = new Set<string>();
  for (const declaration of file.getImportDeclarations()) {
    if (declaration.getModuleSpecifier().getSymbol() !== undefined) continue;
    const clause = declaration.compilerNode.importClause;
    if (clause === undefined) continue;
    if (clause.name !== undefined) names.add(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings === undefined) continue;
    if (ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
    else for (const element of bindings.elements) names.add(element.name.text);
  }
  return names;
}

/** True when the function's body names one of `names`. */
function mentionsAny(fn: Node, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  const stack: ts.Node[] = [fn.compilerNode];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (ts.isIdentifier(node) && names.has(node.text)) return true;
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return false;
}

/** True when a JavaScript function declares its return type with `@returns {T}`. */
function hasJsDocReturnType(fn: Node): boolean {
  return ts.getJSDocReturnType(fn.compilerNode) !== undefined;
}

/**
 * A missing-return-type finding quoting the inferred type, with the fix that
 * writes it when that is provably safe (missing-type-hint-utils). When that
 * type has `any` in it and the function uses a name imported from a package
 * that does not resolve, the type is unknown here, and the message says so
 * instead of quoting it.
 */
function returnFinding(candidate: ReturnCandidate, unresolved: ReadonlySet<string>): FindingDraft<MessageId> {
  const { node, kind, name, fn } = candidate;
  const text = typeText(fn.getReturnType(), fn);
  if (/\bany\b/.test(text) && mentionsAny(fn, unresolved))
    return { node, messageId: 'missingReturnTypeUnresolved', symbol: { path: name }, data: { kind, name } };
  const fix = returnTypeFix(fn);
  return {
    node,
    messageId: 'missingReturnType',
    symbol: { path: name },
    data: { kind, name, type: text },
    ...(fix === undefined ? {} : { fix: [fix] }),
  };
}

/** The inferred type as the checker prints it, shortened when long. */
function typeText(type: Type, enclosing: Node): string {
  const text = type
    .getText(enclosing, TypeFormatFlags.UseAliasDefinedOutsideCurrentScope | TypeFormatFlags.NoTruncation)
    .replace(/\s+/g, ' ');
  return text.length <= MAX_TYPE_LENGTH ? text : `${text.slice(0, MAX_TYPE_LENGTH - 1)}…`;
}
