import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWriteForbidden } from '../../src/github/client.js';
import { parsePullRequestRef, readRunEvent } from '../../src/github/event.js';
import type { Finding } from '../../src/model/finding.js';
import { chooseAnnotations } from '../../src/report/annotations.js';
import { pullRequestEvent, pushEvent } from './events.js';

/** A finding of a severity on a line. */
function finding(severity: Finding['severity'], line: number, security = false): Finding {
  return {
    ruleId: 'r',
    messageId: 'm',
    severity,
    security,
    file: 'src/a.ts',
    line,
    column: 1,
    endLine: line,
    endColumn: 3,
    message: 'M.',
    recommendation: 'R.',
    data: {},
    evidence: [],
    fingerprint: `${severity}${line}`,
  };
}

describe('chooseAnnotations', () => {
  it('keeps at most 10 per level, security and most severe first', () => {
    const findings = [
      ...Array.from({ length: 15 }, (_, i) => finding('info', i + 1)),
      ...Array.from({ length: 12 }, (_, i) => finding('warning', i + 100)),
      ...Array.from({ length: 11 }, (_, i) => finding('error', i + 200)),
      finding('warning', 999, true),
    ];
    const { annotations, omitted } = chooseAnnotations(findings, (f) => f.file);
    expect(annotations.filter((a) => a.level === 'error')).toHaveLength(10);
    expect(annotations.filter((a) => a.level === 'warning')).toHaveLength(10);
    expect(annotations.filter((a) => a.level === 'notice')).toHaveLength(10);
    expect(annotations[0]?.startLine).toBe(999); // the security finding leads
    expect(omitted).toBe(findings.length - 30);
  });

  it('keeps within the room the step has left, most severe first', () => {
    const findings = Array.from({ length: 12 }, (_, i) => finding('error', i + 1));
    const { annotations, omitted } = chooseAnnotations(findings, (f) => f.file, { error: 8, warning: 10, notice: 0 });
    expect(annotations.map((a) => a.startLine)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(omitted).toBe(4);
  });
});

describe('readRunEvent', () => {
  const dir = mkdtempSync(join(tmpdir(), 'review-bot-event-'));

  /** Writes a payload and reads it as the runner would give it. */
  function read(name: string, payload: unknown): ReturnType<typeof readRunEvent> {
    const path = join(dir, `${name}.json`);
    writeFileSync(path, JSON.stringify(payload));
    return readRunEvent({ GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: path, GITHUB_REPOSITORY: 'acme/widgets' });
  }

  it('reads the pull request of a fork from a schema-valid pull_request payload', () => {
    const { payload, errors } = pullRequestEvent({
      owner: 'acme',
      repo: 'widgets',
      number: 7,
      headSha: 'a'.repeat(40),
      baseSha: 'b'.repeat(40),
      headRepo: 'someone/widgets',
      changedFiles: 3,
    });
    expect(errors).toEqual([]);
    const event = read('pull_request', payload);
    expect(event.pullRequest).toEqual({
      owner: 'acme',
      repo: 'widgets',
      number: 7,
      headSha: 'a'.repeat(40),
      baseSha: 'b'.repeat(40),
      headRepo: 'someone/widgets',
      changedFiles: 3,
    });
  });

  it('treats pull_request_target like pull_request, and push as no pull request', () => {
    const { payload } = pullRequestEvent({
      owner: 'acme',
      repo: 'widgets',
      number: 8,
      headSha: 'c'.repeat(40),
      baseSha: 'd'.repeat(40),
    });
    expect(read('pull_request_target', payload).pullRequest?.number).toBe(8);
    expect(read('push', pushEvent('acme', 'widgets', 'e'.repeat(40)).payload).pullRequest).toBeUndefined();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('small parsers', () => {
  it('parses owner/repo#n', () => {
    expect(parsePullRequestRef('acme/widgets.js#42')).toEqual({ owner: 'acme', repo: 'widgets.js', number: 42 });
    expect(() => parsePullRequestRef('acme/widgets')).toThrow(/owner\/repo#number/);
  });

  it('tells a read-only token from a secondary rate limit', () => {
    expect(isWriteForbidden(Object.assign(new Error('Resource not accessible by integration'), { status: 403 }))).toBe(
      true,
    );
    expect(
      isWriteForbidden(Object.assign(new Error('You have exceeded a secondary rate limit'), { status: 403 })),
    ).toBe(false);
    expect(isWriteForbidden(Object.assign(new Error('Server Error'), { status: 502 }))).toBe(false);
  });
});
