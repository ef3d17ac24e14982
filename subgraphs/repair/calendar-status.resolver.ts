import { Ctx, Query, Resolver } from "type-graphql";
import { findCalendarStatus } from "./calendar-status.service";
import { CalendarStatus } from "./calendar-status.type";
import type { ObjectionContext } from "./objection.loaders";

@Resolver(() => CalendarStatus)
export class CalendarStatusResolver {
  @Query(() => CalendarStatus, {
    description:
      "CREDIT_CENTER: whether this year's and next year's State Council holiday notices are loaded (deadlines through a year without one are provisional).",
  })
  calendarStatus(@Ctx() context: ObjectionContext): CalendarStatus {
    return findCalendarStatus(context);
  }
}
