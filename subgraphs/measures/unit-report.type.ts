import { Field, Int, ObjectType } from "type-graphql";
import { DateScalar } from "../shared/scalars";
import { OutcomeCount } from "./screening.type";

@ObjectType({
  description:
    "One unit's quarter on its lists and joint measures, for the credit office's evaluation (JRP arts. 9, 21-22).",
})
export class UnitReport {
  @Field(() => String, { description: "The quarter, e.g. 2026Q4." })
  quarter!: string;

  @Field(() => DateScalar, { description: "Its first day (China time, like every date)." })
  from!: string;

  @Field(() => DateScalar, { description: "Its last day." })
  to!: string;

  @Field(() => Boolean, { description: "The quarter is over by the service's clock; false: figures so far." })
  complete!: boolean;

  @Field(() => String, { description: "The recognising or providing unit's code." })
  unit!: string;

  @Field(() => Int, { description: "Red and black list entries it recognised in the quarter." })
  entriesRecognized!: number;

  @Field(() => Int, {
    description:
      "Entries it pushed in the quarter later than 7 working days after recognition (JRP art. 9, 22(2)).",
  })
  latePushes!: number;

  @Field(() => Int, {
    description: "Measures reported applied in the quarter on entries it recognised (触发反馈).",
  })
  measuresApplied!: number;

  @Field(() => [OutcomeCount], { description: "The same applications by reported outcome." })
  measureOutcomes!: OutcomeCount[];

  @Field(() => Int, {
    description:
      "Objections against its items that ended in a correction in the quarter (the item was wrong; PCIM art. 28, JRP art. 16).",
  })
  objectionsCorrected!: number;
}
