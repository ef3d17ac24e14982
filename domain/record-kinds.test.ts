import { describe, expect, it } from "vitest";
import { catalogueTierOf, RECORD_KINDS, TIERS_WIDEST_FIRST, tiersAllowedBy } from "./record-kinds";

const kind = (code: string) => RECORD_KINDS.find((candidate) => candidate.code === code)!;

describe("catalogue tiers (PCIM arts. 8, 18)", () => {
  it("orders the tiers from the widest: PUBLIC → GOVERNMENT → AUTHORIZED", () => {
    expect(TIERS_WIDEST_FIRST).toEqual(["PUBLIC", "GOVERNMENT", "AUTHORIZED"]);
  });

  it("allows the catalogue tier and the stricter ones, never a wider one", () => {
    expect(tiersAllowedBy("PUBLIC")).toEqual(["PUBLIC", "GOVERNMENT", "AUTHORIZED"]);
    expect(tiersAllowedBy("GOVERNMENT")).toEqual(["GOVERNMENT", "AUTHORIZED"]);
    expect(tiersAllowedBy("AUTHORIZED")).toEqual(["AUTHORIZED"]);
  });

  it("makes every kind of a natural person's basic information AUTHORIZED, and leaves other kinds and organisations at the kind's tier", () => {
    for (const each of RECORD_KINDS) {
      expect(catalogueTierOf(each, "NATURAL_PERSON"), each.code).toBe(
        each.category === "BASIC" ? "AUTHORIZED" : each.defaultTier,
      );
      expect(catalogueTierOf(each, "LEGAL_PERSON"), each.code).toBe(each.defaultTier);
      expect(catalogueTierOf(each, "OTHER_ORGANIZATION"), each.code).toBe(each.defaultTier);
    }
    expect(catalogueTierOf(kind("QUALIFICATION"), "NATURAL_PERSON")).toBe("AUTHORIZED");
    expect(kind("PERSON_REGISTRATION").defaultTier).toBe("AUTHORIZED");
  });
});
