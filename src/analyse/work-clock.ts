/**
 * Time spent on work the rules share (the node index's and the reference
 * index's walks of each file), which is done for whichever rule asks first.
 * The engine times it apart from the rules' own time, so that --debug charges
 * each rule for what it does, not for being first.
 */
export interface WorkClock {
  /** Runs the work and adds its duration. */
  time<T>(work: () => T): T;
  /** Milliseconds spent so far. */
  spent(): number;
}

/** A clock starting at zero. */
export function createWorkClock(): WorkClock {
  let spent = 0;
  return {
    time(work) {
      const started = performance.now();
      try {
        return work();
      } finally {
        spent += performance.now() - started;
      }
    },
    spent: () => spent,
  };
}
