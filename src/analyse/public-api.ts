import { resolve as resolvePath } from 'node:path';
import { Node, Scope, SyntaxKind, ts } from 'ts-morph';
import type { SourceFile, Type } from 'ts-morph';
import type { ProjectView, PublicApi } from '../model/project-view.js';

const SOURCE_EXTENSIONS: Record<string, readonly string[]> = {
  '.js': ['.ts', '.tsx', '.js', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
  '.d.ts': ['.ts', '.tsx'],
  '.d.mts': ['.mts'],
  '.d.cts': ['.cts'],
  '.ts': ['.ts'],
  '.tsx': ['.tsx'],
  '.mts': ['.mts'],
  '.cts': ['.cts'],
  '.jsx': ['.jsx', '.tsx'],
  '': ['.ts', '.tsx', '.js', '/index.ts', '/index.js'],
};

/**
 * Finds the project's entry points and what they export. Entry points are,
 * in order: the configured `entryPoints` setting; package.json `exports`,
 * `main`, `module`, `types`/`typings` and `bin`, mapped back from build
 * output to sources; else `index.ts` or `src/index.ts` at the root. A
 * package without an `exports` map can be deep-imported (`pkg/ajax`), so
 * there every module that exports something and that no other module
 * imports is an entry point too.
 *
 * Besides what the entry points export, the API exposes every in-project
 * class, interface and type alias that their signatures name: a function
 * exported from the entry point that returns an unexported class hands
 * that class's public members to its callers.
 */
export function buildPublicApi(view: ProjectView): PublicApi {
  const { files: entryPoints, description } = findEntryPoints(view);
  const exported = new Set<Node>();
  const seenFiles = new Set<SourceFile>();
  for (const entry of entryPoints) collectExports(entry, exported, seenFiles);
  let exposed: Set<ts.Node> | undefined;
  let handed: Set<ts.Node> | undefined;
  return {
    entryPoints,
    description,
    isExported: (declaration) => exported.has(declaration),
    exposes: (declaration) => {
      exposed ??= exposedDeclarations(exported, new Set(view.files), true);
      return exposed.has(declaration.compilerNode);
    },
    handsOut: (declaration) => {
      handed ??= exposedDeclarations(exported, new Set(view.files), false);
      return handed.has(declaration.compilerNode);
    },
    sourceOf: (file) => (view.files.includes(file) ? file : sourceFor(view, view.relativePath(file))),
  };
}

/** Adds every declaration exported by a file, following re-exports and `export * as ns`. */
function collectExports(file: SourceFile, exported: Set<Node>, seenFiles: Set<SourceFile>): void {
  if (seenFiles.has(file)) return;
  seenFiles.add(file);
  for (const declarations of file.getExportedDeclarations().values()) {
    for (const declaration of declarations) {
      if (Node.isSourceFile(declaration)) collectExports(declaration, exported, seenFiles);
      else exported.add(declaration);
    }
  }
  for (const value of commonJsExportedValues(file)) addExportedValue(value, exported, seenFiles, 0);
}

/**
 * The values a CommonJS module exports: right-hand sides of `exports.x = v`,
 * `module.exports.x = v`, `exports['x'] = v` and `module.exports = v`
 * (TypeScript's export list does not follow these through `require`).
 */
function commonJsExportedValues(file: SourceFile): Node[] {
  const text = file.getFullText();
  if (!text.includes('exports')) return [];
  const values: Node[] = [];
  file.forEachDescendant((node) => {
    if (
      Node.isBinaryExpression(node) &&
      node.getOperatorToken().getKind() === SyntaxKind.EqualsToken &&
      isCommonJsExportTarget(node.getLeft())
    ) {
      values.push(node.getRight());
    }
  });
  return values;
}

/** `exports`, `module.exports`, or a property of either. */
function isCommonJsExportTarget(node: Node): boolean {
  const text = node.getText().replace(/\s+/g, '');
  return text === 'module.exports' || /^(module\.)?exports(\.|\[)/.test(text);
}

/** Adds what an exported CommonJS value names: classes and functions, objects of them, and whole required modules. */
function addExportedValue(value: Node, exported: Set<Node>, seenFiles: Set<SourceFile>, depth: number): void {
  if (depth > 6) return;
  if (Node.isClassExpression(value) || Node.isFunctionExpression(value) || Node.isArrowFunction(value)) {
    exported.add(value);
    return;
  }
  if (Node.isObjectLiteralExpression(value)) {
    for (const property of value.getProperties()) {
      if (Node.isPropertyAssignment(property)) {
        const initializer = property.getInitializer();
        if (initializer !== undefined) addExportedValue(initializer, exported, seenFiles, depth + 1);
      } else if (Node.isShorthandPropertyAssignment(property)) {
        addExportedValue(property.getNameNode(), exported, seenFiles, depth + 1);
      }
    }
    return;
  }
  const required = requiredFile(value);
  if (required !== undefined) {
    collectExports(required, exported, seenFiles);
    return;
  }
  if (Node.isIdentifier(value)) {
    for (const declaration of value.getSymbol()?.getDeclarations() ?? [])
      addDeclaredValue(declaration, exported, seenFiles, depth + 1);
  }
}

/** Follows a declaration behind an exported name: the class itself, or the `require` it came from. */
function addDeclaredValue(declaration: Node, exported: Set<Node>, seenFiles: Set<SourceFile>, depth: number): void {
  exported.add(declaration);
  if (Node.isVariableDeclaration(declaration)) {
    const initializer = declaration.getInitializer();
    if (initializer !== undefined) addExportedValue(initializer, exported, seenFiles, depth);
    return;
  }
  if (Node.isBindingElement(declaration)) {
    // `const { Option } = require('./option')`: the whole required module is reachable.
    const variable = declaration.getFirstAncestorByKind(SyntaxKind.VariableDeclaration);
    const initializer = variable?.getInitializer();
    const required = initializer === undefined ? undefined : requiredFile(initializer);
    if (required !== undefined) collectExports(required, exported, seenFiles);
  }
}

/** The project file of `require('./x')` (also `require('./x').y`), if it resolves to one. */
function requiredFile(node: Node): SourceFile | undefined {
  let call: Node = node;
  while (Node.isPropertyAccessExpression(call)) call = call.getExpression();
  if (!Node.isCallExpression(call) || call.getExpression().getText() !== 'require') return undefined;
  const [argument] = call.getArguments();
  if (argument === undefined || !Node.isStringLiteral(argument)) return undefined;
  const specifier = argument.getLiteralValue();
  if (!specifier.startsWith('.')) return undefined;
  const base = resolvePath(call.getSourceFile().getDirectoryPath(), specifier);
  const project = call.getProject();
  for (const candidate of [
    base,
    `${base}.js`,
    `${base}.cjs`,
    `${base}.ts`,
    `${base}.cts`,
    `${base}/index.js`,
    `${base}/index.ts`,
  ]) {
    const file = project.getSourceFile(candidate);
    if (file !== undefined) return file;
  }
  return undefined;
}

/**
 * Every declaration reachable from the exported ones through type
 * annotations, heritage clauses and (for unannotated declarations) the
 * types the checker infers, limited to declarations in analysed files.
 * Without `parameterClasses`, a class that a parameter's annotation names
 * directly (`store: Store`, not `Promise<Store>` nor a callback's) is not
 * followed: the caller hands that value in.
 */
function exposedDeclarations(
  exported: ReadonlySet<Node>,
  analysed: ReadonlySet<SourceFile>,
  parameterClasses: boolean,
): Set<ts.Node> {
  const seen = new Set<ts.Node>();
  const queue: Node[] = [];
  const enqueue = (node: Node): void => {
    if (seen.has(node.compilerNode) || !analysed.has(node.getSourceFile())) return;
    seen.add(node.compilerNode);
    queue.push(node);
  };
  for (const declaration of exported) enqueue(declaration);
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const typeNode of signatureTypeNodes(next)) {
      const passedIn = parameterClasses ? [] : parameterClassesOf(typeNode);
      for (const target of referencedDeclarations(typeNode)) if (!passedIn.includes(target)) enqueue(target);
    }
    for (const type of inferredTypes(next)) for (const target of typeDeclarations(type, 0)) enqueue(target);
  }
  return seen;
}

