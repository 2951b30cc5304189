import { ts } from 'ts-morph';

/** The identifiers a binding name declares: itself, or every name of a destructuring pattern, in order. */
export function bindingNamesOf(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : bindingNamesOf(element.name)));
}
