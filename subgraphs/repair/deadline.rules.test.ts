import { describe, expect, it } from "vitest";
import { statutoryDaysOf } from "../../domain/statutory-holidays";
import { WorkingDayCalendar } from "../../domain/working-days";
import { loadWorkingDayCalendar } from "../../platform/calendar-files";
import { confirmedDeadline, deadlineOf, deadlineOfStep, OBJECTION_DEADLINES, REPAIR_DEADLINES } from "./deadline.rules";

const shipped = loadWorkingDayCalendar().calendar;
/** A 2027 notice (test fixture) that makes Saturday 9 January a working day: ten working days from 28 December end on the 11th. */
const withMakeUpDay = new WorkingDayCalendar([
  ...[2024, 2025, 2026].map((year) => {
    const known = shipped.yearOf(year);
    return { year, source: known.source, holidays: [...known.holidays], makeUpWorkdays: [...known.makeUpWorkdays] };
  }),
  { year: 2027, source: "2027 test fixture", holidays: statutoryDaysOf(2027).map((day) => day.date), makeUpWorkdays: ["2027-01-09"] },
]);

describe("deadlines of the objection and repair steps", () => {
  it("pins the periods: review 10 from filing, verification 5, correction made known 3, publicity 5", () => {
    expect(Object.fromEntries(Object.entries(OBJECTION_DEADLINES).map(([state, rule]) => [state, [rule!.workingDays, rule!.from]]))).toEqual({
      SUBMITTED: [10, "filed_on"],
      UNDER_REVIEW: [10, "filed_on"],
      PROVIDER_VERIFYING: [5, "state_changed_on"],
      CORRECTED: [3, "state_changed_on"],
      // House rule: the text (PCIM art. 30) sets no period for the appeal.
      APPEALED: [10, "state_changed_on"],
    });
    expect(REPAIR_DEADLINES).toEqual({
      // House rule for 「在规定期限内」 (PCIM art. 32): the provider's written opinion.
      APPLIED: { workingDays: 10, from: "state_changed_on" },
      IN_PUBLICITY: { workingDays: 5, from: "state_changed_on" },
      // House rule, as art. 29's verification: the provider verifies an objection raised in publicity.
      OBJECTED: { workingDays: 5, from: "state_changed_on" },
    });
    expect(deadlineOf(OBJECTION_DEADLINES, "UPHELD", { state_changed_on: "2026-11-18" }, shipped)).toBeNull();
  });

  it("keeps the review date already told when the next step recounts it with a notice that makes it earlier", () => {
    const dates = { filed_on: "2026-12-28", state_changed_on: "2027-01-04" };
    expect(deadlineOf(OBJECTION_DEADLINES, "UNDER_REVIEW", dates, withMakeUpDay)).toEqual({ dueOn: "2027-01-11", provisional: false });
    expect(deadlineOfStep(OBJECTION_DEADLINES, "SUBMITTED", "UNDER_REVIEW", dates, "2027-01-12", withMakeUpDay)).toEqual({ dueOn: "2027-01-12", provisional: false });
    // A new period starts afresh: the provider's five days from 4 January (the 9th a make-up Saturday), nothing carried over.
    expect(deadlineOfStep(OBJECTION_DEADLINES, "UNDER_REVIEW", "PROVIDER_VERIFYING", dates, "2027-01-12", withMakeUpDay)).toEqual({ dueOn: "2027-01-09", provisional: false });
  });

  it("confirms a recount at the later of the official and the told date", () => {
    expect(confirmedDeadline("2027-01-12", "2027-01-11")).toBe("2027-01-12");
    expect(confirmedDeadline("2027-01-12", "2027-01-13")).toBe("2027-01-13");
  });
});
