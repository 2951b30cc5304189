import { Node, SyntaxKind, ts } from 'ts-morph';
import { referenceNameOf } from './_shared/ast/reference-name.js';
import { literalTextOf } from './_shared/ast/literal-text.js';
import { skipOuterCompilerExpressions, skipOuterExpressions } from './_shared/ast/skip-outer-expressions.js';
import { plusOperandsOf } from './_shared/ast/plus-chain.js';
import { splitWords } from './_shared/identifier-style.js';
import { symbolPathOf } from './_shared/names.js';
import type { CallExpression, PropertyAccessExpression, SourceFile } from 'ts-morph';
import { ownDeclarationsOf } from './_shared/name-binding.js';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { FindingDraft } from '../src/model/rule.js';
import type { ProjectView } from '../src/model/project-view.js';
import {
  describeCallee,
  describeNode,
  getOriginEvidence,
  getLiteralTexts,
  getNonLiteralPart,
  getVariableValues,
} from './_shared/security/data.js';
import { isSanitizerCall } from './_shared/security/sanitizers.js';
import { isCatalogValue } from './_shared/security/catalog-rows.js';
import { isInUncalledFunction } from './_shared/security/never-called.js';

type MessageId = 'builtQuery' | 'builtName' | 'builtDefinition';

/** Methods that run their first argument as SQL on any receiver. */
const QUERY_METHODS = new Set([
  'query',
  'execute',
  'raw',
  'unsafe',
  '$queryRawUnsafe',
  '$executeRawUnsafe',
  'queryRaw',
  'executeRaw',
  'whereRaw',
  'orWhereRaw',
  'havingRaw',
  'orderByRaw',
  'groupByRaw',
  'joinRaw',
  'selectRaw',
  'fromRaw',
]);
/** Methods that run SQL only on database-like receivers (`db.exec`, `sqlite.all`). */
const DB_ONLY_METHODS = new Set([
  'exec',
  'run',
  'all',
  'get',
  'prepare',
  'each',
  'none',
  'one',
  'many',
  'any',
  'oneOrNone',
  'manyOrNone',
  'result',
]);
/** Words in a receiver's name that say it is a database handle. */
const DB_WORDS = new Set([
  'db',
  'database',
  'conn',
  'connection',
  'client',
  'pool',
  'sql',
  'knex',
  'sequelize',
  'prisma',
  'tx',
  'trx',
  'transaction',
  'sqlite',
  'pg',
  'mysql',
  'postgres',
  'repo',
  'repository',
  'manager',
  'datasource',
  'orm',
  'em',
  'store',
]);

