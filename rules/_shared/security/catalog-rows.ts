import { Node } from 'ts-morph';
import type { CallExpression, VariableDeclaration } from 'ts-morph';
import type { ProjectView } from '../../../src/model/project-view.js';
import { FILLING_METHODS, arrayCallbackSlotOf, callbackSiteOf } from '../ast/array-methods.js';
import { descendantsWhere, isIdentifierNamed } from '../ast/descendants.js';
import { isWriteTarget } from '../ast/is-write-target.js';
import { skipOuterExpressions } from '../ast/skip-outer-expressions.js';
import { ownDeclarationsOf } from '../name-binding.js';
import { scopeOf } from './data.js';
import { isConstDeclaration } from '../ast/const-declaration.js';

/**
 * A database's own catalog in a query's text: the SQL standard's `information_schema`, PostgreSQL's `pg_catalog` and
 * `pg_…` tables and views, SQLite's `sqlite_master`/`sqlite_schema`, `PRAGMA` and its `pragma_…` functions, SQL Server's and SAP HANA's `sys`
 * schema, Oracle's data dictionary views (`ALL_TABLES`, `USER_TAB_COLUMNS`…), Db2's `SYSCAT`, and MySQL's `SHOW`
 * statements. Its rows name what the database holds (tables, columns, constraints, schemas), not what a caller sent.
 */
const CATALOG =
  /\binformation_schema\b|\bpg_catalog\b|\bpg_(?:class|namespace|tables|views|matviews|indexes|index|constraint|attribute|type|enum|proc|sequences?|trigger|attrdef|depend|description|roles|user)\b|\bsqlite_(?:master|schema|temp_master|sequence)\b|\bPRAGMA\b|\bpragma_\w+|\bsys"?\s*\.\s*"?[a-z_]|\b(?:ALL|USER|DBA)_(?:TABLES|VIEWS|MVIEWS|TAB_COLUMNS|TAB_COLS|TAB_COMMENTS|COL_COMMENTS|CONSTRAINTS|CONS_COLUMNS|INDEXES|IND_COLUMNS|IND_EXPRESSIONS|SEQUENCES|OBJECTS|USERS|TRIGGERS|TYPES|SYNONYMS|PART_TABLES)\b|\bSYSCAT\s*\.|\bSHOW\s+(?:FULL\s+)?(?:TABLES|COLUMNS|FIELDS|INDEX|INDEXES|KEYS|DATABASES|SCHEMAS|CREATE\s+TABLE)\b/i;

/** Array methods whose result holds only elements of the array they are called on. */
const SUBSET_METHODS: ReadonlySet<string> = new Set(['filter', 'slice', 'reverse', 'sort', 'toSorted', 'toReversed']);

/** How deep names are followed back to the rows they come from. */
const MAX_DEPTH = 6;

/**
 * True when syntax shows that a value comes from the rows a query of the database's own catalog returned
 * (`CATALOG`): a row, a column of it (`row.TABLE_NAME`, `row["table_schema"]`, a name destructured from it), or a
 * `const` given one; a row being an element the callback of `rows.map(…)` (`forEach`, `filter`, `reduce`…) or a
 * `for … of rows` loop receives, and `rows` the awaited result of a query (`isQuery`) whose text names the catalog (or
 * its `rows`, node-postgres's, or the result a callback given last receives), a `const` holding it or a subset of it
 * (`rows.filter(…)`), or a `const` array that only such rows fill
 * (`dbTables.push(...(await this.query(tablesSql)))`). Such a value names a table, a column or a schema the database
 * holds: typeorm's introspection reads `information_schema.tables`, then builds its next queries from the names it
 * got back. What a caller passes in is never one.
 */
export function isCatalogValue(
  view: ProjectView,
  node: Node,
  isQuery: (call: CallExpression) => boolean,
  depth = 0,
): boolean {
  if (depth > MAX_DEPTH) return false;
  let root = skipOuterExpressions(node);
  while (Node.isPropertyAccessExpression(root) || Node.isElementAccessExpression(root))
    root = skipOuterExpressions(root.getExpression());
  if (!Node.isIdentifier(root)) return false;
  const declarations = ownDeclarationsOf(view, root);
  const [declaration] = declarations;
  if (declarations.length !== 1 || declaration === undefined) return false;
  let binding: Node = declaration;
  while (Node.isBindingElement(binding) || Node.isObjectBindingPattern(binding) || Node.isArrayBindingPattern(binding))
    binding = binding.getParentOrThrow();
  if (Node.isParameterDeclaration(binding)) {
    // The element `rows.map((row) => …)` and its like hand the callback.
    const taken = arrayCallbackSlotOf(binding);
    return taken?.slot === 'element' && isCatalogRows(view, taken.array, isQuery, depth + 1);
  }
  if (!Node.isVariableDeclaration(binding)) return false;
  const loop = binding.getParent().getParent();
  if (Node.isForOfStatement(loop) && loop.getInitializer() === binding.getParent())
    return isCatalogRows(view, loop.getExpression(), isQuery, depth + 1);
  const initializer = binding.getInitializer();
  return (
    isConstDeclaration(binding) && initializer !== undefined && isCatalogValue(view, initializer, isQuery, depth + 1)
  );
}

