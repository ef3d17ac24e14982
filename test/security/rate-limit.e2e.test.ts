import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RateLimiter } from "../../gateway/rate-limit";
import { errorCodes, startTestFederation, type TestFederation } from "../harness";

let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation({
    environment: { CREDIT_RATE_LIMIT_PER_MINUTE: "20", CREDIT_ALERT_PROBES_PER_HOUR: "5" },
  });
});
afterAll(async () => federation?.stop());

describe("rate limiting per caller, counting work not HTTP requests", () => {
  it("refuses a caller past its budget with RATE_LIMITED and a retry hint, while another caller goes on", async () => {
    const noisy = await federation.token({ role: "GOVERNMENT", org: "HA-GOV", sub: "noisy" });
    const quiet = await federation.token({ role: "GOVERNMENT", org: "HA-GOV", sub: "quiet" });
    const codes: string[][] = [];
    for (let index = 0; index < 25; index++)
      codes.push(errorCodes(await federation.query(`{ measures { code } }`, { token: noisy })));
    expect(codes.slice(0, 20).every((errors) => errors.length === 0)).toBe(true);
    const limited = await federation.query(`{ measures { code } }`, { token: noisy });
    expect(limited.status).toBe(429);
    expect(errorCodes(limited)).toEqual(["RATE_LIMITED"]);
    expect(limited.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(errorCodes(await federation.query(`{ measures { code } }`, { token: quiet }))).toEqual([]);
  });

  it("counts aliases and screened identifiers, so one batched call cannot buy more than single calls", async () => {
    const batcher = await federation.token({ role: "GOVERNMENT", org: "HA-GOV", sub: "batcher" });
    const aliased = `{ ${Array.from({ length: 6 }, (_, index) => `m${index}: measures { code }`).join(" ")} }`; // 6 root fields + 6 aliases = 12 units
    expect(errorCodes(await federation.query(aliased, { token: batcher }))).toEqual([]);
    expect(errorCodes(await federation.query(aliased, { token: batcher }))).toEqual(["RATE_LIMITED"]);
    const screener = await federation.token({ role: "GOVERNMENT", org: "HA-GOV", sub: "screener" });
    const ids = Array.from({ length: 25 }, (_, index) => String(index));
    const screened = await federation.query(
      `query ($ids: [String!]!) { screen(identifiers: $ids, scenario: FISCAL_FUNDS) { decision } }`,
      { token: screener, purpose: "FISCAL_FUNDS", variables: { ids } },
    );
    expect(errorCodes(screened)).toEqual(["RATE_LIMITED"]);
  });

  it("charges the bytes a request sends, a unit per KiB past the first: a large body is never one unit, an anonymous 1 MiB mutation included", async () => {
    const padded = (document: string, bytes: number) => `${document}${" ".repeat(bytes)}`;
    const sender = await federation.token({ role: "GOVERNMENT", org: "HA-GOV", sub: "sender" });
    // 10 KiB of document: 1 unit of work and 10 of bytes; the second does not fit a budget of 20 a minute.
    expect(
      errorCodes(await federation.query(padded(`{ measures { code } }`, 10_240), { token: sender })),
    ).toEqual([]);
    expect(
      errorCodes(await federation.query(padded(`{ measures { code } }`, 10_240), { token: sender })),
    ).toEqual(["RATE_LIMITED"]);
    // Under a KiB a request costs its work alone: twenty fit.
    const small = await federation.token({ role: "GOVERNMENT", org: "HA-GOV", sub: "small-sender" });
    for (let index = 0; index < 20; index++)
      expect(
        errorCodes(await federation.query(padded(`{ measures { code } }`, 900), { token: small })),
      ).toEqual([]);
    // The anonymous address's budget is untouched so far: a mutation of 1 MiB is refused on its size alone.
    expect(errorCodes(await federation.query(`mutation { __typename }`))).toEqual([]);
    expect(errorCodes(await federation.query(padded(`mutation { __typename }`, 1_000_000)))).toEqual([
      "RATE_LIMITED",
    ]);
  });

  it("limits PUBLIC callers by address, and flags identifier guessing for the auditors", async () => {
    for (let index = 0; index < 8; index++)
      await federation.query(`query ($v: String!) { subject(identifier: $v) { name } }`, {
        variables: { v: `11010519491231${String(index).padStart(3, "0")}9` },
      });
    const auditor = await federation.token({ role: "AUDITOR" });
    const alerts = await federation.query<{
      auditAlerts: Array<{ rule: string; actor: string; count: number }>;
    }>(`{ auditAlerts { rule actor count } }`, { token: auditor });
    expect(alerts.data!.auditAlerts).toContainEqual(
      expect.objectContaining({ rule: "IDENTIFIER_PROBING", actor: "127.0.0.1" }),
    );
    const publicAnswers = [];
    for (let index = 0; index < 20; index++)
      publicAnswers.push(errorCodes(await federation.query(`{ measures { code } }`)));
    expect(publicAnswers.some((errors) => errors.includes("RATE_LIMITED"))).toBe(true);
  });

  it("refills over time (token bucket)", () => {
    const limiter = new RateLimiter(60);
    expect(limiter.take("a", 60, 0)).toBe(0);
    expect(limiter.take("a", 1, 0)).toBe(1);
    expect(limiter.take("a", 1, 1_000)).toBe(0);
    expect(limiter.take("b", 60, 1_000)).toBe(0);
  });
});
