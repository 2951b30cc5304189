import { Node, SyntaxKind, ts } from 'ts-morph';
import { isConstDeclaration } from '../ast/const-declaration.js';
import { declarationsOf } from '../ast/declarations-of.js';
import { isModuleFile, ownDeclarationsOf } from '../name-binding.js';
import { isPlus } from '../ast/plus-chain.js';
import { syntacticUsesOf } from '../local-uses.js';
import type { ProjectView } from '../../../src/model/project-view.js';
import { isFunctionLike } from '../ast/is-function-like.js';
import { isJavaScriptFile } from '../ast/is-javascript-file.js';
import { isValueName } from '../ast/is-value-name.js';
import { isWriteTarget } from '../ast/is-write-target.js';
import { skipOuterCompilerExpressions, skipOuterExpressions } from '../ast/skip-outer-expressions.js';
import { wrapNode } from '../ast/wrap-node.js';
import { FILLING_METHODS, arrayCallbackSlotOf } from '../ast/array-methods.js';
import { descendantsWhere, isIdentifierNamed } from '../ast/descendants.js';
import { ownReturnsOf } from '../ast/own-returns.js';
import { matchesOnlySafeText } from './safe-pattern.js';
import { isCheckedSafe } from './checked.js';
import { textTypeBySyntax } from '../text-type.js';
import { thisAliasOf } from '../this-property.js';
import type {
  ArrowFunction,
  BinaryExpression,
  CallExpression,
  FunctionDeclaration,
  FunctionExpression,
  Identifier,
  MethodDeclaration,
  ParameterDeclaration,
  PropertyAccessExpression,
  SourceFile,
  Type,
  VariableDeclaration,
} from 'ts-morph';
import { shorten } from '../text.js';

/** How to judge the data an expression is built from. */
export interface DataOptions {
  /** Calls whose result counts as safe data (escaping or quoting helpers). */
  isSanitizer?: (call: Node) => boolean;
  /** Values that are not data for this rule (sql-injection: the names a query of the database's catalog returned). */
  isTrusted?: (node: Node) => boolean;
  /** Calls whose result is literal data when every argument is (`path.join(__dirname, 'bin')`). */
  passesThrough?: (call: CallExpression) => boolean;
  /** The run's view: the declarations of a name are taken from syntax where it settles them (`namesOf`). */
  view: ProjectView;
}

/** What a name is declared as: a plain name's declarations (`ownDeclarationsOf`, or the checker's). */
type Names = (name: Node) => Node[];

/**
 * The declarations a plain name stands for: from syntax when it settles the name (its file's binding, or none for a
 * global, whose declarations, if any, are all in declaration files: what each use here asks of them), the
 * checker's otherwise (`ownDeclarationsOf`).
 */
function namesOf(view: ProjectView): Names {
  return (name) => (Node.isIdentifier(name) ? ownDeclarationsOf(view, name) : declarationsOf(name));
}

/** How deep `const` and `let` initialisers are followed. */
const MAX_DEPTH = 6;

/**
 * The first piece of non-literal data the expression is built from, or undefined
 * when it is built only from literal data: string, number and boolean literals,
 * template literals whose holes are literal, `+` of literals, conditionals between
 * literals, `const` bindings initialised with literals (and `let` bindings only ever
 * assigned literals), values whose type is a number, boolean or a union of literal types
 * (they cannot carry arbitrary text), the process's own location (`__dirname`,
 * `import.meta.url`, `process.execPath`), and results of sanitizing calls.
 */
export function getNonLiteralPart(expression: Node, options: DataOptions): Node | undefined {
  return findNonLiteral(expression, options, 0, new Set());
}

