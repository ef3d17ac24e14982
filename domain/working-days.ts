import { isWeekend, nextDay } from "./dates";
import { statuteFor, statutoryDaysOf } from "./statutory-holidays";

/** A year's official arrangement, as the State Council's notice gives it (data/calendar/YYYY.json). */
export type YearArrangement = Readonly<{
  year: number;
  /** The notice, with its number (e.g. 国办发明电〔2024〕12号). */
  source: string;
  holidays: readonly string[];
  makeUpWorkdays: readonly string[];
}>;

/** How one year's working days are known: from its notice (official), or from the 办法 alone (provisional). */
export type YearCalendar = Readonly<{
  year: number;
  official: boolean;
  source: string;
  holidays: ReadonlySet<string>;
  makeUpWorkdays: ReadonlySet<string>;
}>;

/** A date a number of working days on; `provisional` when a day it counted through is not settled by a loaded notice. */
export type Deadline = Readonly<{ dueOn: string; provisional: boolean }>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/**
 * Weekdays off, net of make-up days, that a notice may give beyond the festival days: the notices of
 * 2008-2026 gave at most 1 (2015: the 70th anniversary of victory, 3-4 September); 2020's pandemic
 * extension gave 3 more by a separate notice.
 */
const EXTRA_WEEKDAYS_OFF = 5;

/** A notice's New Year break may begin in the last days of December before (2019, 2023). */
const newYearBreakStart = (year: number) => `${year - 1}-12-25`;
const isNewYearBreakBefore = (year: number, date: string) =>
  date >= newYearBreakStart(year) && date.startsWith(`${year - 1}-`);
const isRealDate = (date: string) =>
  ISO_DATE.test(date) &&
  !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) &&
  new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);

/**
 * Why a notice's arrangement cannot be right, one line per problem, naming the date: the source names
 * the year; every date a real day of that year (or of the New Year break that starts in the last days of
 * the year before, as the 2019 and 2023 notices have it), listed once; make-up working days on weekends
 * only; no day both off and on; every festival day of the 办法 off; at least as many weekdays off, net of
 * make-up days, as it has festival days (one on a weekend owes a weekday in lieu), and not more than a few
 * more (a year of holidays is a typing error, not a notice). Empty when acceptable.
 */
export function checkYearArrangement(arrangement: YearArrangement): string[] {
  const { year } = arrangement;
  const problems: string[] = [];
  if (!Number.isInteger(year) || year < 1900 || year > 2200)
    return [`year ${year}: a year between 1900 and 2200`];
  if (!arrangement.source.includes(String(year)))
    problems.push(`source: name the State Council's notice for ${year} and its number`);
  const seen = new Set<string>();
  for (const [list, dates] of [
    ["holidays", arrangement.holidays],
    ["makeUpWorkdays", arrangement.makeUpWorkdays],
  ] as const) {
    for (const date of dates) {
      if (!isRealDate(date)) problems.push(`${date}: in ${list}, not a real date written YYYY-MM-DD`);
      else if (!date.startsWith(`${year}-`) && !isNewYearBreakBefore(year, date))
        problems.push(
          `${date}: in ${list}, not in ${year} (nor in the New Year break from ${newYearBreakStart(year)})`,
        );
      else if (seen.has(date)) problems.push(`${date}: listed twice`);
      else if (list === "makeUpWorkdays" && !isWeekend(date))
        problems.push(`${date}: a make-up working day must be a Saturday or Sunday`);
      seen.add(date);
    }
  }
  if (problems.length > 0) return problems;
  const holidays = new Set(arrangement.holidays);
  const festivalDays = statutoryDaysOf(year).filter((item) => !item.inLieu);
  for (const day of festivalDays) {
    if (!holidays.has(day.date))
      problems.push(
        `${day.date}: ${day.festival} is a statutory holiday (${statuteFor(year).name}) but is not among the holidays`,
      );
  }
  const weekdaysOff =
    arrangement.holidays.filter((date) => !isWeekend(date)).length - arrangement.makeUpWorkdays.length;
  if (weekdaysOff < festivalDays.length) {
    problems.push(
      `${year}: ${weekdaysOff} weekdays off net of make-up days, fewer than the ${festivalDays.length} festival days of the 办法 (a festival day on a weekend owes a weekday in lieu)`,
    );
  }
  if (weekdaysOff > festivalDays.length + EXTRA_WEEKDAYS_OFF) {
    problems.push(
      `${year}: ${weekdaysOff} weekdays off net of make-up days, more than ${EXTRA_WEEKDAYS_OFF} beyond the ${festivalDays.length} festival days of the 办法: check the file against the notice`,
    );
  }
  return problems;
}

