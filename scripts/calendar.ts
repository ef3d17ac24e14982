import { chinaDateOf, isWeekend, nextDay } from "../domain/dates";
import { statutoryDaysOf } from "../domain/statutory-holidays";
import { nextYearCalendarWarning } from "../domain/working-days";
import {
  CalendarFileError,
  DEFAULT_CALENDAR_DIR,
  importYearArrangement,
  loadWorkingDayCalendar,
} from "../platform/calendar-files";
import { ConfigError, loadConfig } from "../platform/config";

const usage = `usage: npm run calendar -- import FILE   check a State Council holiday notice (YYYY.json) and load it
       npm run calendar -- show YEAR     working days, holidays, make-up days and bridges of a year, official or provisional
       npm run calendar -- check         exit 1 from 1 November while next year's notice is not loaded (or a file is refused)`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
const folder = config.calendarDir ?? DEFAULT_CALENDAR_DIR;
const [command, argument] = process.argv.slice(2);

switch (command) {
  case "import": {
    if (!argument) fail(`import needs the notice's file\n${usage}`);
    try {
      const { arrangement, written, replaced } = importYearArrangement(argument, folder);
      console.log(
        `${replaced ? "replaced" : "loaded"} ${arrangement.year}: ${arrangement.holidays.length} holidays, ${arrangement.makeUpWorkdays.length} make-up working days, from ${arrangement.source}`,
      );
      console.log(`written to ${written}`);
      console.log(
        `restart the service (or each repair subgraph): before it serves, it recounts every provisional deadline reaching into ${arrangement.year}, never to an earlier date, with a history step on each case`,
      );
    } catch (error) {
      if (error instanceof CalendarFileError) fail(`refused, nothing was written:\n${error.message}`, 1);
      throw error;
    }
    break;
  }
  case "show": {
    const year = Number(argument);
    if (!/^\d{4}$/.test(argument ?? "") || year < 1900 || year > 2200)
      fail(`show needs a year between 1900 and 2200\n${usage}`);
    const { calendar, refused } = loadWorkingDayCalendar(folder);
    const shown = calendar.yearOf(year);
    const statutory = new Map(
      statutoryDaysOf(year).map((day) => [day.date, `${day.festival}${day.inLieu ? " (in lieu)" : ""}`]),
    );
    let workingDays = 0;
    for (let date = `${year}-01-01`; date.startsWith(`${year}-`); date = nextDay(date))
      if (calendar.isWorkingDay(date)) workingDays += 1;
    const holidays = [...shown.holidays].sort();
    const bridges = holidays.filter((date) => !isWeekend(date) && !statutory.has(date));
    console.log(`${year}: ${shown.official ? "official" : "PROVISIONAL"}, from ${shown.source}`);
    console.log(`working days: ${workingDays}`);
    console.log(`holidays (${holidays.length}):`);
    for (const date of holidays)
      console.log(
        `  ${date}  ${statutory.get(date) ?? (isWeekend(date) ? "weekend in the break" : "bridge (调休)")}`,
      );
    console.log(
      `make-up working days (${shown.makeUpWorkdays.size}): ${[...shown.makeUpWorkdays].sort().join(", ") || "none"}`,
    );
    console.log(`bridges (${bridges.length}): ${bridges.join(", ") || "none"}`);
    for (const problem of refused) console.error(`refused: ${problem.message}`);
    break;
  }
  case "check": {
    const { calendar, refused } = loadWorkingDayCalendar(folder);
    const today = chinaDateOf(config.clock.now());
    const year = Number(today.slice(0, 4));
    for (const shown of [year, year + 1].map((item) => calendar.yearOf(item)))
      console.log(`${shown.year}: ${shown.official ? "official" : "provisional"} (${shown.source})`);
    for (const problem of refused) console.error(`refused: ${problem.message}`);
    const warning = nextYearCalendarWarning(calendar, today);
    if (warning) console.error(warning);
    if (warning || refused.length > 0) process.exitCode = 1;
    break;
  }
  default:
    fail(usage);
}
