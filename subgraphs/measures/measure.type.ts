import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import type { Decision as DecisionValue, ListType as ListTypeValue, MeasureKind as Kind, Scenario as ScenarioValue } from "../../db/database";
import { DateScalar } from "../shared/scalars";
import { Subject } from "./subject/subject.type";

export const MeasureKind = { REWARD: "REWARD", PUNISHMENT: "PUNISHMENT" } as const satisfies Record<Kind, Kind>;
export const Decision = { BLOCK: "BLOCK", REVIEW: "REVIEW", GREEN_CHANNEL: "GREEN_CHANNEL", PASS: "PASS" } as const satisfies Record<DecisionValue, DecisionValue>;
export const ListType = { RED: "RED", BLACK: "BLACK" } as const satisfies Record<ListTypeValue, ListTypeValue>;
export const Scenario = {
  ADMINISTRATIVE_LICENSING: "ADMINISTRATIVE_LICENSING",
  FISCAL_FUNDS: "FISCAL_FUNDS",
  PUBLIC_RESOURCE_TRADING: "PUBLIC_RESOURCE_TRADING",
  PROJECT_APPROVAL: "PROJECT_APPROVAL",
  PUBLIC_EMPLOYMENT: "PUBLIC_EMPLOYMENT",
  HONORS: "HONORS",
  CREDIT_LENDING: "CREDIT_LENDING",
  HIGH_CONSUMPTION: "HIGH_CONSUMPTION",
} as const satisfies Record<ScenarioValue, ScenarioValue>;
registerEnumType(MeasureKind, { name: "MeasureKind" });
registerEnumType(Decision, { name: "Decision", description: "BLOCK > REVIEW > GREEN_CHANNEL > PASS" });
registerEnumType(ListType, { name: "ListType", description: "Red (守信) or black (失信) list, JRP arts. 3-14" });
registerEnumType(Scenario, { name: "Scenario", description: "The business in which a measure applies" });

@Directive(`@key(fields: "code")`)
@ObjectType({ description: "A joint incentive or punishment (联合奖惩措施, JRP arts. 13-14)." })
export class Measure {
  @Field(() => String)
  code!: string;

  @Field(() => MeasureKind)
  kind!: Kind;

  @Field(() => ListType)
  list!: ListTypeValue;

  @Field(() => String)
  title!: string;

  @Field(() => Decision, {
    description: "What the measure decides in the scenario asked about (screen, measures(scenario:)), as its text decides it (JRP art. 14: BLOCK only where it forbids); without a scenario, the strictest of its scenarios.",
  })
  decision!: DecisionValue;

  @Field(() => [Scenario])
  scenarios!: ScenarioValue[];

  @Field(() => [String], { description: "The list grounds (JRP arts. 5-6 codes) the measure's legal basis covers; empty = every grounds. Screening applies it only to those entries." })
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