/** The type annotations and heritage clauses that make up a declaration's public signature (bodies excluded). */
function signatureTypeNodes(declaration: Node): Node[] {
  const out: Node[] = [];
  const addSignature = (node: Node): void => {
    if (Node.isParametered(node)) for (const p of node.getParameters()) pushDefined(out, p.getTypeNode());
    if (Node.isReturnTyped(node)) pushDefined(out, node.getReturnTypeNode());
    if (Node.isTypeParametered(node))
      for (const t of node.getTypeParameters()) {
        pushDefined(out, t.getConstraint());
        pushDefined(out, t.getDefault());
      }
  };
  if (Node.isClassDeclaration(declaration) || Node.isClassExpression(declaration)) {
    out.push(...declaration.getHeritageClauses());
    for (const member of declaration.getMembers()) {
      if (Node.isScoped(member) && member.getScope() === Scope.Private) continue;
      if (Node.isPropertyDeclaration(member)) pushDefined(out, member.getTypeNode());
      else addSignature(member);
    }
    for (const constructor of declaration.getConstructors()) addSignature(constructor);
    addSignature(declaration);
  } else if (Node.isInterfaceDeclaration(declaration)) {
    out.push(...declaration.getHeritageClauses(), ...declaration.getMembers());
    addSignature(declaration);
  } else if (Node.isTypeAliasDeclaration(declaration)) {
    pushDefined(out, declaration.getTypeNode());
    addSignature(declaration);
  } else if (
    Node.isFunctionDeclaration(declaration) ||
    Node.isMethodDeclaration(declaration) ||
    Node.isArrowFunction(declaration) ||
    Node.isFunctionExpression(declaration)
  ) {
    addSignature(declaration);
  } else if (Node.isVariableDeclaration(declaration)) {
    pushDefined(out, declaration.getTypeNode());
    const initializer = declaration.getInitializer();
    if (initializer !== undefined && (Node.isArrowFunction(initializer) || Node.isFunctionExpression(initializer)))
      addSignature(initializer);
  } else if (Node.isModuleDeclaration(declaration)) {
    for (const statement of declaration.getStatements())
      if (Node.isExportable(statement) && statement.isExported()) out.push(statement);
  }
  return out;
}

