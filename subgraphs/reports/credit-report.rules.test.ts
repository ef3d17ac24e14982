import { describe, expect, it } from "vitest";
import {
  compareReportItems,
  generateVerificationCode,
  normalizeVerificationCode,
  reportTiers,
} from "./credit-report.rules";

const record = (id: string, title = "行政处罚") => ({
  id,
  category: "NEGATIVE" as const,
  kind: "ADMINISTRATIVE_PENALTY",
  severity: null,
  tier: "PUBLIC" as const,
  title,
  provider: "HA-SAMR",
  decidedOn: "2026-01-01",
  expiresOn: null,
});

describe("credit report rules", () => {
  it("makes codes that read back as themselves, and reads typed variants", () => {
    const codes = new Set(Array.from({ length: 200 }, generateVerificationCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(normalizeVerificationCode(code)).toBe(code);
    expect(normalizeVerificationCode("abcd efgh 0o1l")).toBe("ABCD-EFGH-0011");
    expect(normalizeVerificationCode("ABCD-EFGH-123")).toBeNull();
    expect(normalizeVerificationCode("ABCD-EFGH-123U")).toBeNull();
  });

  it("always shows the public tier, in a fixed order", () => {
    expect(reportTiers(undefined)).toEqual(["PUBLIC"]);
    expect(reportTiers(["AUTHORIZED", "PUBLIC", "GOVERNMENT"])).toEqual([
      "PUBLIC",
      "GOVERNMENT",
      "AUTHORIZED",
    ]);
  });

  it("names the report's own items that changed, and a new item only by the flag", () => {
    const issued = { records: [record("a"), record("b")], listEntries: [], workflows: [] };
    expect(compareReportItems(issued, issued)).toEqual({ changedSinceIssue: false, changedItemIds: [] });
    expect(compareReportItems(issued, { ...issued, records: [record("a", "已更正"), record("b")] })).toEqual({
      changedSinceIssue: true,
      changedItemIds: ["a"],
    });
    expect(compareReportItems(issued, { ...issued, records: [record("b")] })).toEqual({
      changedSinceIssue: true,
      changedItemIds: ["a"],
    });
    expect(compareReportItems(issued, { ...issued, records: [...issued.records, record("new")] })).toEqual({
      changedSinceIssue: true,
      changedItemIds: [],
    });
  });
});
