import { startLineOf } from './_shared/ast/line-of.js';
import { groupBy } from './_shared/group-by.js';
import { memberPathOf, symbolPathOf } from './_shared/names.js';
import type { SourceFile } from 'ts-morph';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { FindingDraft } from '../src/model/rule.js';
import type { ProjectView } from '../src/model/project-view.js';
import { isInheritedSignature, siblingGroupsOf } from './_shared/siblings/model.js';
import type { SiblingMember } from './_shared/siblings/model.js';
import { errorSitesOf, preferredClassSites } from './inconsistent-error-types-utils/error-sites.js';
import { lookupBehaviourOf } from './inconsistent-error-types-utils/lookups.js';
import { isPrivate } from './_shared/siblings/is-private.js';
import type { LookupBehaviour, ReturningLookup, ThrowingLookup } from './inconsistent-error-types-utils/lookups.js';

type MessageId = 'sameMessageOtherClass' | 'throwsWhereSiblingReturns' | 'returnsWhereSiblingThrows';

/** At most this many other places are listed as evidence. */
const MAX_EVIDENCE = 5;

export default defineRule({
  meta: {
    id: 'inconsistent-error-types',
    description: 'Enforce one way of signalling the same failure within a class or module',
    category: 'suspicious',
    defaultSeverity: 'warning',
    stability: 'experimental',
    scope: 'file',
    needsTypeChecker: true,
    skipFiles: ['test', 'generated'],
    title: 'Inconsistent error types',
    rationale:
      'When one failure is signalled with different error classes, or thrown by one lookup and returned as `undefined` by its sibling, callers catch one form and miss the other.',
    messages: {
      sameMessageOtherClass: {
        message: 'The message "{{text}}" is thrown as `{{errorClass}}` here but as `{{otherClass}}` on line {{line}}.',
        recommendation:
          'Throw `{{otherClass}}` here too, or give the two failures different messages if they are different failures.',
      },
      throwsWhereSiblingReturns: {
        message:
          'Lookup `{{member}}` throws `{{errorClass}}` when no `{{entity}}` is found; its sibling `{{sibling}}` returns `{{absent}}` for the same case (line {{line}}).',
        recommendation:
          'Return `{{absent}}` from `{{member}}` as `{{sibling}}` does, or rename one of them so its name states that it throws (e.g. `{{member}}OrThrow`).',
      },
      returnsWhereSiblingThrows: {
        message:
          'Lookup `{{member}}` returns `{{absent}}` when no `{{entity}}` is found; its sibling `{{sibling}}` throws `{{errorClass}}` for the same case (line {{line}}).',
        recommendation:
          'Throw `{{errorClass}}` from `{{member}}` as `{{sibling}}` does, or rename the throwing sibling so its name states that it throws (e.g. `{{sibling}}OrThrow`).',
      },
    },
    options: NO_OPTIONS,
  },
  *check({ files, project }) {
    for (const file of files) {
      yield* sameMessageFindings(file, project);
      for (const group of siblingGroupsOf(file, project))
        yield* lookupFindings(group.members.filter((m) => !m.overloaded));
    }
  },
});

// ---------------------------------------------------------------------------
// (a) One message, several error classes

/** Findings for throws whose normalised message is thrown elsewhere in the module with another error class. */
function* sameMessageFindings(file: SourceFile, project: ProjectView): Generator<FindingDraft<MessageId>> {
  const sites = errorSitesOf(file, project);
  for (const sameMessage of groupBy(sites, (s) => s.normalised).values()) {
    const byClass = groupBy(sameMessage, (s) => s.errorClass);
    if (byClass.size < 2) continue;
    const majority = preferredClassSites(byClass);
    const [reference] = majority;
    if (reference === undefined) continue;
    for (const site of sameMessage) {
      if (site.errorClass === reference.errorClass) continue;
      yield {
        node: site.node,
        messageId: 'sameMessageOtherClass',
        symbol: { path: memberPathOf(symbolPathOf(site.node), site.errorClass) },
        data: {
          errorClass: site.errorClass,
          text: site.display,
          otherClass: reference.errorClass,
          line: startLineOf(reference.node),
        },
        evidence: majority
          .slice(0, MAX_EVIDENCE)
          .map((s) => ({ note: `${s.where.label} throws \`${s.errorClass}\` with this message`, node: s.node })),
      };
    }
  }
}

