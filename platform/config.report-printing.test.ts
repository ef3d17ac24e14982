import { describe, expect, it } from "vitest";
import { loadConfig } from "./config";

describe("credit-report printing and body charge settings", () => {
  it("a report's own deadline falls at least a second before the gateway stops waiting for the subgraph", () => {
    expect(loadConfig({ NODE_ENV: "development" }).reportPrinting.timeoutMs).toBe(8_000);
    expect(
      loadConfig({ NODE_ENV: "development", CREDIT_SUBGRAPH_TIMEOUT_MS: "5000" }).reportPrinting.timeoutMs,
    ).toBe(3_000);
    expect(
      loadConfig({
        NODE_ENV: "development",
        CREDIT_SUBGRAPH_TIMEOUT_MS: "5000",
        CREDIT_REPORT_TIMEOUT_MS: "4000",
      }).reportPrinting.timeoutMs,
    ).toBe(4_000);
    for (const refused of ["4001", "5000", "60000"]) {
      expect(
        () =>
          loadConfig({
            NODE_ENV: "development",
            CREDIT_SUBGRAPH_TIMEOUT_MS: "5000",
            CREDIT_REPORT_TIMEOUT_MS: refused,
          }),
        refused,
      ).toThrow(/CREDIT_REPORT_TIMEOUT_MS: must be at least 1000 ms less than CREDIT_SUBGRAPH_TIMEOUT_MS/);
    }
  });

  it("workers, queue, weight and the body charge are whole numbers in range", () => {
    const config = loadConfig({
      NODE_ENV: "development",
      CREDIT_REPORT_WORKERS: "3",
      CREDIT_REPORT_QUEUE: "0",
      CREDIT_REPORT_WEIGHT_PER_HOUR: "900",
      CREDIT_BODY_BYTES_PER_UNIT: "4096",
    });
    expect(config.reportPrinting).toMatchObject({ workers: 3, queue: 0 });
    expect(config.rules.reportWeightPerHour).toBe(900);
    expect(config.bodyBytesPerUnit).toBe(4_096);
    expect(loadConfig({ NODE_ENV: "development" }).reportPrinting.workers).toBeGreaterThanOrEqual(1);
    expect(loadConfig({ NODE_ENV: "development" }).reportPrinting.workers).toBeLessThanOrEqual(2);
    for (const [name, value] of [
      ["CREDIT_REPORT_WORKERS", "0"],
      ["CREDIT_REPORT_QUEUE", "-1"],
      ["CREDIT_REPORT_WEIGHT_PER_HOUR", "0"],
      ["CREDIT_BODY_BYTES_PER_UNIT", "1.5"],
    ] as const) {
      expect(() => loadConfig({ NODE_ENV: "development", [name]: value }), name).toThrow(new RegExp(name));
    }
  });
});
