const HOUR_MS = 3_600_000;

/**
 * How many distinct things (e.g. natural-person identifiers) each caller may ask about within an hour:
 * asking again about one already asked is free; a new one past the budget waits until the oldest leaves
 * the hour. Kept in the process that serves (several replicas each keep their own, like the gateway's
 * rate buckets); times come from the caller, so the service's clock rules.
 */
export class DistinctBudget {
  private readonly callers = new Map<string, Map<string, number>>();
  private nextSweepAt = 0;

  constructor(private readonly perHour: number) {}

  /** Records `key` for `caller` at `now`; returns 0 if within the budget, else the seconds until a new one fits. */
  take(caller: string, key: string, now: number): number {
    this.sweep(now);
    const seen = this.callers.get(caller) ?? new Map<string, number>();
    this.callers.set(caller, seen);
    for (const [earlier, at] of seen) if (now - at >= HOUR_MS) seen.delete(earlier);
    if (seen.has(key)) return 0;
    if (seen.size < this.perHour) {
      seen.set(key, now);
      return 0;
    }
    const oldest = Math.min(...seen.values());
    return Math.max(1, Math.ceil((oldest + HOUR_MS - now) / 1000));
  }

  /** Forgets callers with nothing left in the hour, so memory follows the active callers only. */
  private sweep(now: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + HOUR_MS / 60;
    for (const [caller, seen] of this.callers) {
      for (const [key, at] of seen) if (now - at >= HOUR_MS) seen.delete(key);
      if (seen.size === 0) this.callers.delete(caller);
    }
  }
}
