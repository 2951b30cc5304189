/** Workflow-command annotations: the most severe findings within GitHub's per-step limits. */
import type { Finding } from '../model/finding.js';
import type { Severity } from '../model/severity.js';
import { severityRank } from '../model/severity.js';
import { forTerminal } from './escape/terminal.js';

/** GitHub shows at most 10 annotations of each level per step (and 50 per job). */
export const ANNOTATIONS_PER_LEVEL = 10;

/** An annotation to emit. */
export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  title: string;
  file: string;
  startLine: number;
  endLine: number;
  startColumn?: number | undefined;
  endColumn?: number | undefined;
}

const LEVEL: Readonly<Record<Severity, Annotation['level']>> = { error: 'error', warning: 'warning', info: 'notice' };

/** How many annotations of each level may still be shown. */
export type AnnotationRoom = Readonly<Record<Annotation['level'], number>>;

/** GitHub's limits for a step in which nothing was annotated yet. */
const FULL_ROOM: AnnotationRoom = {
  error: ANNOTATIONS_PER_LEVEL,
  warning: ANNOTATIONS_PER_LEVEL,
  notice: ANNOTATIONS_PER_LEVEL,
};

/**
 * Chooses the annotations: security findings first, then by severity, at most 10 per level (or the
 * room left when the step already annotated something). `pathOf` gives the repository-relative path
 * of a finding (annotations need it).
 */
export function chooseAnnotations(
  findings: readonly Finding[],
  pathOf: (finding: Finding) => string,
  room: AnnotationRoom = FULL_ROOM,
): { annotations: Annotation[]; omitted: number } {
  const sorted = [...findings].sort(
    (a, b) =>
      Number(b.security) - Number(a.security) ||
      severityRank(a.severity) - severityRank(b.severity) ||
      (pathOf(a) < pathOf(b) ? -1 : pathOf(a) > pathOf(b) ? 1 : 0) ||
      a.line - b.line,
  );
  const perLevel = new Map<Annotation['level'], number>();
  const annotations: Annotation[] = [];
  for (const finding of sorted) {
    const level = LEVEL[finding.severity];
    const count = perLevel.get(level) ?? 0;
    if (count >= room[level]) continue;
    perLevel.set(level, count + 1);
    const sameLine = finding.line === finding.endLine;
    annotations.push({
      level,
      title: `review-bot: ${finding.ruleId}${finding.security ? ' (security)' : ''}`,
      message: forTerminal(`${finding.message} ${finding.recommendation}`),
      file: pathOf(finding),
      startLine: finding.line,
      endLine: finding.endLine,
      ...(sameLine ? { startColumn: finding.column, endColumn: finding.endColumn } : {}),
    });
  }
  return { annotations, omitted: findings.length - annotations.length };
}
