import { Node, ts } from 'ts-morph';
import type { ClassDeclaration, ClassExpression, ExpressionWithTypeArguments, SourceFile, Type } from 'ts-morph';
import { wrapNode } from '../_shared/ast/wrap-node.js';
import type { ProjectView } from '../../src/model/project-view.js';

/** A class declaration or class expression. */
export type ClassLike = ClassDeclaration | ClassExpression;

/** What a class inherits a member name from. */
export interface Inheritance {
  /** True when the name comes from (or may come from) code outside the project: a library base or an unresolved one. */
  external: boolean;
  /** Same-named members of in-project ancestors (base classes and implemented interfaces). */
  ancestors: Node[];
}

/** In-project subclasses (and classes implementing a class as an interface) of each in-project class, built once per run. */
export interface ClassHierarchy {
  subclassesOf(cls: ClassLike): readonly ClassLike[];
}

/** Builds (once per run) the map from each class to the classes that extend it, or implement it as an interface, directly. */
export function classHierarchyOf(view: ProjectView): ClassHierarchy {
  return view.memo('unused-member:hierarchy', () => {
    const analysed = new Set<SourceFile>(view.files);
    const children = new Map<ts.Node, ClassLike[]>();
    for (const file of view.files) {
      for (const cls of classesOf(file)) {
        const clauses = [cls.getExtends(), ...cls.getImplements()];
        for (const clause of clauses) {
          if (clause === undefined) continue;
          for (const base of classDeclarationsNamed(clause, analysed)) {
            const list = children.get(base.compilerNode);
            if (list === undefined) children.set(base.compilerNode, [cls]);
            else list.push(cls);
          }
        }
      }
    }
    return { subclassesOf: (cls: ClassLike) => children.get(cls.compilerNode) ?? [] };
  });
}

/** Every class declaration and class expression of a file (found on the compiler's tree; only classes are wrapped). */
export function classesOf(file: SourceFile): ClassLike[] {
  const out: ClassLike[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      const wrapped = wrapNode(file, node);
      if (Node.isClassDeclaration(wrapped) || Node.isClassExpression(wrapped)) out.push(wrapped);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(file.compilerNode, visit);
  return out;
}

/** Every in-project class that extends `cls`, directly or not. */
export function descendantsOf(hierarchy: ClassHierarchy, cls: ClassLike): ClassLike[] {
  const out: ClassLike[] = [];
  const seen = new Set<ClassLike>([cls]);
  const queue = [...hierarchy.subclassesOf(cls)];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (seen.has(next)) continue;
    seen.add(next);
    out.push(next);
    queue.push(...hierarchy.subclassesOf(next));
  }
  return out;
}

/**
 * Where a class gets a member name from: walks its `extends` chain and its
 * `implements` clauses. A base or interface the checker cannot resolve (a
 * package that is not installed) makes every name possibly external; a
 * library base makes the names it declares external.
 */
export function inheritanceOf(
  cls: ClassLike,
  name: string,
  isStatic: boolean,
  analysed: ReadonlySet<SourceFile>,
): Inheritance {
  const result: Inheritance = { external: false, ancestors: [] };
  const seen = new Set<ClassLike>();
  let current: ClassLike | undefined = cls;
  while (current !== undefined && !seen.has(current)) {
    seen.add(current);
    if (!isStatic) for (const clause of current.getImplements()) inspect(clause.getType(), name, analysed, result);
    const clause: ExpressionWithTypeArguments | undefined = current.getExtends();
    if (clause === undefined) break;
    const type = isStatic ? clause.getExpression().getType() : clause.getType();
    inspect(type, name, analysed, result);
    if (result.external) break;
    current = classDeclarationsOf(clause.getType(), analysed)[0];
    if (current === undefined && !isKnownBase(clause.getType())) result.external = true;
  }
  return result;
}

/** The same-named members of the interfaces a class's own `implements` clauses name. */
export function implementedBy(cls: ClassLike, name: string, analysed: ReadonlySet<SourceFile>): Inheritance {
  const result: Inheritance = { external: false, ancestors: [] };
  for (const clause of cls.getImplements()) inspect(clause.getType(), name, analysed, result);
  return result;
}

/** Records whether `type` has `name`, and where it is declared. */
function inspect(type: Type, name: string, analysed: ReadonlySet<SourceFile>, result: Inheritance): void {
  if (type.isAny() || type.isUnknown()) {
    result.external = true;
    return;
  }
  const property = type.getProperty(name);
  if (property === undefined) return;
  const declarations = property.getDeclarations();
  if (declarations.length === 0 || declarations.some((d) => !analysed.has(d.getSourceFile()))) result.external = true;
  else result.ancestors.push(...declarations);
}

/** True when a base type resolves to a class or interface (wherever declared), not to an error. */
function isKnownBase(type: Type): boolean {
  return !type.isAny() && (type.getSymbol() !== undefined || type.isIntersection());
}

/** The in-project classes a heritage clause names (`extends Base`, `implements ns.Base`), from the name's symbol alone. */
function classDeclarationsNamed(clause: ExpressionWithTypeArguments, analysed: ReadonlySet<SourceFile>): ClassLike[] {
  const expression = clause.getExpression();
  if (!Node.isIdentifier(expression) && !Node.isPropertyAccessExpression(expression)) return [];
  let symbol = expression.getSymbol();
  if (symbol?.isAlias() === true) symbol = symbol.getAliasedSymbol();
  return (symbol?.getDeclarations() ?? []).filter(
    (d): d is ClassLike => (Node.isClassDeclaration(d) || Node.isClassExpression(d)) && analysed.has(d.getSourceFile()),
  );
}

/** The in-project class declarations behind a base type. */
function classDeclarationsOf(type: Type, analysed: ReadonlySet<SourceFile>): ClassLike[] {
  const symbol = type.getSymbol() ?? type.getTargetType()?.getSymbol();
  if (symbol === undefined) return [];
  return symbol
    .getDeclarations()
    .filter(
      (d): d is ClassLike =>
        (Node.isClassDeclaration(d) || Node.isClassExpression(d)) && analysed.has(d.getSourceFile()),
    );
}
