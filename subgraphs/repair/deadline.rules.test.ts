import { describe, expect, it } from "vitest";
import { statutoryDaysOf } from "../../domain/statutory-holidays";
import { WorkingDayCalendar } from "../../domain/working-days";
import { loadWorkingDayCalendar } from "../../platform/calendar-files";
import {
  confirmedDeadline,
  deadlineOf,
  deadlineOfStep,
  OBJECTION_DEADLINES,
  REPAIR_DEADLINES,
} from "./deadline.rules";

const shipped = loadWorkingDayCalendar().calendar;
/** A 2027 notice (test fixture) that makes Saturday 9 January a working day: ten working days from 28 December end on the 11th. */
const withMakeUpDay = new WorkingDayCalendar([
  ...[2024, 2025, 2026].map((year) => {
    const known = shipped.yearOf(year);
    return {
      year,
      source: known.source,
      holidays: [...known.holidays],
      makeUpWorkdays: [...known.makeUpWorkdays],
    };
  }),
  {
    year: 2027,
    source: "2027 test fixture",
    holidays: statutoryDaysOf(2027).map((day) => day.date),
    makeUpWorkdays: ["2027-01-09"],
  },
]);

describe("deadlines of the objection and repair steps", () => {
  it("pins the periods: review 10 from filing, verification 5, correction made known 3, publicity 5", () => {
    expect(
      Object.fromEntries(
        Object.entries(OBJECTION_DEADLINES).map(([state, rule]) => [state, [rule!.workingDays, rule!.from]]),
      ),
    ).toEqual({
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
    expect(deadlineOf(OBJECTION_DEADLINES, "UNDER_REVIEW", dates, withMakeUpDay)).toEqual({
      dueOn: "2027-01-11",
      provisional: false,
    });
    expect(
      deadlineOfStep(OBJECTION_DEADLINES, "SUBMITTED", "UNDER_REVIEW", dates, "2027-01-12", withMakeUpDay),
    ).toEqual({ dueOn: "2027-01-12", provisional: false });
    // A new period starts afresh: the provider's five days from 4 January (the 9th a make-up Saturday), nothing carried over.
    expect(
      deadlineOfStep(
        OBJECTION_DEADLINES,
        "UNDER_REVIEW",
        "PROVIDER_VERIFYING",
        dates,
        "2027-01-12",
        withMakeUpDay,
      ),
    ).toEqual({ dueOn: "2027-01-09", provisional: false });
  });

  it("confirms a recount at the later of the official and the told date", () => {
    expect(confirmedDeadline("2027-01-12", "2027-01-11")).toBe("2027-01-12");
    expect(confirmedDeadline("2027-01-12", "2027-01-13")).toBe("2027-01-13");
  });
});

/**
 * The working-day numbers of each step, on the shipped (official) calendar, counted by hand from the
 * State Council notices: across the 2025/2026 year end (1-3 January off, Sunday 4 January a make-up
 * working day), the 2026 Spring Festival (15-23 February off; Saturdays 14 and 28 February worked) and
 * National Day (1-7 October off; Saturday 10 October worked).
 */
describe("10 / 5 / 3 / 5 working days across a year end and statutory holidays", () => {
  const START = { yearEnd: "2025-12-29", springFestival: "2026-02-12", nationalDay: "2026-09-29" } as const;
  const DUE: Record<number, Record<keyof typeof START, string>> = {
    3: { yearEnd: "2026-01-04", springFestival: "2026-02-24", nationalDay: "2026-10-09" },
    5: { yearEnd: "2026-01-06", springFestival: "2026-02-26", nationalDay: "2026-10-12" },
    10: { yearEnd: "2026-01-13", springFestival: "2026-03-04", nationalDay: "2026-10-19" },
  };
  const steps = [
    ["objection review (PCIM art. 29)", OBJECTION_DEADLINES, "SUBMITTED", 10],
    ["provider's verification (PCIM art. 29)", OBJECTION_DEADLINES, "PROVIDER_VERIFYING", 5],
    ["correction published and made known (PCIM art. 29, JRP art. 16)", OBJECTION_DEADLINES, "CORRECTED", 3],
    ["appeal decided (house rule)", OBJECTION_DEADLINES, "APPEALED", 10],
    ["provider's written repair opinion (house rule for 「规定期限」)", REPAIR_DEADLINES, "APPLIED", 10],
    ["repair publicity (PCIM art. 32, JRP art. 19)", REPAIR_DEADLINES, "IN_PUBLICITY", 5],
    ["verification of an objection in publicity (house rule)", REPAIR_DEADLINES, "OBJECTED", 5],
  ] as const;
  const rows = steps.flatMap(([step, rules, state, days]) =>
    (Object.keys(START) as Array<keyof typeof START>).map((period) => ({
      step,
      rules: rules as Readonly<
        Partial<Record<string, { workingDays: number; from: "filed_on" | "state_changed_on" }>>
      >,
      state,
      days,
      period,
      from: START[period],
      dueOn: DUE[days]![period],
    })),
  );

  it.each(rows)(
    "$step: $days working days from $from ($period) end on $dueOn",
    ({ rules, state, days, from, dueOn }) => {
      expect(rules[state]!.workingDays).toBe(days);
      expect(deadlineOf(rules, state, { filed_on: from, state_changed_on: from }, shipped)).toEqual({
        dueOn,
        provisional: false,
      });
    },
  );
});
