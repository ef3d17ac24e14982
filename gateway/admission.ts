/**
 * A bound on the work in flight in one gateway process, in the rate limiter's units (root fields,
 * aliases, screened identifiers). Past it, a request is refused at once — `SERVICE_UNAVAILABLE` with
 * a Retry-After — instead of joining the queue: under a burst of large screens, memory and latency stay
 * bounded (with the heap capped, an unbounded burst ended the process: docs/decisions/0007-heap-cap-with-admission-bound.md). A request
 * arriving when nothing is in flight is always admitted; its own size is bounded by the query limits.
 */
export class InFlightBudget {
  private inFlight = 0;

  constructor(private readonly max: number) {}

  /** Units in flight now. */
  get used(): number {
    return this.inFlight;
  }

  /** Admits `cost` units until the returned release is called (once is enough; more are ignored); null when the budget is spent. */
  admit(cost: number): (() => void) | null {
    if (this.inFlight > 0 && this.inFlight + cost > this.max) return null;
    this.inFlight += cost;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= cost;
    };
  }
}
