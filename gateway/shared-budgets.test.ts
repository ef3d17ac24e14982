import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../platform/logger";
import { startTestDatabase, type TestDatabase } from "../test/harness";
import { SharedInFlightBudget, SharedRateLimiter } from "./shared-budgets";

/**
 * Two gateway replicas' budgets on one database: each instance below stands for one replica. Runs
 * on whichever database the suite has; the point is PostgreSQL's pass, where replicas really are processes.
 */
let database: TestDatabase;
const logger = createLogger({ logLevel: "silent" });
beforeAll(async () => {
  database = await startTestDatabase();
});
afterAll(async () => database?.stop());

describe("rate buckets shared by replicas", () => {
  it("gives a caller one budget across replicas, however its requests alternate", async () => {
    const replicas = [
      new SharedRateLimiter(database.connection.db, "rate", 10, logger),
      new SharedRateLimiter(database.connection.db, "rate", 10, logger),
    ];
    const waits: number[] = [];
    for (let request = 0; request < 14; request++)
      waits.push(await replicas[request % 2]!.take("caller-a", 1));
    expect(waits.filter((wait) => wait === 0).length).toBeLessThanOrEqual(11);
    expect(waits.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(waits.slice(-2).every((wait) => wait > 0)).toBe(true);
    expect(await replicas[0]!.secondsUntil("caller-a", 1)).toBeGreaterThan(0);
    expect(await replicas[1]!.take("caller-b", 1)).toBe(0);
  });

  it("never grants more than the bucket holds when replicas take at the same moment", async () => {
    const replicas = [
      new SharedRateLimiter(database.connection.db, "rate", 20, logger),
      new SharedRateLimiter(database.connection.db, "rate", 20, logger),
    ];
    const waits = await Promise.all(
      Array.from({ length: 60 }, (_, index) => replicas[index % 2]!.take("caller-burst", 1)),
    );
    expect(waits.filter((wait) => wait === 0).length).toBeGreaterThanOrEqual(20);
    expect(waits.filter((wait) => wait === 0).length).toBeLessThanOrEqual(21);
  });

  it("keeps separate budgets apart and refuses a cost over a minute's worth outright", async () => {
    const rate = new SharedRateLimiter(database.connection.db, "rate", 3, logger);
    const refusals = new SharedRateLimiter(database.connection.db, "refusals", 3, logger);
    for (let index = 0; index < 3; index++) expect(await rate.take("caller-c", 1)).toBe(0);
    expect(await refusals.take("caller-c", 1)).toBe(0);
    expect(await rate.take("caller-d", 4)).toBe(60);
  });
});

describe("the buckets table follows the active callers", () => {
  it("forgets buckets untouched for over a minute within a take's own statement, never the taker's own", async () => {
    const db = database.connection.db;
    const rate = new SharedRateLimiter(db, "sweep", 5, logger);
    await db
      .insertInto("gateway_rate_buckets")
      .values(
        ["stale-other", "stale-self"].map((caller) => ({
          budget: "sweep",
          caller,
          tokens: 1,
          granted: true,
          refilled_at: new Date(Date.now() - 5 * 60_000),
        })),
      )
      .execute();
    expect(await rate.take("stale-self", 1)).toBe(0);
    const callers = (
      await db
        .selectFrom("gateway_rate_buckets")
        .select(["caller", "tokens"])
        .where("budget", "=", "sweep")
        .execute()
    ).map((row) => [row.caller, Number(row.tokens)]);
    // The stale bucket of another caller is gone; the taker's own was refilled to a minute's worth and spent.
    expect(callers).toEqual([["stale-self", 4]]);
  });
});

describe("the in-flight budget shared by replicas", () => {
  it("refuses at one replica what the other has in flight, and admits again once it is released", async () => {
    const [first, second] = [
      new SharedInFlightBudget(database.connection.db, 150, 60, logger),
      new SharedInFlightBudget(database.connection.db, 150, 60, logger),
    ];
    const release = await first.admit(100);
    expect(release).not.toBeNull();
    expect(await second.admit(100)).toBeNull();
    const small = await second.admit(50);
    expect(small).not.toBeNull();
    await release!();
    await small!();
    const again = await second.admit(100);
    expect(again).not.toBeNull();
    await again!();
  });

  it("admits exactly one of many large requests arriving together at both replicas", async () => {
    const replicas = [
      new SharedInFlightBudget(database.connection.db, 150, 60, logger),
      new SharedInFlightBudget(database.connection.db, 150, 60, logger),
    ];
    const releases = await Promise.all(
      Array.from({ length: 8 }, (_, index) => replicas[index % 2]!.admit(100)),
    );
    expect(releases.filter((release) => release !== null)).toHaveLength(1);
    await Promise.all(releases.map((release) => release?.()));
  });

  it("frees the units of a replica that died with work in flight once their lease runs out", async () => {
    const dying = new SharedInFlightBudget(database.connection.db, 150, 1, logger);
    const survivor = new SharedInFlightBudget(database.connection.db, 150, 60, logger);
    expect(await dying.admit(120)).not.toBeNull(); // never released: the process is gone
    expect(await survivor.admit(100)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const after = await survivor.admit(100);
    expect(after).not.toBeNull();
    await after!();
  });
});
