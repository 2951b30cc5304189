import { Node, Scope } from 'ts-morph';
import { symbolPathOf } from './_shared/names.js';
import type { ClassDeclaration, MethodDeclaration, SourceFile } from 'ts-morph';
import { defineRule } from '../src/model/rule.js';
import type { FindingDraft } from '../src/model/rule.js';
import type { ProjectView } from '../src/model/project-view.js';
import { hasJsDoc, hasLineDocComment } from './_shared/jsdoc.js';
import { plural } from './_shared/text.js';

/** Methods every object has or that implement a language protocol: their contract is documented where they come from. */
const PROTOCOL_METHODS = new Set(['toString', 'toJSON', 'valueOf', 'toLocaleString', 'then']);

/** Fewest declarations a project needs before the rule judges whether documenting them is its practice. */
const MIN_DECLARATIONS_FOR_PRACTICE = 10;

/** Fewest declarations with a `///` block that make `///` the project's doc comment. */
const MIN_LINE_DOC_DECLARATIONS = 2;

type MessageId = 'missingDocstring' | 'missingMemberDocstring' | 'undocumentedProject';

/** Options of the rule. */
interface Options {
  minDocumentedShare: number;
}

export default defineRule<MessageId, Options>({
  meta: {
    id: 'missing-docstring',
    description:
      'Require a JSDoc comment on exported functions, classes, interfaces, type aliases and the public methods of exported classes',
    category: 'docs',
    defaultSeverity: 'info',
    stability: 'experimental',
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
      undocumentedProject: {
        message:
          "JSDoc comments cover {{documented}} of the project's {{declarations}} ({{percent}}%), under the {{threshold}}% that makes documenting them its practice, so they are not listed one by one.",
        recommendation:
          'Document the exports of the entry points first; set `minDocumentedShare` to 0 to list every undocumented declaration.',
      },
    },
    options: {
      defaults: { minDocumentedShare: 0.25 },
      schema: {
        type: 'object',
        properties: {
          minDocumentedShare: {
            type: 'number',
            minimum: 0,
            description:
              'Share (0 to 1) of exported declarations that must have a comment for the rule to list the undocumented ones; below it, one finding summarises the project. 0 always lists them.',
            default: 0.25,
          },
        },
        additionalProperties: false,
      },
    },
  },
  *check({ files, project, options }) {
    const census = project.memo('missing-docstring:census', () => takeCensus(project));
    const share = census.total === 0 ? 1 : census.documented / census.total;
    const summarise = census.total >= MIN_DECLARATIONS_FOR_PRACTICE && share < options.minDocumentedShare;
    for (const file of files) {
      if (summarise) {
        if (file === census.anchor) yield projectFinding(file, census, options.minDocumentedShare);
        continue;
      }
      for (const candidate of census.byFile.get(file) ?? candidatesOf(file, project)) {
        if (!isDocumented(candidate, census)) yield candidate.finding;
      }
    }
  },
});

/** A declaration the rule asks a comment for, with how it is documented and the finding it gets when it is not. */
interface Candidate {
  jsDoc: boolean;
  lineDoc: boolean;
  finding: FindingDraft<MessageId>;
}

/** The project's exported declarations and how many are documented, computed once per run. */
interface Census {
  byFile: Map<SourceFile, Candidate[]>;
  total: number;
  documented: number;
  /** True when `///` blocks document declarations in this project. */
  usesLineDocs: boolean;
  /** Where the project-level finding goes: the first entry point, else the first file. */
  anchor: SourceFile | undefined;
}

/** Counts the candidates of every file the rule looks at (not tests, not generated code). */
function takeCensus(project: ProjectView): Census {
  const files = project.files.filter((f) => !project.isTestFile(f) && !project.isGeneratedFile(f));
  const byFile = new Map(files.map((file) => [file, candidatesOf(file, project)] as const));
  const all = [...byFile.values()].flat();
  const usesLineDocs = all.filter((c) => c.lineDoc).length >= MIN_LINE_DOC_DECLARATIONS;
  const census: Census = { byFile, total: all.length, documented: 0, usesLineDocs, anchor: undefined };
  census.documented = all.filter((c) => isDocumented(c, census)).length;
  census.anchor = files.find((f) => project.publicApi.entryPoints.includes(f)) ?? files[0];
  return census;
}

/** True when the candidate has a JSDoc comment, or a `///` block in a project that documents with them. */
function isDocumented(candidate: Candidate, census: Pick<Census, 'usesLineDocs'>): boolean {
  return candidate.jsDoc || (candidate.lineDoc && census.usesLineDocs);
}