/** SQL statement shapes; the literal parts of a query must contain one. */
const SQL_PATTERNS = [
  /\bselect\b[\s\S]*\bfrom\b/i,
  /\binsert\s+(?:or\s+\w+\s+)?into\b/i,
  /\bupdate\b[\s\S]*\bset\b/i,
  /\bdelete\s+from\b/i,
  /\b(?:create|drop|alter|truncate)\s+(?:or\s+replace\s+)?(?:(?:temporary|unique)\s+)?(?:table|index|view|database|schema|tablespace|sequence|trigger|procedure|domain|generator|role|user)\b/i,
  /\bgrant\s[\s\S]*\bto\b/i,
  /\brevoke\s[\s\S]*\bfrom\b/i,
  /\bshow\s+grants\b/i,
  /\bwhere\b[\s\S]*(?:=|<|>|\blike\b|\bin\b|\bis\b)/i,
  /\border\s+by\b/i,
  /\bgroup\s+by\b/i,
  /\bvalues\s*\(/i,
];

/**
 * Cypher (Neo4j's query language), which shares SQL's `WHERE` and `ORDER BY`: a `MATCH (…)` that `RETURN`s, or a
 * relationship pattern (`(a)-[r:KNOWS]->(b)`), neither of which SQL can hold. A label or relationship type spliced
 * into Cypher cannot be a parameter, so the rule's remedy does not apply: such text is not judged.
 */
const CYPHER_PATTERNS = [/\b(?:optional\s+)?match\s*\([\s\S]*\breturn\b/i, /\)\s*<?\s*-\s*\[[^\]]*\]\s*-\s*>?\s*\(/];

export default defineRule({
  meta: {
    id: 'sql-injection',
    description: 'Disallow SQL queries built from non-literal data by concatenation or interpolation',
    category: 'security',
    defaultSeverity: 'error',
    stability: 'stable',
    scope: 'file',
    needsTypeChecker: true,
    skipFiles: ['test'],
    title: 'SQL injection',
    rationale:
      'Data spliced into SQL text is parsed as SQL, so a quote in it can end the string and add clauses of its own; parameters reach the database as values.',
    messages: {
      builtQuery: {
        message: '`{{sink}}` runs SQL built from `{{data}}` (line {{line}}) by {{how}}.',
        recommendation:
          "Pass `{{data}}` as a query parameter (a placeholder, `$1`, `?` or `:1` as the driver takes it, with a values array), or build the query with a tagged template such as Prisma's `$queryRaw`.",
      },
      builtName: {
        message:
          '`{{sink}}` runs SQL built from `{{data}}` (line {{line}}) by {{how}}, where the SQL names a table, column or other object.',
        recommendation:
          "A name cannot be a query parameter: throw unless `{{data}}` is one of the names the query may use, or quote it with the driver's identifier escaping (`pg-format`'s `%I`, `mysql.escapeId`).",
      },
      builtDefinition: {
        message:
          "`{{sink}}` runs SQL built from `{{data}}` (line {{line}}) by {{how}}, where the SQL defines a new table's columns.",
        recommendation:
          "Column names and types cannot be query parameters: throw unless `{{data}}` is one of the names and types the table may have (an allow-list), and quote each name with the driver's identifier escaping (`pg-format`'s `%I`, `mysql.escapeId`).",
      },
    },
    options: NO_OPTIONS,
  },
  *check({ files, project }) {
    for (const file of files) yield* checkFile(file, project);
  },
});

/** Findings of one file: calls from the run's node index, wrapped only when their callee reads as a query method. */
function* checkFile(file: SourceFile, project: ProjectView): Generator<FindingDraft<MessageId>> {
  for (const compilerCall of project.nodesOf(file, ts.SyntaxKind.CallExpression)) {
    if (!ts.isCallExpression(compilerCall) || !mayBeQuerySink(compilerCall, file.compilerNode)) continue;
    const call = project.wrap(file, compilerCall);
    if (!Node.isCallExpression(call)) continue;
    const sink = getQuerySink(call);
    if (sink === undefined) continue;
    const [first] = call.getArguments();
    if (first === undefined || isInUncalledFunction(project, call)) continue;
    const draft = checkQuery(project, call, sink, queryTextOf(first));
    if (draft !== undefined) yield draft;
  }
}

/**
 * The query text a sink's first argument holds: the text a streaming query is made of when it is one
 * (`client.query(new QueryStream(sql, values))` of pg-query-stream, `new Cursor(sql, values)` of pg-cursor), else
 * the argument.
 */
function queryTextOf(argument: Node): Node {
  const node = skipOuterExpressions(argument);
  if (!Node.isNewExpression(node)) return argument;
  const created = skipOuterExpressions(node.getExpression());
  const [text] = node.getArguments();
  return Node.isIdentifier(created) && STREAMING_QUERIES.has(created.getText()) && text !== undefined ? text : argument;
}

/** Classes whose first argument is the query text a pg client's `query` runs. */
const STREAMING_QUERIES: ReadonlySet<string> = new Set(['QueryStream', 'Cursor']);

/** `getQuerySink` on the compiler's nodes, so that no other call is wrapped: true for `<receiver>.<query method>(...)`. */
function mayBeQuerySink(call: ts.CallExpression, sourceFile: ts.SourceFile): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const name = callee.name.getText(sourceFile);
  if (QUERY_METHODS.has(name)) return true;
  if (!DB_ONLY_METHODS.has(name)) return false;
  const receiver = skipOuterCompilerExpressions(callee.expression);
  const receiverName = ts.isIdentifier(receiver)
    ? receiver.getText(sourceFile)
    : ts.isPropertyAccessExpression(receiver)
      ? receiver.name.getText(sourceFile)
      : undefined;
  return receiverName !== undefined && splitWords(receiverName).some((w) => DB_WORDS.has(w));
}

