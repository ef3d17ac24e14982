import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BLACKLISTED_COMPANY } from "../../db/seed/demo";
import { startTestFederation, type TestFederation } from "../harness";

const METRICS_TOKEN = randomBytes(32).toString("base64url");
/** Low enough that one over-sized operation is refused for its cost; the anonymous requests below stay well under it. */
const RATE_LIMIT_PER_MINUTE = 25;

let federation: TestFederation;
let companyIdentifier: string;
const logLines: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean))
        logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  federation = await startTestFederation({
    seed: "demo",
    environment: {
      CREDIT_METRICS_TOKEN: METRICS_TOKEN,
      CREDIT_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT_PER_MINUTE),
    },
    logger: pino({ level: "info" }, sink),
  });
  const company = await federation.connection.db
    .selectFrom("subjects")
    .select("identifier")
    .where("name", "=", DEMO_BLACKLISTED_COMPANY)
    .executeTakeFirstOrThrow();
  companyIdentifier = company.identifier;
});
afterAll(async () => federation?.stop());

const origin = () => new URL(federation.gatewayUrl).origin;

async function scrape(): Promise<string> {
  const response = await fetch(`${origin()}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  return response.text();
}

/** The value of one sample of the Prometheus text format whose labels include `labels`; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries(
      [...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [key, value]),
    );
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) total += Number(match[3]);
  }
  return total;
}

const LOOKUP = /* GraphQL */ `
  query Lookup($identifier: String!) {
    subject(identifier: $identifier) { name records { id } listEntries { list } }
  }
`;

describe("/metrics", () => {
  it("is refused without the scrapers' bearer, and to a caller's own token", async () => {
    expect((await fetch(`${origin()}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${origin()}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } })).status,
    ).toBe(401);
    const auditor = await federation.token({ role: "AUDITOR" });
    const refused = await fetch(`${origin()}/metrics`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(refused.status).toBe(401);
    expect(await refused.text()).not.toContain("credit_gateway");
  });

  it("moves with traffic: requests, latency, subgraph fetches and audit batches", async () => {
    const token = await federation.token({ role: "CREDIT_CENTER", org: "HA-CREDIT" });
    const before = await scrape();
    const requests = { operation: "query:subject", role: "CREDIT_CENTER", outcome: "ok" };
    for (let round = 0; round < 3; round += 1) {
      const result = await federation.query(LOOKUP, { token, variables: { identifier: companyIdentifier } });
      expect(result.errors).toBeUndefined();
    }
    const after = await scrape();
    expect(
      sample(after, "credit_gateway_requests_total", requests) -
        sample(before, "credit_gateway_requests_total", requests),
    ).toBe(3);
    expect(
      sample(after, "credit_gateway_request_duration_seconds_count", {
        operation: "query:subject",
        outcome: "ok",
      }) -
        sample(before, "credit_gateway_request_duration_seconds_count", {
          operation: "query:subject",
          outcome: "ok",
        }),
    ).toBe(3);
    for (const subgraph of ["subjects", "records", "lists"]) {
      expect(
        sample(after, "credit_subgraph_fetch_duration_seconds_count", { subgraph, outcome: "ok" }),
      ).toBeGreaterThan(
        sample(before, "credit_subgraph_fetch_duration_seconds_count", { subgraph, outcome: "ok" }),
      );
    }
    expect(
      sample(after, "credit_audit_batch_size_sum") - sample(before, "credit_audit_batch_size_sum"),
    ).toBeGreaterThanOrEqual(3);
    expect(sample(after, "credit_audit_batch_duration_seconds_count")).toBeGreaterThan(
      sample(before, "credit_audit_batch_duration_seconds_count"),
    );
    expect(sample(after, "credit_audit_batch_failures_total")).toBe(0);
  });

  it("counts refusals by outcome and reason: a bad token, a rate-limited caller", async () => {
    const before = await scrape();
    const badToken = await fetch(federation.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer not-a-token" },
      body: JSON.stringify({ query: "{ measures { code } }" }),
    });
    expect(badToken.status).toBe(401);
    const greedy = await federation.token({
      role: "GOVERNMENT",
      org: "HA-FGW",
      sub: "metrics-greedy-caller",
    });
    // Each aliased root field costs two units (the field and its alias): 13 of them cost more than the minute holds.
    const aliases = Array.from(
      { length: Math.ceil((RATE_LIMIT_PER_MINUTE + 1) / 2) },
      (_, index) => `m${index}: measures { code }`,
    ).join(" ");
    const limited = await federation.query(`{ ${aliases} }`, { token: greedy });
    expect(limited.status).toBe(429);
    const after = await scrape();
    const unauthenticated = { operation: "unresolved", role: "PUBLIC", outcome: "UNAUTHENTICATED" };
    expect(
      sample(after, "credit_gateway_requests_total", unauthenticated) -
        sample(before, "credit_gateway_requests_total", unauthenticated),
    ).toBe(1);
    const rateLimited = { role: "GOVERNMENT", outcome: "RATE_LIMITED" };
    expect(
      sample(after, "credit_gateway_requests_total", rateLimited) -
        sample(before, "credit_gateway_requests_total", rateLimited),
    ).toBe(1);
    expect(
      sample(after, "credit_gateway_refusals_total", { reason: "rate_limited" }) -
        sample(before, "credit_gateway_refusals_total", { reason: "rate_limited" }),
    ).toBe(1);
  });

  it("labels operations by their root fields, never by the client's name or its variables", async () => {
    const token = await federation.token({ role: "CREDIT_CENTER", org: "HA-CREDIT" });
    const namedAfterTheSubject = `Lookup_${companyIdentifier}`;
    const result = await federation.query(LOOKUP.replace("Lookup", namedAfterTheSubject), {
      token,
      variables: { identifier: companyIdentifier },
      operationName: namedAfterTheSubject,
    });
    expect(result.errors).toBeUndefined();
    const text = await scrape();
    expect(text).not.toContain(companyIdentifier);
    expect(text).not.toContain(namedAfterTheSubject);
    expect(sample(text, "credit_gateway_requests_total", { operation: "query:subject" })).toBeGreaterThan(0);
  });

  it("reports the in-flight budget, the calendar's notices and (on PostgreSQL) the pool", async () => {
    const text = await scrape();
    expect(text).toMatch(/^credit_gateway_in_flight_cost \d+$/m);
    expect(text).toMatch(/^credit_calendar_notice_loaded\{year="current"\} [01]$/m);
    expect(text).toMatch(/^credit_calendar_notice_loaded\{year="next"\} [01]$/m);
    if (federation.connection.kind === "postgres")
      expect(sample(text, "credit_db_pool_connections", { state: "total" })).toBeGreaterThan(0);
    else expect(text).not.toMatch(/^credit_db_pool_connections\{/m);
  });
});

