import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonths, addYears, ageOn, chinaDateOf, parseQuarter, quarterOf } from "./dates";

const day = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2199-12-31T00:00:00Z"), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const isCalendarDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

describe("dates (property tests)", () => {
  it("addYears and addMonths always give a calendar date, clamped to the month's end, never past it", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -50, max: 50 }), (date, count) => {
        for (const result of [addYears(date, count), addMonths(date, count)]) {
          expect(isCalendarDate(result)).toBe(true);
          expect(Number(result.slice(8))).toBeLessThanOrEqual(Number(date.slice(8)));
        }
        expect(Number(addYears(date, count).slice(0, 4))).toBe(Number(date.slice(0, 4)) + count);
        expect(addYears(date, count).slice(5, 7)).toBe(date.slice(5, 7));
      }),
    );
  });

  it("adding months moves forward in order: a later start never gives an earlier end", () => {
    fc.assert(
      fc.property(day, day, fc.integer({ min: 0, max: 120 }), (a, b, months) =>
        a <= b ? addMonths(a, months) <= addMonths(b, months) : true,
      ),
    );
  });

  it("ageOn is whole years, one more on the birthday than the day before", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 100 }), (birth, years) => {
        const birthday = addYears(birth, years);
        if (birthday.slice(5) !== birth.slice(5)) return; // 29 February births
        expect(ageOn(birth, birthday)).toBe(years);
        const dayBefore = new Date(Date.parse(`${birthday}T00:00:00Z`) - 86_400_000)
          .toISOString()
          .slice(0, 10);
        expect(ageOn(birth, dayBefore)).toBe(years - 1);
      }),
    );
  });

  it("chinaDateOf is the UTC+8 calendar day of any instant", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1970-01-01"), max: new Date("2199-01-01"), noInvalidDate: true }),
        (instant) => {
          expect(chinaDateOf(instant)).toBe(
            new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
          );
        },
      ),
    );
  });
});

describe("quarters", () => {
  it("run from the first day of their first month to the last day of their third, in China dates", () => {
    expect(parseQuarter("2026Q4")).toEqual({ name: "2026Q4", from: "2026-10-01", to: "2026-12-31" });
    expect(parseQuarter("2028Q1")).toEqual({ name: "2028Q1", from: "2028-01-01", to: "2028-03-31" });
    expect(quarterOf(chinaDateOf(new Date("2026-12-31T16:30:00Z")))).toMatchObject({ name: "2027Q1" });
    for (const name of ["2026Q5", "2026Q0", "2026-Q4", "26Q1", ""]) expect(parseQuarter(name)).toBeNull();
  });
});
