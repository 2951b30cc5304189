import { describe, expect, it } from 'vitest';
import type { MarkedFinding } from '../../src/diff/filter.js';
import type { Finding } from '../../src/model/finding.js';
import { commentBody } from '../../src/report/github-review/comment-body.js';
import { fingerprintOfComment, listedKey, readReviewState } from '../../src/report/github-review/marker.js';
import type { ExistingComment, ExistingReview, PlanInput } from '../../src/report/github-review/plan.js';
import { planReview } from '../../src/report/github-review/plan.js';

/** A finding marked as being on a commentable added line unless told otherwise. */
function marked(
  fp: string,
  line: number,
  extra: Partial<Finding> = {},
  marks: Partial<MarkedFinding> = {},
): MarkedFinding {
  const finding: Finding = {
    ruleId: 'unused-variable',
    messageId: 'unusedVariable',
    severity: 'warning',
    security: false,
    file: 'src/a.ts',
    line,
    column: 1,
    endLine: line,
    endColumn: 5,
    message: `Variable \`v${fp}\` is never read.`,
    recommendation: 'Remove it.',
    data: {},
    evidence: [],
    fingerprint: fp,
    ...extra,
  };
  return {
    finding,
    path: finding.file,
    inDiffFile: true,
    filePatched: true,
    inDiffLines: true,
    inDiffContext: true,
    commentLine: line,
    selected: true,
    ...marks,
  };
}

/** Plan input with defaults. */
function input(overrides: Partial<PlanInput>): PlanInput {
  return {
    marked: [],
    comments: [],
    reviews: [],
    commitId: 'c'.repeat(40),
    maxComments: 30,
    renderReview: (f) => `Review of ${f.length} findings.`,
    ...overrides,
  };
}

/** The bot comment the plan would have posted for a finding. */
function posted(id: number, m: MarkedFinding): ExistingComment {
  return { id, body: commentBody(m.finding), path: m.path, line: m.commentLine ?? null };
}