/** One step of getNonLiteralPart. */
function findNonLiteral(expression: Node, options: DataOptions, depth: number, visited: Set<Node>): Node | undefined {
  const node = skipOuterExpressions(expression);
  const names = namesOf(options.view);
  if (isLiteralToken(node, names)) return undefined;
  if (Node.isTemplateExpression(node)) {
    for (const span of node.getTemplateSpans()) {
      const found = findNonLiteral(span.getExpression(), options, depth, visited);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (Node.isBinaryExpression(node)) {
    const operator = node.getOperatorToken().getKind();
    if (operator === SyntaxKind.CommaToken) return findNonLiteral(node.getRight(), options, depth, visited);
    return (
      findNonLiteral(node.getLeft(), options, depth, visited) ??
      findNonLiteral(node.getRight(), options, depth, visited)
    );
  }
  if (Node.isConditionalExpression(node)) {
    return (
      findNonLiteral(node.getWhenTrue(), options, depth, visited) ??
      findNonLiteral(node.getWhenFalse(), options, depth, visited)
    );
  }
  if (Node.isArrayLiteralExpression(node)) {
    for (const element of node.getElements()) {
      const inner = Node.isSpreadElement(element) ? element.getExpression() : element;
      const found = findNonLiteral(inner, options, depth, visited);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (Node.isPrefixUnaryExpression(node) || Node.isTypeOfExpression(node) || Node.isVoidExpression(node))
    return undefined;
  if (isTrustedLocation(node, names) || isProcessId(node)) return undefined;
  if (options.isSanitizer?.(node) === true || options.isTrusted?.(node) === true) return undefined;
  if (
    Node.isCallExpression(node) &&
    options.passesThrough?.(node) === true &&
    node
      .getArguments()
      .every((a) => !Node.isSpreadElement(a) && findNonLiteral(a, options, depth, visited) === undefined)
  )
    return undefined;
  // An array written in place and joined (`[binary, input, 'stdout'].join(' ')`) is made of its elements and the
  // separator: the data is the first of them that is not literal, as of a string method's parts.
  const join = depth < MAX_DEPTH ? joinOf(node) : undefined;
  if (join !== undefined && Node.isArrayLiteralExpression(join.array)) {
    for (const part of [join.array, ...join.separator]) {
      const found = findNonLiteral(part, options, depth + 1, visited);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isLiteralJoin(node, options, depth, visited)) return undefined;
  if (isLiteralArrayElement(node, options, depth, visited)) return undefined;
  const textCall = textMethodCallOf(node);
  const [receiver, ...args] = textCall ?? [];
  if (
    receiver !== undefined &&
    (isTextSyntax(receiver) || findNonLiteral(receiver, options, depth, visited) === undefined)
  ) {
    // A string method's result is made of its receiver and arguments alone: literal when they are. Of a literal
    // receiver, or one written as text (`'… ${ip}'.replace('${ip}', ip)`, a chain of such calls), the data is the
    // first part that is not (`command.replace(/\{\{version\}\}/g, args.version)`: `args.version`); of any other,
    // the call itself, as any call is judged below, since the receiver may be no string (`path.normalize(dir)`, where
    // `path` is the module, not the data).
    for (const arg of [receiver, ...args]) {
      const found = findNonLiteral(arg, options, depth, visited);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  // An array stringifies to its elements joined with commas: `IN (${names.map(() => '?')})`.
  const mapper = depth < MAX_DEPTH ? mapperOf(node) : undefined;
  if (mapper !== undefined && returnsOnlyLiteralData(mapper, options, depth, visited)) return undefined;
  if (returnsLiteralData(node, options, depth, visited)) return undefined;
  if (isLiteralMethodCall(node, options, depth, visited)) return undefined;
  // `visited` holds the names being judged on the way here, so a cycle ends; a name reached again by another way
  // (`const q = p; exec(q + ' && ' + q)` reads `p` twice) is judged again.
  // A read of a binding inside one of its own values being judged (`q = q + ' FROM t'`, reached from that very read)
  // is literal by induction, as `everyAssignedValueLiteral` reads it.
  if (Node.isIdentifier(node) && isBeingJudged(node, names)) return undefined;
  if (
    Node.isIdentifier(node) &&
    depth < MAX_DEPTH &&
    !visited.has(node) &&
    onPath(
      visited,
      node,
      () =>
        isLiteralBinding(node, options, depth, visited) ||
        isLiteralParameter(node, options, depth, visited) ||
        isLiteralImplicitGlobal(node, options, depth, visited) ||
        isCheckedSafe(options.view, node),
    )
  )
    return undefined;
  // Bounded by depth alone: an access reached twice (`const b = this.bin; exec(b + ' -v && ' + b)`) is judged twice.
  if (Node.isPropertyAccessExpression(node) && depth < MAX_DEPTH && isLiteralProperty(node, options, depth, visited))
    return undefined;
  if (isSafeMatchPart(node, names)) return undefined;
  if (isIndexParameter(node, names, options.view)) return undefined;
  if (hasInertType(node, names, options.view)) return undefined;
  return node;
}

/**
 * `this.bin`, or an alias's `scope.bin` (`var scope = this`, `thisAliasOf`), of a property that every write in the
 * project gives literal data (node-webcam's `ImageSnapWebcam.prototype.bin = "imagesnap"`, a class's `bin =
 * 'fswebcam'`, `this.bin = 'ffmpeg'`): the program the package names, as a `let` only ever given literals is. Every
 * occurrence of the name as a property in the analysed files (`references.occurrences`) is read or is `x.name =
 * value;` (a statement of its own), and every member declared under the name (`membersNamed`) is a field or an object
 * literal's `name: value`, each value literal data, with at least one write or field; anything else that may give it
 * a value (a destructuring, `+=`, an accessor, a method, a parameter property, a shorthand `{ name }`) and a file that
 * may write properties it does not name (`mayWriteUnnamedProperties`) leave it non-literal. A property set by code
 * outside the project (a user's `webcam.bin = …`) is that user's choice of program.
 */
function isLiteralProperty(
  access: PropertyAccessExpression,
  options: DataOptions,
  depth: number,
  visited: Set<Node>,
): boolean {
  const view = options.view;
  if (!isThisOrAlias(view, skipOuterExpressions(access.getExpression()))) return false;
  const name = access.getName();
  const isLiteral = (at: SourceFile, value: ts.Expression | undefined): boolean =>
    value === undefined || findNonLiteral(view.wrap(at, value), options, depth + 1, visited) === undefined;
  const given = valuesGivenTo(view, name);
  if (given === undefined) return false;
  let values = 0;
  for (const member of given.members) {
    const value =
      ts.isPropertyDeclaration(member.node) || ts.isPropertyAssignment(member.node) ? member.node.initializer : null;
    if (value === null || !isLiteral(member.file, value)) return false;
    if (ts.isPropertyDeclaration(member.node)) values++;
  }
  for (const { file, value } of given.written) {
    if (!isLiteral(file, value)) return false;
    values++;
  }
  return values > 0;
}

/**
 * What the analysed files give a property name: the members declared under it (`membersNamed`: fields, methods,
 * object literals' properties…) and the value of each statement `x.name = value;` (`writtenValueOf`); undefined when
 * a file that names it may write properties it does not name (`mayWriteUnnamedProperties`) or writes it otherwise
 * (`+=`, a destructuring's target, `delete`). Read by `isLiteralProperty` and `isLiteralMethodCall`.
 */
function valuesGivenTo(
  view: ProjectView,
  name: string,
): { members: NamedMember[]; written: { file: SourceFile; value: ts.Expression }[] } | undefined {
  const members: NamedMember[] = [];
  for (const member of membersNamed(view, name)) {
    // A destructuring's `{ name: x.y } = …` names what it reads; its target is an occurrence judged below.
    if (isDestructuringTarget(member.node.parent)) continue;
    if (mayWriteUnnamedProperties(view, member.file)) return undefined;
    members.push(member);
  }
  const written: { file: SourceFile; value: ts.Expression }[] = [];
  for (const occurrence of view.references.occurrences(name)) {
    if (mayWriteUnnamedProperties(view, occurrence.file)) return undefined;
    const value = writtenValueOf(occurrence.compilerNode);
    if (value === 'read') continue;
    if (value === 'other') return undefined;
    written.push({ file: occurrence.file, value });
  }
  return { members, written };
}

/** `this`, or a local alias of it (`var scope = this`: `thisAliasOf`). */
function isThisOrAlias(view: ProjectView, receiver: Node): boolean {
  return (
    Node.isThisExpression(receiver) ||
    (Node.isIdentifier(receiver) && thisAliasOf(view, receiver.getSourceFile(), receiver.compilerNode) !== undefined)
  );
}

/**
 * What an occurrence of a name writes to the property of that name: the value of `x.name = value;` (or
 * `x['name'] = value;`, a statement of its own), `'other'` for a write of another form (`+=`, `[x.name] = …`, `{ name:
 * x.y } = …`'s target, `delete`), `'read'` for anything else (a read; a variable or parameter of the name is not the
 * property).
 */
function writtenValueOf(name: ts.Node): ts.Expression | 'read' | 'other' {
  const parent = name.parent;
  const isAccess =
    (ts.isPropertyAccessExpression(parent) && parent.name === name) ||
    (ts.isElementAccessExpression(parent) && parent.argumentExpression === name);
  if (!isAccess) return 'read';
  if (!isWriteTarget(parent) && !isDestructuringTarget(parent)) return 'read';
  const assignment = parent.parent;
  return ts.isBinaryExpression(assignment) &&
    assignment.left === parent &&
    assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isExpressionStatement(assignment.parent)
    ? assignment.right
    : 'other';
}

/** A member declared under a name: a class's field, method, accessor or parameter property, or an object literal's. */
interface NamedMember {
  node: ts.Node;
  file: SourceFile;
}

/**
 * The members the analysed files declare under `name` (the reference index leaves declarations out): class fields,
 * methods, accessors and parameter properties, and object literals' properties, methods, accessors and shorthands.
 * Gathered once per run for every name, from the node index.
 */
function membersNamed(view: ProjectView, name: string): readonly NamedMember[] {
  const byName = view.memo('security-members-by-name', () => {
    const out = new Map<string, NamedMember[]>();
    const add = (file: SourceFile, node: ts.Node, key: ts.Node | undefined): void => {
      const text =
        key !== undefined && (ts.isIdentifier(key) || ts.isPrivateIdentifier(key) || ts.isStringLiteral(key))
          ? key.text
          : undefined;
      if (text === undefined) return;
      const list = out.get(text);
      if (list === undefined) out.set(text, [{ node, file }]);
      else list.push({ node, file });
    };
    for (const file of view.files) {
      for (const kind of MEMBER_KINDS)
        for (const node of view.nodesOf(file, kind))
          if (ts.isClassElement(node) || ts.isObjectLiteralElementLike(node)) add(file, node, node.name);
      for (const node of view.nodesOf(file, ts.SyntaxKind.Parameter))
        if (ts.isParameter(node) && ts.isParameterPropertyDeclaration(node, node.parent)) add(file, node, node.name);
    }
    return out;
  });
  return byName.get(name) ?? [];
}

/** The kinds of member declarations `membersNamed` gathers (parameter properties apart). */
const MEMBER_KINDS: readonly ts.SyntaxKind[] = [
  ts.SyntaxKind.PropertyDeclaration,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
  ts.SyntaxKind.PropertyAssignment,
  ts.SyntaxKind.ShorthandPropertyAssignment,
];

/** An object or array literal that is the target of an assignment or `for … of` (or inside one): a destructuring. */
function isDestructuringTarget(node: ts.Node): boolean {
  let at = node;
  while (
    ts.isObjectLiteralExpression(at.parent) ||
    ts.isArrayLiteralExpression(at.parent) ||
    ts.isPropertyAssignment(at.parent) ||
    ts.isShorthandPropertyAssignment(at.parent) ||
    ts.isSpreadElement(at.parent) ||
    ts.isSpreadAssignment(at.parent) ||
    ts.isParenthesizedExpression(at.parent)
  )
    at = at.parent;
  const parent = at.parent;
  return (
    (ts.isBinaryExpression(parent) && parent.left === at && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) ||
    ((ts.isForOfStatement(parent) || ts.isForInStatement(parent)) && parent.initializer === at)
  );
}

/**
 * True when a file may write properties it does not name: `this[key] = …` (or an alias's, or a prototype's:
 * `Git.prototype[method] = …`) with a key that is not a literal, or a call that copies or defines properties onto an
 * object it is given (`Object.assign`, `_.extend`, `defaults`, `merge`, `mixin`, `defineProperty`,
 * `defineProperties`, `setPrototypeOf`) whose target is not an object literal (`Object.assign({}, defaults,
 * options)` writes a fresh object).
 */
function mayWriteUnnamedProperties(view: ProjectView, file: SourceFile): boolean {
  const known = view.memo('security-unnamed-property-writes', () => new WeakMap<SourceFile, boolean>());
  let found = known.get(file);
  if (found === undefined) {
    found =
      view.nodesOf(file, ts.SyntaxKind.CallExpression).some(copiesOntoTarget) ||
      view
        .nodesOf(file, ts.SyntaxKind.ElementAccessExpression)
        .some(
          (node) =>
            ts.isElementAccessExpression(node) &&
            !ts.isStringLiteralLike(node.argumentExpression) &&
            !ts.isNumericLiteral(node.argumentExpression) &&
            (isWriteTarget(node) || isDestructuringTarget(node)) &&
            isInstanceOrPrototype(view, file, skipOuterCompilerExpressions(node.expression)),
        );
    known.set(file, found);
  }
  return found;
}

/** `this`, an alias of it (`thisAliasOf`) or a prototype (`Git.prototype`), whose computed keys may name a property. */
function isInstanceOrPrototype(view: ProjectView, file: SourceFile, object: ts.Expression): boolean {
  if (object.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (ts.isPropertyAccessExpression(object)) return object.name.text === 'prototype';
  return ts.isIdentifier(object) && thisAliasOf(view, file, object) !== undefined;
}

/** Calls that copy or define properties onto their first argument. */
const PROPERTY_COPIERS: ReadonlySet<string> = new Set([
  'assign',
  'assignIn',
  'defaults',
  'defaultsDeep',
  'defineProperties',
  'defineProperty',
  'extend',
  'merge',
  'mixin',
  'setPrototypeOf',
]);

/** `Object.assign(target, …)`, `_.extend(target, …)` and the like, whose target is not an object literal. */
function copiesOntoTarget(node: ts.Node): boolean {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  const [target] = node.arguments;
  return (
    PROPERTY_COPIERS.has(name) &&
    target !== undefined &&
    !ts.isObjectLiteralExpression(skipOuterCompilerExpressions(target))
  );
}

/**
 * A part of a regular expression's match (`m[0]`, `m[1]`: a numeric index) read off a `const` given `text.match(/…/)` or
 * `/…/.exec(text)`, whose pattern matches only letters, digits and `_ - . / : , + @` (`matchesOnlySafeText`):
 * `const m = line.match(/disk\d+/); const name = m ? m[0] : '';` holds a disk's name or nothing.
 */
function isSafeMatchPart(node: Node, names: Names): boolean {
  // A numeric index: `m['input']` is the whole text matched against.
  if (!Node.isElementAccessExpression(node) || !Node.isNumericLiteral(node.getArgumentExpression())) return false;
  const holder = skipOuterExpressions(node.getExpression());
  if (!Node.isIdentifier(holder)) return false;
  const declarations = names(holder);
  const [declaration] = declarations;
  if (declarations.length !== 1 || !Node.isVariableDeclaration(declaration)) return false;
  if (!isConstDeclaration(declaration)) return false;
  const initializer = declaration.getInitializer();
  const call = initializer === undefined ? undefined : skipOuterExpressions(initializer);
  if (!Node.isCallExpression(call)) return false;
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return false;
  const [argument] = call.getArguments();
  const pattern =
    callee.getName() === 'match' && argument !== undefined
      ? skipOuterExpressions(argument)
      : callee.getName() === 'exec'
        ? skipOuterExpressions(callee.getExpression())
        : undefined;
  return (
    Node.isRegularExpressionLiteral(pattern) &&
    matchesOnlySafeText(pattern.getLiteralText().replace(/^\/|\/[a-z]*$/g, ''))
  );
}

/** String, number, bigint, boolean, null, regular-expression literals, `undefined` and `NaN`. */
function isLiteralToken(node: Node, names: Names): boolean {
  switch (node.getKind()) {
    case SyntaxKind.StringLiteral:
    case SyntaxKind.NoSubstitutionTemplateLiteral:
    case SyntaxKind.NumericLiteral:
    case SyntaxKind.BigIntLiteral:
    case SyntaxKind.TrueKeyword:
    case SyntaxKind.FalseKeyword:
    case SyntaxKind.NullKeyword:
    case SyntaxKind.RegularExpressionLiteral:
      return true;
    case SyntaxKind.Identifier:
      return (
        (node.getText() === 'undefined' || node.getText() === 'NaN' || node.getText() === 'Infinity') &&
        names(node).every((d) => d.getSourceFile().isDeclarationFile())
      );
    default:
      return false;
  }
}

/** `String.prototype` methods whose result is made of the receiver's text and the arguments' alone. */
const TEXT_METHODS: ReadonlySet<string> = new Set([
  'trim',
  'trimStart',
  'trimEnd',
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'normalize',
  'slice',
  'substring',
  'substr',
  'padStart',
  'padEnd',
  'repeat',
  'concat',
  'replace',
  'replaceAll',
]);

/** True for an expression written as text: a string literal, a template, a `+` chain, or a text method called on one. */
function isTextSyntax(node: Node): boolean {
  const inner = skipOuterExpressions(node);
  if (Node.isStringLiteral(inner) || Node.isNoSubstitutionTemplateLiteral(inner) || Node.isTemplateExpression(inner))
    return true;
  if (isPlus(inner)) return true;
  const [receiver] = textMethodCallOf(inner) ?? [];
  return receiver !== undefined && isTextSyntax(receiver);
}

/**
 * The receiver and arguments of a call of a text method (`TEXT_METHODS`; an array's `slice` and `concat` are made of
 * their parts too, as its text is); undefined for any other call, or one given a spread or a function (a replacer's
 * result is its own). The method is known by its name: a class of the project's own with such a method is taken to
 * keep to its meaning.
 */
function textMethodCallOf(node: Node): Node[] | undefined {
  if (!Node.isCallExpression(node)) return undefined;
  const callee = skipOuterExpressions(node.getExpression());
  if (!Node.isPropertyAccessExpression(callee) || !TEXT_METHODS.has(callee.getName())) return undefined;
  const args = node.getArguments();
  if (args.some((a) => Node.isSpreadElement(a) || Node.isArrowFunction(a) || Node.isFunctionExpression(a)))
    return undefined;
  return [callee.getExpression(), ...args];
}

/** The running program's own location and platform: chosen by whoever runs it, not by its input. */
function isTrustedLocation(node: Node, names: Names): boolean {
  if (Node.isIdentifier(node))
    return (
      (node.getText() === '__dirname' || node.getText() === '__filename') &&
      names(node).every((d) => d.getSourceFile().isDeclarationFile())
    );
  if (Node.isPropertyAccessExpression(node)) {
    const receiver = node.getExpression();
    const name = node.getName();
    if (Node.isMetaProperty(receiver)) return name === 'url' || name === 'dirname' || name === 'filename';
    if (Node.isIdentifier(receiver) && receiver.getText() === 'process')
      return name === 'execPath' || name === 'platform' || name === 'arch';
  }
  return false;
}

/**
 * A call of the module's own function that returns only literal data (`vm.runInContext(generateCallIntoScopeScript(),
 * context)`, whose body is `return \`…\`` without holes): a function declaration or a `const` given an arrow or
 * function expression, settled from syntax (`ownDeclarationsOf`), neither async nor a generator, never assigned
 * again, every `return` of its own (not of a function inside it) giving literal data. A parameter it splices is
 * literal data when every call of the function passes literal data in its place (`isLiteralParameter`):
 * git-last-commit's `getCommandString(splitCharacter)`, a module constant, builds `'git log -1 --pretty=format:"' +
 * prettyFormat.join(splitCharacter) + '"'` from nothing else.
 */
function returnsLiteralData(node: Node, options: DataOptions, depth: number, visited: Set<Node>): boolean {
  if (!Node.isCallExpression(node) || depth >= MAX_DEPTH) return false;
  const callee = skipOuterExpressions(node.getExpression());
  if (!Node.isIdentifier(callee)) return false;
  const names = namesOf(options.view);
  const declarations = names(callee);
  const [declaration] = declarations;
  if (declarations.length !== 1 || declaration === undefined || visited.has(declaration)) return false;
  let fn: Node | undefined = declaration;
  if (Node.isVariableDeclaration(declaration)) {
    if (!isConstDeclaration(declaration)) return false;
    fn = declaration.getInitializer();
    if (fn !== undefined) fn = skipOuterExpressions(fn);
  } else if (!Node.isFunctionDeclaration(declaration)) return false;
  if (!Node.isFunctionDeclaration(fn) && !Node.isFunctionExpression(fn) && !Node.isArrowFunction(fn)) return false;
  if (fn.isAsync() || (!Node.isArrowFunction(fn) && fn.isGenerator())) return false;
  const body = fn.getBody();
  if (body === undefined) return false;
  // A declaration's name may be given another function (`f = other`); a `const`'s may not.
  if (Node.isFunctionDeclaration(declaration)) {
    const name = declaration.getNameNode();
    const uses =
      name === undefined ? undefined : syntacticUsesOf(options.view, name.getSourceFile(), name.compilerNode);
    if (uses === undefined || uses.writes.length > 0) return false;
  }
  // On the path being judged while its returns are (a recursive function ends); judged again when reached again.
  return onPath(visited, declaration, () => returnsOnlyLiteral(body, options, depth, visited));
}

/**
 * A call of a method through `this` (or an alias of it) that every definition of its name in the analysed files makes
 * return literal data whatever it is given (a placeholder: Cube's `param(index) { return '?'; }` in
 * `` `WHERE table_schema = ${this.param(0)}` ``, with the value in the values array): each member declared under the
 * name is a method, or an object literal's property given a function, neither async nor a generator, every `return`
 * of its own literal data (a parameter is data unless its type says otherwise); each write of the name elsewhere
 * (`Driver.prototype.param = function …;`) gives such a function; and no file that names it may write properties it
 * does not name. As for `isLiteralProperty`, a definition outside the project (a subclass in another package) is that
 * package's to judge.
 */
function isLiteralMethodCall(node: Node, options: DataOptions, depth: number, visited: Set<Node>): boolean {
  if (!Node.isCallExpression(node) || depth >= MAX_DEPTH) return false;
  const view = options.view;
  const callee = skipOuterExpressions(node.getExpression());
  if (!Node.isPropertyAccessExpression(callee) || !isThisOrAlias(view, skipOuterExpressions(callee.getExpression())))
    return false;
  const given = valuesGivenTo(view, callee.getName());
  if (given === undefined) return false;
  // Each must be a function (checked below): a method, or a function given as a property's value.
  const functions: { file: SourceFile; fn: ts.Node }[] = [
    ...given.members.map(({ file, node }) => ({
      file,
      fn: ts.isPropertyAssignment(node) ? skipOuterCompilerExpressions(node.initializer) : node,
    })),
    ...given.written.map(({ file, value }) => ({ file, fn: skipOuterCompilerExpressions(value) })),
  ];
  const [first] = functions;
  if (first === undefined) return false;
  const key = view.wrap(first.file, first.fn);
  if (visited.has(key)) return false;
  return onPath(visited, key, () =>
    functions.every(({ file, fn }) => {
      if (!ts.isMethodDeclaration(fn) && !ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn)) return false;
      if (fn.body === undefined || fn.asteriskToken !== undefined) return false;
      if (fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) === true) return false;
      return returnsOnlyLiteral(view.wrap(file, fn.body), options, depth, visited);
    }),
  );
}

/** An undeclared name of a JavaScript file that every assignment in the project gives literal data (`implicitGlobalValuesOf`). */
function isLiteralImplicitGlobal(node: Identifier, options: DataOptions, depth: number, visited: Set<Node>): boolean {
  const values = implicitGlobalValuesOf(options.view, node);
  return (
    values !== undefined && values.every((value) => findNonLiteral(value, options, depth + 1, visited) === undefined)
  );
}

/**
 * The values a name no declaration binds is given in a JavaScript file of sloppy code (os-utils' `command = 'ps -eo
 * pcpu,args | sort -k 1 -r | head -n 10'` without `var`: an implicit global), when every write of the name in the
 * analysed files that no declaration binds either is a statement `name = value;`, and no file writes a property of
 * the name (`global.command = …`); undefined otherwise, or when it is given nothing. Found once per name.
 */
function implicitGlobalValuesOf(view: ProjectView, identifier: Identifier): readonly Node[] | undefined {
  if (!isJavaScriptFile(identifier.getSourceFile()) || ownDeclarationsOf(view, identifier).length > 0) return undefined;
  const name = identifier.getText();
  return view.memo(`security-implicit-global:${name}`, () => {
    const values: Node[] = [];
    for (const occurrence of view.references.occurrences(name)) {
      if (occurrence.access === 'read') continue;
      if (occurrence.role === 'property') return undefined;
      const named = occurrence.node;
      if (!Node.isIdentifier(named) || ownDeclarationsOf(view, named).length > 0) continue;
      const assignment = occurrence.compilerNode.parent;
      if (
        !ts.isBinaryExpression(assignment) ||
        assignment.left !== occurrence.compilerNode ||
        assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken ||
        !ts.isExpressionStatement(assignment.parent)
      )
        return undefined;
      values.push(wrapNode(occurrence.file, assignment.right));
    }
    return values.length === 0 ? undefined : values;
  });
}

/** True when a function body returns something, and only literal data, at every `return` (a bare one gives none). */
function returnsOnlyLiteral(body: Node, options: DataOptions, depth: number, visited: Set<Node>): boolean {
  const returned = returnedValuesOf(body);
  return (
    returned.length > 0 &&
    returned.every((value) => value !== undefined && findNonLiteral(value, options, depth + 1, visited) === undefined)
  );
}

/**
 * What each `return` of a function body gives (undefined for a bare `return`), skipping functions inside it; an
 * arrow's expression body gives itself.
 */
function returnedValuesOf(body: Node): (Node | undefined)[] {
  if (!Node.isBlock(body)) return [body];
  return ownReturnsOf(body.compilerNode).map((statement) =>
    statement.expression === undefined ? undefined : wrapNode(body.getSourceFile(), statement.expression),
  );
}

/**
 * A process's id read off the object that has it (`child.pid`, `worker.process.ppid`): a number wherever a
 * platform gives one (Node's `ChildProcess`, `process`, a cluster worker's process). A bare name (`pid`, a
 * parameter) is still data: its caller may pass anything (tree-kill's `taskkill /pid ' + pid`).
 */
function isProcessId(node: Node): boolean {
  return Node.isPropertyAccessExpression(node) && PROCESS_IDS.has(node.getName());
}

/** The names of a process's ids on the objects that have them. */
const PROCESS_IDS: ReadonlySet<string> = new Set(['pid', 'ppid']);

/** True when an identifier names a `const` with a literal initialiser, or a `let`/`var` only ever given literals. */
function isLiteralBinding(identifier: Node, options: DataOptions, depth: number, visited: Set<Node>): boolean {
  const names = namesOf(options.view);
  const declarations = names(identifier);
  const [declaration] = declarations;
  if (declarations.length !== 1 || declaration === undefined || !Node.isVariableDeclaration(declaration)) return false;
  if (!Node.isIdentifier(declaration.getNameNode())) return false;
  const initializer = declaration.getInitializer();
  if (initializer === undefined) return isLiteralOnceAssigned(declaration, options, depth, visited);
  if (findNonLiteral(initializer, options, depth + 1, visited) !== undefined) return false;
  if (isConstDeclaration(declaration)) return true;
  return everyAssignedValueLiteral(declaration, options, depth, visited);
}

/**
 * The `let` and `var` bindings whose assigned values are being judged, each while it is (`everyAssignedValueLiteral`
 * adds it and removes it): a read of one of them inside one of its own values is literal, by induction (`cmd = cmd +
 * 'printf ",";'`: literal when it was, once every value given is).
 */
const beingJudged = new Set<Node>();

/** True when a name reads a `let`/`var` binding whose assigned values are being judged (`beingJudged`). */
function isBeingJudged(identifier: Node, names: Names): boolean {
  if (beingJudged.size === 0) return false;
  const declarations = names(identifier);
  const [declaration] = declarations;
  return declarations.length === 1 && declaration !== undefined && beingJudged.has(declaration);
}

/** True when every value assigned to a `let`/`var` binding after its declaration is literal data. */
function everyAssignedValueLiteral(
  declaration: VariableDeclaration,
  options: DataOptions,
  depth: number,
  visited: Set<Node>,
): boolean {
  if (beingJudged.has(declaration)) return true;
  beingJudged.add(declaration);
  try {
    return assignedValues(declaration, options.view).every(
      (value) => findNonLiteral(value, options, depth + 1, visited) === undefined,
    );
  } finally {
    beingJudged.delete(declaration);
  }
}

/**
 * `xs.map(callback).join(',')` of a callback returning only literal data (`names.map(() => '?')`), or
 * `parts.join(',')` of a local array only literal data fills (an array literal joined in place is read by
 * `findNonLiteral` itself): declared
 * with either and used nowhere else in its scope but to read its `length`, to `join` it, and to `push` or `unshift`
 * literal data (sockjs-client's `boundArgs.push('$' + i)`). Any other use (passed on, indexed, spread, reassigned, a
 * method such as `splice` or `concat`) may put anything in it, or hand it to code that does.
 */
function isLiteralJoin(node: Node, options: DataOptions, depth: number, visited: Set<Node>): boolean {
  const join = depth < MAX_DEPTH ? joinOf(node) : undefined;
  if (join === undefined || join.separator.some((a) => findNonLiteral(a, options, depth + 1, visited) !== undefined))
    return false;
  const { array } = join;
  // An array mapped in place (`names.map(() => '?')`) holds what the callback returns, and nothing else can fill it
  // (one written in place is read by `findNonLiteral` itself).
  if (mapperOf(array) !== undefined) return findNonLiteral(array, options, depth + 1, visited) === undefined;
  if (!Node.isIdentifier(array) || visited.has(array)) return false;
  // On the path being judged while its uses are; judged again when reached again (`const s = parts.join(' ')`
  // read twice).
  return onPath(visited, array, () => isLiteralArrayJoined(array, options, depth, visited));
}

/**
 * An element read of a local array that holds only literal data (`networkTypes[i]` of `const networkTypes =
 * ['Ethernet', 'Wi-Fi']`, as `isLiteralArrayJoined` reads the array): whatever the index, a literal or `undefined`;
 * or an entry of a local table of literal data, by key or by name (`isLiteralTableRead`).
 */
function isLiteralArrayElement(node: Node, options: DataOptions, depth: number, visited: Set<Node>): boolean {
  const isEntry = Node.isElementAccessExpression(node) || Node.isPropertyAccessExpression(node);
  if (!isEntry || depth >= MAX_DEPTH) return false;
  const array = skipOuterExpressions(node.getExpression());
  if (!Node.isIdentifier(array) || visited.has(array)) return false;
  return onPath(
    visited,
    array,
    () =>
      (Node.isElementAccessExpression(node) && isLiteralArrayJoined(array, options, depth, visited)) ||
      isLiteralTableRead(array, options, depth, visited),
  );
}

/**
 * True when `table` names a local `const` object literal of literal data, each of its properties written `key:
 * value` (no spread, method, accessor or shorthand), that its scope only reads entries of (`table[key]`, `table.key`,
 * neither written): yalc's `pmRunScriptCmd[pm]` of `const pmRunScriptCmd = { npm: 'npm run', yarn: 'yarn' }` is one
 * of the literals, or `undefined`, whatever the key. A script's top-level object is a global that other files may
 * change.
 */
function isLiteralTableRead(table: Node, options: DataOptions, depth: number, visited: Set<Node>): boolean {
  const local = localAndUsesOf(table, options.view);
  if (local === undefined || !isConstDeclaration(local.declaration) || !Node.isObjectLiteralExpression(local.value))
    return false;
  const entries = local.value.getProperties();
  if (!entries.every((entry) => Node.isPropertyAssignment(entry))) return false;
  if (entries.some((entry) => findNonLiteral(entry.getInitializerOrThrow(), options, depth + 1, visited) !== undefined))
    return false;
  return local.uses.every((identifier) => {
    const access = identifier.getParent();
    return (
      (Node.isElementAccessExpression(access) || Node.isPropertyAccessExpression(access)) &&
      access.getExpression() === identifier &&
      !isAssignmentTarget(access) &&
      !isDeletedOrCalled(access)
    );
  });
}

/**
 * The local variable a name stands for, when it is one declared once by name with a value: its declaration, that
 * value (parentheses skipped) and every other use of it in its scope. Undefined for anything else, and for a script's
 * top-level variable, a global other files may change (a CommonJS module's is its own).
 */
function localAndUsesOf(
  name: Node,
  view: ProjectView,
): { declaration: VariableDeclaration; value: Node; uses: Node[] } | undefined {
  const names = namesOf(view);
  const declarations = names(name);
  const [declaration] = declarations;
  if (declarations.length !== 1 || declaration === undefined || !Node.isVariableDeclaration(declaration))
    return undefined;
  const nameNode = declaration.getNameNode();
  const initializer = declaration.getInitializer();
  if (!Node.isIdentifier(nameNode) || initializer === undefined) return undefined;
  const scope = scopeOf(declaration);
  if (Node.isSourceFile(scope) && !isModuleFile(view, scope)) return undefined;
  const uses = descendantsWhere(
    view,
    scope,
    SyntaxKind.Identifier,
    isIdentifierNamed(nameNode.compilerNode.text),
  ).filter((identifier) => identifier !== nameNode && names(identifier).includes(declaration));
  return { declaration, value: skipOuterExpressions(initializer), uses };
}

/** `delete table[key]`, or a call through the entry (`table.key(…)`, which may change the object it is called on). */
function isDeletedOrCalled(access: Node): boolean {
  const parent = access.getParent();
  return Node.isDeleteExpression(parent) || (Node.isCallExpression(parent) && parent.getExpression() === access);
}

/**
 * The index parameter of an array method's callback written in place (``names.map((_, i) => `@param${i}`)``), never
 * assigned in it: a number, whatever the array holds. Read from syntax, since in JavaScript that does not say the
 * receiver is an array the checker types it `any`.
 */
function isIndexParameter(node: Node, names: Names, view: ProjectView): boolean {
  if (!Node.isIdentifier(node)) return false;
  const declarations = names(node);
  const [declaration] = declarations;
  if (declarations.length !== 1 || declaration === undefined || !Node.isParameterDeclaration(declaration)) return false;
  const name = declaration.getNameNode();
  if (!Node.isIdentifier(name) || declaration.hasInitializer() || declaration.isRestParameter()) return false;
  if (arrayCallbackSlotOf(declaration)?.slot !== 'index') return false;
  const uses = syntacticUsesOf(view, name.getSourceFile(), name.compilerNode);
  return uses !== undefined && uses.writes.length === 0;
}

/**
 * The callback of `xs.map(callback)` written in place, an arrow or a function expression, neither async nor a
 * generator: the array `map` makes holds what it returns. Undefined for any other call.
 */
function mapperOf(node: Node): ArrowFunction | FunctionExpression | undefined {
  if (!Node.isCallExpression(node)) return undefined;
  const callee = skipOuterExpressions(node.getExpression());
  const [callback, ...rest] = node.getArguments();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'map' || rest.length > 0) return undefined;
  const fn = callback === undefined ? undefined : skipOuterExpressions(callback);
  if (!Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn)) return undefined;
  if (fn.isAsync() || (Node.isFunctionExpression(fn) && fn.isGenerator())) return undefined;
  return fn;
}

/** True when every value the function returns is literal data (a bare `return` or none gives `undefined`). */
function returnsOnlyLiteralData(
  fn: ArrowFunction | FunctionExpression,
  options: DataOptions,
  depth: number,
  visited: Set<Node>,
): boolean {
  return returnedValuesOf(fn.getBody()).every(
    (value) => value === undefined || findNonLiteral(value, options, depth + 1, visited) === undefined,
  );
}

/**
 * `judge()`, with `node` on the path of what is being judged while it runs (`visited`): a cycle back to it ends, and
 * the same node reached again by another way once it is done is judged again.
 */
function onPath(visited: Set<Node>, node: Node, judge: () => boolean): boolean {
  visited.add(node);
  try {
    return judge();
  } finally {
    visited.delete(node);
  }
}

/**
 * The rest of `isLiteralJoin` (and `isLiteralArrayElement`) for an array named by `array`, a use of a local declared
 * with an array literal: its literal data, and only uses that keep it literal (`isLiteralArrayUse`).
 */
function isLiteralArrayJoined(array: Node, options: DataOptions, depth: number, visited: Set<Node>): boolean {
  const local = localAndUsesOf(array, options.view);
  if (local === undefined) return false;
  // Declared with an array literal of literal data, or with what a callback returning only literal data maps to.
  if (!Node.isArrayLiteralExpression(local.value) && mapperOf(local.value) === undefined) return false;
  if (findNonLiteral(local.value, options, depth + 1, visited) !== undefined) return false;
  return local.uses.every((identifier) => isLiteralArrayUse(identifier, options, depth, visited));
}

/**
 * `parts.length` read, `parts.join(…)`, `parts.push(…)` or `parts.unshift(…)` of literal data, or an element read
 * (`parts[i]`, not written).
 */
function isLiteralArrayUse(identifier: Node, options: DataOptions, depth: number, visited: Set<Node>): boolean {
  const access = identifier.getParent();
  if (Node.isElementAccessExpression(access) && access.getExpression() === identifier)
    return !isAssignmentTarget(access);
  if (!Node.isPropertyAccessExpression(access) || access.getExpression() !== identifier) return false;
  const member = access.getName();
  if (member === 'length') return !isAssignmentTarget(access);
  const call = access.getParent();
  if (!Node.isCallExpression(call) || call.getExpression() !== access) return false;
  if (member === 'join') return true;
  if (member !== 'push' && member !== 'unshift') return false;
  return call
    .getArguments()
    .every((a) => !Node.isSpreadElement(a) && findNonLiteral(a, options, depth + 1, visited) === undefined);
}

/**
 * True when an identifier names a parameter that only literal data can reach:
 * a plain parameter, never assigned, of a function of a module's own (a
 * declaration or a `const` arrow or function expression, not exported), whose
 * name appears in its file only as the callee of calls that all pass literal
 * data in its place (`getFromConfig(workspace, 'npm', 'legacy-peer-deps')`).
 * Any other use of the function's name (exported, passed on, aliased, called
 * with a spread) and any file that is not a module (its functions are global)
 * keeps the parameter non-literal.
 */
function isLiteralParameter(identifier: Node, options: DataOptions, depth: number, visited: Set<Node>): boolean {
  const plain = plainParameterOf(identifier, namesOf(options.view));
  if (plain === undefined) return false;
  const { parameter, fn } = plain;
  // A method's calls are not followed: `this.run(…)`, `other.run(…)` and a subclass's may each be another `run`.
  const name = Node.isMethodDeclaration(fn) ? undefined : functionNameOf(fn);
  const file = fn.getSourceFile();
  // A module's top-level names are its own (an ES module's, or a CommonJS module's: `isModuleFile`); a script's
  // are globals, which other files may call.
  if (name === undefined || !isModuleFile(options.view, file)) return false;
  const index = fn.getParameters().indexOf(parameter);
  const initializer = parameter.getInitializer();
  if (initializer !== undefined && findNonLiteral(initializer, options, depth + 1, visited) !== undefined) return false;
  const parameterName = parameter.getName();
  let calls = 0;
  const spelled = isIdentifierNamed(parameterName, name.compilerNode.text);
  for (const node of descendantsWhere(options.view, file, SyntaxKind.Identifier, spelled).filter(Node.isIdentifier)) {
    if (node === name) continue;
    const text = node.compilerNode.text;
    const inside = node.getPos() >= fn.getPos() && node.getEnd() <= fn.getEnd();
    if (text === parameterName && inside && isAssignmentTarget(node)) return false;
    if (text !== name.compilerNode.text || !isValueName(node.compilerNode)) continue;
    const call = node.getParent();
    if (!Node.isCallExpression(call) || call.getExpression() !== node) return false;
    const args = call.getArguments();
    if (args.some((a) => Node.isSpreadElement(a))) return false;
    const argument = args[index];
    if (
      argument === undefined
        ? initializer === undefined
        : findNonLiteral(argument, options, depth + 1, visited) !== undefined
    )
      return false;
    calls += 1;
  }
  return calls > 0;
}

/** A function whose parameters a call can pass data to: a declaration, an arrow, a function expression, a method. */
type ParameterOwner = FunctionDeclaration | ArrowFunction | FunctionExpression | MethodDeclaration;

/**
 * The parameter an identifier names when it is a plain one (one name, not destructured, not a rest parameter)
 * of a function declaration, arrow function, function expression or method, with that function; else undefined.
 */
function plainParameterOf(
  identifier: Node,
  names: Names,
): { parameter: ParameterDeclaration; fn: ParameterOwner } | undefined {
  const declarations = names(identifier);
  const [parameter] = declarations;
  if (declarations.length !== 1 || parameter === undefined || !Node.isParameterDeclaration(parameter)) return undefined;
  if (!Node.isIdentifier(parameter.getNameNode()) || parameter.isRestParameter()) return undefined;
  const fn = parameter.getParent();
  if (
    !Node.isFunctionDeclaration(fn) &&
    !Node.isArrowFunction(fn) &&
    !Node.isFunctionExpression(fn) &&
    !Node.isMethodDeclaration(fn)
  )
    return undefined;
  return { parameter, fn };
}

/** A parameter that a sink receives whole, and the function it belongs to. */
export interface PassedParameter {
  /** The function whose parameter it is: a declaration, a method, or an arrow or function expression. */
  fn: ParameterOwner;
  /** Its position in the function's parameter list. */
  index: number;
  name: string;
  /** True when the sink receives the parameter's elements joined into one string (`command.join(' ')`). */
  joined: boolean;
}

/**
 * The parameter `argument` is, whole (not spliced into a larger value), when it is a plain parameter of a named
 * function or a method (`function run(command)`, `const run = (command) => …`, `run(command) {…}`) that the
 * function never reassigns; else undefined. An array parameter joined with a literal separator
 * (`command.join(' ')`) is passed whole too: every word of the line is the caller's.
 */
export function passedParameterOf(argument: Node, view: ProjectView): PassedParameter | undefined {
  const node = skipOuterExpressions(argument);
  const join = joinOf(node);
  const joined =
    join !== undefined && join.separator.every((a) => getNonLiteralPart(a, { view }) === undefined)
      ? join.array
      : undefined;
  const name = joined ?? node;
  const plain = Node.isIdentifier(name) ? plainParameterOf(name, namesOf(view)) : undefined;
  if (plain === undefined) return undefined;
  const { parameter, fn } = plain;
  const parameterName = parameter.getName();
  for (const identifier of descendantsWhere(view, fn, SyntaxKind.Identifier, isIdentifierNamed(parameterName))) {
    if (isAssignmentTarget(identifier) || (joined !== undefined && isFilledThrough(identifier))) return undefined;
  }
  return { fn, index: fn.getParameters().indexOf(parameter), name: parameterName, joined: joined !== undefined };
}

/**
 * True when an array is given elements through the name (`args.push(extra)`, `args[0] = program`): a runner that does
 * so joins words of its own into the caller's line, which then is not the caller's whole.
 */
function isFilledThrough(identifier: Node): boolean {
  const parent = identifier.getParent();
  if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === identifier) {
    const call = parent.getParent();
    return Node.isCallExpression(call) && call.getExpression() === parent && FILLING_METHODS.has(parent.getName());
  }
  return Node.isElementAccessExpression(parent) && parent.getExpression() === identifier && isAssignmentTarget(parent);
}

/** `x.join(separator)` or `x.join()`: the array `x` (inside any parentheses) and the separator, if given. */
export function joinOf(node: Node): { array: Node; separator: Node[] } | undefined {
  if (!Node.isCallExpression(node)) return undefined;
  const callee = node.getExpression();
  const separator = node.getArguments();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'join' || separator.length > 1) return undefined;
  return { array: skipOuterExpressions(callee.getExpression()), separator };
}

/**
 * The name of a module's own function: `function f`, or `const f = () => …` / `function () …`; not exported with
 * `export` written on it. Every other way of exporting it (`export { f }`, `export default f`, `module.exports = f`)
 * names it in its file other than to call it, which `isLiteralParameter` takes for a use that passes anything.
 */
export function functionNameOf(fn: FunctionDeclaration | ArrowFunction | FunctionExpression): Identifier | undefined {
  if (Node.isFunctionDeclaration(fn)) {
    const name = fn.getNameNode();
    return name === undefined || fn.hasExportKeyword() || fn.hasDefaultKeyword() ? undefined : name;
  }
  const declaration = fn.getParent();
  if (!Node.isVariableDeclaration(declaration) || declaration.getInitializer() !== fn) return undefined;
  const name = declaration.getNameNode();
  const statement = declaration.getVariableStatement();
  if (!Node.isIdentifier(name) || statement === undefined || statement.hasExportKeyword()) return undefined;
  return isConstDeclaration(declaration) ? name : undefined;
}

/** The target of an assignment, of `++`/`--` or of `delete` (`isWriteTarget`, on the compiler's node). */
function isAssignmentTarget(node: Node): boolean {
  return isWriteTarget(node.compilerNode);
}

/**
 * A `let` or `var` declared without a value (`let cmd;`) in a statement of its own, written only by assignments
 * (`cmd = …`, `cmd += …`: not a loop's head, a destructuring, `++`), every value they give literal: `undefined`
 * until the first, a literal after.
 */
function isLiteralOnceAssigned(
  declaration: VariableDeclaration,
  options: DataOptions,
  depth: number,
  visited: Set<Node>,
): boolean {
  if (!Node.isVariableStatement(declaration.getParent().getParent())) return false;
  const name = declaration.getNameNode();
  const uses = syntacticUsesOf(options.view, declaration.getSourceFile(), name.compilerNode);
  if (uses === undefined || uses.writes.length === 0) return false;
  // `isWriteTarget` without `++`, `--` and `delete`: an assignment's left side.
  const isAssigned = (write: ts.Node): boolean => {
    let parent = write.parent;
    while (ts.isParenthesizedExpression(parent)) parent = parent.parent;
    return ts.isBinaryExpression(parent) && isWriteTarget(write);
  };
  if (!uses.writes.every((write) => isAssigned(write.compilerNode))) return false;
  return everyAssignedValueLiteral(declaration, options, depth, visited);
}

/** Every value assigned to a `let`/`var` binding after its declaration, within the scope that declares it. */
function assignedValues(declaration: VariableDeclaration, view: ProjectView): Node[] {
  const names = namesOf(view);
  const values: Node[] = [];
  const { name } = declaration.compilerNode;
  // A pattern's names are declared by its elements: no identifier stands for the declaration itself.
  if (!ts.isIdentifier(name)) return values;
  for (const binary of assignmentsTo(view, scopeOf(declaration), name.text)) {
    const left = binary.getLeft();
    if (names(left).includes(declaration)) values.push(binary.getRight());
  }
  return values;
}

/** The assignments (`=`, `+=`, …) to a plain name spelled `name` inside a scope, in document order. */
function assignmentsTo(view: ProjectView, scope: Node, name: string): BinaryExpression[] {
  const isAssignment = (node: ts.Node): boolean =>
    ts.isBinaryExpression(node) &&
    node.operatorToken.kind >= SyntaxKind.FirstAssignment &&
    node.operatorToken.kind <= SyntaxKind.LastAssignment &&
    ts.isIdentifier(node.left) &&
    node.left.text === name;
  return descendantsWhere(view, scope, SyntaxKind.BinaryExpression, isAssignment).filter(Node.isBinaryExpression);
}

/** The function (or file) a variable is declared in: every use of a `let`, `const` or `var` is inside it. */
export function scopeOf(declaration: VariableDeclaration): Node {
  return declaration.getFirstAncestor((a) => isFunctionLike(a) || Node.isSourceFile(a)) ?? declaration.getSourceFile();
}

/**
 * True when the type cannot carry arbitrary text: numbers, booleans, and unions of literal types. A value syntax
 * shows to be typed `any` or `string` (`textTypeBySyntax`) is answered without the checker, whose first question
 * builds the program.
 */
function hasInertType(node: Node, names: Names, view: ProjectView): boolean {
  if (!Node.isExpression(node)) return false;
  if (Node.isIdentifier(node) && isAssertedBinding(node, names)) return false;
  if (textTypeBySyntax(view, node.getSourceFile(), node.compilerNode) !== undefined) return false;
  return isInert(node.getType());
}

/** The operand of a type assertion (`x as T`, `<T>x`), not of `as const`; undefined for anything else. */
function assertedValue(node: Node): Node | undefined {
  if (Node.isAsExpression(node)) return node.getTypeNode()?.getText() === 'const' ? undefined : node.getExpression();
  if (Node.isTypeAssertion(node)) return node.getExpression();
  return undefined;
}

/** A variable whose type comes from a type assertion on its initialiser (`const s = input as Status`). */
function isAssertedBinding(identifier: Node, names: Names): boolean {
  return names(identifier).some((declaration) => {
    if (!Node.isVariableDeclaration(declaration)) return false;
    let initializer = declaration.getInitializer();
    while (initializer !== undefined && Node.isParenthesizedExpression(initializer))
      initializer = initializer.getExpression();
    return initializer !== undefined && assertedValue(initializer) !== undefined;
  });
}

/** See hasInertType. */
function isInert(type: Type): boolean {
  if (type.isAny() || type.isUnknown()) return false;
  if (
    type.isNumber() ||
    type.isBoolean() ||
    type.isBooleanLiteral() ||
    type.isNumberLiteral() ||
    type.isStringLiteral() ||
    type.isEnumLiteral() ||
    type.isEnum()
  )
    return true;
  if (type.isNull() || type.isUndefined()) return true;
  if (type.isUnion()) return type.getUnionTypes().every(isInert);
  return false;
}

/** Evidence for a piece of data: where a local variable it names got its value, when it has one. */
export function getOriginEvidence(data: Node, view: ProjectView): { note: string; node: Node }[] {
  if (!Node.isIdentifier(data)) return [{ note: `non-literal data: ${describeNode(data)}`, node: data }];
  const initializer = getSingleAssignment(data, view);
  if (initializer === undefined) return [{ note: `non-literal data: ${describeNode(data)}`, node: data }];
  return [{ note: `\`${data.getText()}\` is \`${describeNode(initializer)}\``, node: initializer }];
}

/** How a call names its callee in messages: `exec`, `cp.execSync`, or the export name for longer forms. */
export function describeCallee(callee: Node, fallback: string): string {
  const node = skipOuterExpressions(callee);
  if (Node.isIdentifier(node)) return node.getText();
  if (Node.isPropertyAccessExpression(node) && Node.isIdentifier(node.getExpression())) return node.getText();
  return fallback;
}

/** A one-line, shortened rendering of a node's text for messages (every run of white space one space), as `shorten` cuts it. */
export function describeNode(node: Node): string {
  return shorten(node.getText().replace(/\s+/g, ' '));
}

/**
 * The string parts of an expression built from literals and holes (literal texts of templates and `+` chains), a
 * local variable followed to its initialiser (its declaration as `namesOf` finds it).
 */
export function getLiteralTexts(expression: Node, view: ProjectView, depth = 0): string[] {
  const node = skipOuterExpressions(expression);
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return [node.getLiteralText()];
  if (Node.isTemplateExpression(node)) {
    const texts = [node.getHead().getLiteralText()];
    for (const span of node.getTemplateSpans()) {
      texts.push(...getLiteralTexts(span.getExpression(), view, depth));
      texts.push(span.getLiteral().getLiteralText());
    }
    return texts;
  }
  if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.PlusToken) {
    return [...getLiteralTexts(node.getLeft(), view, depth), ...getLiteralTexts(node.getRight(), view, depth)];
  }
  if (Node.isIdentifier(node) && depth < 3) {
    const [declaration] = namesOf(view)(node);
    if (declaration !== undefined && Node.isVariableDeclaration(declaration)) {
      const initializer = declaration.getInitializer();
      if (initializer !== undefined) return getLiteralTexts(initializer, view, depth + 1);
    }
  }
  return [];
}

/**
 * Every value a local variable is given (initialiser first, then assignments), and whether any is appended with
 * `+=`; names followed with `declarationsOfName`, as `getLiteralTexts` follows them.
 */
export function getVariableValues(
  identifier: Identifier,
  view: ProjectView,
): { values: Node[]; appended: boolean } | undefined {
  const names = namesOf(view);
  const declarations = names(identifier);
  const [declaration] = declarations;
  if (declarations.length === 0) {
    const implicit = implicitGlobalValuesOf(view, identifier);
    return implicit === undefined ? undefined : { values: [...implicit], appended: false };
  }
  if (declarations.length !== 1 || declaration === undefined || !Node.isVariableDeclaration(declaration))
    return undefined;
  if (!Node.isIdentifier(declaration.getNameNode())) return undefined;
  const initializer = declaration.getInitializer();
  const scope = scopeOf(declaration);
  const values: Node[] = initializer === undefined ? [] : [initializer];
  let appended = false;
  for (const binary of assignmentsTo(view, scope, identifier.compilerNode.text)) {
    if (!names(binary.getLeft()).includes(declaration)) continue;
    values.push(binary.getRight());
    if (binary.getOperatorToken().getKind() === SyntaxKind.PlusEqualsToken) appended = true;
  }
  return { values, appended };
}

/**
 * The initialiser of the local variable a name stands for, when it is declared once and never reassigned: the value
 * it holds wherever it is read. Evidence shows where data got its value; a command runner that names its line first
 * (`var runCommand = 'LC_ALL=C;' + command; cp.exec(runCommand, …)`) is judged by that value.
 */
export function getSingleAssignment(identifier: Node, view: ProjectView): Node | undefined {
  // Only a name stands for a local; asked of any other expression, `namesOf` would ask the checker for nothing.
  if (!Node.isIdentifier(identifier)) return undefined;
  const declarations = namesOf(view)(identifier);
  const [declaration] = declarations;
  if (declarations.length !== 1 || declaration === undefined || !Node.isVariableDeclaration(declaration))
    return undefined;
  if (!Node.isIdentifier(declaration.getNameNode())) return undefined;
  const initializer = declaration.getInitializer();
  if (initializer === undefined) return undefined;
  if (isConstDeclaration(declaration)) return initializer;
  return assignedValues(declaration, view).length === 0 ? initializer : undefined;
}