/** The query method's name when the call is `<receiver>.<query method>(...)`, else undefined. */
function getQuerySink(call: CallExpression): string | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const name = callee.getName();
  if (QUERY_METHODS.has(name)) return name;
  if (DB_ONLY_METHODS.has(name) && isDatabaseLike(callee.getExpression())) return name;
  return undefined;
}

/** True when the receiver's name says it is a database handle (`db`, `this.pool`, `ctx.sqlite`). */
function isDatabaseLike(receiver: Node): boolean {
  const node = skipOuterExpressions(receiver);
  const name = Node.isIdentifier(node)
    ? node.getText()
    : Node.isPropertyAccessExpression(node)
      ? node.getName()
      : undefined;
  return name !== undefined && splitWords(name).some((w) => DB_WORDS.has(w));
}

/** A finding when the query text is built from non-literal data and reads as SQL. */
function checkQuery(
  view: ProjectView,
  call: CallExpression,
  sink: string,
  query: Node,
): FindingDraft<MessageId> | undefined {
  const built = getBuiltParts(view, query);
  if (built === undefined) return undefined;
  const texts = built.parts.flatMap((p) => getLiteralTexts(p, view)).join(' ');
  if (!SQL_PATTERNS.some((p) => p.test(texts)) || CYPHER_PATTERNS.some((p) => p.test(texts))) return undefined;
  const holes = holesOfParts(built);
  const ranked = [...holes.filter(isValuePosition), ...holes.filter((h) => !isValuePosition(h))];
  // A configured name the query splices where SQL takes a name is the query's name wherever else it is spliced
  // (`IF OBJECT_ID('${options.schema}.${table}') IS NULL CREATE TABLE ${options.schema}.${table} …`): binding the
  // quoted copy would leave the other in the text.
  const namePositions = new Set(holes.filter(isIdentifierPosition).map((hole) => hole.expression.getText()));
  const found = ranked
    .map((hole) => ({ hole, data: findInjectedData(view, hole, namePositions) }))
    .find((f): f is { hole: Hole; data: Node } => f.data !== undefined);
  if (found === undefined) return undefined;
  const { hole, data } = found;
  const description = describeNode(data);
  return {
    node: call,
    messageId: isColumnDefinition(hole) ? 'builtDefinition' : isNamePosition(hole) ? 'builtName' : 'builtQuery',
    symbol: { path: symbolPathOf(call), qualifier: `${sink}:${description}` },
    data: {
      sink: describeCallee(call.getExpression(), sink),
      data: description,
      line: data.getStartLineNumber(),
      how: built.how,
    },
    evidence: getOriginEvidence(data, view),
  };
}

/** The pieces a query text is built from, and how they are joined. */
interface BuiltParts {
  parts: Node[];
  how: 'template interpolation' | 'concatenation';
  /** True when the parts are a variable's values and some are appended with `+=`. */
  appended?: boolean;
}

/**
 * The template or `+` chain the query text is, directly or through a local variable
 * (every value it is given, when it is built up with `+=` or assigned a template or `+` chain);
 * undefined for anything else (a plain variable, a call, a tagged template).
 */
