import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkIdentifier } from "../../domain/identifiers";
import { identifierProblem } from "../../portal/pages/organisations/identifier-check";
import { checkLines } from "../../portal/pages/organisations/screening-lines";
import { citizenId, uscc } from "../fixtures";

/** The portal reads identifiers by the service's rule: it accepts exactly what the service accepts (it decides what is sent). */
describe("the portal's identifier check", () => {
  it("accepts exactly what the service accepts, for valid identifiers and one-character slips", () => {
    const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXYIOZSV";
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9_999_999 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...alphabet),
        (n, person, position, character) => {
          const valid = person ? citizenId(n % 1000) : uscc(n);
          const slipped = valid.slice(0, position) + character + valid.slice(position + 1);
          for (const identifier of [valid, slipped]) {
            expect(identifierProblem(identifier) === null).toBe(
              checkIdentifier(identifier, undefined, "9999-12-31").valid,
            );
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("never lets an unreadable line through as an identifier to screen", () => {
    const { lines } = checkLines(
      [
        uscc(1),
        "",
        ` ${uscc(2)}\u200b`,
        uscc(1).toLowerCase(),
        `${uscc(3)}X`,
        uscc(4).slice(0, 17),
        `"${uscc(5)}",x`,
      ].join("\n"),
    );
    expect(lines.map((line) => (line.valid ? line.identifier : line.problem))).toEqual([
      uscc(1),
      "EMPTY",
      "INVISIBLE_CHARACTER",
      "DUPLICATE",
      "TOO_LONG",
      "TOO_SHORT",
      uscc(5),
    ]);
  });
});
