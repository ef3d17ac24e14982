import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";
import { DateScalar } from "../shared/scalars";
import { Subject } from "./subject/subject.type";
import { WorkflowStep } from "./objection.type";

export const RepairState = {
  APPLIED: "APPLIED",
  OPINION_SUPPORTED: "OPINION_SUPPORTED",
  IN_PUBLICITY: "IN_PUBLICITY",
  OBJECTED: "OBJECTED",
  COMPLETED: "COMPLETED",
  REJECTED: "REJECTED",
} as const;
export type RepairStateValue = keyof typeof RepairState;
registerEnumType(RepairState, { name: "RepairState", description: "PCIM art. 32, JRP art. 19" });

@ObjectType({ description: "One condition of JRP art. 18 or PCIM art. 31." })
export class RepairCondition {
  @Field(() => String)
  article!: string;

  @Field(() => Boolean)
  met!: boolean;

  @Field(() => String)
  reason!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: "When time will satisfy it; null if no date does.",
  })
  earliestOn!: string | null;
}

@ObjectType()
export class RepairEligibility {
  @Field(() => Boolean)
  eligible!: boolean;

  @Field(() => [String], { description: "Each unmet condition with its article." })
  reasons!: string[];

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "The first day every time-bound condition is met; null if eligible now or a condition has no date.",
  })
  earliestOn!: string | null;

  @Field(() => [RepairCondition])
  conditions!: RepairCondition[];

  @Field(() => String, {
    description:
      "The answer in plain Chinese: overall, then each condition with its article and the day it is (or will be) met.",
  })
  explanation!: string;

  @Field(() => [String], {
    description:
      "What to do next, in plain Chinese: the evidence to bring, when to apply, and the procedure's deadlines.",
  })
  nextSteps!: string[];
}

@ObjectType({ description: "A credit repair case (信用修复)." })
export class RepairCase {
  @Field(() => ID)
  id!: string;

  @Field(() => Subject, {
    nullable: true,
    description: "Null, like every field below but the state, when you may not read the case.",
  })
  subject!: Subject | null;

  @Field(() => ID, { nullable: true, description: "The CreditRecord or ListEntry to be repaired." })
  targetId!: string | null;

  @Field(() => String, { nullable: true })
  targetType!: string | null;

  @Field(() => RepairState)
  state!: RepairStateValue;

  @Field(() => String, {
    nullable: true,
    description: "The written commitment; for the subject, the provider and the credit centre.",
  })
  commitment!: string | null;

  @Field(() => String, { nullable: true, description: "The provider's written opinion." })
  providerOpinion!: string | null;

  @Field(() => DateScalar, { nullable: true })
  appliedOn!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "The day the applicant performed its obligations or completed rectification.",
  })
  rectifiedOn!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "End of the current step (publicity: 5 working days).",
  })
  dueOn!: string | null;

  @Field(() => Boolean, {
    description:
      "True when dueOn was counted through a year whose State Council holiday notice is not loaded yet (statutory holidays only); recomputed, never earlier, when it is.",
  })
  dueOnProvisional!: boolean;

  @Field(() => Boolean)
  overdue!: boolean;

  @Field(() => DateScalar, { nullable: true })
  completedOn!: string | null;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: "The original item as it was before repair; for the credit centre only.",
  })
  archivedOriginal!: Record<string, unknown> | null;

  @Field(() => [WorkflowStep])
  history!: WorkflowStep[];

  @Field(() => [RepairState], {
    description:
      "The steps you may take next (the role table's rules), for a client to offer; moveRepairCase decides again.",
  })
  movesAllowed!: RepairStateValue[];
}

@InputType()
export class RepairInput {
  @Field(() => ID, { description: "The id of your CreditRecord or ListEntry." })
  targetId!: string;

  @Field(() => String, { description: "The written credit commitment (信用承诺书)." })
  commitment!: string;

  @Field(() => String, { nullable: true })
  evidence?: string | null;

  @Field(() => DateScalar, {
    description:
      "The day the obligations were fully performed or the rectification completed, shown by the evidence: JRP art. 18 and PCIM art. 31 count their periods from it.",
  })
  rectifiedOn!: string;
}
