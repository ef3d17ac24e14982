import { Field, Int, ObjectType } from "type-graphql";
import { DateScalar } from "../shared/scalars";

@ObjectType({ description: "One year of the working-day calendar deadlines are counted with." })
export class CalendarYear {
  @Field(() => Int)
  year!: number;

  @Field(() => Boolean, {
    description:
      "The State Council's holiday notice for the year is loaded; false: statutory holidays only, deadlines through it are provisional.",
  })
  official!: boolean;

  @Field(() => String, {
    description: "Where the year's days come from (the notice's file, or the statutory rule).",
  })
  source!: string;
}

@ObjectType({
  description:
    "Whether the calendar is ready for the deadlines the credit centre sets (working days by the State Council's yearly holiday notice).",
})
export class CalendarStatus {
  @Field(() => DateScalar, { description: "Today in China by the service's clock." })
  today!: string;

  @Field(() => CalendarYear)
  thisYear!: CalendarYear;

  @Field(() => CalendarYear)
  nextYear!: CalendarYear;

  @Field(() => String, {
    nullable: true,
    description:
      "From 1 November while next year's notice is not loaded: what to do about it; otherwise null.",
  })
  warning!: string | null;
}
