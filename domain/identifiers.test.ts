import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  birthDateOfCitizenId,
  checkIdentifier,
  citizenIdCheckCharacter,
  maskCitizenId,
  regionOfUscc,
  sexOfCitizenId,
  usccCheckCharacter,
} from "./identifiers";

/** The day these checks run on (birth dates after it are refused). */
const TODAY = "2026-12-01";

describe("citizen ID (GB 11643)", () => {
  it("accepts the standard's published example and derives birth date and sex", () => {
    const check = checkIdentifier("11010519491231002X", undefined, TODAY);
    expect(check).toEqual({ valid: true, kind: "CITIZEN_ID", identifier: "11010519491231002X" });
    expect(birthDateOfCitizenId("11010519491231002X")).toBe("1949-12-31");
    expect(sexOfCitizenId("11010519491231002X")).toBe("FEMALE");
  });

  it("normalizes a lower-case x and surrounding space", () => {
    expect(checkIdentifier(" 11010519491231002x ", undefined, TODAY)).toMatchObject({
      valid: true,
      identifier: "11010519491231002X",
    });
  });

  it("names the broken rule", () => {
    expect(checkIdentifier("110105194912310021", undefined, TODAY)).toMatchObject({
      valid: false,
      rule: expect.stringMatching(/MOD 11-2/),
    });
    expect(checkIdentifier("110105194902300021", undefined, TODAY)).toMatchObject({
      valid: false,
      rule: expect.stringMatching(/birth date/),
    });
    expect(checkIdentifier("110105194902300021", "CITIZEN_ID", TODAY)).toMatchObject({
      rule: expect.stringMatching(/birth date/),
    });
    expect(checkIdentifier("1101051949", undefined, TODAY)).toMatchObject({
      valid: false,
      rule: expect.stringMatching(/18 characters/),
    });
  });

  it("masks as first 6, eight stars, last 4", () => {
    expect(maskCitizenId("11010519491231002X")).toBe("110105********002X");
  });
});

describe("unified social credit code (GB 32100)", () => {
  it("accepts a known-valid code and reads its region", () => {
    expect(checkIdentifier("91350100M000100Y43", undefined, TODAY)).toMatchObject({
      valid: true,
      kind: "USCC",
    });
    expect(regionOfUscc("91350100M000100Y43")).toBe("350100");
  });

  it("accepts an all-digit code when no kind is expected, and only as a USCC", () => {
    const allDigits = "91320100716294567";
    const code = allDigits + usccCheckCharacter(allDigits);
    expect(checkIdentifier(code, undefined, TODAY)).toMatchObject({ valid: true, kind: "USCC" });
    expect(checkIdentifier(code, "CITIZEN_ID", TODAY).valid).toBe(false);
  });

  it("refuses letters outside the alphabet by name", () => {
    expect(checkIdentifier("91350100M000100I43", undefined, TODAY)).toMatchObject({
      valid: false,
      rule: expect.stringContaining('"I"'),
    });
  });
});

const digits = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length });
const validCitizenId = fc
  .tuple(
    digits(6),
    fc.date({ min: new Date("1920-01-01"), max: new Date("2020-12-31"), noInvalidDate: true }),
    digits(3),
  )
  .map(([region, birth, sequence]) => {
    const first17 = `${region.join("")}${birth.toISOString().slice(0, 10).replaceAll("-", "")}${sequence.join("")}`;
    return first17 + citizenIdCheckCharacter(first17);
  });
const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const validUscc = fc
  .array(fc.constantFrom(...USCC_ALPHABET), { minLength: 17, maxLength: 17 })
  .map((characters) => characters.join("") + usccCheckCharacter(characters.join("")));

describe("property: checksums catch every single-character change", () => {
  it("every generated citizen ID passes", () => {
    fc.assert(fc.property(validCitizenId, (id) => checkIdentifier(id, "CITIZEN_ID", TODAY).valid));
  });
  it("every generated USCC passes", () => {
    fc.assert(
      fc.property(
        validUscc,
        (code) => checkIdentifier(code, "USCC", TODAY).valid && checkIdentifier(code, undefined, TODAY).valid,
      ),
    );
  });
  it("changing one character of a citizen ID makes it fail", () => {
    fc.assert(
      fc.property(
        validCitizenId,
        fc.nat(17),
        fc.constantFrom(..."0123456789X"),
        (id, position, replacement) => {
          fc.pre(id[position] !== replacement);
          return !checkIdentifier(
            id.slice(0, position) + replacement + id.slice(position + 1),
            "CITIZEN_ID",
            TODAY,
          ).valid;
        },
      ),
    );
  });
  it("changing one character of a USCC makes it fail", () => {
    fc.assert(
      fc.property(validUscc, fc.nat(17), fc.constantFrom(...USCC_ALPHABET), (code, position, replacement) => {
        fc.pre(code[position] !== replacement);
        return !checkIdentifier(
          code.slice(0, position) + replacement + code.slice(position + 1),
          "USCC",
          TODAY,
        ).valid;
      }),
    );
  });
});
