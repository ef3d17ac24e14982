import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const CALENDAR_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../data/calendar");
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const calendarSchema = z.object({
  year: z.number().int(),
  source: z.string().min(1),
  holidays: z.array(z.string().regex(ISO_DATE)),
  makeUpWorkdays: z.array(z.string().regex(ISO_DATE)),
});

export class MissingCalendarError extends Error {
  override readonly name = "MissingCalendarError";
}

type YearCalendar = Readonly<{ holidays: ReadonlySet<string>; makeUpWorkdays: ReadonlySet<string> }>;

/**
 * Chinese working days (DOMAIN.md §10): weekends and statutory holidays are off; the State Council's
 * make-up working days (调休) on weekends are on. Each year is a data file (data/calendar/YYYY.json, from
 * that year's notice); a year without one is an error, never a guess.
 */
export class WorkingDayCalendar {
  private readonly years = new Map<number, YearCalendar>();

  constructor(private readonly folder = CALENDAR_FOLDER) {}

  private yearOf(year: number): YearCalendar {
    const known = this.years.get(year);
    if (known) return known;
    const file = path.join(this.folder, `${year}.json`);
    if (!existsSync(file)) {
      throw new MissingCalendarError(`no working-day calendar for ${year}: add data/calendar/${year}.json from the State Council's holiday notice for ${year}`);
    }
    const parsed = calendarSchema.parse(JSON.parse(readFileSync(file, "utf8")));
    if (parsed.year !== year) throw new MissingCalendarError(`${file} describes ${parsed.year}, not ${year}`);
    const calendar = { holidays: new Set(parsed.holidays), makeUpWorkdays: new Set(parsed.makeUpWorkdays) };
    this.years.set(year, calendar);
    return calendar;
  }

  isWorkingDay(date: string): boolean {
    const calendar = this.yearOf(Number(date.slice(0, 4)));
    if (calendar.makeUpWorkdays.has(date)) return true;
    if (calendar.holidays.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** The n-th working day after `date` (n ≥ 0; 0 is `date` itself when it is a working day, else the next one). */
  addWorkingDays(date: string, n: number): string {
    let current = date;
    let remaining = n;
    if (remaining === 0) {
      while (!this.isWorkingDay(current)) current = nextDay(current);
      return current;
    }
    while (remaining > 0) {
      current = nextDay(current);
      if (this.isWorkingDay(current)) remaining -= 1;
    }
    return current;
  }

  /** Working days after `from` up to and including `to` (0 when `to` ≤ `from`). */
  workingDaysBetween(from: string, to: string): number {
    let count = 0;
    for (let current = nextDay(from); current <= to; current = nextDay(current)) if (this.isWorkingDay(current)) count += 1;
    return count;
  }
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
