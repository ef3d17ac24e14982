import { createHash } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Connection } from "../../db/connection";
import type { PersonLookupTables } from "./person-lookup.table";
import { maskCitizenId } from "../../domain/identifiers";
import { CreditError } from "../../platform/errors";
import { findConsentedIdentifiers } from "../../policies/consent";
import { entitledToPerson } from "../../policies/person-entitlement";
import type { Viewer } from "../../platform/viewer";
import type { AppAbility } from "../../policies/ability";

const HOUR_MS = 3_600_000;
/** How long lookups are kept after their hour: the `MASKED_LIST_WALK` alert looks back a week by default. */
const KEPT_MS = 8 * 24 * HOUR_MS;
const SWEEP_EVERY_MS = 60_000;

/** One charge: the natural persons one answer is about, and every budget key it counts against. */
export type PersonLookupCharge = Readonly<{
  /** The caller's budget keys: its actor (when signed in) and its network (gateway/client-address.ts#networkKeyOf). */
  callers: readonly string[];
  /** Valid citizen IDs the answer is about, each counted once per caller and hour. */
  identifiers: readonly string[];
  role: string;
  org: string | null;
  /** The service's clock, read once per request. */
  now: Date;
}>;

/**
 * How many distinct natural persons each caller not entitled to them (no consent, no duty, not the person)
 * may ask about within an hour, counted per actor and per network at once: asking again about one already
 * counted is free; a new one past the budget of any key waits until the oldest of that key leaves the hour.
 * Kept in the database (`person_lookups`), so every replica of every subgraph gives a caller one budget, and
 * the audit's `MASKED_LIST_WALK` alert reads the same rows. Persons are stored as a SHA-256 of the ID and
 * its masked form (first 6 and last 4, as the public lists show it) — never the ID itself.
 */
export class PersonLookupBudget {
  private nextSweepAt = 0;
  private readonly db: Kysely<PersonLookupTables>;

  constructor(
    db: Connection,
    readonly perHour: number,
  ) {
    this.db = db;
  }

  /** Records the charge if every caller stays within the budget: 0 then, else the seconds until it would fit (nothing recorded). */
  async take(charge: PersonLookupCharge): Promise<number> {
    const persons = [...new Set(charge.identifiers)].map((identifier) => ({
      person: personKeyOf(identifier),
      masked: maskCitizenId(identifier),
    }));
    const callers = [...new Set(charge.callers)].sort();
    if (persons.length === 0 || callers.length === 0) return 0;
    const now = charge.now.getTime();
    const hourAgo = new Date(now - HOUR_MS);
    const sweep = this.sweepDue(now);
    return this.db.transaction().execute(async (trx) => {
      // One charge at a time per key, on every replica: two requests never both spend the last room.
      for (const caller of callers)
        await sql`select pg_advisory_xact_lock(hashtext('person_lookups'), hashtext(${caller}))`.execute(trx);
      if (sweep)
        await trx
          .deleteFrom("person_lookups")
          .where("looked_up_at", "<", new Date(now - KEPT_MS))
          .execute();
      const counted = await trx
        .selectFrom("person_lookups")
        .select(["caller", "person", "looked_up_at"])
        .where("caller", "in", callers)
        .where("looked_up_at", ">", hourAgo)
        .execute();
      let wait = 0;
      const fresh: Array<{ caller: string; person: string; masked: string }> = [];
      for (const caller of callers) {
        const mine = counted.filter((row) => row.caller === caller);
        const seen = new Set(mine.map((row) => row.person));
        const added = persons.filter((person) => !seen.has(person.person));
        fresh.push(...added.map((person) => ({ caller, ...person })));
        if (seen.size + added.length <= this.perHour) continue;
        if (added.length > this.perHour) wait = Math.max(wait, 3_600);
        else {
          // Room for `added` opens when that many of the oldest have left the hour.
          const times = mine.map((row) => new Date(row.looked_up_at).getTime()).sort((a, b) => a - b);
          const freedBy = times[seen.size + added.length - this.perHour - 1]!;
          wait = Math.max(wait, Math.max(1, Math.ceil((freedBy + HOUR_MS - now) / 1000)));
        }
      }
      if (wait > 0) return wait;
      if (fresh.length > 0) {
        await trx
          .insertInto("person_lookups")
          .values(
            fresh.map((row) => ({ ...row, role: charge.role, org: charge.org, looked_up_at: charge.now })),
          )
          .execute();
      }
      return 0;
    });
  }

