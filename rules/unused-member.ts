import { Node, ts } from 'ts-morph';
import { symbolPathOf } from './_shared/names.js';
import type { SourceFile } from 'ts-morph';
import { defineRule } from '../src/model/rule.js';
import type { EvidenceDraft } from '../src/model/rule.js';
import type { Occurrence, ProjectView } from '../src/model/project-view.js';
import {
  classHierarchyOf,
  classesOf,
  descendantsOf,
  implementedBy,
  inheritanceOf,
} from './unused-member-utils/hierarchy.js';
import type { ClassHierarchy, ClassLike, Inheritance } from './unused-member-utils/hierarchy.js';
import { wrapNode } from './_shared/ast/wrap-node.js';
import {
  PROTOCOL_NAMES,
  hasDynamicSelfAccess,
  isFrameworkOrAmbient,
  kindLabel,
  membersOf,
} from './unused-member-utils/members.js';
import type { Member } from './unused-member-utils/members.js';
import { removalOfPrivateMember } from './unused-member-utils/removal.js';
import type { EditDraft } from '../src/model/edit.js';

/** What the project's code does with a member. */
interface Usage {
  read: boolean;
  writes: Occurrence[];
}

export default defineRule({
  meta: {
    id: 'unused-member',
    description: 'Disallow class members that are never read anywhere in the project',
    category: 'correctness',
    defaultSeverity: 'warning',
    stability: 'experimental',
    skipFiles: ['generated'],
    scope: 'project',
    needsTypeChecker: true,
    title: 'Unused class members',
    rationale:
      'A property or method that nothing reads is dead code that readers still have to understand and keep in step with the rest of the class; a field that is only written often means a forgotten step.',
    messages: {
      unusedMember: {
        message: 'The {{kind}} `{{name}}` is never read in the {{files}} analysed{{reach}}.',
        recommendation: 'Remove `{{name}}` from `{{className}}`, or use it where it was meant to be used.',
      },
      writeOnlyMember: {
        message: 'The {{kind}} `{{name}}` is assigned but never read in the {{files}} analysed{{reach}}.',
        recommendation:
          'Remove `{{name}}` and its assignments from `{{className}}`, or read it where it was meant to be used.',
      },
    },
    options: {
      defaults: { includePublicApi: false },
      schema: {
        type: 'object',
        properties: {
          includePublicApi: {
            type: 'boolean',
            description:
              'Also report public and protected members of classes exported from an entry point (by default they are public API and count as used).',
            default: false,
          },
        },
        additionalProperties: false,
      },
    },
  },
  *check({ files, project, options }) {
    const hierarchy = classHierarchyOf(project);
    const analysed = new Set<SourceFile>(project.files);
    const files_ = project.files.length === 1 ? '1 file' : `${String(project.files.length)} files`;
    for (const file of files) {
      for (const cls of classesOf(file)) {
        if (isExemptClass(cls)) continue;
        const className = classNameOf(cls);
        let escapes: boolean | undefined;
        let isErrorClass: boolean | undefined;
        for (const member of membersOf(cls)) {
          if (PROTOCOL_NAMES.has(member.name) || isFrameworkOrAmbient(member)) continue;
          const inheritance = member.isPrivate
            ? NO_INHERITANCE
            : inheritedOrImplemented(hierarchy, cls, member, analysed);
          if (inheritance.external) continue;
          const publicApi =
            !member.isPrivate &&
            (isPublicClass(project, hierarchy, cls) ||
              inheritance.ancestors.some((a) => isPublicOwner(project, a)) ||
              publicInterfaceMemberNames(project).has(member.name));
          if (publicApi && !options.includePublicApi) continue;
          if (!member.isPrivate && !member.isStatic && (isErrorClass ??= extendsError(cls))) continue;
          const related = relatedDeclarations(hierarchy, cls, member, inheritance.ancestors);
          const usage = usageOf(project, member, related);
          if (usage.read) continue;
          escapes ??= isPassedAsValue(project, cls);
          if (escapes) continue;
          const data = {
            kind: kindLabel(member),
            name: member.name,
            className,
            files: files_,
            reach: member.isPrivate ? '' : reachText(project, className, publicApi),
          };
          const evidence: EvidenceDraft[] = usage.writes
            .slice(0, 3)
            .map((w) => ({ note: `assigned here`, node: w.node }));
          yield {
            node: member.nameNode,
            messageId: usage.writes.length > 0 ? 'writeOnlyMember' : 'unusedMember',
            symbol: { path: symbolPathOf(member.nameNode) },
            data,
            evidence,
            ...fixOf(member, usage),
          };
        }
      }
    }
  },
});