describe('planReview', () => {
  it('puts a comment with a suggestion over exactly the lines it replaces, and a finding without one on its line', () => {
    const withFix = marked('f1', 4);
    const plain = marked('p1', 9);
    const suggestion = { file: 'src/a.ts', startLine: 3, endLine: 5, lines: ['const a = 1;'] };
    const plan = planReview(
      input({ marked: [withFix, plain], suggestionFor: (m) => (m === withFix ? suggestion : undefined) }),
    );
    expect(plan.create?.comments.map((c) => [c.fingerprint, c.startLine, c.line])).toEqual([
      ['f1', 3, 5],
      ['p1', undefined, 9],
    ]);
    expect(plan.create?.comments[0]?.body).toContain('\n\n```suggestion\nconst a = 1;\n```\n\n');
    expect(plan.create?.comments[1]?.body).not.toContain('```');
    // Moved into the body (GitHub refused a place), a finding is listed without its suggestion.
    expect(plan.create?.fallbackBody).not.toContain('```');
  });

  it('comments most severe first, up to max-comments, and lists the rest in the body', () => {
    const plan = planReview(
      input({
        maxComments: 2,
        marked: [
          marked('w1', 1),
          marked('e1', 9, { severity: 'error' }),
          marked('s1', 20, { security: true, severity: 'warning' }),
          marked('i1', 3, { severity: 'info' }),
        ],
      }),
    );
    expect(plan.create?.comments.map((c) => c.fingerprint)).toEqual(['s1', 'e1']);
    expect(plan.inBody.map((b) => [b.marked.finding.fingerprint, b.reason])).toEqual([
      ['w1', 'limit'],
      ['i1', 'limit'],
    ]);
    expect(plan.create?.body).toContain('Not commented inline (2)');
    expect(plan.create?.event).toBe('COMMENT');
  });

  it('never drops a finding it cannot place: outside the diff, or in a file without a patch', () => {
    const plan = planReview(
      input({
        marked: [
          marked('out', 50, {}, { commentLine: undefined, inDiffLines: false, selected: true }),
          marked('nopatch', 5, {}, { commentLine: undefined, filePatched: false }),
        ],
      }),
    );
    expect(plan.create?.comments).toEqual([]);
    expect(plan.inBody.map((b) => [b.marked.finding.fingerprint, b.reason])).toEqual([
      ['nopatch', 'no-patch'],
      ['out', 'outside-diff'],
    ]);
  });

  it('leaves out findings the filter did not select', () => {
    const plan = planReview(input({ marked: [marked('a', 1), marked('b', 2, {}, { selected: false })] }));
    expect(plan.findings.map((m) => m.finding.fingerprint)).toEqual(['a']);
  });

  it('posts nothing when every finding is already commented or listed, and the body is current', () => {
    const a = marked('a', 1);
    const b = marked('b', 2, {}, { commentLine: undefined, inDiffLines: false });
    const first = planReview(input({ marked: [a, b] }));
    const review: ExistingReview = { id: 7, body: first.create?.body ?? '', state: 'COMMENTED' };
    const second = planReview(input({ marked: [a, b], comments: [posted(1, a)], reviews: [review] }));
    expect(second.create).toBeUndefined();
    expect(second.update).toBeUndefined();
    expect(second.delete).toEqual([]);
    expect(second.replies).toEqual([]);
  });

  it('matches by fingerprint, not line: a moved finding is not commented again', () => {
    const a = marked('a', 1);
    const plan = planReview(input({ marked: [marked('a', 40)], comments: [posted(1, a)] }));
    expect(plan.create).toBeUndefined();
    expect(plan.delete).toEqual([]);
  });

  it('deletes a bot comment whose finding is gone, unless someone replied: then it replies once', () => {
    const gone = marked('gone', 3);
    const answered = marked('answered', 4);
    const comments: ExistingComment[] = [
      posted(1, gone),
      posted(2, answered),
      { id: 3, body: 'Why?', path: 'src/a.ts', line: 4, inReplyToId: 2, user: 'octocat' },
    ];
    const plan = planReview(input({ marked: [], comments }));
    expect(plan.delete).toEqual([{ commentId: 1, fingerprint: 'gone' }]);
    expect(plan.replies.map((r) => r.commentId)).toEqual([2]);
    const after = planReview(
      input({
        marked: [],
        comments: [
          ...comments.filter((c) => c.id !== 1),
          { id: 4, body: plan.replies[0]?.body ?? '', path: 'src/a.ts', line: 4, inReplyToId: 2 },
        ],
      }),
    );
    expect(after.delete).toEqual([]);
    expect(after.replies).toEqual([]);
  });

  it('keeps comments of a rule that failed in this run', () => {
    const plan = planReview(
      input({ marked: [], comments: [posted(1, marked('x', 3))], failedRules: new Set(['unused-variable']) }),
    );
    expect(plan.delete).toEqual([]);
  });

  it('deletes duplicate bot comments of one finding, keeping the oldest', () => {
    const a = marked('a', 1);
    const plan = planReview(input({ marked: [a], comments: [posted(5, a), posted(9, a)] }));
    expect(plan.delete).toEqual([{ commentId: 9, fingerprint: 'a' }]);
  });

  it('updates the latest bot review when nothing is new but the findings changed', () => {
    const a = marked('a', 1);
    const b = marked('b', 2);
    const first = planReview(input({ marked: [a, b] }));
    const reviews: ExistingReview[] = [{ id: 7, body: first.create?.body ?? '', state: 'COMMENTED', htmlUrl: 'u' }];
    const plan = planReview(input({ marked: [a], comments: [posted(1, a), posted(2, b)], reviews }));
    expect(plan.create).toBeUndefined();
    expect(plan.update?.reviewId).toBe(7);
    expect(plan.update?.body).toContain('Review of 1 findings.');
    expect(plan.delete.map((d) => d.commentId)).toEqual([2]);
  });

  it('gives a fallback body with every inline finding moved into it', () => {
    const plan = planReview(input({ marked: [marked('a', 1)] }));
    expect(plan.create?.fallbackBody).toContain('GitHub could not place the comment');
    expect(readReviewState(plan.create?.fallbackBody ?? '')?.listed).toEqual(new Map([[listedKey('a'), 'rejected']]));
  });

  it('hides the fingerprint in each comment and keeps bodies under GitHub limits', () => {
    const long = marked('long', 1, { message: 'x'.repeat(70_000) });
    const body = commentBody(long.finding);
    expect(fingerprintOfComment(body)).toBe('long');
    expect(body.length).toBeLessThanOrEqual(65_536);
    const many = Array.from({ length: 3000 }, (_, i) =>
      marked(`f${i}`, i + 1, { message: 'y'.repeat(200) }, { commentLine: undefined }),
    );
    const plan = planReview(input({ marked: many }));
    expect(plan.create?.body.length).toBeLessThanOrEqual(65_536);
    expect(readReviewState(plan.create?.body ?? '')?.listed.size).toBe(3000);
  });

  it('shows every one of 1,500 findings in the comments, the body or the job summary, and never reposts them', () => {
    const many = Array.from({ length: 1500 }, (_, i) =>
      marked(`fp${String(i)}`, i + 1, {
        file: `src/file-${String(i % 700)}.ts`,
        message: `The variable \`name${String(i)}\` is declared but never read.`,
        recommendation: `Remove \`name${String(i)}\`, or use it where it was meant to be used.`,
        evidence: [{ note: 'declared here', file: 'src/a.ts', line: 1 }],
      }),
    );
    const plan = planReview(input({ marked: many, runId: '7-1' }));
    const comments = plan.create?.comments ?? [];
    const body = plan.create?.body ?? '';
    expect(comments).toHaveLength(30);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(Buffer.byteLength(plan.summary)).toBeLessThanOrEqual(1_048_576);
    const shown = [...comments.map((c) => c.body), body, plan.summary].join('\n');
    const missing = many.filter(
      (m) => !new RegExp(`\`name${m.finding.fingerprint.slice(2)}\` is declared`).test(shown),
    );
    expect(missing).toEqual([]);
    // The summary alone is complete: one line per finding, with where it stands.
    const lines = plan.summary.split('\n').filter((l) => l.startsWith('- `src/file-'));
    expect(lines).toHaveLength(1500);
    expect(lines.filter((l) => l.endsWith('_(commented inline)_'))).toHaveLength(30);
    expect(readReviewState(body)?.listed.size).toBe(1470);
    // Re-running with that review and its comments posts nothing new.
    const reviews: ExistingReview[] = [{ id: 1, body, state: 'COMMENTED' }];
    const existing = comments.map((c, i) => ({ id: i + 1, body: c.body, path: c.path, line: c.line }));
    const again = planReview(input({ marked: many, reviews, comments: existing, runId: '8-1' }));
    expect([again.create, again.update, again.delete]).toEqual([undefined, undefined, []]);
  });

  it('keeps the review body readable: the review first, the overflow counted and sent to the job summary', () => {
    const many = Array.from({ length: 1500 }, (_, i) =>
      marked(`fp${String(i)}`, i + 1, { message: `Finding number ${String(i)}.` }, { commentLine: undefined }),
    );
    const plan = planReview(input({ marked: many, renderReview: () => 'The review.\n\nOverall, fine.' }));
    const body = plan.create?.body ?? '';
    expect(body.split('\n').slice(0, 4)).toEqual(['<!-- review-bot:review -->', 'The review.', '', 'Overall, fine.']);
    const more = /^- … and (\d+) more, listed in the job summary$/m.exec(body);
    const listedInBody = body.split('\n').filter((l) => l.startsWith('- `src/a.ts:'));
    expect(listedInBody.length + Number(more?.[1])).toBe(1500);
  });
});
