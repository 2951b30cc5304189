#!/usr/bin/env node
// Measures how much of a package documents itself: the share of exported declarations (and public methods/getters
// of exported classes) that carry a JSDoc comment, with generated and vendored files set apart. Issue 10 asks the
// docs rules to follow a project's own practice ("under a quarter documented → one finding"); this is the figure.
// A syntax-only scan, so it runs in a second on a package and needs no type checker.
//
// Usage: node scripts/precision/doc-share.mjs <src folder> [...]
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import ts from 'typescript';

/** Header or folder that marks a file as generated or vendored (the kinds met in set A). */
const GENERATED_HEADER = /generated from|@generated|DO NOT EDIT|^\/\/ Original file:/im;
const GENERATED_FOLDER = /\/(generated|_vendor|vendor)\/|\/internal\/qs\//;

for (const dir of process.argv.slice(2)) report(dir);

function report(dir) {
  const counts = { all: { total: 0, documented: 0 }, own: { total: 0, documented: 0 } };
  for (const file of walk(dir)) {
    const text = readFileSync(file, 'utf8');
    const generated = GENERATED_HEADER.test(text.slice(0, 400)) || GENERATED_FOLDER.test(file);
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    for (const node of documentable(source)) {
      const documented = ts.getJSDocCommentsAndTags(node).length > 0;
      for (const key of generated ? ['all'] : ['all', 'own']) {
        counts[key].total++;
        if (documented) counts[key].documented++;
      }
    }
  }
  const name = basename(dirname(join(dir, 'x')).replace(/\/src(\.ts)?$/, ''));
  console.log(
    `${name}: documented ${share(counts.all)} overall, ${share(counts.own)} outside generated/vendored files`,
  );
}

function share({ total, documented }) {
  return total === 0 ? '0/0' : `${documented}/${total} = ${Math.round((100 * documented) / total)}%`;
}

/** Exported top-level declarations and the non-private methods and getters of exported classes. */
function* documentable(source) {
  for (const statement of source.statements) {
    if (!hasModifier(statement, ts.SyntaxKind.ExportKeyword)) continue;
    if (ts.isVariableStatement(statement)) yield statement;
    if (
      ts.isFunctionDeclaration(statement) ||
      ts.isClassDeclaration(statement) ||
      ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) ||
      ts.isEnumDeclaration(statement)
    )
      yield statement;
    if (!ts.isClassDeclaration(statement)) continue;
    for (const member of statement.members) {
      if (!ts.isMethodDeclaration(member) && !ts.isGetAccessor(member)) continue;
      if (!hasModifier(member, ts.SyntaxKind.PrivateKeyword) && !ts.isPrivateIdentifier(member.name)) yield member;
    }
  }
}

function hasModifier(node, kind) {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

function walk(folder) {
  const out = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...walk(path));
    } else if (/\.tsx?$/.test(entry.name) && !/\.d\.[mc]?ts$/.test(entry.name)) out.push(path);
  }
  return out;
}
