import { nextYearCalendarWarning } from "../../domain/working-days";
import { refuseUnlessAllowed } from "../shared/authorize";
import { CalendarStatus, CalendarYear } from "./calendar-status.type";
import type { ObjectionContext } from "./objection.loaders";

/** `calendarStatus`: this year's and next year's notice, loaded or not, as the deadlines see them. */
export function findCalendarStatus(context: ObjectionContext): CalendarStatus {
  refuseUnlessAllowed(
    context.ability,
    "read",
    "CalendarStatus",
    "the calendar's status is for the credit centre",
  );
  const { today } = context;
  const yearOf = (year: number) => {
    const calendar = context.calendar.yearOf(year);
    return Object.assign(new CalendarYear(), { year, official: calendar.official, source: calendar.source });
  };
  const thisYear = Number(today.slice(0, 4));
  return Object.assign(new CalendarStatus(), {
    today,
    thisYear: yearOf(thisYear),
    nextYear: yearOf(thisYear + 1),
    warning: nextYearCalendarWarning(context.calendar, today),
  });
}
