import { Node, ts } from 'ts-morph';
import type { CallExpression, MethodDeclaration } from 'ts-morph';
import type { ProjectView } from '../../../src/model/project-view.js';
import { referencesInOwnFile } from '../name-binding.js';
import { prototypeHomeOf, prototypeOwnerOf, thisHomeOf } from '../ast/this-home.js';
import { getFunctionNameNode } from './names.js';

/**
 * The calls of a named function in its own file (`run(x)` for `function run` or `const run = …`), from its
 * references (`referencesInOwnFile`: from syntax where it settles them); empty for a function without a name.
 * A class's method: its calls through `this` in its class (`thisCallsOf`); a constructor function's prototype method,
 * its calls through `this` in the constructor's code (`prototypeCallsOf`). Calls from other files are not among them.
 */
export function callSitesInOwnFile(view: ProjectView, fn: Node): CallExpression[] {
  if (Node.isMethodDeclaration(fn)) return thisCallsOf(view, fn);
  if (Node.isFunctionExpression(fn)) {
    const home = prototypeHomeOf(fn.compilerNode.body);
    if (home !== undefined && home.fn === fn.compilerNode && ts.isBinaryExpression(fn.compilerNode.parent))
      return prototypeCallsOf(view, fn, home.constructorName);
  }
  const nameNode = getFunctionNameNode(fn);
  if (nameNode === undefined) return [];
  const sites: CallExpression[] = [];
  for (const reference of referencesInOwnFile(view, nameNode)) {
    const call = reference.getParent();
    if (Node.isCallExpression(call) && call.getExpression() === reference) sites.push(call);
  }
  return sites;
}

/**
 * The calls `this.name(…)` of a method a top-level statement assigns to a constructor function's prototype
 * (`Thumbnailer.prototype.execCommand = function (command) {…}`), made in the constructor or in another of its
 * prototype's methods in the same file (`prototypeHomeOf`), from syntax. An alias of `this` (`var self = this`) and
 * calls through another receiver are not followed, as for a class's method.
 */
function prototypeCallsOf(view: ProjectView, fn: Node, constructorName: string): CallExpression[] {
  const target = fn.compilerNode.parent;
  if (!ts.isBinaryExpression(target) || !ts.isPropertyAccessExpression(target.left)) return [];
  if (prototypeOwnerOf(target.left) !== constructorName) return [];
  const file = fn.getSourceFile();
  const sites: CallExpression[] = [];
  for (const occurrence of view.references.occurrencesIn(file, target.left.name.text)) {
    const access = occurrence.compilerNode.parent;
    if (!ts.isPropertyAccessExpression(access) || access.name !== occurrence.compilerNode) continue;
    if (access.expression.kind !== ts.SyntaxKind.ThisKeyword) continue;
    const call = access.parent;
    if (!ts.isCallExpression(call) || call.expression !== access) continue;
    if (prototypeHomeOf(access)?.constructorName !== constructorName) continue;
    const wrapped = view.wrap(file, call);
    if (Node.isCallExpression(wrapped)) sites.push(wrapped);
  }
  return sites;
}

/**
 * The calls `this.name(…)` of a class's method in the class's own code, on the method's side (static or not), from
 * syntax, and a static method's calls through its class's name in its file (`classNameCallsOf`). Calls through
 * another receiver (`shell.run(…)`, a subclass's) and an object literal's method are not
 * followed: which method such a call reaches is the checker's to say, and not asked.
 */
function thisCallsOf(view: ProjectView, method: MethodDeclaration): CallExpression[] {
  const name = method.getNameNode();
  const home = method.compilerNode.parent;
  if (!Node.isIdentifier(name) || !ts.isClassLike(home)) return [];
  const file = method.getSourceFile();
  const isStatic = method.isStatic();
  const sites: CallExpression[] = [];
  for (const occurrence of view.references.occurrencesIn(file, name.compilerNode.text)) {
    const access = occurrence.compilerNode.parent;
    if (!ts.isPropertyAccessExpression(access) || access.name !== occurrence.compilerNode) continue;
    if (access.expression.kind !== ts.SyntaxKind.ThisKeyword) continue;
    const call = access.parent;
    if (!ts.isCallExpression(call) || call.expression !== access) continue;
    const where = thisHomeOf(access);
    if (where?.node !== home || where.isStatic !== isStatic) continue;
    const wrapped = view.wrap(file, call);
    if (Node.isCallExpression(wrapped)) sites.push(wrapped);
  }
  if (isStatic) sites.push(...classNameCallsOf(view, method, home));
  return sites;
}

/**
 * The calls `Name.method(…)` of a static method through its class declaration's name in the class's file
 * (`TiffConverter.call(command)`), from the name's references (`referencesInOwnFile`), as `this.method(…)` is read in
 * a static method.
 */
function classNameCallsOf(
  view: ProjectView,
  method: MethodDeclaration,
  home: ts.ClassLikeDeclaration,
): CallExpression[] {
  if (!ts.isClassDeclaration(home) || home.name === undefined) return [];
  const file = method.getSourceFile();
  // Most static methods are never called so in their file: the text says so before any reference is resolved.
  if (!file.getFullText().includes(`${home.name.text}.${method.getName()}`)) return [];
  const className = view.wrap(file, home.name);
  if (!Node.isIdentifier(className)) return [];
  const sites: CallExpression[] = [];
  for (const reference of referencesInOwnFile(view, className)) {
    const access = reference.getParent();
    if (!Node.isPropertyAccessExpression(access) || access.getExpression() !== reference) continue;
    if (access.getName() !== method.getName()) continue;
    const call = access.getParent();
    if (Node.isCallExpression(call) && call.getExpression() === access) sites.push(call);
  }
  return sites;
}
