import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type DatabaseConnection } from "../../db/connect";
import { startTestDatabase, type TestDatabase } from "../../test/harness";
import { citizenId } from "../../test/fixtures";
import { findMaskedListWalks, PersonLookupBudget } from "./person-lookups";

/**
 * The per-person budget as replicas share it: each `PersonLookupBudget` below stands for one serving process. On
 * PostgreSQL the second has a connection pool of its own, as another process would; on the embedded database
 * (one process by construction) both use the one connection.
 */
let database: TestDatabase;
let second: DatabaseConnection | null = null;
beforeAll(async () => {
  database = await startTestDatabase();
  if (database.config.database.kind === "postgres")
    second = await connect(database.config.database, { maxConnections: 5 });
});
afterAll(async () => {
  await second?.close();
  await database?.stop();
});

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 20, 2, 0) + minutes * 60_000);
const charge = (callers: string[], identifiers: string[], now: Date) => ({
  callers,
  identifiers,
  role: "SUBJECT",
  org: null,
  now,
});

describe("one person budget across replicas", () => {
  it("grants a caller exactly its budget of distinct persons, however many concurrent requests reach however many replicas", async () => {
    const replicas = [
      new PersonLookupBudget(database.connection.db, 10),
      new PersonLookupBudget((second ?? database.connection).db, 10),
    ];
    const waits = await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        replicas[n % 2]!.take(charge(["actor:racer", "address:192.0.2.7"], [citizenId(100 + n)], at(0))),
      ),
    );
    expect(waits.filter((wait) => wait === 0)).toHaveLength(10);
    expect(waits.filter((wait) => wait > 0).every((wait) => wait > 3_000 && wait <= 3_600)).toBe(true);
    const kept = await database.connection.db
      .selectFrom("person_lookups")
      .select(["caller", "person"])
      .where("caller", "in", ["actor:racer", "address:192.0.2.7"])
      .execute();
    expect(kept).toHaveLength(20);
    expect(JSON.stringify(kept)).not.toContain(citizenId(100).slice(6, 14));
  });

  it("counts a person once per hour, refuses a charge past the budget whole, and frees room as the oldest leave the hour", async () => {
    const budget = new PersonLookupBudget(database.connection.db, 3);
    const keys = ["actor:counted"];
    expect(await budget.take(charge(keys, [citizenId(201)], at(0)))).toBe(0);
    expect(await budget.take(charge(keys, [citizenId(202)], at(5)))).toBe(0);
    expect(await budget.take(charge(keys, [citizenId(201)], at(10)))).toBe(0);
    expect(await budget.take(charge(keys, [citizenId(203)], at(20)))).toBe(0);
    // Two new ones where there is room for none: refused whole, nothing recorded, until the two oldest have left the hour.
    expect(await budget.take(charge(keys, [citizenId(204), citizenId(205)], at(30)))).toBe(35 * 60);
    expect(await budget.take(charge(keys, [citizenId(204)], at(30)))).toBe(30 * 60);
    expect(await budget.take(charge(keys, [citizenId(204)], at(60)))).toBe(0);
    expect(await budget.take(charge(keys, [citizenId(205)], at(60)))).toBe(5 * 60);
  });

  it("charges every key of the caller: a spent actor from a new network, a spent network for a new actor", async () => {
    const budget = new PersonLookupBudget(database.connection.db, 2);
    expect(
      await budget.take(
        charge(["actor:a", "network:2001:db8:1:2::/64"], [citizenId(301), citizenId(302)], at(0)),
      ),
    ).toBe(0);
    expect(
      await budget.take(charge(["actor:a", "network:2001:db8:9:9::/64"], [citizenId(303)], at(1))),
    ).toBeGreaterThan(0);
    expect(
      await budget.take(charge(["actor:b", "network:2001:db8:1:2::/64"], [citizenId(303)], at(1))),
    ).toBeGreaterThan(0);
    expect(await budget.take(charge(["actor:b", "network:2001:db8:9:9::/64"], [citizenId(303)], at(1)))).toBe(
      0,
    );
  });
});

describe("findMaskedListWalks", () => {
  it("finds a caller that looked up several persons sharing one masked ID within an hour, not one who looked up as many different ones", async () => {
    const budget = new PersonLookupBudget(database.connection.db, 100);
    // IDs that differ only in the birth date (the masked middle) and happen to share the check character.
    const walked = Array.from({ length: 12 * 28 }, (_, day) =>
      citizenId(
        550,
        `1980${String(1 + Math.floor(day / 28)).padStart(2, "0")}${String(1 + (day % 28)).padStart(2, "0")}`,
      ),
    );
    const sameMask = walked.filter((id) => id.slice(14) === walked[0]!.slice(14)).slice(0, 5);
    expect(sameMask).toHaveLength(5);
    expect(await budget.take(charge(["actor:walker"], sameMask, at(120)))).toBe(0);
    expect(
      await budget.take(
        charge(
          ["actor:browser"],
          Array.from({ length: 8 }, (_, n) => citizenId(600 + n)),
          at(120),
        ),
      ),
    ).toBe(0);
    const walks = await findMaskedListWalks(database.connection.db, { from: at(0), to: at(240) }, 5);
    expect(walks.map((row) => [row.caller, Number(row.persons), row.masked])).toEqual([
      ["actor:walker", 5, `${sameMask[0]!.slice(0, 6)}********${sameMask[0]!.slice(14)}`],
    ]);
  });
});
