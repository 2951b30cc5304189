import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWorkClock } from './work-clock.js';

// A clock the test moves by hand, so each duration is exact.
let now = 0;
const spend = (ms: number): void => {
  now += ms;
};

describe('work clock', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('charges nested work to the innermost clock only, so the totals add up to the time spent', () => {
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const program = createWorkClock();
    const parses = createWorkClock();
    program.time(() => {
      spend(5);
      parses.time(() => {
        spend(30);
      });
      spend(20);
      // The same clock again inside the other: still its own time only.
      parses.time(() => {
        spend(7);
        program.time(() => {
          spend(3);
        });
      });
      spend(1);
    });
    expect([program.spent(), parses.spent()]).toEqual([29, 37]);
  });

  it('stops charging an outer clock for work that throws inside it, and resumes it after', () => {
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const outer = createWorkClock();
    const inner = createWorkClock();
    outer.time(() => {
      expect(() =>
        inner.time(() => {
          spend(10);
          throw new Error('boom');
        }),
      ).toThrow('boom');
      spend(4);
    });
    spend(100);
    expect([outer.spent(), inner.spent()]).toEqual([4, 10]);
  });
});