/** The year as the 办法 alone makes it: weekends and the statutory days off (with days in lieu), no notice. */
function provisionalYear(year: number): YearCalendar {
  return {
    year,
    official: false,
    source: `provisional: ${statuteFor(year).name}, weekends and statutory days only, no State Council notice loaded`,
    holidays: new Set(statutoryDaysOf(year).map((day) => day.date)),
    makeUpWorkdays: new Set(),
  };
}

/**
 * Chinese working days (《全国年节及纪念日放假办法》 and the State Council's yearly notice): weekends and holidays are off; the notice's make-up working days
 * (调休) on weekends are on. A year with an official arrangement uses it; any other year is computed
 * from the statutory holidays and marked provisional. Never refuses a date for want of data.
 */
export class WorkingDayCalendar {
  private readonly years = new Map<number, YearCalendar>();

  /** `official`: arrangements already checked with `checkYearArrangement`. */
  constructor(official: readonly YearArrangement[] = []) {
    for (const arrangement of official) {
      this.years.set(arrangement.year, {
        year: arrangement.year,
        official: true,
        source: arrangement.source,
        holidays: new Set(arrangement.holidays),
        makeUpWorkdays: new Set(arrangement.makeUpWorkdays),
      });
    }
  }

  yearOf(year: number): YearCalendar {
    const known = this.years.get(year);
    if (known) return known;
    const computed = provisionalYear(year);
    this.years.set(year, computed);
    return computed;
  }

  isWorkingDay(date: string): boolean {
    const year = Number(date.slice(0, 4));
    // A late-December day may belong to next year's New Year break, which next year's notice arranges.
    for (const calendar of isNewYearBreakBefore(year + 1, date)
      ? [this.yearOf(year), this.yearOf(year + 1)]
      : [this.yearOf(year)]) {
      if (calendar.makeUpWorkdays.has(date)) return true;
      if (calendar.holidays.has(date)) return false;
    }
    return !isWeekend(date);
  }

  /** Whether a day is settled by the notices: its year's is loaded, and for the last days of December next year's too. */
  private isSettled(date: string): boolean {
    const year = Number(date.slice(0, 4));
    return (
      this.yearOf(year).official && (!isNewYearBreakBefore(year + 1, date) || this.yearOf(year + 1).official)
    );
  }

  /**
   * The n-th working day after `date` (n ≥ 0; 0 is `date` itself when it is a working day, else the next
   * one); provisional when a day it counted through is not settled by a loaded notice.
   */
  addWorkingDays(date: string, n: number): Deadline {
    let current = date;
    let remaining = n;
    let provisional = !this.isSettled(current);
    const step = () => {
      current = nextDay(current);
      provisional ||= !this.isSettled(current);
    };
    if (remaining === 0) {
      while (!this.isWorkingDay(current)) step();
      return { dueOn: current, provisional };
    }
    while (remaining > 0) {
      step();
      if (this.isWorkingDay(current)) remaining -= 1;
    }
    return { dueOn: current, provisional };
  }

  /** Working days after `from` up to and including `to` (0 when `to` ≤ `from`). */
  workingDaysBetween(from: string, to: string): number {
    let count = 0;
    for (let current = nextDay(from); current <= to; current = nextDay(current))
      if (this.isWorkingDay(current)) count += 1;
    return count;
  }
}

/**
 * The operators' yearly reminder (the State Council's notice usually appears in November): from 1 November, when next year has no notice loaded,
 * what to do about it; otherwise null.
 */
export function nextYearCalendarWarning(calendar: WorkingDayCalendar, today: string): string | null {
  if (today.slice(5) < "11-01") return null;
  const next = Number(today.slice(0, 4)) + 1;
  if (calendar.yearOf(next).official) return null;
  return `no State Council holiday notice loaded for ${next}: deadlines reaching into ${next} are provisional (statutory holidays only). Load it with \`npm run calendar -- import ${next}.json\` when it is published`;
}