describe("the request log", () => {
  it("writes one line per request: id, operation, role, outcome, status, duration — no identifier, no variables", async () => {
    const token = await federation.token({ role: "CREDIT_CENTER", org: "HA-CREDIT" });
    const response = await fetch(federation.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: LOOKUP,
        variables: { identifier: companyIdentifier },
        operationName: "Lookup",
      }),
    });
    expect(response.status).toBe(200);
    const requestId = response.headers.get("x-request-id")!;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = logLines.filter((line) => line.requestId === requestId);
    expect(lines).toEqual([
      expect.objectContaining({
        msg: "request",
        requestId,
        operation: "query:subject",
        role: "CREDIT_CENTER",
        outcome: "ok",
        status: 200,
        durationMs: expect.any(Number),
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain(companyIdentifier);
    expect(JSON.stringify(lines)).not.toContain("Lookup");
  });
});

describe("/ready", () => {
  it("names each check, and what is not ready", async () => {
    const ready = await fetch(`${origin()}/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { ready: boolean; checks: Record<string, string> };
    expect(body).toEqual({
      ready: true,
      checks: {
        database: "ok",
        "subgraph:subjects": "ok",
        "subgraph:records": "ok",
        "subgraph:lists": "ok",
        "subgraph:measures": "ok",
        "subgraph:repair": "ok",
        "subgraph:audit": "ok",
        "subgraph:reports": "ok",
      },
    });
    await federation.federation.subgraphs.get("measures")!.stop();
    const notReady = await fetch(`${origin()}/ready`);
    expect(notReady.status).toBe(503);
    const reasons = (await notReady.json()) as { ready: boolean; checks: Record<string, string> };
    expect(reasons.ready).toBe(false);
    expect(reasons.checks["subgraph:measures"]).toBe("unavailable");
    expect(reasons.checks["subgraph:records"]).toBe("ok");
    expect(reasons.checks.database).toBe("ok");
  });
});
