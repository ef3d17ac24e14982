import { describe, expect, it } from "vitest";
import { decideScreening, undecidableScreening } from "./screening";

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
