import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { systemClock } from "../platform/clock";
import { GatewayMetrics, MAX_OPERATION_LABELS, outcomeLabel, serveMetrics } from "./metrics";

const metricsOf = () => new GatewayMetrics({ inFlightCost: () => 0, clock: systemClock });

describe("operation labels", () => {
  it("are capped: past MAX_OPERATION_LABELS distinct ones, a new operation is counted as other", () => {
    const metrics = metricsOf();
    for (let index = 0; index < MAX_OPERATION_LABELS; index += 1) expect(metrics.operationLabel(`query:field${index}`)).toBe(`query:field${index}`);
    expect(metrics.operationLabel("query:oneTooMany")).toBe("other");
    expect(metrics.operationLabel("query:field0")).toBe("query:field0");
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
