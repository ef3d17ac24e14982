import { describe, expect, it } from "vitest";
import {
  AGE_OF_MAJORITY,
  AGE_OF_SELF_SUPPORT,
  checkCivilCapacity,
  hasFullCivilCapacityOn,
} from "./civil-capacity";

describe("full civil capacity (PCIM art. 2, 民法典 arts. 17-18)", () => {
  it("starts at 18, on the 18th birthday", () => {
    expect(AGE_OF_MAJORITY).toBe(18);
    expect(hasFullCivilCapacityOn("2008-11-18", "2026-11-17", false)).toBe(false);
    expect(hasFullCivilCapacityOn("2008-11-18", "2026-11-18", false)).toBe(true);
    // Born on 29 February: 18 on 1 March of a common year, not on 28 February.
    expect(hasFullCivilCapacityOn("2008-02-29", "2026-02-28", false)).toBe(false);
    expect(hasFullCivilCapacityOn("2008-02-29", "2026-03-01", false)).toBe(true);
  });

  it("starts at 16 for a person living on their own labour income, and never earlier", () => {
    expect(AGE_OF_SELF_SUPPORT).toBe(16);
    expect(hasFullCivilCapacityOn("2010-06-01", "2026-05-31", true)).toBe(false);
    expect(hasFullCivilCapacityOn("2010-06-01", "2026-06-01", true)).toBe(true);
    expect(hasFullCivilCapacityOn("2009-06-01", "2026-11-01", true)).toBe(true);
    expect(hasFullCivilCapacityOn("2009-06-01", "2026-11-01", false)).toBe(false);
  });

  it("names the identifier (whose birth date decides) and the date, offering the attestation only at 16-17", () => {
    const person = (birthDate: string) => ({ kind: "NATURAL_PERSON" as const, birthDate });
    expect(checkCivilCapacity(person("1990-01-01"), "2026-11-01", null, "records[0]", "decidedOn")).toEqual(
      [],
    );
    const [seventeen] = checkCivilCapacity(
      person("2009-06-01"),
      "2026-11-01",
      false,
      "records[0]",
      "decidedOn",
    );
    expect(seventeen).toMatchObject({ field: "records[0].subject.identifier", code: "BAD_USER_INPUT" });
    expect(seventeen!.reason).toContain("was 17 on decidedOn 2026-11-01");
    expect(seventeen!.reason).toContain("subjectLivesOnOwnLabourIncome");
    const [eleven] = checkCivilCapacity(person("2015-03-01"), "2026-11-01", true, "input", "recognizedOn");
    expect(eleven).toMatchObject({ field: "input.subject.identifier" });
    expect(eleven!.reason).not.toContain("subjectLivesOnOwnLabourIncome");
  });

  it("passes organisations, which do not carry the attestation", () => {
    const organisation = { kind: "LEGAL_PERSON" as const, birthDate: null };
    expect(checkCivilCapacity(organisation, "2026-11-01", null, "records[0]", "decidedOn")).toEqual([]);
    expect(checkCivilCapacity(organisation, "2026-11-01", true, "records[0]", "decidedOn")).toEqual([
      expect.objectContaining({ field: "records[0].subjectLivesOnOwnLabourIncome", code: "BAD_USER_INPUT" }),
    ]);
  });
});