function getBuiltParts(view: ProjectView, query: Node, depth = 0): BuiltParts | undefined {
  const node = skipOuterExpressions(query);
  if (Node.isTemplateExpression(node)) return { parts: [node], how: 'template interpolation' };
  if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.PlusToken)
    return { parts: [node], how: 'concatenation' };
  if (!Node.isIdentifier(node) || depth >= 3) return undefined;
  // A global has no declaration in the project's code, so no value built here.
  const variable = getVariableValues(node, view);
  if (variable === undefined) return undefined;
  if (variable.appended) return { parts: variable.values, how: 'concatenation', appended: true };
  // Values given whole (`let statement = this.sql`, then `statement = \`SELECT … ${params}\`` when it has none):
  // each is the query on its own path, so only those built here are judged, not spliced into one another.
  const built = variable.values.flatMap((value) => {
    const parts = getBuiltParts(view, value, depth + 1);
    return parts === undefined ? [] : [{ value, how: parts.how }];
  });
  const [first] = built;
  return first === undefined ? undefined : { parts: built.map((b) => b.value), how: first.how };
}

/** A non-literal piece of a query, with the literal SQL text around it. */
interface Hole {
  expression: Node;
  before: string;
  after: string;
  /**
   * The query's text before the hole (its part's, and every earlier part's when `+=` built it), each earlier hole
   * written as `\0`.
   */
  prefix: string;
}

/**
 * The holes of the query's parts, each with the literal text just before and after it. The parts of a variable built
 * up with `+=` are read as one text, in the order they are written, from the last value given whole (`let query =
 * 'UPDATE ?? SET '; … query += keys + ' WHERE id = ?'`: `keys` stands after `SET`); values given whole on other paths
 * are each a query of their own.
 */
function holesOfParts(built: BuiltParts): Hole[] {
  if (!built.appended) return built.parts.flatMap((part) => holesIn(segmentsOf(part)));
  const segments: Segment[] = [];
  const holes: Hole[] = [];
  for (const part of built.parts) {
    if (!isAppendedPart(part)) holes.push(...holesIn(segments.splice(0)));
    segments.push(...segmentsOf(part));
  }
  return [...holes, ...holesIn(segments)];
}

/** True for the right side of `x += …`. */
function isAppendedPart(part: Node): boolean {
  const parent = part.getParent();
  return (
    Node.isBinaryExpression(parent) &&
    parent.getRight() === part &&
    parent.getOperatorToken().getKind() === SyntaxKind.PlusEqualsToken
  );
}

/** A piece of query text: literal text, or an expression spliced in. */
type Segment = { text: string } | { expression: Node };

/** The pieces of a template, a `+` chain, or any other value (literal text, or one expression). */
function segmentsOf(part: Node): Segment[] {
  const node = skipOuterExpressions(part);
  if (Node.isTemplateExpression(node))
    return [
      { text: node.getHead().getLiteralText() },
      ...node
        .getTemplateSpans()
        .flatMap((span) => [{ expression: span.getExpression() }, { text: span.getLiteral().getLiteralText() }]),
    ];
  const operands =
    Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.PlusToken
      ? plusOperandsOf(node)
      : [node];
  return operands.map((operand) => {
    const text = literalTextOf(operand);
    return text === undefined ? { expression: operand } : { text };
  });
}

/** The holes among pieces of text read in order, each with the literal text just before and after it. */
function holesIn(segments: readonly Segment[]): Hole[] {
  const holes: Hole[] = [];
  let prefix = '';
  segments.forEach((segment, i) => {
    if ('text' in segment) {
      prefix += segment.text;
      return;
    }
    let after = '';
    for (const next of segments.slice(i + 1)) {
      if (!('text' in next)) break;
      after += next.text;
    }
    holes.push(holeAt(segment.expression, prefix, after));
    prefix += '\0';
  });
  return holes;
}

/** A hole, the literal text just before it being the part of `prefix` after the last earlier hole. */
function holeAt(expression: Node, prefix: string, after: string): Hole {
  return { expression, before: prefix.slice(prefix.lastIndexOf('\0') + 1), after, prefix };
}

