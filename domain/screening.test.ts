import { describe, expect, it } from "vitest";
import { DEFAULT_MEASURES_FILE } from "../db/seed/reference-data";
import { readMeasureCatalog } from "./measure-catalog";
import { decideScreening, undecidableScreening, type ScreeningEntry } from "./screening";

describe("screening decisions that must not fail open (CONTRACT.md)", () => {
  it("gives an identifier that cannot be screened REVIEW with its error, never PASS", () => {
    expect(undecidableScreening("a citizen ID is 17 digits and a check digit or X")).toEqual({
      decision: "REVIEW",
      reasons: [expect.stringContaining("cannot be screened")],
      measures: [],
      error: "INVALID_IDENTIFIER: a citizen ID is 17 digits and a check digit or X",
    });
  });

  it("answers a subject without entries in the one wording, file or no file", () => {
    expect(decideScreening([], [], [], "ADMINISTRATIVE_LICENSING", "2026-12-01", false)).toEqual({
      decision: "PASS",
      reasons: ["无红黑名单记录 (no red or black list entry in force)"],
      measures: [],
    });
  });
});

describe("the strictest decision wins", () => {
  it("lets BLOCK win over GREEN_CHANNEL when entries of both lists are in force", async () => {
    const catalog = await readMeasureCatalog(DEFAULT_MEASURES_FILE);
    const entry = (list: "RED" | "BLACK", grounds: string): ScreeningEntry => ({
      list,
      status: "ACTIVE",
      grounds,
      recognizedBy: "HA-X",
      recognizedOn: "2026-11-01",
      documentNumber: `${list}-1`,
      validUntil: "2027-11-01",
      statusChangedOn: null,
    });
    const both = decideScreening([entry("RED", "R04_COUNTY_HONOUR"), entry("BLACK", "B07_REFUSE_JUDGEMENT")], [], catalog, "PUBLIC_RESOURCE_TRADING", "2026-12-01", false);
    expect(both.decision).toBe("BLOCK");
    expect(both.measures.map((measure) => measure.decision)).toEqual(expect.arrayContaining(["BLOCK", "GREEN_CHANNEL"]));
  });
});
