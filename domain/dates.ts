const CHINA_STANDARD_TIME_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Today's date in China (UTC+8, no daylight saving), `YYYY-MM-DD`: deadlines and expiry are counted in local days. */
export function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + CHINA_STANDARD_TIME_OFFSET_MS).toISOString().slice(0, 10);
}

/** A day that exists, written `YYYY-MM-DD` (2026-02-30 does not; `Date.parse` would roll it into March). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

/** A date plus whole years, clamped to the month's end (29 February + 1 year = 28 February). */
export function addYears(date: string, years: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year + years, month, 0)).getUTCDate();
  return new Date(Date.UTC(year + years, month - 1, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

/** A date plus whole months, clamped to the month's end (31 January + 1 month = 28/29 February). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Whole years between a birth date and a day (for the age in a black-list disclosure, JRP art. 8). */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * The decade a person's age falls in on `day` ("30-39"): what a black-list entry publishes for JRP art. 8's
 * 「年龄」. An exact age beside the masked ID (first 6, last 4 shown) narrows the hidden birth date to one
 * year — about 33 IDs with the right check character — while a decade leaves about 330.
 */
export function ageBandOn(birthDate: string, day: string): string {
  const low = Math.floor(ageOn(birthDate, day) / 10) * 10;
  return `${low}-${low + 9}`;
}

/** A date plus (or minus) whole days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The day after `date`. */
export function nextDay(date: string): string {
  return addDays(date, 1);
}

/** Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** A calendar quarter, `2026Q4`, as its first and last day (China dates, like every date column). */
export type Quarter = Readonly<{ name: string; from: string; to: string }>;

/** The quarter named `YYYYQn` (n 1-4), or null when the name is not one. */
export function parseQuarter(name: string): Quarter | null {
  const match = /^(\d{4})Q([1-4])$/.exec(name);
  if (!match) return null;
  const year = Number(match[1]);
  const first = (Number(match[2]) - 1) * 3;
  const from = new Date(Date.UTC(year, first, 1)).toISOString().slice(0, 10);
  const to = new Date(Date.UTC(year, first + 3, 0)).toISOString().slice(0, 10);
  return { name, from, to };
}

/** The quarter a China date falls in. */
export function quarterOf(date: string): Quarter {
  return parseQuarter(`${date.slice(0, 4)}Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`)!;
}