// ---------------------------------------------------------------------------
// (b) One lookup throws, its sibling returns undefined

/** Findings for lookup siblings (same verb, same entity) where some throw on a missing entity and others return an absent value. */
function* lookupFindings(members: readonly SiblingMember[]): Generator<FindingDraft<MessageId>> {
  const behaviours = members
    .filter((m) => !isPrivate(m) && !isInheritedSignature(m))
    .flatMap((m) => lookupBehaviourOf(m) ?? []);
  for (const family of groupBy(behaviours, (b) => `${b.verb}\u0000${b.entity}`).values()) {
    const throwers = family.filter((b): b is ThrowingLookup => b.kind === 'throws');
    const returners = family.filter((b): b is ReturningLookup => b.kind === 'returns');
    if (throwers.length === 0 || returners.length === 0) continue;
    const throwersWin =
      throwers.length > returners.length ||
      (throwers.length === returners.length && first(throwers) < first(returners));
    if (throwersWin) {
      for (const r of returners) yield returnerDraft(r, throwers);
    } else {
      for (const t of throwers) yield throwerDraft(t, returners);
    }
  }
}

/** Source position of the first member of a list. */
function first(list: readonly LookupBehaviour[]): number {
  return Math.min(...list.map((b) => b.member.nameNode.getStart()));
}

/** The finding on a sibling that throws where the majority returns an absent value. */
function throwerDraft(thrower: ThrowingLookup, returners: readonly ReturningLookup[]): FindingDraft<MessageId> {
  const [reference] = returners;
  if (reference === undefined) throw new Error(`lookup family of ${thrower.member.symbol} lost its members`);
  const thrown = thrower.thrown;
  return {
    node: thrower.member.nameNode,
    messageId: 'throwsWhereSiblingReturns',
    symbol: { path: thrower.member.symbol },
    data: {
      member: thrower.member.name,
      errorClass: thrown.errorClass,
      entity: thrower.entity,
      sibling: reference.member.name,
      absent: reference.returned.absent,
      line: startLineOf(reference.returned.node),
    },
    evidence: [
      { note: `\`${thrower.member.name}\` throws \`${thrown.errorClass}\` here`, node: thrown.statement },
      ...returners.slice(0, MAX_EVIDENCE).map((r) => ({
        note: `\`${r.member.name}\` returns \`${r.returned.absent}\` for a missing \`${r.entity}\``,
        node: r.returned.node,
      })),
    ],
  };
}

/** The finding on a sibling that returns an absent value where the majority throws. */
function returnerDraft(returner: ReturningLookup, throwers: readonly ThrowingLookup[]): FindingDraft<MessageId> {
  const [reference] = throwers;
  if (reference === undefined) throw new Error(`lookup family of ${returner.member.symbol} lost its members`);
  const returned = returner.returned;
  return {
    node: returned.node,
    messageId: 'returnsWhereSiblingThrows',
    symbol: { path: returner.member.symbol },
    data: {
      member: returner.member.name,
      absent: returned.absent,
      entity: returner.entity,
      sibling: reference.member.name,
      errorClass: reference.thrown.errorClass,
      line: startLineOf(reference.thrown.statement),
    },
    evidence: throwers.slice(0, MAX_EVIDENCE).map((t) => ({
      note: `\`${t.member.name}\` throws \`${t.thrown.errorClass}\` for a missing \`${t.entity}\``,
      node: t.thrown.statement,
    })),
  };
}
