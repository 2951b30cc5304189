import type { Node } from 'ts-morph';
import { defineRule } from '../src/model/rule.js';
import type { EvidenceDraft, FindingDraft } from '../src/model/rule.js';
import type { HolderUses } from './_shared/locks/uses.js';
import { lockModel } from './_shared/locks/model.js';
import type { Acquisition, LockHolder } from './_shared/locks/model.js';
import { usesOf } from './_shared/locks/uses.js';
import { acquisitionSite } from './_shared/locks/text.js';

export default defineRule({
  meta: {
    id: 'redundant-lock',
    description: 'Disallow locks that serialise nothing: never acquired, or held only by critical sections that never await',
    category: 'concurrency',
    defaultSeverity: 'warning',
    stability: 'stable',
    scope: 'project',
    needsTypeChecker: true,
    title: 'Locks that guard nothing',
    rationale: 'JavaScript runs code between await points to completion, so a lock whose critical sections never await keeps nothing out; it adds queueing and suggests a protection that is not there.',
    messages: {
      syncSections: {
        message: '`{{lock}}` serialises nothing: {{sections}}, and JavaScript runs code between await points to completion, so no other task can interleave with {{them}} even without the lock.',
        recommendation: 'Remove `{{lock}}` and run the code directly; a lock is needed only once a section awaits while the state it guards is half-updated.',
      },
      neverAcquired: {
        message: '`{{lock}}` is created and used ({{uses}}) but never acquired, so it guards nothing.',
        recommendation: 'Remove `{{lock}}`, or acquire it around the code it was meant to guard.',
      },
    },
    options: { defaults: {}, schema: { type: 'object', properties: {}, additionalProperties: false } },
  },
  *check({ project }) {
    for (const holder of lockModel(project).holders) {
      if (holder.api.interAgent) continue;
      const uses = usesOf(project, holder);
      if (uses.escape !== undefined) continue;
      if (holder.acquisitions.length === 0) {
        if (uses.other.length === 0 || uses.acquiring.length > 0 || holder.declaration === undefined) continue;
        yield neverAcquired(holder, uses);
        continue;
      }
      if (uses.other.length > 0 || uses.acquiring.length !== holder.acquisitions.length) continue;
      if (!holder.acquisitions.every(neverAwaits)) continue;
      for (const acquisition of holder.acquisitions) {
        yield syncSection(holder, acquisition);
      }
    }
  },
});

type MessageId = 'syncSections' | 'neverAcquired';

/** A lock that is used but never acquired. */
function neverAcquired(holder: LockHolder, uses: HolderUses): FindingDraft<MessageId> {
  return {
    node: nameNodeOf(holder),
    messageId: 'neverAcquired',
    symbol: holder.path,
    data: { lock: holder.name, uses: uses.other.map((u) => `\`${u.getText().replace(/\s+/g, ' ')}\``).join(', ') },
    evidence: uses.other.map((u) => ({ note: 'used here, without acquiring it', node: u })),
  };
}

/** One critical section of a lock none of whose sections awaits. */
function syncSection(holder: LockHolder, acquisition: Acquisition): FindingDraft<MessageId> {
  return {
    node: acquisitionSite(acquisition),
    messageId: 'syncSections',
    symbol: holder.path,
    data: sectionData(holder),
    evidence: evidenceOf(holder, acquisition),
  };
}

/** Wording for how many sections the lock has. */
function sectionData(holder: LockHolder): Record<string, string> {
  const count = holder.acquisitions.length;
  if (count === 1) return { lock: holder.name, sections: 'its only critical section never awaits', them: 'it' };
  return { lock: holder.name, sections: `none of its ${String(count)} critical sections awaits`, them: 'them' };
}

/** True when the section is visible and has no await point, not even a returned promise. */
function neverAwaits(acquisition: Acquisition): boolean {
  const section = acquisition.section;
  return !section.opaque && section.awaitPoints.length === 0 && section.maybeAwaitPoints.length === 0;
}

/** The declaration's name, where the finding points for a lock never acquired. */
function nameNodeOf(holder: LockHolder): Node {
  const declaration = holder.declaration;
  if (declaration === undefined) throw new Error(`lock ${holder.name} has no declaration`);
  const name = declaration.getChildren().find((c) => c.getText() === holder.name);
  return name ?? declaration;
}

/** The lock's declaration and its other critical sections. */
function evidenceOf(holder: LockHolder, acquisition: Acquisition): EvidenceDraft[] {
  const evidence: EvidenceDraft[] = [];
  if (holder.declaration !== undefined) evidence.push({ note: `\`${holder.name}\` is created here`, node: holder.declaration });
  for (const other of holder.acquisitions) {
    if (other !== acquisition) evidence.push({ note: 'another critical section of the lock, with no await point', node: acquisitionSite(other) });
  }
  return evidence;
}
