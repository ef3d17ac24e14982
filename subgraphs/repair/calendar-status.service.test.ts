import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWorkingDayCalendar } from "../../platform/calendar-files";
import { WorkingDayCalendar } from "../../domain/working-days";
import { errorCodes } from "../../test/harness";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";

const STATUS = `query CalendarStatus { calendarStatus { today thisYear { year official source } nextYear { year official source } warning } }`;
type Status = {
  calendarStatus: {
    today: string;
    thisYear: { year: number; official: boolean; source: string };
    nextYear: { year: number; official: boolean; source: string };
    warning: string | null;
  };
};

/** The credit centre's view of the calendar: is next year's holiday notice loaded? */
describe("calendarStatus", () => {
  let slice: SliceTest;
  beforeAll(async () => {
    slice = await startSliceTest({ now: "2026-11-16T10:00:00+08:00" });
  });
  afterAll(() => slice?.stop());

  // That the request is audited is the gateway's: test/e2e/audit.e2e.test.ts.
  it("tells the credit centre that 2027's notice is missing from 1 November", async () => {
    const viewer: SliceViewer = { role: "CREDIT_CENTER", org: "HA-CREDIT-CENTER" };
    const answer = await slice.execute<Status>("repair", STATUS, { viewer });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.calendarStatus).toMatchObject({
      today: "2026-11-16",
      thisYear: { year: 2026, official: true },
      nextYear: { year: 2027, official: false },
    });
    expect(answer.data!.calendarStatus.warning).toMatch(/no State Council holiday notice loaded for 2027/);
  });

  it("gives no warning before 1 November", async () => {
    slice.clock.set("2026-10-31T10:00:00+08:00");
    try {
      const answer = await slice.execute<Status>("repair", STATUS, {
        viewer: { role: "CREDIT_CENTER", org: "HA-CREDIT-CENTER" },
      });
      expect(answer.data!.calendarStatus.warning).toBeNull();
    } finally {
      slice.clock.set("2026-11-16T10:00:00+08:00");
    }
  });

  it.each([
    ["PUBLIC"],
    ["SUBJECT"],
    ["GOVERNMENT"],
    ["ORGANIZATION"],
    ["PROVIDER"],
    ["AUDITOR"],
    ["CREDIT_AUTHORITY"],
  ])("is refused to %s", async (role) => {
    const viewer = {
      role,
      org: "HA-X",
      subject: role === "SUBJECT" ? "91320802MA1000000F" : undefined,
    } as SliceViewer;
    const answer = await slice.execute<Status>("repair", STATUS, { viewer });
    expect(errorCodes(answer)).toEqual(["FORBIDDEN"]);
  });
});

describe("calendarStatus with next year's notice loaded", () => {
  let slice: SliceTest;
  beforeAll(async () => {
    const shipped = [2024, 2025, 2026].map((year) => {
      const calendar = loadWorkingDayCalendar().calendar.yearOf(year);
      return {
        year,
        source: calendar.source,
        holidays: [...calendar.holidays],
        makeUpWorkdays: [...calendar.makeUpWorkdays],
      };
    });
    const calendar = new WorkingDayCalendar([
      ...shipped,
      { year: 2027, source: "test fixture for 2027", holidays: ["2027-01-01"], makeUpWorkdays: [] },
    ]);
    slice = await startSliceTest({ now: "2026-11-16T10:00:00+08:00", calendar });
  });
  afterAll(() => slice?.stop());

  it("says so, without a warning", async () => {
    const answer = await slice.execute<Status>("repair", STATUS, {
      viewer: { role: "CREDIT_CENTER", org: "HA-CREDIT-CENTER" },
    });
    expect(answer.data!.calendarStatus.nextYear).toEqual({
      year: 2027,
      official: true,
      source: "test fixture for 2027",
    });
    expect(answer.data!.calendarStatus.warning).toBeNull();
  });
});
