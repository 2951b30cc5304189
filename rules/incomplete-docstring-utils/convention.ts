import { Node } from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import type { ProjectView } from '../../src/model/project-view.js';
import { documentedDeclarationsOf } from './documented.js';
import type { Documented } from './documented.js';
import { isMarkerOnly } from './tags.js';
import { rootOf } from './parameters.js';

/** Fewest comments with `@param` tags on functions taking a parameter name before its convention counts. */
const MIN_COMMENTS_FOR_CONVENTION = 5;

/** Share of those comments that must leave the name out for it to be undocumented by convention. */
const UNDOCUMENTED_BY_CONVENTION = 0.9;

/** The project's JSDoc comments and the conventions read from them, computed once per run. */
export interface DocCensus {
  byFile: ReadonlyMap<SourceFile, Documented[]>;
  /** How many documentation comments the project has. */
  total: number;
  /** Comments made only of marker tags, in file order. */
  markerOnly: Documented[];
  /** Per parameter name: comments with `@param` tags on a function taking it, and how many tag it. */
  parameters: ReadonlyMap<string, { comments: number; tagged: number }>;
}

/** Reads every comment of the files the rule looks at (generated code left out). */
export function takeDocCensus(project: ProjectView): DocCensus {
  const byFile = new Map<SourceFile, Documented[]>();
  for (const file of project.files)
    if (!project.isGeneratedFile(file)) byFile.set(file, documentedDeclarationsOf(file));
  const all = [...byFile.values()].flat();
  return {
    byFile,
    total: all.length,
    markerOnly: all.filter((d) => isMarkerOnly(d.doc)),
    parameters: parameterConventions(all),
  };
}

/** Counts, per parameter name, the comments with `@param` tags on functions that take it and how many of them tag it. */
function parameterConventions(all: Documented[]): Map<string, { comments: number; tagged: number }> {
  const out = new Map<string, { comments: number; tagged: number }>();
  for (const { doc, fn } of all) {
    if (fn === undefined) continue;
    const roots = new Set(
      doc
        .getTags()
        .filter((t) => Node.isJSDocParameterTag(t))
        .map(rootOf),
    );
    if (roots.size === 0) continue;
    for (const parameter of fn.getParameters()) {
      if (!Node.isIdentifier(parameter.getNameNode())) continue;
      const name = parameter.getName();
      const entry = out.get(name) ?? { comments: 0, tagged: 0 };
      entry.comments += 1;
      if (roots.has(name)) entry.tagged += 1;
      out.set(name, entry);
    }
  }
  return out;
}

/** True when the project leaves the parameter name out of at least 90% of the (5 or more) comments that tag its siblings. */
export function isUndocumentedByConvention(census: DocCensus, name: string): boolean {
  const entry = census.parameters.get(name);
  if (entry === undefined || entry.comments < MIN_COMMENTS_FOR_CONVENTION) return false;
  return (entry.comments - entry.tagged) / entry.comments >= UNDOCUMENTED_BY_CONVENTION;
}
