const HOUR_MS = 3_600_000;

/**
 * Units of heavy work each caller may spend per hour (a credit report weighs its items): a token bucket refilled
 * continuously, full at `perHour`. A caller whose bucket is full may always spend, even more than it holds — the
 * bucket then owes the difference and the caller waits until it is repaid — so no single job is unissuable, and a
 * flood of heavy jobs is refused after the first. Kept in the process that serves (like `DistinctBudget`); times
 * come from the caller, so the service's clock rules.
 */
export class WeightBudget {
  private readonly buckets = new Map<string, { units: number; at: number }>();
  private readonly lastWeights = new Map<string, number>();
  private nextSweepAt = 0;

  constructor(private readonly perHour: number) {}

  /** Spends `weight` for `caller` at `now`; returns 0 if granted, else the seconds until it would be. */
  take(caller: string, weight: number, now: number): number {
    this.sweep(now);
    const units = this.unitsOf(caller, now);
    this.lastWeights.set(caller, weight);
    if (units >= weight || units >= this.perHour) {
      this.buckets.set(caller, { units: units - weight, at: now });
      return 0;
    }
    const needed = Math.min(weight, this.perHour) - units;
    return Math.max(1, Math.ceil((needed * HOUR_MS) / this.perHour / 1000));
  }

  /**
   * Seconds until `caller` could pay for a job as heavy as its last one (0 if now, or if it has none yet), with
   * that weight: checked before a job's weight is known, so a caller past its budget is refused before the work
   * of weighing it.
   */
  secondsUntilLast(caller: string, now: number): { seconds: number; weight: number } {
    const weight = this.lastWeights.get(caller);
    if (weight === undefined) return { seconds: 0, weight: 0 };
    const units = this.unitsOf(caller, now);
    if (units >= weight || units >= this.perHour) return { seconds: 0, weight };
    return {
      seconds: Math.max(
        1,
        Math.ceil(((Math.min(weight, this.perHour) - units) * HOUR_MS) / this.perHour / 1000),
      ),
      weight,
    };
  }

  private unitsOf(caller: string, now: number): number {
    const bucket = this.buckets.get(caller);
    if (!bucket) return this.perHour;
    return Math.min(this.perHour, bucket.units + (Math.max(0, now - bucket.at) * this.perHour) / HOUR_MS);
  }

  /** Forgets callers whose bucket is full again, so memory follows the active callers only. */
  private sweep(now: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + HOUR_MS / 60;
    for (const caller of [...this.buckets.keys()]) {
      if (this.unitsOf(caller, now) < this.perHour) continue;
      this.buckets.delete(caller);
      this.lastWeights.delete(caller);
    }
  }
}
