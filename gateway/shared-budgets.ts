import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "../db/database";
import type { Logger } from "../platform/logger";
import { InFlightBudget } from "./admission";
import { RateLimiter } from "./rate-limit";

/** Per-caller token buckets, in this process (`RateLimiter`) or shared by every replica (`SharedRateLimiter`). */
export type RateBudget = Readonly<{
  /** Takes `cost` units for `caller`; 0 if granted, else the seconds until it would be. */
  take(caller: string, cost: number): number | Promise<number>;
  /** Seconds until `caller` could spend `cost` units (0 if now), without spending them. */
  secondsUntil(caller: string, cost: number): number | Promise<number>;
}>;

export type Release = () => void | Promise<void>;

/** The work in flight, in this process (`InFlightBudget`) or shared by every replica (`SharedInFlightBudget`). */
export type AdmissionBudget = Readonly<{ admit(cost: number): Release | null | Promise<Release | null> }>;

/** Serialises admissions across replicas (`pg_advisory_xact_lock`); any constant no other part of the service takes. */
const ADMISSION_LOCK_KEY = 21_021_021;
const SWEEP_EVERY_MS = 60_000;

/**
 * The same token buckets as `RateLimiter`, kept in PostgreSQL (`gateway_rate_buckets`) so that N gateway replicas
 * give a caller one budget, not N. One statement per take refills, spends and says whether it could, under the
 * row's lock, on the database's clock (one clock for every replica, whatever each machine's says). When the
 * database cannot be reached the replica falls back to its own buckets and says so once: the audit refuses the
 * request anyway (fail closed), so the limiter need not add its own error.
 */
export class SharedRateLimiter implements RateBudget {
  private readonly fallback: RateLimiter;
  private readonly perSecond: number;
  private nextSweepAt = 0;
  private warned = false;

  constructor(
    private readonly db: Kysely<Database>,
    /** Which budget of the gateway: rows of different budgets never mix. */
    private readonly budget: string,
    private readonly perMinute: number,
    private readonly logger: Logger,
  ) {
    this.fallback = new RateLimiter(perMinute);
    this.perSecond = perMinute / 60;
  }

  async take(caller: string, cost: number): Promise<number> {
    if (cost > this.perMinute) return 60;
    try {
      const available = this.available();
      // The sweep rides in the take's own statement (never the caller's row: one statement may not both delete
      // and upsert a row), so that every request costs the database the same statements.
      const { rows } = await sql<{ tokens: number; granted: boolean }>`
        with swept as (
          delete from gateway_rate_buckets
          where ${this.sweepDue()}::boolean and budget = ${this.budget} and caller <> ${caller} and refilled_at < now() - interval '1 minute'
        )
        insert into gateway_rate_buckets as bucket (budget, caller, tokens, granted, refilled_at)
        values (${this.budget}, ${caller}, ${this.perMinute - cost}::float8, true, now())
        on conflict (budget, caller) do update set
          tokens = ${available} - case when ${available} >= ${cost}::float8 then ${cost}::float8 else 0 end,
          granted = ${available} >= ${cost}::float8,
          refilled_at = greatest(bucket.refilled_at, now())
        returning tokens, granted`.execute(this.db);
      const { tokens, granted } = rows[0]!;
      return granted ? 0 : this.secondsFor(cost, Number(tokens));
    } catch (error) {
      this.warnOnce(error);
      return this.fallback.take(caller, cost);
    }
  }

  async secondsUntil(caller: string, cost: number): Promise<number> {
    if (cost > this.perMinute) return 60;
    try {
      const { rows } = await sql<{ tokens: number }>`
        select ${this.available()} as tokens from gateway_rate_buckets as bucket
        where bucket.budget = ${this.budget} and bucket.caller = ${caller}`.execute(this.db);
      return rows[0] === undefined ? 0 : this.secondsFor(cost, Number(rows[0].tokens));
    } catch (error) {
      this.warnOnce(error);
      return this.fallback.secondsUntil(caller, cost);
    }
  }

  /** The bucket's units now: what it held, refilled for the time since, up to a minute's worth. */
  private available() {
    return sql<number>`least(${this.perMinute}::float8, bucket.tokens + greatest(0, extract(epoch from now() - bucket.refilled_at)::float8) * ${this.perSecond}::float8)`;
  }

  private secondsFor(cost: number, tokens: number): number {
    return tokens >= cost ? 0 : Math.max(1, Math.ceil((cost - tokens) / this.perSecond));
  }

  /**
   * Whether this take also forgets buckets full again (untouched for over a minute), once a minute per replica,
   * so that the table follows the active callers.
   */
  private sweepDue(): boolean {
    const at = performance.now();
    if (at < this.nextSweepAt) return false;
    this.nextSweepAt = at + SWEEP_EVERY_MS;
    return true;
  }

  private warnOnce(error: unknown): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(
      { err: error, budget: this.budget },
      "shared rate budget unreachable; this gateway counts on its own until the database is back",
    );
  }
}

/**
 * The bound on work in flight (`InFlightBudget`) across every replica: each admitted request is a row in
 * `gateway_admissions` until it ends. Admission takes a transaction-scoped advisory lock, so two replicas never
 * both admit into the last room. A replica that dies leaves its rows behind; each carries a lease and is ignored
 * (and deleted) once the lease runs out, so a crash costs capacity for one lease at most. Falls back to this
 * process's own budget when the database cannot be reached, as `SharedRateLimiter` does.
 */
export class SharedInFlightBudget implements AdmissionBudget {
  private readonly fallback: InFlightBudget;
  private warned = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly max: number,
    /** How long an admission counts at most: longer than any request may run (several subgraph timeouts). */
    private readonly leaseSeconds: number,
    private readonly logger: Logger,
  ) {
    this.fallback = new InFlightBudget(max);
  }

  async admit(cost: number): Promise<Release | null> {
    let id: string | null;
    try {
      id = await this.db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${ADMISSION_LOCK_KEY})`.execute(trx);
        await trx.deleteFrom("gateway_admissions").where("expires_at", "<=", sql<Date>`now()`).execute();
        const { inFlight } = await trx
          .selectFrom("gateway_admissions")
          .select(sql<string>`coalesce(sum(cost), 0)`.as("inFlight"))
          .executeTakeFirstOrThrow();
        if (Number(inFlight) > 0 && Number(inFlight) + cost > this.max) return null;
        const admission = randomUUID();
        await trx
          .insertInto("gateway_admissions")
          .values({
            id: admission,
            cost,
            expires_at: sql<Date>`now() + make_interval(secs => ${this.leaseSeconds})`,
          })
          .execute();
        return admission;
      });
    } catch (error) {
      this.warnOnce(error);
      return this.fallback.admit(cost);
    }
    if (id === null) return null;
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      try {
        await this.db.deleteFrom("gateway_admissions").where("id", "=", id).execute();
      } catch (error) {
        this.logger.warn({ err: error }, "could not release an admission; its lease frees it");
      }
    };
  }

  private warnOnce(error: unknown): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(
      { err: error },
      "shared in-flight budget unreachable; this gateway counts on its own until the database is back",
    );
  }
}
