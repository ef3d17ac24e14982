import { Field, InputType, Int, ObjectType } from "type-graphql";
import { Decision, Scenario } from "../../domain/vocabulary";
import type { Decision as DecisionValue, Scenario as ScenarioValue } from "../../domain/vocabulary";
import { DateScalar } from "../shared/scalars";
import { Measure } from "./measure.type";

@ObjectType({ description: "The answer for one screened identifier." })
export class ScreeningResult {
  @Field(() => String, { description: "As sent (normalised when valid)." })
  identifier!: string;

  @Field(() => Decision, { description: "BLOCK > REVIEW > GREEN_CHANNEL > PASS." })
  decision!: DecisionValue;

  @Field(() => [String], {
    description:
      "What the decision rests on, for the clerk: list, grounds, unit, document, measure and basis.",
  })
  reasons!: string[];

  @Field(() => [Measure])
  measures!: Measure[];

  @Field(() => String, {
    nullable: true,
    description:
      "Why this identifier could not be screened (bad checksum): its decision is then REVIEW, never PASS; the rest of the batch is answered.",
  })
  error!: string | null;
}

@InputType({ description: "What a business system did with a measure (触发反馈)." })
export class MeasureApplicationInput {
  @Field(() => String)
  measureCode!: string;

  @Field(() => String, { description: "Citizen ID or USCC of the subject the measure was applied to." })
  identifier!: string;

  @Field(() => Scenario)
  scenario!: ScenarioValue;

  @Field(() => String, { description: "The calling system's case number." })
  caseNumber!: string;

  @Field(() => String, { description: "What happened, e.g. 申请不予受理, 资格被拒绝, 已从严审核." })
  outcome!: string;

  @Field(() => DateScalar)
  appliedOn!: string;
}

@ObjectType()
export class OutcomeCount {
  @Field(() => String)
  outcome!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: "How often a measure was reported applied (for the credit centre)." })
export class MeasureStat {
  @Field(() => Measure)
  measure!: Measure;

  @Field(() => Int)
  applications!: number;

  @Field(() => Int)
  subjects!: number;

  @Field(() => Int)
  reporters!: number;

  @Field(() => [OutcomeCount])
  outcomes!: OutcomeCount[];
}
