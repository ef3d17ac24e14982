import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Decision, ListType, MeasureKind, Scenario } from "../../domain/vocabulary";
import { DateScalar } from "../shared/scalars";
import { Subject } from "./subject/subject.type";

registerEnumType(MeasureKind, { name: "MeasureKind" });
registerEnumType(Decision, { name: "Decision", description: "BLOCK > REVIEW > GREEN_CHANNEL > PASS" });
registerEnumType(ListType, {
  name: "ListType",
  description: "Red (守信) or black (失信) list, JRP arts. 3-14",
});
registerEnumType(Scenario, { name: "Scenario", description: "The business in which a measure applies" });

@Directive(`@key(fields: "code")`)
@ObjectType({ description: "A joint incentive or punishment (联合奖惩措施, JRP arts. 13-14)." })
export class Measure {
  @Field(() => String)
  code!: string;

  @Field(() => MeasureKind)
  kind!: MeasureKind;

  @Field(() => ListType)
  list!: ListType;

  @Field(() => String)
  title!: string;

  @Field(() => Decision, {
    description:
      "What the measure decides in the scenario asked about (screen, measures(scenario:)), as its text decides it (JRP art. 14: BLOCK only where it forbids); without a scenario, the strictest of its scenarios.",
  })
  decision!: Decision;

  @Field(() => [Scenario])
  scenarios!: Scenario[];

  @Field(() => [String], {
    description:
      "The list grounds (JRP arts. 5-6 codes) the measure's legal basis covers; empty = every grounds. Screening applies it only to those entries.",
  })
  grounds!: string[];

  @Field(() => String, { description: "Legal basis." })
  basis!: string;

  @Field(() => String, { description: "Initiating department." })
  department!: string;
}

@ObjectType({ description: "A business system's report that it applied a measure to a subject (触发反馈)." })
export class MeasureApplication {
  @Field(() => ID)
  id!: string;

  @Field(() => Subject)
  subject!: Subject;

  @Field(() => Measure)
  measure!: Measure;

  @Field(() => String)
  reportedBy!: string;

  @Field(() => String)
  caseNumber!: string;

  @Field(() => String)
  outcome!: string;

  @Field(() => DateScalar)
  appliedOn!: string;
}
