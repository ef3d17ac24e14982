import { readFileSync } from "node:fs";
import { HolidayUtil } from "lunar-typescript";
import { describe, expect, it } from "vitest";
import { loadWorkingDayCalendar } from "../platform/calendar-files";
import { statutoryDaysOf } from "./statutory-holidays";
import { isWeekend } from "./dates";
import {
  checkYearArrangement,
  nextYearCalendarWarning,
  WorkingDayCalendar,
  type YearArrangement,
} from "./working-days";

const { calendar, refused } = loadWorkingDayCalendar();
const official = (date: string, n: number) => ({
  dueOn: calendar.addWorkingDays(date, n).dueOn,
  provisional: calendar.addWorkingDays(date, n).provisional,
});
const arrangementOf = (year: number) =>
  JSON.parse(
    readFileSync(new URL(`../data/calendar/${year}.json`, import.meta.url), "utf8"),
  ) as YearArrangement;

describe("working days in official years (State Council notices 2024-2026)", () => {
  it("loads every shipped notice and refuses none", () => {
    expect(refused).toEqual([]);
    for (const year of [2024, 2025, 2026])
      expect(calendar.yearOf(year)).toMatchObject({
        official: true,
        source: expect.stringContaining(String(year)),
      });
  });

  it("skips the 2025 National Day break and counts its make-up Saturday", () => {
    expect(calendar.isWorkingDay("2025-09-28")).toBe(true); // Sunday, make-up working day
    expect(calendar.isWorkingDay("2025-10-01")).toBe(false);
    expect(calendar.isWorkingDay("2025-10-08")).toBe(false);
    expect(calendar.isWorkingDay("2025-10-11")).toBe(true); // Saturday, make-up working day
    // Filed Tuesday 30 September 2025: ten working days run 9, 10, 11 (Sat), 13 … 17, 20, 21 October.
    expect(official("2025-09-30", 10)).toEqual({ dueOn: "2025-10-21", provisional: false });
    expect(official("2025-09-26", 1)).toEqual({ dueOn: "2025-09-28", provisional: false });
  });

  it("handles the 2024 Spring Festival with its two make-up Sundays", () => {
    expect(calendar.isWorkingDay("2024-02-04")).toBe(true);
    expect(calendar.isWorkingDay("2024-02-18")).toBe(true);
    // 9 February (New Year's Eve) is a working day by the notice; then 18 (Sunday), 19, 20, 21.
    expect(official("2024-02-08", 5).dueOn).toBe("2024-02-21");
    expect(calendar.workingDaysBetween("2024-02-08", "2024-02-21")).toBe(5);
  });

  it("pins 10 / 5 / 3 working days across the 2026 Spring Festival (nine days, make-up Saturdays 14 and 28 February)", () => {
    expect(calendar.isWorkingDay("2026-01-04")).toBe(true);
    expect(calendar.isWorkingDay("2026-02-23")).toBe(false);
    expect(official("2026-02-13", 10)).toEqual({ dueOn: "2026-03-05", provisional: false });
    expect(official("2026-02-13", 5)).toEqual({ dueOn: "2026-02-27", provisional: false });
    expect(official("2026-02-13", 3)).toEqual({ dueOn: "2026-02-25", provisional: false });
  });

  it("pins 10 / 5 / 3 working days across the 2026 Mid-Autumn and National Day breaks (make-up Sunday 20 September, Saturday 10 October)", () => {
    expect(official("2026-09-18", 10)).toEqual({ dueOn: "2026-10-09", provisional: false });
    expect(official("2026-09-24", 5)).toEqual({ dueOn: "2026-10-09", provisional: false });
    expect(official("2026-09-30", 3)).toEqual({ dueOn: "2026-10-10", provisional: false });
  });

  it("counts plain weeks as five working days", () => {
    expect(official("2026-11-20", 5)).toEqual({ dueOn: "2026-11-27", provisional: false });
    expect(calendar.workingDaysBetween("2026-11-20", "2026-11-27")).toBe(5);
  });
});

