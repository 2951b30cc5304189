/**
 * Typed error classes: project error classes that the project always
 * constructs without arguments (`throw new TokenAccountNotFoundError()`), so
 * their class name is the message, by the project's own convention.
 */
import { ts } from 'ts-morph';
import type { Node } from 'ts-morph';
import type { ProjectView } from '../../src/model/project-view.js';

/** How each project class is constructed across the project: whether any construction passes arguments. */
type Constructions = ReadonlyMap<ts.Node, { withArguments: boolean }>;

/**
 * True for a class that every `new` of it in the project constructs without
 * arguments: the project never gives it a message anywhere, so the class
 * name is how its failures are told apart (spl-token's `Token*Error`s).
 * A class constructed with a message somewhere is not one: there, a
 * construction without one is a lapse.
 */
export function isTypedErrorClass(declaration: Node, project: ProjectView): boolean {
  const use = constructionsOf(project).get(declaration.compilerNode);
  return use !== undefined && !use.withArguments;
}

/** Every `new C(...)` of the project, by the class declaration it resolves to; computed once per run. */
function constructionsOf(project: ProjectView): Constructions {
  return project.memo('error-without-message:constructions', () => {
    const checker = project.project.getTypeChecker().compilerObject;
    const out = new Map<ts.Node, { withArguments: boolean }>();
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node)) {
        const declaration = classDeclarationOf(checker, node.expression);
        if (declaration !== undefined) {
          const seen = out.get(declaration) ?? { withArguments: false };
          seen.withArguments ||= (node.arguments ?? []).length > 0;
          out.set(declaration, seen);
        }
      }
      ts.forEachChild(node, visit);
    };
    for (const file of project.files) ts.forEachChild(file.compilerNode, visit);
    return out;
  });
}

/** The class a constructor expression names, import aliases followed; undefined when it is not a class. */
function classDeclarationOf(checker: ts.TypeChecker, callee: ts.Expression): ts.Node | undefined {
  const symbol = checker.getSymbolAtLocation(callee);
  if (symbol === undefined) return undefined;
  const target = (symbol.flags & ts.SymbolFlags.Alias) !== 0 ? checker.getAliasedSymbol(symbol) : symbol;
  return target.declarations?.find((d) => ts.isClassDeclaration(d) || ts.isClassExpression(d));
}