/** The classes a parameter's type annotation names directly (`store: Store`); none for any other type node. */
function parameterClassesOf(typeNode: Node): Node[] {
  if (!Node.isParameterDeclaration(typeNode.getParent()) || !Node.isTypeReference(typeNode)) return [];
  return declarationsOfName(typeNode.getTypeName()).filter((declaration) => Node.isClassDeclaration(declaration));
}

/** Adds a node if it is defined. */
function pushDefined(out: Node[], node: Node | undefined): void {
  if (node !== undefined) out.push(node);
}

/** The in-project declarations that type references inside a node name (`Foo`, `ns.Foo`, `typeof foo`, `import('x').Foo`). */
function referencedDeclarations(root: Node): Node[] {
  const out: Node[] = [];
  const visit = (node: Node): void => {
    if (
      Node.isClassDeclaration(node) ||
      Node.isInterfaceDeclaration(node) ||
      Node.isTypeAliasDeclaration(node) ||
      Node.isFunctionDeclaration(node) ||
      Node.isModuleDeclaration(node)
    ) {
      out.push(node);
      return;
    }
    if (
      Node.isTypeReference(node) ||
      Node.isExpressionWithTypeArguments(node) ||
      Node.isTypeQuery(node) ||
      Node.isImportTypeNode(node)
    ) {
      const name = Node.isTypeReference(node)
        ? node.getTypeName()
        : Node.isExpressionWithTypeArguments(node)
          ? node.getExpression()
          : Node.isTypeQuery(node)
            ? node.getExprName()
            : node.getQualifier();
      if (name !== undefined) out.push(...declarationsOfName(name));
    }
    node.forEachChild(visit);
  };
  visit(root);
  return out;
}