/** Removing the member, for a private member that nothing reads or writes, when that is safe. */
function fixOf(member: Member, usage: Usage): { fix?: EditDraft[] } {
  const removal = usage.writes.length === 0 ? removalOfPrivateMember(member) : undefined;
  return removal === undefined ? {} : { fix: removal };
}

/**
 * True for a subclass of `Error`: its public members are the payload that
 * whoever catches it reads (`catch (e) { e.code }`), through a value the
 * checker types as `unknown`, so no reference shows the reads.
 */
function extendsError(cls: ClassLike): boolean {
  let type = cls.getType();
  for (let depth = 0; depth < 10; depth++) {
    const base = type.getBaseTypes()[0];
    if (base === undefined) return false;
    if (base.getSymbol()?.getName() === 'Error') return true;
    type = base;
  }
  return false;
}

/** Classes whose members are used in ways no reference shows: ambient, decorated, or read by computed key or as a whole. */
function isExemptClass(cls: ClassLike): boolean {
  if (cls.getSourceFile().isDeclarationFile()) return true;
  if (Node.isClassDeclaration(cls) && cls.hasDeclareKeyword()) return true;
  if (cls.getDecorators().length > 0) return true;
  return hasDynamicSelfAccess(cls);
}

/**
 * True when the class itself is handed to a function (`applyMixins(C, [M])`,
 * `container.register(C)`, `customElements.define('x', C)`): the callee may
 * copy or call its members by name, which no reference shows.
 */
function isPassedAsValue(project: ProjectView, cls: ClassLike): boolean {
  const name = cls.getName();
  if (name === undefined) return false;
  return project.references.occurrences(name).some((occurrence) => {
    if (occurrence.role !== 'name' || !isCallArgument(occurrence.compilerNode)) return false;
    const declarations = occurrence.resolve();
    return declarations === undefined || declarations.some((d) => d.compilerNode === cls.compilerNode);
  });
}

/** A call argument, directly or as an element of an array literal argument. */
function isCallArgument(node: ts.Node): boolean {
  const parent = node.parent;
  const holder = ts.isArrayLiteralExpression(parent) ? parent.parent : parent;
  const argument = ts.isArrayLiteralExpression(parent) ? parent : node;
  return (
    (ts.isCallExpression(holder) || ts.isNewExpression(holder)) && (holder.arguments ?? []).some((a) => a === argument)
  );
}

/** The class's name, or the variable it is assigned to, for messages and the symbol path. */
function classNameOf(cls: ClassLike): string {
  const name = cls.getName();
  if (name !== undefined) return name;
  const parent = cls.getParent();
  if (Node.isVariableDeclaration(parent) || Node.isPropertyAssignment(parent) || Node.isPropertyDeclaration(parent))
    return parent.getName();
  return '(anonymous class)';
}

/** True when the class, or a class extending it, is exported from an entry point (so its public members are public API). */
function isPublicClass(project: ProjectView, hierarchy: ClassHierarchy, cls: ClassLike): boolean {
  return [cls, ...descendantsOf(hierarchy, cls)].some((c) => isExportedClass(project, c));
}

/**
 * Names of the members of interfaces and object types the public API
 * exposes. A class whose instances are handed out as such an interface
 * (`makeSemaphore(): Semaphore` returning `new SemaphoreImpl()`) needs no
 * `implements` clause, so a public member with one of these names may be
 * called through the interface by code outside the project.
 */
function publicInterfaceMemberNames(project: ProjectView): ReadonlySet<string> {
  return project.memo('unused-member:public-interface-members', () => {
    const names = new Set<string>();
    for (const file of project.files) {
      const visit = (node: ts.Node): void => {
        if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) {
          if (project.publicApi.exposes(wrapNode(file, node))) collectMemberNames(node, names);
          return;
        }
        if (ts.isModuleDeclaration(node) || ts.isModuleBlock(node)) ts.forEachChild(node, visit);
      };
      ts.forEachChild(file.compilerNode, visit);
    }
    return names;
  });
}

