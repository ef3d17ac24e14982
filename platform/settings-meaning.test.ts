import { describe, expect, it } from "vitest";
import { loadConfig } from "./config";

describe("settings are validated to their meaning", () => {
  it("CREDIT_ALERT_WORKING_HOURS is a span of a day's hours, FROM not after TO (equal: no working hours)", () => {
    expect(
      loadConfig({ NODE_ENV: "test", CREDIT_ALERT_WORKING_HOURS: "8-18" }).rules.alerts.workingHours,
    ).toEqual([8, 18]);
    expect(
      loadConfig({ NODE_ENV: "test", CREDIT_ALERT_WORKING_HOURS: "0-24" }).rules.alerts.workingHours,
    ).toEqual([0, 24]);
    expect(
      loadConfig({ NODE_ENV: "test", CREDIT_ALERT_WORKING_HOURS: "0-0" }).rules.alerts.workingHours,
    ).toEqual([0, 0]);
    for (const refused of ["25-3", "18-8", "9-8", "8-25"]) {
      expect(() => loadConfig({ NODE_ENV: "test", CREDIT_ALERT_WORKING_HOURS: refused }), refused).toThrow(
        /CREDIT_ALERT_WORKING_HOURS: .*0 ≤ FROM ≤ TO ≤ 24/,
      );
    }
  });

  it("CREDIT_METRICS_TOKEN is long enough to be a secret", () => {
    expect(() => loadConfig({ NODE_ENV: "test", CREDIT_METRICS_TOKEN: "short" })).toThrow(
      /CREDIT_METRICS_TOKEN/,
    );
    expect(loadConfig({ NODE_ENV: "test", CREDIT_METRICS_TOKEN: "m".repeat(32) }).metricsToken).toBe(
      "m".repeat(32),
    );
  });
});