describe("working days in a provisional year (no notice loaded: the 办法's holidays only)", () => {
  it("never refuses a date: a year without a notice is computed and marked provisional", () => {
    expect(calendar.yearOf(2027)).toMatchObject({
      official: false,
      source: expect.stringContaining("provisional"),
    });
    expect(calendar.yearOf(2023).official).toBe(false);
    expect(() => calendar.addWorkingDays("2099-12-28", 10)).not.toThrow();
  });

  it("pins 10 / 5 / 3 working days and the 5 of repair publicity across the 2026 year end, skipping 1 January 2027 and the weekends", () => {
    expect(official("2026-12-28", 10)).toEqual({ dueOn: "2027-01-12", provisional: true });
    expect(official("2026-12-28", 5)).toEqual({ dueOn: "2027-01-05", provisional: true });
    // Even within 2026: the 2027 notice may still put the last days of December into its New Year break.
    expect(official("2026-12-28", 3)).toEqual({ dueOn: "2026-12-31", provisional: true });
    expect(official("2026-12-14", 5)).toEqual({ dueOn: "2026-12-21", provisional: false });
    expect(official("2026-12-25", 5)).toEqual({ dueOn: "2027-01-04", provisional: true });
    expect(official("2026-12-18", 10)).toEqual({ dueOn: "2027-01-04", provisional: true });
  });

  it("pins the 2027 Spring Festival: 除夕 to 初三 (5-8 February) off, and the Saturday and Sunday among them owe 9 and 10 February (art. 6)", () => {
    for (const date of ["2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10"])
      expect(calendar.isWorkingDay(date)).toBe(false);
    expect(official("2027-02-04", 3)).toEqual({ dueOn: "2027-02-15", provisional: true });
    expect(official("2027-02-04", 5)).toEqual({ dueOn: "2027-02-17", provisional: true });
    expect(official("2027-02-04", 10)).toEqual({ dueOn: "2027-02-24", provisional: true });
  });

  it("pins the 2027 National Day: 1-3 October off, the weekend among them owing 4 and 5 October", () => {
    expect(official("2027-09-30", 3)).toEqual({ dueOn: "2027-10-08", provisional: true });
    expect(official("2027-09-30", 5)).toEqual({ dueOn: "2027-10-12", provisional: true });
    expect(official("2027-09-30", 10)).toEqual({ dueOn: "2027-10-19", provisional: true });
  });

  it("becomes official, and only later, when the notice is loaded", () => {
    // A notice for 2027 as the State Council might publish one (a test fixture, not data): 1-3 January off.
    const withNotice = new WorkingDayCalendar([
      ...[2024, 2025, 2026].map(arrangementOf),
      {
        year: 2027,
        source: "test fixture",
        holidays: [...statutoryDaysOf(2027).map((day) => day.date), "2027-01-02", "2027-01-03"],
        makeUpWorkdays: [],
      },
    ]);
    expect(withNotice.addWorkingDays("2026-12-28", 10)).toEqual({ dueOn: "2027-01-12", provisional: false });
  });
});

describe("the statutory holidays (《全国年节及纪念日放假办法》)", () => {
  it("lie inside each official notice of 2024-2026, under the version of the 办法 in force that year", () => {
    for (const year of [2024, 2025, 2026]) expect(checkYearArrangement(arrangementOf(year))).toEqual([]);
    expect(
      statutoryDaysOf(2024)
        .filter((day) => day.festival === "春节" && !day.inLieu)
        .map((day) => day.date),
    ).toEqual(["2024-02-10", "2024-02-11", "2024-02-12"]);
    expect(
      statutoryDaysOf(2025)
        .filter((day) => day.festival === "春节")
        .map((day) => day.date),
    ).toEqual(["2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"]);
    expect(statutoryDaysOf(2026).filter((day) => !day.inLieu)).toHaveLength(13);
    expect(statutoryDaysOf(2026).find((day) => day.festival === "清明节")!.date).toBe("2026-04-05");
  });

  it("agree day by day with lunar-typescript's own table of the notices 2024-2026 (checked before trusting its lunar dates)", () => {
    for (const year of [2024, 2025, 2026]) {
      const disagreements: string[] = [];
      for (
        let day = new Date(Date.UTC(year, 0, 1));
        day.getUTCFullYear() === year;
        day = new Date(day.getTime() + 86_400_000)
      ) {
        const date = day.toISOString().slice(0, 10);
        const listed = HolidayUtil.getHoliday(date);
        const libraryWorks = listed ? listed.isWork() : day.getUTCDay() !== 0 && day.getUTCDay() !== 6;
        if (libraryWorks !== calendar.isWorkingDay(date)) disagreements.push(date);
      }
      expect(disagreements, String(year)).toEqual([]);
    }
  });
});