/**
 * The non-literal data a hole splices into the query, or undefined when it is literal or
 * when it is an identifier (a table or column name) taken from configuration: identifiers
 * cannot be passed as parameters, and `FROM ${this.tableName}` names a table, not a value. Such a name is the
 * query's name also where it is quoted as a string, when the query splices the same expression where a name stands
 * (`namePositions`, the texts of holes in identifier positions).
 */
function findInjectedData(view: ProjectView, hole: Hole, namePositions: ReadonlySet<string>): Node | undefined {
  const quote = identifierQuoteOf(hole);
  const data = getNonLiteralPart(hole.expression, {
    isSanitizer: (node) =>
      isSanitizerCall(node) || isBoundFragment(view, node) || (quote !== undefined && doublesQuote(node, quote)),
    isTrusted: (node) => isCatalogValue(view, node, (call) => getQuerySink(call) !== undefined),
    view,
  });
  if (data === undefined) return undefined;
  if (
    (isIdentifierPosition(hole) || isColumnDefinition(hole) || namePositions.has(data.getText())) &&
    namesIdentifier(view, data)
  )
    return undefined;
  if (/\b(?:where|having)$/i.test(hole.before.trimEnd()) && isCallersCondition(view, data)) return undefined;
  return data;
}

/** The identifier quote (`"` or `` ` ``) a hole stands inside (`"${name}"`), or undefined. */
function identifierQuoteOf(hole: Hole): string | undefined {
  const quote = hole.before.at(-1);
  return (quote === '"' || quote === '`') && hole.after.startsWith(quote) ? quote : undefined;
}

/**
 * True for a call that doubles every `quote` in its receiver (`name.replace(/"/g, '""')`, `name.replaceAll('`',
 * '``')`): inside identifier quotes of that character, SQL reads a doubled quote as one character of the name, so the
 * text cannot end the name early (pgtools' `CREATE DATABASE "${name.replace(/"/g, '""')}"`).
 */
function doublesQuote(node: Node, quote: string): boolean {
  if (!Node.isCallExpression(node)) return false;
  const callee = skipOuterExpressions(node.getExpression());
  const [pattern, replacement] = node.getArguments();
  if (!Node.isPropertyAccessExpression(callee) || node.getArguments().length !== 2) return false;
  const method = callee.getName();
  if (method !== 'replace' && method !== 'replaceAll') return false;
  if (literalTextOf(replacement) !== quote + quote) return false;
  if (Node.isRegularExpressionLiteral(pattern)) {
    const match = /^\/(.*)\/([a-z]*)$/.exec(pattern.getLiteralText());
    return match !== null && match[2]?.includes('g') === true && (match[1] === quote || match[1] === `\\${quote}`);
  }
  return method === 'replaceAll' && literalTextOf(pattern) === quote;
}

