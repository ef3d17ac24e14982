import { describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../../platform/config";
import { ageOn, addMonths } from "../../domain/dates";
import { expiryOf } from "./expiry.rules";

describe("expiry of negative information (PCIM art. 27)", () => {
  it("general: one year; serious, severe, unspecified: three years", () => {
    expect(expiryOf("NEGATIVE", "GENERAL", "2025-03-15", DEFAULT_RULES)).toBe("2026-03-15");
    expect(expiryOf("NEGATIVE", "SERIOUS", "2025-03-15", DEFAULT_RULES)).toBe("2028-03-15");
    expect(expiryOf("NEGATIVE", "SEVERE", "2025-03-15", DEFAULT_RULES)).toBe("2028-03-15");
    expect(expiryOf("NEGATIVE", null, "2025-03-15", DEFAULT_RULES)).toBe("2028-03-15");
  });

  it("other categories do not expire", () => {
    expect(expiryOf("POSITIVE", null, "2025-03-15", DEFAULT_RULES)).toBeNull();
    expect(expiryOf("BASIC", null, "2025-03-15", DEFAULT_RULES)).toBeNull();
  });

  it("follows configured periods (e.g. 3 months for minor items under later rules)", () => {
    const rules = { ...DEFAULT_RULES, expiryMonths: { ...DEFAULT_RULES.expiryMonths, GENERAL: 3 } };
    expect(expiryOf("NEGATIVE", "GENERAL", "2025-11-30", rules)).toBe("2026-02-28");
  });

  it("counts months and ages on the calendar", () => {
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(ageOn("1990-06-15", "2026-06-14")).toBe(35);
    expect(ageOn("1990-06-15", "2026-06-15")).toBe(36);
  });
});