describe("checking a notice before it is loaded", () => {
  const good = arrangementOf(2026);

  it("names each wrong date", () => {
    expect(checkYearArrangement({ ...good, makeUpWorkdays: [...good.makeUpWorkdays, "2026-03-03"] })).toEqual(
      ["2026-03-03: a make-up working day must be a Saturday or Sunday"],
    );
    expect(checkYearArrangement({ ...good, holidays: [...good.holidays, "2027-01-01"] })).toEqual([
      "2027-01-01: in holidays, not in 2026 (nor in the New Year break from 2025-12-25)",
    ]);
    expect(checkYearArrangement({ ...good, holidays: [...good.holidays, "2025-12-20"] })).toEqual([
      "2025-12-20: in holidays, not in 2026 (nor in the New Year break from 2025-12-25)",
    ]);
    expect(checkYearArrangement({ ...good, holidays: [...good.holidays, "2026-02-30"] })).toEqual([
      "2026-02-30: in holidays, not a real date written YYYY-MM-DD",
    ]);
    expect(checkYearArrangement({ ...good, holidays: [...good.holidays, "2026-01-01"] })).toEqual([
      "2026-01-01: listed twice",
    ]);
    expect(checkYearArrangement({ ...good, source: "国务院办公厅关于部分节假日安排的通知" })).toEqual([
      "source: name the State Council's notice for 2026 and its number",
    ]);
  });

  it("refuses a year of holidays: more than 5 extra weekdays off is a typing error, not a notice", () => {
    const everyDay = Array.from({ length: 365 }, (_, index) =>
      new Date(Date.UTC(2026, 0, 1 + index)).toISOString().slice(0, 10),
    );
    expect(checkYearArrangement({ ...good, holidays: everyDay, makeUpWorkdays: [] })).toEqual([
      "2026: 261 weekdays off net of make-up days, more than 5 beyond the 13 festival days of the 办法: check the file against the notice",
    ]);
    const sixMore = ["2026-07-13", "2026-07-14", "2026-07-15", "2026-07-16", "2026-07-17", "2026-07-20"];
    expect(checkYearArrangement({ ...good, holidays: [...good.holidays, ...sixMore.slice(0, 5)] })).toEqual(
      [],
    );
    expect(checkYearArrangement({ ...good, holidays: [...good.holidays, ...sixMore] })).toEqual([
      expect.stringMatching(/^2026: 19 weekdays off net of make-up days, more than 5 beyond/),
    ]);
  });

  it("accepts every notice of 2008-2026 in lunar-typescript's table, under the version of the 办法 then in force", () => {
    for (let year = 2008; year <= 2026; year += 1) {
      // The table files a day under its holiday's year (the New Year break of 2019 begins 2018-12-30) and
      // marks some ordinary weekdays as working days, which a notice never lists.
      const table = [...HolidayUtil.getHolidays(year), ...HolidayUtil.getHolidays(year - 1)].filter(
        (holiday) => holiday.getTarget().startsWith(`${year}-`),
      );
      const arrangement = {
        year,
        source: `国务院办公厅关于${year}年部分节假日安排的通知`,
        holidays: table.filter((holiday) => !holiday.isWork()).map((holiday) => holiday.getDay()),
        makeUpWorkdays: table
          .filter((holiday) => holiday.isWork() && isWeekend(holiday.getDay()))
          .map((holiday) => holiday.getDay()),
      };
      expect(checkYearArrangement(arrangement), String(year)).toEqual([]);
    }
  });

  it("refuses a notice that drops a statutory day or the weekday owed for one on a weekend", () => {
    expect(
      checkYearArrangement({ ...good, holidays: good.holidays.filter((date) => date !== "2026-10-02") }),
    ).toEqual([
      "2026-10-02: 国庆节 is a statutory holiday (《全国年节及纪念日放假办法》2024年11月修订（2025年1月1日起施行）) but is not among the holidays",
      "2026: 12 weekdays off net of make-up days, fewer than the 13 festival days of the 办法 (a festival day on a weekend owes a weekday in lieu)",
    ]);
    expect(
      checkYearArrangement({ ...good, holidays: good.holidays.filter((date) => date !== "2026-04-06") })[0],
    ).toMatch(/^2026: 12 weekdays off/);
  });

  it("asks a weekday in lieu when 中秋 falls on 国庆, as the 2020 notice gave (eight days)", () => {
    const days2028 = statutoryDaysOf(2028);
    expect(
      days2028.filter((day) => day.date >= "2028-10-01").map((day) => `${day.date}${day.inLieu ? "*" : ""}`),
    ).toEqual(["2028-10-01", "2028-10-02", "2028-10-03", "2028-10-03", "2028-10-04*", "2028-10-05*"]);
    const arrangement = {
      year: 2028,
      source: "2028 test",
      holidays: [...new Set(days2028.map((day) => day.date))],
      makeUpWorkdays: [],
    };
    expect(checkYearArrangement(arrangement)).toEqual([]);
    expect(
      checkYearArrangement({
        ...arrangement,
        holidays: arrangement.holidays.filter((date) => date !== "2028-10-05"),
      }),
    ).toEqual([
      "2028: 12 weekdays off net of make-up days, fewer than the 13 festival days of the 办法 (a festival day on a weekend owes a weekday in lieu)",
    ]);
  });
});

describe("the operators' reminder", () => {
  it("warns from 1 November while next year is provisional, and not before or once it is loaded", () => {
    expect(nextYearCalendarWarning(calendar, "2026-10-31")).toBeNull();
    expect(nextYearCalendarWarning(calendar, "2026-11-01")).toMatch(
      /no State Council holiday notice loaded for 2027/,
    );
    expect(nextYearCalendarWarning(calendar, "2025-11-01")).toBeNull();
  });
});