/** The text that opens a new table's column definitions: `CREATE [TEMPORARY] TABLE [IF NOT EXISTS] name (`. */
const CREATE_TABLE_COLUMNS =
  /\bcreate\s+(?:(?:global\s+|local\s+)?temp(?:orary)?\s+)?table\s+(?:if\s+not\s+exists\s+)?[^\s(]+\s*\(/gi;

/**
 * True when the hole stands among a new table's column definitions, outside quotes and any inner parentheses
 * (`CREATE TABLE t (` + the definitions, or `'CREATE TABLE ?? ( ?? ' + type`): names and types, syntax no parameter
 * can stand for. A hole in quotes (`DEFAULT '${value}'`) or in a `CHECK (…)` is not.
 */
function isColumnDefinition(hole: Hole): boolean {
  return isInListOpenedBy(hole.prefix, CREATE_TABLE_COLUMNS);
}

/** The text that opens an index's column list: `CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (`. */
const INDEX_COLUMNS = /\bcreate\s+(?:unique\s+)?index\s+(?:if\s+not\s+exists\s+)?[^(]*?\bon\s+[^\s(]+\s*\(/gi;

/**
 * True when the text after the last opening `opening` matches leaves the hole in that list: outside quotes and any
 * inner parentheses.
 */
function isInListOpenedBy(prefix: string, opening: RegExp): boolean {
  const opened = [...prefix.matchAll(opening)].at(-1);
  if (opened === undefined) return false;
  const { open, depth } = readSqlText(prefix.slice(opened.index + opened[0].length));
  return open === undefined && depth === 0;
}

/**
 * Where SQL text leaves off: the quote (`'`, `"` or `` ` ``) still open at its end and where it opened, and how many
 * more parentheses it opens than it closes outside quotes. A doubled quote closes and opens again, as SQL reads it.
 */
function readSqlText(text: string): { open: { quote: string; at: number } | undefined; depth: number } {
  let open: { quote: string; at: number } | undefined;
  let depth = 0;
  for (let at = 0; at < text.length; at += 1) {
    const char = text.charAt(at);
    if (open !== undefined) {
      if (char === open.quote) open = undefined;
    } else if (char === "'" || char === '"' || char === '`') open = { quote: char, at };
    else if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
  }
  return { open, depth };
}

/**
 * A privilege statement's object or grantee written bare (`GRANT SELECT ON ${table} TO ${role}`, `REVOKE … FROM
 * ${role}`): a table, role or user name, which a parameter cannot stand for. A quoted account (`TO '${user}'@'%'`) is
 * a string, so a value.
 */
const PRIVILEGE_OBJECT = /\b(?:grant|revoke)\s[^;]*\b(?:on|to|from)$/i;

/** Last words of names that hold a whole SQL condition (`where`, `whereClause`, `filterCondition`). */
const CONDITION_WORDS: ReadonlySet<string> = new Set(['where', 'clause', 'condition', 'conditions', 'criteria']);

/**
 * True for a condition the caller writes, spliced whole after `WHERE` or `HAVING`: a parameter of the enclosing
 * function named as one (`where`, `whereClause`), a property so named of such a parameter (`options.where`), or a
 * call of a function named for a where clause given only those (node-dbi's `this._whereExpr(where)`). The function
 * runs its caller's SQL, as one taking a whole query (`run(sql)`) does: a condition cannot be a query parameter, and
 * its values are the caller's to bind or escape (knex's `whereRaw`).
 */
function isCallersCondition(view: ProjectView, data: Node): boolean {
  if (Node.isCallExpression(data)) {
    const name = referenceNameOf(skipOuterExpressions(data.getExpression()));
    const args = data.getArguments();
    return (
      name !== undefined &&
      splitWords(name).includes('where') &&
      args.length > 0 &&
      args.every((a) => isCallersCondition(view, skipOuterExpressions(a)))
    );
  }
  const name = referenceNameOf(data);
  const last = name === undefined ? undefined : splitWords(name).at(-1);
  if (last === undefined || !CONDITION_WORDS.has(last)) return false;
  const base = Node.isPropertyAccessExpression(data) ? skipOuterExpressions(data.getExpression()) : data;
  return (
    Node.isIdentifier(base) &&
    !/\b(?:req|request|query|params|body|headers|cookies|ctx)\b/.test(base.getText()) &&
    ownDeclarationsOf(view, base).some(isCallerParameter)
  );
}

/**
 * True for a fragment a query library binds, whose text is literal data: knex's `x.raw(text)` or `x.raw(text,
 * bindings)` (`this.knex.raw('?', [schemaName])`), pg-promise's `pgp.as.format(text, values)`, and mysql's
 * `mysql.format(text, values)` (`SqlString.format`). Each puts every value in the text as an escaped literal (`??` as a
 * quoted identifier), or sends it as a parameter, so the fragment holds the text as written and the values escaped.
 * Node's `util.format`, which escapes nothing, is none of them, nor is a text that asks pg-promise for a raw value
 * (`RAW_FILTER`).
 */
function isBoundFragment(view: ProjectView, node: Node): boolean {
  if (!Node.isCallExpression(node)) return false;
  const callee = skipOuterExpressions(node.getExpression());
  const args = node.getArguments();
  const [text] = args;
  return (
    Node.isPropertyAccessExpression(callee) &&
    isFragmentBinder(callee) &&
    text !== undefined &&
    args.length <= 2 &&
    !args.some((a) => Node.isSpreadElement(a)) &&
    getNonLiteralPart(text, { view }) === undefined &&
    !RAW_FILTER.test(text.getText())
  );
}

/**
 * pg-promise's filters that put a value in as written, unescaped: `$1:raw`, `$1^`, `${name:raw}`, `$(name^)`,
 * `$<name:raw>`. A fragment whose text uses one holds its value raw, as a concatenation would.
 */
const RAW_FILTER = /\$(?:\d+|[{(<[/][ \t]*[\w$.]+[ \t]*)(?::raw\b|\^)/;

/** Receivers whose `format` escapes the values it puts in: pg-promise's `as`, mysql's and sqlstring's modules. */
const ESCAPING_FORMATTERS: ReadonlySet<string> = new Set(['as', 'mysql', 'mysql2', 'SqlString', 'sqlstring']);

/** `x.raw`, or `format` on an escaping formatter (`pgp.as.format`, `mysql.format`). */
function isFragmentBinder(callee: PropertyAccessExpression): boolean {
  const name = callee.getName();
  if (name === 'raw') return true;
  const receiverName = referenceNameOf(skipOuterExpressions(callee.getExpression()));
  return name === 'format' && receiverName !== undefined && ESCAPING_FORMATTERS.has(receiverName);
}

/**
 * True when the hole stands where SQL expects a name: a table or column after FROM/INTO/JOIN/UPDATE/TABLE, the object
 * a statement names after DATABASE, SCHEMA, VIEW, INDEX, TABLESPACE, SEQUENCE, TRIGGER, PROCEDURE, DOMAIN, GENERATOR,
 * ROLE or USER, a character set or collation after CHARACTER SET/CHARSET/COLLATE (knex-migrator's `CREATE DATABASE …
 * CHARACTER SET ' + charset`), in identifier quotes (alone, or with text of their own after such a word:
 * `isInsideNamedQuotes`), or after the dot of a qualified name (`${schema}.${table}`).
 */
function isIdentifierPosition(hole: Hole): boolean {
  // The second half of a qualified name, `${schema}.${table}` or `public.${table}` (not a number's `1.${digits}`).
  if (/(?:^|[A-Za-z_"`\]])\.$/.test(hole.before)) return true;
  const before = hole.before.trimEnd();
  if (followsNameKeyword(before) || before.endsWith(',')) return true;
  if (/["`[]$/.test(before) && /^["`\]]/.test(hole.after)) return true;
  return isInsideNamedQuotes(hole.prefix);
}

/**
 * True when the text before a hole leaves it inside identifier quotes (`"` or `` ` ``) that open where SQL takes a
 * name, with text of their own beside the hole (`CREATE TRIGGER "_trg_${entity}_insert"`, `DROP TABLE
 * "_log_${entity}"`). Where a value stands before the quote (`LIKE "%${term}%"`, `= "…`), MySQL reads `"` as a
 * string's quote, and the hole is a value.
 */
function isInsideNamedQuotes(prefix: string): boolean {
  const { open } = readSqlText(prefix);
  if (open === undefined || open.quote === "'") return false;
  return followsNameKeyword(prefix.slice(0, open.at).trimEnd());
}

/** True when SQL text ends with a word after which a name stands (`FROM`, `TABLE`, `TRIGGER`, …; not a comma). */
function followsNameKeyword(before: string): boolean {
  return (
    /\b(?:from|into|join|update|table|exists|on|by|select|as|character\s+set|charset|collate)$/i.test(before) ||
    /\b(?:database|schema|view|index|tablespace|sequence|trigger|procedure|domain|generator|role|user)$/i.test(before)
  );
}

/**
 * True when the hole stands where SQL can only take a name, so a parameter cannot replace it: an identifier position
 * (`isIdentifierPosition`) other than after a comma (`VALUES ($1, ${x})` is a value) or `ON` (a join's condition); an
 * insert's column list (node-dbi's `'(' + fields.join(', ') + ') VALUES('`); right after `SET`, where a column or
 * a list of `column = ?` pairs stands; a new table's column definitions (`CREATE TABLE t (` + the definitions); an
 * index's column list (`CREATE INDEX i ON t (` + the columns); or a privilege statement's bare object or grantee
 * (`PRIVILEGE_OBJECT`).
 */
function isNamePosition(hole: Hole): boolean {
  const before = hole.before.trimEnd();
  if (isIdentifierPosition(hole) && !/(?:,|\bon)$/i.test(before)) return true;
  // An insert's column list (`INSERT INTO t (` … `) VALUES`), what follows `SET` (a column, or `col = ?` pairs), and a
  // new table's column definitions (`CREATE TABLE t (` …).
  return (
    (/\($/.test(before) && /^\s*\)\s*(?:values|select)\b/i.test(hole.after)) ||
    /\bset$/i.test(before) ||
    isColumnDefinition(hole) ||
    isInListOpenedBy(hole.prefix, INDEX_COLUMNS) ||
    PRIVILEGE_OBJECT.test(hole.prefix.trimEnd())
  );
}

/** True when data names a table, column or schema (`this.tableName`, `config.schema`), is not a parameter, and does not come from a request. */
function namesIdentifier(view: ProjectView, data: Node): boolean {
  const text = data.getText();
  if (/\b(?:req|request|query|params|body|headers|cookies)\b/.test(text)) return false;
  if (Node.isIdentifier(data) && ownDeclarationsOf(view, data).some(isCallerParameter)) return false;
  const name = nameOf(data);
  if (name === undefined) return false;
  const last = splitWords(name).at(-1);
  return last !== undefined && IDENTIFIER_WORDS.has(last);
}

/**
 * The name a piece is read by: a property's or variable's, or a getter method's called without arguments
 * (`this.getTypeormMetadataTableName()`, `this.getTableName()`).
 */
function nameOf(data: Node): string | undefined {
  return Node.isCallExpression(data) && data.getArguments().length === 0
    ? referenceNameOf(skipOuterExpressions(data.getExpression()))
    : referenceNameOf(data);
}

/** Last words of names that hold SQL identifiers. */
const IDENTIFIER_WORDS = new Set([
  'table',
  'tables',
  'column',
  'columns',
  'col',
  'cols',
  'schema',
  'collection',
  'field',
  'fields',
  'name',
  'identifier',
  'view',
  'index',
  'alias',
  'prefix',
  'tablename',
  'database',
  'db',
  'charset',
  'collation',
  // The objects a schema holds besides tables, named for their kind (`eventPositionSequence`, `idxSnapshotKey`,
  // `primaryKey`): a sequence, an index, a key's column, a constraint, a trigger.
  'sequence',
  'seq',
  'idx',
  'key',
  'constraint',
  'constraints',
  'trigger',
]);

/** True for a parameter whose value comes from the function's callers; an inline callback's parameter (`schemas.map((schema) => ...)`) comes from a local collection instead. */
function isCallerParameter(declaration: Node): boolean {
  if (!Node.isParameterDeclaration(declaration)) return false;
  const fn = declaration.getParent();
  const holder = fn.getParent();
  const inlineCallback =
    (Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) &&
    Node.isCallExpression(holder) &&
    holder.getArguments().includes(fn);
  return !inlineCallback;
}

/** True when the hole stands where SQL expects a value: inside quotes, or after a comparison, `LIKE`, `IN (` or `VALUES (`. */
function isValuePosition(hole: Hole): boolean {
  const before = hole.before.trimEnd();
  return /(?:'|=|<|>|\blike|\bin\s*\(|\bvalues\s*\(|\blimit|\boffset)$/i.test(before);
}
