import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InFlightBudget } from "../../gateway/admission";
import { uscc } from "../fixtures";
import { errorCodes, startTestFederation, type TestFederation } from "../harness";

/** A bound on the work in flight across all callers: a burst is refused at once, never queued into memory. */
let federation: TestFederation;
beforeAll(async () => {
  // One screen of 100 identifiers costs 101 units: two at once do not fit.
  federation = await startTestFederation({ environment: { CREDIT_MAX_IN_FLIGHT_COST: "150" } });
});
afterAll(async () => federation?.stop());

const SCREEN = `query ($ids: [String!]!) { screen(identifiers: $ids, scenario: FISCAL_FUNDS) { decision } }`;
const ids = Array.from({ length: 100 }, (_, index) => uscc(7_000 + index));

describe("admission: work in flight is bounded", () => {
  it("refuses what does not fit with SERVICE_UNAVAILABLE (503, Retry-After), audited, and answers the rest", async () => {
    const tokens = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        federation.token({ role: "GOVERNMENT", org: "HA-GOV", sub: `screener-${index}` }),
      ),
    );
    // The screens are held in flight (the subjects table locked; the embedded database's one session held)
    // until all six were admitted or refused. Without the hold, a gateway executing its subgraphs in its own
    // process on the embedded database finishes each screen before it reads the next request: no burst.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const lock = federation.connection.db.transaction().execute(async (trx) => {
      await sql`lock table subjects in access exclusive mode`.execute(trx);
      locked();
      await released;
    });
    await lockTaken;
    const pending = Promise.all(
      tokens.map((token) => federation.query(SCREEN, { token, purpose: "FISCAL_FUNDS", variables: { ids } })),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    release();
    await lock;
    const answers = await pending;
    const refused = answers.filter((answer) => answer.status === 503);
    const answered = answers.filter((answer) => answer.status === 200 && errorCodes(answer).length === 0);
    expect(refused.length + answered.length).toBe(6);
    expect(answered.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) {
      expect(errorCodes(answer)).toEqual(["SERVICE_UNAVAILABLE"]);
      expect(answer.data ?? null).toBeNull();
      expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(answer.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    }
    const requestIds = refused.map((answer) => answer.headers.get("x-request-id")!);
    const audited = await federation.connection.db
      .selectFrom("audit_events")
      .select(["error_codes", "outcome"])
      .where("request_id", "in", requestIds)
      .execute();
    expect(audited).toHaveLength(refused.length);
    expect(
      audited.every(
        (event) => event.error_codes.includes("SERVICE_UNAVAILABLE") && event.outcome === "ERROR",
      ),
    ).toBe(true);
  });

  it("gives the budget back after every request, failed ones included", async () => {
    const token = await federation.token({ role: "GOVERNMENT", org: "HA-GOV", sub: "after-failures" });
    // Each of these is admitted (101 units) and then fails inside execution; a budget not given back would refuse the last.
    for (let attempt = 0; attempt < 3; attempt++) {
      const failed = await federation.query(
        `query ($ids: [String!]!) { screen(identifiers: $ids, scenario: NO_SUCH_SCENARIO) { decision } }`,
        { token, purpose: "FISCAL_FUNDS", variables: { ids } },
      );
      expect(failed.status).not.toBe(503);
      expect(errorCodes(failed).length).toBeGreaterThan(0);
    }
    const answer = await federation.query(SCREEN, { token, purpose: "FISCAL_FUNDS", variables: { ids } });
    expect(answer.status).toBe(200);
    expect(errorCodes(answer)).toEqual([]);
  });
});

describe("InFlightBudget", () => {
  it("admits up to its bound, always admits a request alone, and takes each release once", () => {
    const budget = new InFlightBudget(10);
    const alone = budget.admit(25);
    expect(alone).not.toBeNull();
    expect(budget.admit(1)).toBeNull();
    alone!();
    alone!();
    const first = budget.admit(6)!;
    expect(budget.admit(5)).toBeNull();
    const second = budget.admit(4)!;
    expect(budget.admit(1)).toBeNull();
    first();
    expect(budget.admit(6)).not.toBeNull();
    second();
  });
});