/** Adds the names of the property and method signatures inside an interface or type alias. */
function collectMemberNames(node: ts.Node, names: Set<string>): void {
  const visit = (child: ts.Node): void => {
    if (
      (ts.isPropertySignature(child) || ts.isMethodSignature(child)) &&
      (ts.isIdentifier(child.name) || ts.isStringLiteral(child.name))
    )
      names.add(child.name.text);
    ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
}

/** True when an ancestor's member belongs to an interface, type or class that the public API exposes (its implementations are called through it). */
function isPublicOwner(project: ProjectView, declaration: Node): boolean {
  let owner = declaration.getParent();
  while (owner !== undefined && Node.isTypeLiteral(owner)) owner = owner.getParent();
  if (owner === undefined) return false;
  if (Node.isClassDeclaration(owner) || Node.isClassExpression(owner)) return isExportedClass(project, owner);
  return project.publicApi.exposes(owner);
}

/**
 * True when the class is exported from an entry point or named by an
 * exported signature, or is a class expression held by an exposed variable
 * or returned by an exposed function (`export function make() { return class {...} }`).
 */
function isExportedClass(project: ProjectView, cls: ClassLike): boolean {
  const api = project.publicApi;
  if (api.exposes(cls)) return true;
  if (!Node.isClassExpression(cls)) return false;
  const parent = cls.getParent();
  if (Node.isVariableDeclaration(parent)) return api.exposes(parent);
  const producer = functionReturning(cls);
  if (producer === undefined) return false;
  const holder = producer.getParent();
  return api.exposes(producer) || (holder !== undefined && Node.isVariableDeclaration(holder) && api.exposes(holder));
}

/** The function whose return value the class expression is (through parentheses and type assertions), if any. */
function functionReturning(cls: ClassLike): Node | undefined {
  let value: Node = cls;
  let parent = value.getParent();
  while (
    parent !== undefined &&
    (Node.isParenthesizedExpression(parent) ||
      Node.isAsExpression(parent) ||
      Node.isSatisfiesExpression(parent) ||
      Node.isTypeAssertion(parent) ||
      Node.isNonNullExpression(parent))
  ) {
    value = parent;
    parent = value.getParent();
  }
  if (parent === undefined) return undefined;
  if (Node.isArrowFunction(parent)) return parent;
  if (!Node.isReturnStatement(parent)) return undefined;
  return parent.getFirstAncestor(
    (a) =>
      Node.isFunctionDeclaration(a) ||
      Node.isFunctionExpression(a) ||
      Node.isArrowFunction(a) ||
      Node.isMethodDeclaration(a),
  );
}

/**
 * The declarations whose use counts as a use of this member: its own, the
 * same-named members of in-project ancestors it overrides or implements,
 * and those of in-project subclasses that override it (a call resolved to
 * `Base.m` may run any override, and a call to an override keeps the
 * contract of `Base.m`).
 */
function relatedDeclarations(
  hierarchy: ClassHierarchy,
  cls: ClassLike,
  member: Member,
  ancestors: readonly Node[],
): Set<ts.Node> {
  const out = new Set<ts.Node>();
  for (const declaration of [...member.declarations, ...ancestors]) out.add(declaration.compilerNode);
  for (const descendant of descendantsOf(hierarchy, cls)) {
    for (const other of membersOf(descendant)) {
      if (other.name === member.name && other.isStatic === member.isStatic)
        for (const d of other.declarations) out.add(d.compilerNode);
    }
  }
  return out;
}

/**
 * Looks at every property-name occurrence of the member's name in the
 * project (its own file first). An occurrence counts as a read when it reads
 * and the checker resolves it to a related declaration, to an interface or
 * type-literal member of that name declared in the project or a package
 * (objects reach interfaces structurally), or to nothing at all (an `any`
 * receiver, a missing package).
 */
function usageOf(project: ProjectView, member: Member, related: ReadonlySet<ts.Node>): Usage {
  const index = project.references;
  const home = member.nameNode.getSourceFile();
  const writes: Occurrence[] = [];
  const candidates = [
    ...index.occurrencesIn(home, member.name),
    ...index.occurrences(member.name).filter((o) => o.file !== home),
  ];
  for (const occurrence of candidates) {
    if (occurrence.role !== 'property') continue;
    if (!isRelevantAccess(member, occurrence)) {
      if (occurrence.access === 'write' && refersTo(occurrence, related, member.isPrivate) === 'yes')
        writes.push(occurrence);
      continue;
    }
    if (refersTo(occurrence, related, member.isPrivate) !== 'no') return { read: true, writes };
  }
  return { read: false, writes };
}

/** Reads count for every member; for a setter, so does a write, since it runs the setter's code. */
function isRelevantAccess(member: Member, occurrence: Occurrence): boolean {
  if (occurrence.access !== 'write') return true;
  return member.hasSetter;
}

/**
 * Whether an occurrence names the member: `yes`, `maybe` (unresolved, or
 * through an interface that a public member may satisfy structurally), or
 * `no`. A private member never satisfies an interface, so an interface
 * member of the same name is not it.
 */
function refersTo(occurrence: Occurrence, related: ReadonlySet<ts.Node>, isPrivate: boolean): 'yes' | 'maybe' | 'no' {
  if (ts.isPrivateIdentifier(occurrence.compilerNode)) return declaresHashName(occurrence.compilerNode, related);
  const declarations = occurrence.resolve();
  if (declarations === undefined) return 'maybe';
  if (declarations.some((d) => related.has(d.compilerNode))) return 'yes';
  if (
    !isPrivate &&
    declarations.some((d) => (Node.isPropertySignature(d) || Node.isMethodSignature(d)) && !isDefaultLibrary(d))
  )
    return 'maybe';
  return 'no';
}

/**
 * Whether a `#name` occurrence names the member: a `#name` always means the
 * one declared by the innermost enclosing class that declares it, whatever
 * the receiver's type (`b.#x` with an untyped `b` inside a nested class that
 * declares its own `#x` is that class's `#x`).
 */
function declaresHashName(occurrence: ts.PrivateIdentifier, related: ReadonlySet<ts.Node>): 'yes' | 'no' {
  for (let node: ts.Node = occurrence.parent; !ts.isSourceFile(node); node = node.parent) {
    if (!ts.isClassLike(node)) continue;
    const own = node.members.find(
      (m) => m.name !== undefined && ts.isPrivateIdentifier(m.name) && m.name.text === occurrence.text,
    );
    if (own !== undefined) return related.has(own) ? 'yes' : 'no';
  }
  return 'no';
}

/** What a private member inherits: nothing (TypeScript allows no private member to override or implement one). */
const NO_INHERITANCE: Inheritance = { external: false, ancestors: [] };

/**
 * Where a public member's name comes from: the class's own bases and
 * interfaces, and the interfaces its subclasses declare: in
 * `class Impl extends Base implements Verifier`, `Base.cancelled` is
 * `Impl`'s implementation of `Verifier.cancelled`.
 */
function inheritedOrImplemented(
  hierarchy: ClassHierarchy,
  cls: ClassLike,
  member: Member,
  analysed: ReadonlySet<SourceFile>,
): Inheritance {
  const own = inheritanceOf(cls, member.name, member.isStatic, analysed);
  if (own.external || member.isStatic) return own;
  for (const descendant of descendantsOf(hierarchy, cls)) {
    if (membersOf(descendant).some((m) => m.name === member.name && !m.isStatic)) continue;
    const implemented = implementedBy(descendant, member.name, analysed);
    if (implemented.external) return implemented;
    own.ancestors.push(...implemented.ancestors);
  }
  return own;
}

/**
 * True for declarations of TypeScript's own lib files (`Map.get`, `Set.has`,
 * `Array.push`): a class does not become a Map by having a `get` method, so
 * such matches are not structural uses. Interfaces of installed packages
 * still count.
 */
function isDefaultLibrary(declaration: Node): boolean {
  const file = declaration.getSourceFile();
  return file.getProject().getProgram().compilerObject.isSourceFileDefaultLibrary(file.compilerNode);
}

/** The second half of the message for a non-private member: why the rule treats it as internal. */
function reachText(project: ProjectView, className: string, publicApi: boolean): string {
  const api = project.publicApi;
  if (api.entryPoints.length === 0)
    return `; no entry point was found (package.json exports or main, index.ts), so \`${className}\` is not public API`;
  const points = api.description.includes(' and ')
    ? `the entry points ${api.description}`
    : `the entry point ${api.description}`;
  if (publicApi) return `; \`${className}\` is exported from ${points}, so only code outside the project could read it`;
  return `; \`${className}\` is not reachable from ${points}`;
}