/** True for rows of a catalog query: the awaited result, a `const` holding it or a subset, or an array only they fill. */
function isCatalogRows(
  view: ProjectView,
  expression: Node,
  isQuery: (call: CallExpression) => boolean,
  depth: number,
): boolean {
  if (depth > MAX_DEPTH) return false;
  let node = skipOuterExpressions(expression);
  if (Node.isAwaitExpression(node)) node = skipOuterExpressions(node.getExpression());
  if (Node.isCallExpression(node)) {
    if (isQuery(node)) return readsCatalog(view, node);
    const callee = skipOuterExpressions(node.getExpression());
    return (
      Node.isPropertyAccessExpression(callee) &&
      SUBSET_METHODS.has(callee.getName()) &&
      isCatalogRows(view, callee.getExpression(), isQuery, depth + 1)
    );
  }
  // node-postgres's result holds its rows in `rows`: `(await client.query(sql)).rows`, `result.rows`.
  if (Node.isPropertyAccessExpression(node) && node.getName() === 'rows')
    return isCatalogRows(view, node.getExpression(), isQuery, depth + 1);
  if (!Node.isIdentifier(node)) return false;
  const declarations = ownDeclarationsOf(view, node);
  const [declaration] = declarations;
  if (declarations.length === 1 && declaration !== undefined && Node.isParameterDeclaration(declaration))
    return isCallbackResult(view, declaration, isQuery);
  if (declarations.length !== 1 || declaration === undefined || !Node.isVariableDeclaration(declaration)) return false;
  const initializer = declaration.getInitializer();
  if (!isConstDeclaration(declaration) || initializer === undefined || !Node.isIdentifier(declaration.getNameNode()))
    return false;
  const value = skipOuterExpressions(initializer);
  if (Node.isArrayLiteralExpression(value) && value.getElements().length === 0)
    return isFilledOnlyWithRows(view, declaration, isQuery, depth);
  return isCatalogRows(view, value, isQuery, depth + 1);
}

/**
 * True for the result parameter of a callback a catalog query is given last (`db.query(sql, function (err, tables)
 * { … })`, node-postgres's and mysql's callback style): the error comes first, the result second.
 */
function isCallbackResult(view: ProjectView, parameter: Node, isQuery: (call: CallExpression) => boolean): boolean {
  const fn = parameter.getParent();
  const site = fn === undefined ? undefined : callbackSiteOf(fn);
  return (
    site !== undefined &&
    site.fn.getParameters()[1] === parameter &&
    site.argument === site.call.getArguments().length - 1 &&
    isQuery(site.call) &&
    readsCatalog(view, site.call)
  );
}

/**
 * True when every use of a `const` array declared empty (`const dbTables = []`) in its scope reads it or puts catalog
 * rows into it (`dbTables.push(...(await this.query(tablesSql)))`); any other use (passed on, returned, filled with
 * something else, an element assigned) may put anything in it.
 */
function isFilledOnlyWithRows(
  view: ProjectView,
  declaration: VariableDeclaration,
  isQuery: (call: CallExpression) => boolean,
  depth: number,
): boolean {
  const name = declaration.getNameNode();
  for (const identifier of descendantsWhere(
    view,
    scopeOf(declaration),
    name.getKind(),
    isIdentifierNamed(name.getText()),
  )) {
    if (identifier === name || !Node.isIdentifier(identifier)) continue;
    if (!ownDeclarationsOf(view, identifier).includes(declaration)) continue;
    const parent = identifier.getParent();
    if (Node.isForOfStatement(parent) && parent.getExpression() === identifier) continue;
    // `rows[i]` read; `rows[i] = x` puts anything in.
    if (Node.isElementAccessExpression(parent) && parent.getExpression() === identifier) {
      if (isWriteTarget(parent.compilerNode)) return false;
      continue;
    }
    if (!Node.isPropertyAccessExpression(parent) || parent.getExpression() !== identifier) return false;
    const member = parent.getName();
    if (!FILLING_METHODS.has(member)) continue;
    const call = parent.getParent();
    if (!Node.isCallExpression(call) || call.getExpression() !== parent || member !== 'push') return false;
    for (const argument of call.getArguments()) {
      const rows = Node.isSpreadElement(argument)
        ? isCatalogRows(view, argument.getExpression(), isQuery, depth + 1)
        : isCatalogValue(view, argument, isQuery, depth + 1);
      if (!rows) return false;
    }
  }
  return true;
}

/** True when the query's text (written in place, or the initialisers of the variable passed) names the catalog. */
function readsCatalog(view: ProjectView, call: CallExpression): boolean {
  const [text] = call.getArguments();
  if (text === undefined) return false;
  const value = skipOuterExpressions(text);
  if (!Node.isIdentifier(value)) return namesCatalog(value);
  const declarations = ownDeclarationsOf(view, value);
  return (
    declarations.length > 0 &&
    declarations.every((d) => {
      const initializer = Node.isVariableDeclaration(d) ? d.getInitializer() : undefined;
      return initializer !== undefined && namesCatalog(initializer);
    })
  );
}

/**
 * True when the source text of a query names the catalog outside comments: a block comment or a line comment (`--`
 * in the SQL, `//` around it) names nothing the query reads, and would otherwise let any query's rows pass for the
 * catalog's.
 */
function namesCatalog(node: Node): boolean {
  return CATALOG.test(
    node
      .getText()
      .replace(/\/\*[\s\S]*?\*\//g, ' ')
      .replace(/(?:--|\/\/)[^\n]*/g, ' '),
  );
}