/** What a type name resolves to, aliases followed. */
function declarationsOfName(name: Node): Node[] {
  const target = Node.isQualifiedName(name)
    ? name.getRight()
    : Node.isPropertyAccessExpression(name)
      ? name.getNameNode()
      : name;
  let symbol = target.getSymbol();
  if (symbol === undefined) return [];
  if (symbol.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
  return symbol.getDeclarations();
}

/**
 * Types the checker infers where a declaration has no annotation: the
 * return type of an unannotated function, the type of a variable holding
 * `new X()` or a class. Other unannotated variables are left alone: inferring
 * them would type-check most of the project for little gain.
 */
function inferredTypes(declaration: Node): Type[] {
  if (Node.isVariableDeclaration(declaration) && declaration.getTypeNode() === undefined) {
    const initializer = declaration.getInitializer();
    if (initializer === undefined) return [];
    if (Node.isArrowFunction(initializer) || Node.isFunctionExpression(initializer))
      return initializer.getReturnTypeNode() === undefined ? [initializer.getReturnType()] : [];
    if (Node.isNewExpression(initializer) || Node.isClassExpression(initializer)) return [initializer.getType()];
    return [];
  }
  if (
    (Node.isFunctionDeclaration(declaration) || Node.isMethodDeclaration(declaration)) &&
    declaration.getReturnTypeNode() === undefined
  )
    return [declaration.getReturnType()];
  if (Node.isClassDeclaration(declaration) || Node.isClassExpression(declaration))
    return declaration.getMembers().flatMap(inferredMemberTypes);
  return [];
}

/**
 * What an unannotated public member of an exposed class hands out: the
 * property `helper = new Helper()` exposes `Helper`, the method or getter
 * without a return type exposes what it returns. Private members expose nothing.
 */
function inferredMemberTypes(member: Node): Type[] {
  if (Node.isScoped(member) && member.getScope() === Scope.Private) return [];
  if (Node.isPropertyDeclaration(member)) {
    if (member.getTypeNode() !== undefined || Node.isPrivateIdentifier(member.getNameNode())) return [];
    const initializer = member.getInitializer();
    return initializer !== undefined && hasInferableValue(initializer) ? [initializer.getType()] : [];
  }
  if (Node.isMethodDeclaration(member) || Node.isGetAccessorDeclaration(member)) {
    if (member.getReturnTypeNode() !== undefined || Node.isPrivateIdentifier(member.getNameNode())) return [];
    return [member.getReturnType()];
  }
  return [];
}

/** Initialisers whose type names a declaration: `new X()`, a class, a call, a function. */
function hasInferableValue(initializer: Node): boolean {
  return (
    Node.isNewExpression(initializer) ||
    Node.isClassExpression(initializer) ||
    Node.isCallExpression(initializer) ||
    Node.isArrowFunction(initializer) ||
    Node.isFunctionExpression(initializer)
  );
}

/** Declarations of a type, its alias, its type arguments, union/intersection parts and call signatures' returns (a few levels deep). */
function typeDeclarations(type: Type, depth: number): Node[] {
  if (depth > 3) return [];
  const out: Node[] = [];
  for (const symbol of [type.getSymbol(), type.getAliasSymbol()])
    if (symbol !== undefined) out.push(...symbol.getDeclarations());
  const parts = [
    ...type.getTypeArguments(),
    ...type.getAliasTypeArguments(),
    ...(type.isUnion() ? type.getUnionTypes() : []),
    ...(type.isIntersection() ? type.getIntersectionTypes() : []),
  ];
  for (const signature of type.getCallSignatures()) parts.push(signature.getReturnType());
  for (const part of parts) out.push(...typeDeclarations(part, depth + 1));
  return out;
}

/** The entry points and how to name them in messages. */
function findEntryPoints(view: ProjectView): { files: SourceFile[]; description: string } {
  const configured = stringList(view.settings['entryPoints']);
  const candidates = configured.length > 0 ? configured : packageEntryPaths(view.packageJson);
  const found = new Set<SourceFile>();
  for (const path of candidates) {
    const file = sourceFor(view, path);
    if (file !== undefined) found.add(file);
  }
  if (found.size === 0 && configured.length === 0) {
    for (const conventional of [
      'index.ts',
      'src/index.ts',
      'index.tsx',
      'src/index.tsx',
      'index.js',
      'src/index.js',
      'index.mts',
      'src/index.mts',
    ]) {
      const file = view.files.find((f) => view.relativePath(f) === conventional);
      if (file !== undefined) {
        found.add(file);
        break;
      }
    }
  }
  if (configured.length === 0)
    for (const pattern of packageEntryPatterns(view.packageJson))
      for (const file of filesMatching(view, pattern)) found.add(file);
  const named = [...found].sort(byPath(view));
  const deep =
    configured.length === 0 &&
    found.size > 0 &&
    view.packageJson !== undefined &&
    view.packageJson['exports'] === undefined
      ? deepImportableModules(view, found)
      : [];
  return { files: [...named, ...deep].sort(byPath(view)), description: describe(view, named, deep.length) };
}

/** Sorts files by relative path. */
function byPath(view: ProjectView): (a: SourceFile, b: SourceFile) => number {
  return (a, b) => (view.relativePath(a) < view.relativePath(b) ? -1 : 1);
}

/**
 * Modules a package without an `exports` map lets users import directly:
 * those that export something and that no other analysed module imports,
 * and `index` barrels (files that re-export their siblings, such as
 * `src/ajax/index.ts` behind `pkg/ajax`). Test files are left out.
 */
function deepImportableModules(view: ProjectView, named: ReadonlySet<SourceFile>): SourceFile[] {
  const imported = new Set<SourceFile>();
  for (const file of view.files)
    for (const target of file.getReferencedSourceFiles()) if (target !== file) imported.add(target);
  return view.files.filter(
    (f) =>
      !named.has(f) &&
      !view.isTestFile(f) &&
      ((!imported.has(f) && f.getExportSymbols().length > 0) || isIndexBarrel(f)),
  );
}

/**
 * An `index` module that re-exports its siblings (`export * from './Flow'`,
 * `export { z } from './z'`): it is the folder's import path (`pkg/flow`),
 * even when it declares things of its own and its siblings import types back from it.
 */
function isIndexBarrel(file: SourceFile): boolean {
  if (!/^index\.[cm]?[jt]sx?$/.test(file.getBaseName())) return false;
  return file.compilerNode.statements.some((s) => ts.isExportDeclaration(s) && s.moduleSpecifier !== undefined);
}

/** "src/index.ts", "a.ts and b.ts", "src/index.ts and 4 modules that no other module imports". */
function describe(view: ProjectView, named: readonly SourceFile[], deep: number): string {
  if (named.length === 0) return 'no entry point';
  const names = named.map((f) => view.relativePath(f));
  const head =
    names.length <= 2 ? names.join(' and ') : `${names.slice(0, 2).join(', ')} and ${String(names.length - 2)} more`;
  if (deep === 0) return head;
  return `${head} and ${String(deep)} deep-importable ${deep === 1 ? 'module' : 'modules'}`;
}

/** Every path named by package.json's entry fields. */
function packageEntryPaths(pkg: Readonly<Record<string, unknown>> | undefined): string[] {
  if (pkg === undefined) return [];
  const out: string[] = [];
  collectStrings(pkg['exports'], out);
  for (const key of ['main', 'module', 'types', 'typings', 'bin', 'browser']) collectStrings(pkg[key], out);
  return out.filter((p) => !p.includes('*') && !p.endsWith('.json'));
}

/** The subpath patterns of package.json's `exports` (`"./realtime/*": "./realtime/*.js"`): their targets, with `*`. */
function packageEntryPatterns(pkg: Readonly<Record<string, unknown>> | undefined): string[] {
  if (pkg === undefined) return [];
  const out: string[] = [];
  collectStrings(pkg['exports'], out);
  return out.filter((p) => p.includes('*') && !p.endsWith('.json'));
}

/**
 * The analysed files a subpath pattern's target makes importable: `*` stands
 * for any path, mapped back to sources as single paths are (`./realtime/*.js`
 * matches `src/realtime/ws.ts`).
 */
function filesMatching(view: ProjectView, pattern: string): SourceFile[] {
  const [stem] = splitExtension(pattern.replace(/^\.\//, ''));
  const [before = '', after = ''] = stem.split('*');
  const matches: SourceFile[] = [];
  for (const file of view.files) {
    if (view.isTestFile(file)) continue;
    const [path] = splitExtension(view.relativePath(file));
    for (const candidate of [path, path.replace(/^src\//, '')]) {
      if (candidate.length < before.length + after.length) continue;
      if (candidate.startsWith(before) && candidate.endsWith(after)) {
        const wildcard = candidate.slice(before.length, candidate.length - after.length);
        const resolved = sourceFor(view, pattern.replace('*', wildcard));
        if (resolved === file) {
          matches.push(file);
          break;
        }
      }
    }
  }
  return matches;
}

function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, out);
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) collectStrings(item, out);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Maps a path from package.json (often build output such as `dist/index.js`)
 * back to a source file: through the build's output folders (tsconfig
 * outDir/declarationDir and rootDir, or the folder the package's own entry
 * paths line up with) first, then by trying the path's trailing segments
 * under the root and under `src/`.
 */
function sourceFor(view: ProjectView, path: string): SourceFile | undefined {
  const clean = path.replace(/^\.\//, '');
  const bases: string[] = [];
  for (const { out, source } of outputFolders(view)) {
    if (clean.startsWith(`${out}/`)) bases.push(joinPosix(source, clean.slice(out.length + 1)));
  }
  bases.push(clean, joinPosix('src', clean));
  const segments = clean.split('/');
  for (let i = 1; i < segments.length; i++) {
    const tail = segments.slice(i).join('/');
    bases.push(tail, joinPosix('src', tail));
  }
  const byPath = filesByPath(view);
  for (const base of bases) {
    const file = sourceAt(byPath, base);
    if (file !== undefined) return file;
  }
  return undefined;
}

/** The analysed file a build-output path compiles from, trying each source extension. */
function sourceAt(byPath: ReadonlyMap<string, SourceFile>, base: string): SourceFile | undefined {
  const [stem, ext] = splitExtension(base);
  for (const replacement of SOURCE_EXTENSIONS[ext] ?? []) {
    const file = byPath.get(stem + replacement);
    if (file !== undefined) return file;
  }
  return undefined;
}

/** The analysed files by relative path, built once per run. */
function filesByPath(view: ProjectView): ReadonlyMap<string, SourceFile> {
  return view.memo('public-api:files-by-path', () => new Map(view.files.map((f) => [view.relativePath(f), f])));
}

/** A build's output folder and the source folder compiled into it, both relative to the root. */
interface OutputFolder {
  out: string;
  source: string;
}

/**
 * Where build output comes from, computed once per run: the loaded
 * tsconfig's outDir/declarationDir with its rootDir; those of the other
 * tsconfig files at the root (`tsconfig.esm.json` builds `lib.esm/` from
 * `src.ts/`); and, for an output folder of the package's entry paths that no
 * tsconfig names (a published package ships none), the one source folder
 * under which every entry path of that folder has its source.
 */
function outputFolders(view: ProjectView): readonly OutputFolder[] {
  return view.memo('public-api:output-folders', () => {
    const found: OutputFolder[] = [];
    const options = view.project.getCompilerOptions();
    addOutputFolders(view, found, options.outDir, options.declarationDir, options.rootDir);
    for (const config of siblingConfigOptions(view)) addOutputFolders(view, found, ...config);
    found.push(...inferredOutputFolders(view, new Set(found.map((f) => f.out))));
    return found;
  });
}

/** Adds the pairs of each output folder with the source root, when both are known and inside the root. */
function addOutputFolders(
  view: ProjectView,
  found: OutputFolder[],
  outDir: string | undefined,
  declarationDir: string | undefined,
  rootDir: string | undefined,
): void {
  if (rootDir === undefined) return;
  const source = view.relativePath(rootDir);
  for (const dir of [outDir, declarationDir]) {
    if (dir === undefined) continue;
    const out = view.relativePath(dir);
    if (!isInsideRoot(out) || !isInsideRoot(source) || out === '' || out === '.') continue;
    if (!found.some((f) => f.out === out)) found.push({ out, source: source === '.' ? '' : source });
  }
}

/** True for a relative path that stays inside the analysed root. */
function isInsideRoot(relative: string): boolean {
  return !relative.startsWith('..') && !relative.startsWith('/');
}

/** outDir, declarationDir and rootDir (absolute) of each `tsconfig*.json` at the root, `extends` followed within the root. */
function siblingConfigOptions(view: ProjectView): [string | undefined, string | undefined, string | undefined][] {
  const fs = view.project.getFileSystem();
  if (!fs.directoryExistsSync(view.root)) return [];
  const names = fs
    .readDirSync(view.root)
    .filter((entry) => entry.isFile && /^tsconfig.*\.json$/.test(entry.name.split(/[\\/]/).pop() ?? ''))
    .map((entry) => entry.name);
  return names.map((path) => {
    const options = configOptions(view, path, 0);
    return [options.outDir, options.declarationDir, options.rootDir];
  });
}

/** The build folders a tsconfig file sets (paths made absolute), merged over those of the config it extends. */
function configOptions(
  view: ProjectView,
  path: string,
  depth: number,
): { outDir?: string; declarationDir?: string; rootDir?: string } {
  const fs = view.project.getFileSystem();
  const absolute = resolvePath(view.root, path);
  if (depth > 3 || !absolute.startsWith(view.root) || !fs.fileExistsSync(absolute)) return {};
  const config: unknown = ts.parseConfigFileTextToJson(absolute, fs.readFileSync(absolute)).config;
  const folder = resolvePath(absolute, '..');
  const extended = fieldOf(config, 'extends');
  const base =
    typeof extended === 'string' && extended.startsWith('.')
      ? configOptions(view, resolvePath(folder, extended), depth + 1)
      : {};
  const own = fieldOf(config, 'compilerOptions');
  const dir = (key: string): string | undefined => {
    const value = fieldOf(own, key);
    return typeof value === 'string' ? resolvePath(folder, value) : undefined;
  };
  return {
    outDir: dir('outDir') ?? base.outDir,
    declarationDir: dir('declarationDir') ?? base.declarationDir,
    rootDir: dir('rootDir') ?? base.rootDir,
  };
}

/**
 * For each first folder of the package's entry paths that no tsconfig names
 * (`lib.esm` in `./lib.esm/index.js`), the source folder under which every one
 * of those paths has a source, when exactly one folder does and it is not the
 * output folder itself: the package's own layout, not a guessed folder name.
 */
function inferredOutputFolders(view: ProjectView, known: ReadonlySet<string>): OutputFolder[] {
  const byOut = new Map<string, string[]>();
  for (const path of [...packageEntryPaths(view.packageJson), ...browserMapPaths(view.packageJson)]) {
    const [out, ...rest] = path.replace(/^\.\//, '').split('/');
    if (out === undefined || rest.length === 0 || known.has(out)) continue;
    byOut.set(out, [...(byOut.get(out) ?? []), rest.join('/')]);
  }
  const byPath = filesByPath(view);
  const folders = new Set(view.files.map((f) => view.relativePath(f).split('/').slice(0, -1).join('/')));
  const out: OutputFolder[] = [];
  for (const [folder, rests] of byOut) {
    if (byPath.size === 0 || rests.some((r) => sourceAt(byPath, joinPosix(folder, r)) !== undefined)) continue;
    const fits = [...folders].filter(
      (source) => source !== folder && rests.every((r) => sourceAt(byPath, joinPosix(source, r)) !== undefined),
    );
    const [only] = fits;
    if (only !== undefined && fits.length === 1) out.push({ out: folder, source: only });
  }
  return out;
}

/** A property of a parsed JSON object, or undefined when the value is not an object or lacks it. */
function fieldOf(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  return Object.entries(value).find(([k]) => k === key)?.[1];
}

/** The keys and values of package.json's `browser` map (`"./lib.esm/ws.js": "./lib.esm/ws-browser.js"`). */
function browserMapPaths(pkg: Readonly<Record<string, unknown>> | undefined): string[] {
  const browser = pkg?.['browser'];
  if (typeof browser !== 'object' || browser === null) return [];
  return Object.entries(browser).flatMap(([key, value]) => (typeof value === 'string' ? [key, value] : [key]));
}

function splitExtension(path: string): [string, string] {
  for (const ext of ['.d.ts', '.d.mts', '.d.cts', '.js', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts', '.jsx']) {
    if (path.endsWith(ext)) return [path.slice(0, -ext.length), ext];
  }
  return [path, ''];
}

function joinPosix(a: string, b: string): string {
  return a === '' || a === '.' ? b : `${a}/${b}`;
}
