import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import type { ObjectionRow } from "./objection.table";
import { DateScalar } from "../shared/scalars";
import { Subject } from "./subject/subject.type";

type Ground = ObjectionRow["ground"];
export const ObjectionGround = {
  WRONG_OR_INCOMPLETE: "WRONG_OR_INCOMPLETE",
  PROHIBITED_DATA: "PROHIBITED_DATA",
  EXPIRED_STILL_USED: "EXPIRED_STILL_USED",
} as const satisfies Record<Ground, Ground>;
registerEnumType(ObjectionGround, { name: "ObjectionGround", description: "PCIM art. 28" });

export const ObjectionState = {
  SUBMITTED: "SUBMITTED",
  UNDER_REVIEW: "UNDER_REVIEW",
  PROVIDER_VERIFYING: "PROVIDER_VERIFYING",
  CORRECTED: "CORRECTED",
  UPHELD: "UPHELD",
  APPEALED: "APPEALED",
  /** The credit authority dismissed the appeal: the information stands (reconsideration or litigation remain, PCIM art. 30). */
  APPEAL_DISMISSED: "APPEAL_DISMISSED",
} as const;
export type ObjectionStateValue = keyof typeof ObjectionState;
registerEnumType(ObjectionState, {
  name: "ObjectionState",
  description: "PCIM arts. 28-30, JRP arts. 15-17",
});

@ObjectType({ description: "One step of a workflow." })
export class WorkflowStep {
  @Field(() => String, { nullable: true })
  from!: string | null;

  @Field(() => String)
  to!: string;

  @Field(() => String)
  role!: string;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => Date)
  at!: Date;
}

@Directive(`@key(fields: "id")`)
@ObjectType({ description: "A subject's objection (异议) to an item of its information." })
export class Objection {
  @Field(() => ID)
  id!: string;

  @Field(() => Subject)
  subject!: Subject;

  @Field(() => ID, { description: "The CreditRecord or ListEntry objected to." })
  targetId!: string;

  @Field(() => String, { description: "CREDIT_RECORD or LIST_ENTRY." })
  targetType!: string;

  @Field(() => ObjectionGround)
  ground!: Ground;

  @Field(() => String)
  statement!: string;

  @Field(() => ObjectionState)
  state!: ObjectionStateValue;

  @Field(() => Date)
  filedAt!: Date;

  @Field(() => DateScalar, {
    nullable: true,
    description: "When the current step must be done (working days).",
  })
  dueOn!: string | null;

  @Field(() => Boolean, {
    description:
      "True when dueOn was counted through a year whose State Council holiday notice is not loaded yet (statutory holidays only); recomputed, never earlier, when it is.",
  })
  dueOnProvisional!: boolean;

  @Field(() => Boolean)
  overdue!: boolean;

  @Field(() => [WorkflowStep])
  history!: WorkflowStep[];

  @Field(() => [ObjectionState], {
    description:
      "The steps you may take next (the role table's rules), for a client to offer; moveObjection decides again.",
  })
  movesAllowed!: ObjectionStateValue[];
}

@InputType()
export class ObjectionInput {
  @Field(() => ID, { description: "The id of your CreditRecord or ListEntry." })
  targetId!: string;

  @Field(() => ObjectionGround)
  ground!: Ground;

  @Field(() => String)
  statement!: string;

  @Field(() => String, { nullable: true })
  evidence?: string | null;
}