  private sweepDue(now: number): boolean {
    if (now < this.nextSweepAt) return false;
    this.nextSweepAt = now + SWEEP_EVERY_MS;
    return true;
  }
}

/** What a charge needs of the request (a subgraph's context has it all): who asks, from where, when, and the budget. */
export type PersonLookupCaller = Readonly<{
  viewer: Viewer;
  caller: string;
  network: string;
  personLookups: PersonLookupBudget;
  now: Date;
}>;

/**
 * Charges the natural persons (valid citizen IDs) an answer is about to the caller's actor and network, or throws
 * RATE_LIMITED with `retryAfterSeconds`. The caller passes only persons it is not entitled to
 * (policies/person-entitlement.ts); known or not, each counts: a budget charged only for hits would itself be an oracle.
 */
export async function chargePersonLookups(
  context: PersonLookupCaller,
  identifiers: readonly string[],
): Promise<void> {
  if (identifiers.length === 0) return;
  const { viewer } = context;
  const callers = viewer.actor === null ? [context.network] : [`actor:${viewer.actor}`, context.network];
  const retryAfter = await context.personLookups.take({
    callers,
    identifiers,
    role: viewer.role,
    org: viewer.org,
    now: context.now,
  });
  if (retryAfter === 0) return;
  throw new CreditError(
    "RATE_LIMITED",
    `without consent or duty, one caller (and one network) may look up ${context.personLookups.perHour} different persons an hour; retry in ${retryAfter} s`,
    { retryAfterSeconds: retryAfter },
  );
}

/**
 * Charges those of these valid citizen IDs the viewer is not entitled to (policies/person-entitlement.ts): its role
 * decides first, and only for the rest is a consent looked up (one statement, whatever their number).
 */
export async function chargeUnentitledPersons(
  context: PersonLookupCaller & Readonly<{ ability: AppAbility; db: Connection }>,
  identifiers: readonly string[],
): Promise<void> {
  const unentitled = [...new Set(identifiers)].filter(
    (identifier) => !entitledToPerson(context.ability, identifier, false),
  );
  if (unentitled.length === 0) return;
  const consented = await findConsentedIdentifiers(context.db, context.viewer, context.now, unentitled);
  await chargePersonLookups(
    context,
    unentitled.filter(
      (identifier) => !(consented.has(identifier) && entitledToPerson(context.ability, identifier, true)),
    ),
  );
}

/** How a person is kept in `person_lookups`: enough to count distinct persons, not the ID itself. */
function personKeyOf(identifier: string): string {
  return createHash("sha256").update(`person-lookup\u0000${identifier}`).digest("hex");
}

export type MaskedListWalkRow = Readonly<{
  caller: string;
  role: string | null;
  org: string | null;
  hour: Date;
  masked: string;
  persons: string;
}>;

/**
 * Callers (an actor, or a network) who looked up at least `limit` distinct persons sharing one masked ID within
 * one hour: the middle of a masked ID from a public list being guessed. A person is rarely looked up under
 * several IDs that differ only in the masked digits; a walk does exactly that.
 */
export async function findMaskedListWalks(
  connection: Connection,
  window: Readonly<{ from: Date; to: Date }>,
  limit: number,
): Promise<MaskedListWalkRow[]> {
  const db: Kysely<PersonLookupTables> = connection;
  const hour = sql<Date>`date_trunc('hour', looked_up_at)`;
  return db
    .selectFrom("person_lookups")
    .select((eb) => [
      "caller",
      eb.fn.min("role").as("role"),
      eb.fn.min("org").as("org"),
      hour.as("hour"),
      "masked",
      eb.fn.count<string>("person").distinct().as("persons"),
    ])
    .where("looked_up_at", ">=", window.from)
    .where("looked_up_at", "<=", window.to)
    .groupBy(["caller", hour, "masked"])
    .having((eb) => eb.fn.count("person").distinct(), ">=", limit)
    .orderBy("hour")
    .execute() as Promise<MaskedListWalkRow[]>;
}
