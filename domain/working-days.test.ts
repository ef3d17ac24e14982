import { describe, expect, it } from "vitest";
import { MissingCalendarError, WorkingDayCalendar } from "./working-days";

const calendar = new WorkingDayCalendar();

describe("working days (State Council calendars 2024-2026)", () => {
  it("skips the 2025 National Day break and counts its make-up Saturday", () => {
    expect(calendar.isWorkingDay("2025-09-28")).toBe(true); // Sunday, make-up working day
    expect(calendar.isWorkingDay("2025-10-01")).toBe(false);
    expect(calendar.isWorkingDay("2025-10-08")).toBe(false);
    expect(calendar.isWorkingDay("2025-10-11")).toBe(true); // Saturday, make-up working day
    // Filed Tuesday 30 September 2025: ten working days run 9, 10, 11 (Sat), 13 … 17, 20, 21 October.
    expect(calendar.addWorkingDays("2025-09-30", 10)).toBe("2025-10-21");
    expect(calendar.addWorkingDays("2025-09-26", 1)).toBe("2025-09-28");
  });

  it("handles the 2024 Spring Festival with its two make-up Sundays", () => {
    expect(calendar.isWorkingDay("2024-02-04")).toBe(true);
    expect(calendar.isWorkingDay("2024-02-18")).toBe(true);
    // 9 February (New Year's Eve) is a working day by the notice; then 18 (Sunday), 19, 20, 21.
    expect(calendar.addWorkingDays("2024-02-08", 5)).toBe("2024-02-21");
    expect(calendar.workingDaysBetween("2024-02-08", "2024-02-21")).toBe(5);
  });

  it("handles the 2026 Spring Festival (nine days) and the 2026 New Year make-up Sunday", () => {
    expect(calendar.isWorkingDay("2026-01-04")).toBe(true);
    expect(calendar.isWorkingDay("2026-02-23")).toBe(false);
    expect(calendar.addWorkingDays("2026-02-13", 3)).toBe("2026-02-25");
  });

  it("counts plain weeks as five working days", () => {
    expect(calendar.addWorkingDays("2026-11-20", 5)).toBe("2026-11-27");
    expect(calendar.workingDaysBetween("2026-11-20", "2026-11-27")).toBe(5);
  });

  it("refuses to guess a year without a calendar file", () => {
    expect(() => calendar.addWorkingDays("2026-12-28", 10)).toThrow(MissingCalendarError);
    expect(() => calendar.isWorkingDay("2023-06-01")).toThrow(/no working-day calendar for 2023/);
  });
});