/** The one finding for a project that does not document its exports as a practice. */
function projectFinding(file: SourceFile, census: Census, threshold: number): FindingDraft<MessageId> {
  return {
    node: file.getStatements()[0] ?? file,
    messageId: 'undocumentedProject',
    data: undocumentedProjectData(census.documented, census.total, threshold),
  };
}

/** Message data for the project-level finding: `documented` of `total` declarations, and the share the rule expects. */
export function undocumentedProjectData(documented: number, total: number, threshold: number): Record<string, string> {
  return {
    documented: String(documented),
    declarations: plural(total, 'exported declaration'),
    percent: String(Math.floor((documented / total) * 100)),
    threshold: String(Math.round(threshold * 100)),
  };
}

/**
 * Exported declarations and public methods of exported classes of a file,
 * exemptions left out: declarations marked internal, and, once an entry
 * point is known, those its public API does not reach (an `export` that only
 * sibling modules import is not documentation users read).
 */
function candidatesOf(file: SourceFile, project: ProjectView): Candidate[] {
  const out: Candidate[] = [];
  const api = project.publicApi;
  const unreachable = (node: Node): boolean => api.entryPoints.length > 0 && !api.exposes(node);
  for (const declaration of exportedDeclarationsOf(file)) {
    if (isMarkedInternal(declaration.node) || isAliasOfAnotherType(declaration.node)) continue;
    if (unreachable(declaration.node)) continue;
    out.push({
      jsDoc: hasDocOnAnySignature(declaration.node),
      lineDoc: hasLineDocComment(declaration.node),
      finding: {
        node: nameNodeOf(declaration.node),
        messageId: 'missingDocstring',
        symbol: { path: symbolPathOf(declaration.node) },
        data: declarationData(declaration),
      },
    });
  }
  for (const cls of file.getClasses()) {
    if (!cls.isExported() || isMarkedInternal(cls) || unreachable(cls)) continue;
    const className = cls.getName() ?? 'default';
    for (const method of publicMethodsOf(cls)) {
      out.push({
        jsDoc: hasDocOnAnySignature(method),
        lineDoc: hasLineDocComment(method),
        finding: {
          node: method.getNameNode(),
          messageId: 'missingMemberDocstring',
          symbol: { path: symbolPathOf(method) },
          data: memberData(method, className),
        },
      });
    }
  }
  return out;
}

/**
 * True for a type alias whose whole body is a reference to another type
 * (`type A = proto.v1.IA`, `type B = Foo<Bar>`, `type C = import('x').C`):
 * it renames a type documented, or generated, where it is declared.
 */
function isAliasOfAnotherType(node: Node): boolean {
  if (!Node.isTypeAliasDeclaration(node)) return false;
  const body = node.getTypeNode();
  return body !== undefined && (Node.isTypeReference(body) || Node.isImportTypeNode(body));
}

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

/** Tags that hide a declaration from the documentation: `@internal`, `@private`, `@hidden`, `@ignore`, ethers' `@_ignore`. */
const HIDING_TAG = /@_?(?:internal|private|hidden|ignore)\b/;

/** True when a comment before the declaration (JSDoc or not, as in `/* @internal *\/`) hides it from the docs: it is not documented on purpose. */
function isMarkedInternal(node: Node): boolean {
  const host = Node.isVariableDeclaration(node) ? (node.getVariableStatement() ?? node) : node;
  return host.getLeadingCommentRanges().some((comment) => HIDING_TAG.test(comment.getText()));
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
 * Public and protected methods, except methods whose comment sits on a base
 * declaration that has one, members whose contract is documented elsewhere (see
 * `inheritsMember`), protocol methods (`toString`, `[Symbol.iterator]`),
 * quoted or computed names, and names starting with `_` (private by
 * convention).
 */
function publicMethodsOf(cls: ClassDeclaration): MethodDeclaration[] {
  const out: MethodDeclaration[] = [];
  const seen = new Set<string>();
  for (const method of cls.getMethods()) {
    const name = method.getName();
    if (seen.has(name)) continue;
    seen.add(name);
    if (method.getScope() === Scope.Private || !Node.isIdentifier(method.getNameNode()) || name.startsWith('_'))
      continue;
    if (PROTOCOL_METHODS.has(name)) continue;
    if (!hasDocOnAnySignature(method) && inheritsDocumentedMember(cls, name)) continue;
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
