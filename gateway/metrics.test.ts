import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { systemClock } from "../platform/clock";
import { SUPERGRAPH_FILE } from "../platform/supergraph-config";
import { GatewayMetrics, operationLabelsOf, outcomeLabel, serveMetrics } from "./metrics";
import { UNRESOLVED_OPERATION } from "./plugins/use-metrics";

const metricsOf = () => new GatewayMetrics({ inFlightCost: () => 0, clock: systemClock });

describe("operation labels", () => {
  const operations = operationLabelsOf(readFileSync(SUPERGRAPH_FILE, "utf8"));

  it("are the root fields the supergraph declares, one each, fixed at start", () => {
    expect(operations).toContain("query:subject");
    expect(operations).toContain("query:measures");
    expect(operations).toContain("mutation:submitRecords");
    expect([...operations].every((label) => /^(query|mutation|subscription):\w+$/.test(label))).toBe(true);
  });

  it("never grow with what callers send: unknown fields and combinations of root fields are other, first come or not", () => {
    const metrics = new GatewayMetrics({ inFlightCost: () => 0, clock: systemClock, operations });
    const fields = [...operations]
      .filter((label) => label.startsWith("query:"))
      .map((label) => label.slice(6));
    const seen = new Set<string>();
    // Every pair of root fields, each a distinct operation to a first-come cap: none becomes a label of its own.
    for (const first of fields)
      for (const second of fields)
        if (first < second) seen.add(metrics.operationLabel(`query:${first},${second}`));
    for (let index = 0; index < 1_000; index += 1) seen.add(metrics.operationLabel(`query:field${index}`));
    expect([...seen]).toEqual(["other"]);
    expect(metrics.operationLabel("query:subject")).toBe("query:subject");
    expect(metrics.operationLabel(UNRESOLVED_OPERATION)).toBe(UNRESOLVED_OPERATION);
    expect(metrics.operationLabel("query:__typename")).toBe("other");
  });
});

describe("outcome labels", () => {
  it("are ok or a contract code; any other text is INTERNAL_SERVER_ERROR", () => {
    expect(outcomeLabel([])).toBe("ok");
    expect(outcomeLabel(["FORBIDDEN", "NOT_FOUND"])).toBe("FORBIDDEN");
    expect(outcomeLabel(["110101199003074514"])).toBe("INTERNAL_SERVER_ERROR");
  });
});

describe("serveMetrics", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function serve(token: string | undefined): Promise<string> {
    const metrics = metricsOf();
    server = createServer((request, response) => void serveMetrics(request, response, metrics, token));
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  }

  it("is off (404) when no scraper token is configured, whatever is presented", async () => {
    const url = await serve(undefined);
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(url, { headers: { authorization: "Bearer " } })).status).toBe(404);
  });

  it("answers the configured bearer only", async () => {
    const url = await serve("s".repeat(32));
    expect((await fetch(url, { headers: { authorization: `Bearer ${"s".repeat(31)}` } })).status).toBe(401);
    const scraped = await fetch(url, { headers: { authorization: `Bearer ${"s".repeat(32)}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain("credit_gateway_requests_total");
  });
});
