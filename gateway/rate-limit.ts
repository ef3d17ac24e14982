/**
 * Per-caller token buckets: each caller (the token's `sub`, or the client address for PUBLIC) may spend
 * `perMinute` units a minute, refilled continuously, with bursts up to the same amount. A unit is a root
 * field, an alias or a screened identifier, so batching does not buy more work than single calls.
 * Buckets live in this gateway process (several gateway instances each keep their own).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private lastSweep = 0;

  constructor(private readonly perMinute: number) {}

  /** Takes `cost` units for `caller`; returns 0 if granted, else the seconds until it would be. */
  take(caller: string, cost: number, now = Date.now()): number {
    this.sweep(now);
    const rate = this.perMinute / 60_000;
    const bucket = this.buckets.get(caller) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    this.buckets.set(caller, bucket);
    if (cost > this.perMinute) return Math.ceil(60);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return 0;
    }
    return Math.max(1, Math.ceil((cost - bucket.tokens) / rate / 1000));
  }

  /** Seconds until `caller` could spend `cost` units (0 if now), without spending them. */
  secondsUntil(caller: string, cost: number, now = Date.now()): number {
    const bucket = this.buckets.get(caller);
    if (!bucket) return cost > this.perMinute ? 60 : 0;
    const rate = this.perMinute / 60_000;
    const tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * rate);
    return tokens >= cost ? 0 : Math.max(1, Math.ceil((cost - tokens) / rate / 1000));
  }

  /** Forgets callers whose bucket is full again, so memory follows the active callers only. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [caller, bucket] of this.buckets) if (now - bucket.at > 60_000) this.buckets.delete(caller);
  }
}
