/**
 * Time spent on work the rules share (building the program, the node index's
 * and the reference index's walks of each file, a pull-request run's parse of
 * the files it deferred), which is done for whichever rule asks first. The
 * engine times it apart from the rules' own time, so that --debug charges each
 * rule for what it does, not for being first.
 */
export interface WorkClock {
  /** Runs the work and adds its duration, less the time of any other clock's work run inside it. */
  time<T>(work: () => T): T;
  /** Milliseconds spent so far. */
  spent(): number;
}

/** The clock running now, and since when it has been charged for. */
interface Running {
  charge: (ms: number) => void;
  since: number;
}

// Work of one kind can start inside another (building the program parses the deferred files first): the time goes
// to the innermost clock only, so that the clocks' totals add up to the time spent.
let running: Running | undefined;

/** A clock starting at zero. */
export function createWorkClock(): WorkClock {
  let spent = 0;
  return {
    time(work) {
      const outer = running;
      const started = performance.now();
      if (outer !== undefined) outer.charge(started - outer.since);
      const self: Running = {
        charge: (ms) => {
          spent += ms;
        },
        since: started,
      };
      running = self;
      try {
        return work();
      } finally {
        const ended = performance.now();
        self.charge(ended - self.since);
        running = outer;
        if (outer !== undefined) outer.since = ended;
      }
    },
    spent: () => spent,
  };
}
