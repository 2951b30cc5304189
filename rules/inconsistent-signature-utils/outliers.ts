import { groupBy } from '../_shared/group-by.js';
import type { ParamInfo } from './params.js';
import { typesConflict } from './type-shapes.js';

/** What can differ between two declarations of one concept. */
export type Aspect = 'spelling' | 'type' | 'absent';

/** A parameter whose form in one aspect is not the majority form, and the majority declarations it conflicts with. */
export interface Outlier {
  param: ParamInfo;
  aspect: Aspect;
  majority: ParamInfo[];
}

/**
 * Type outliers: a parameter without a type annotation (implicitly `any`) is
 * always the outlier against the most common annotated form; among annotated
 * parameters, the minority form is, when its type conflicts.
 */
export function typeOutliersOf(params: readonly ParamInfo[]): Outlier[] {
  const annotated = params.filter((p) => p.typeForm !== undefined && p.typeForm.kind !== 'implicitAny');
  const untyped = params.filter((p) => p.typeForm?.kind === 'implicitAny');
  const out = outliersOf(annotated, 'type', (p) => p.typeForm?.text, typesConflict);
  const common = largestGroup(groupBy(annotated, (p) => p.typeForm?.text));
  for (const param of untyped) {
    const against = common.filter((q) => q.member !== param.member);
    if (against.length > 0) out.push({ param, aspect: 'type', majority: against });
  }
  return out;
}

/**
 * The parameters whose form in `aspect` is not the majority form. The majority
 * is the form most parameters use; on a tie, the form that appears first, so
 * that in a one-against-one the later declaration is reported.
 */
export function outliersOf(
  params: readonly ParamInfo[],
  aspect: Aspect,
  formOf: (p: ParamInfo) => string | undefined,
  conflict?: (a: ParamInfo, b: ParamInfo) => boolean,
): Outlier[] {
  const forms = groupBy(params, (p) => formOf(p) ?? '');
  if (forms.size < 2) return [];
  const majority = largestGroup(forms);
  const out: Outlier[] = [];
  for (const list of forms.values()) {
    if (list === majority) continue;
    for (const param of list) {
      const against = majority.filter(
        (q) => q.member !== param.member && (conflict === undefined || conflict(param, q)),
      );
      if (against.length > 0) out.push({ param, aspect, majority: against });
    }
  }
  return out;
}

/** The largest group of a map (the first one on a tie). */
export function largestGroup<K, T>(groups: Map<K, T[]>): T[] {
  let best: T[] = [];
  for (const list of groups.values()) if (list.length > best.length) best = list;
  return best;
}
