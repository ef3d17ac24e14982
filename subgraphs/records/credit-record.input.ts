import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { RecordCategory, Severity, Tier } from "../../domain/vocabulary";
import { GraphQLJSON } from "graphql-scalars";
import type {
  RecordCategory as Category,
  Severity as SeverityValue,
  Tier as TierValue,
} from "../../domain/vocabulary";
import type { PenaltyProcedure as PenaltyProcedureValue } from "./record-submission.rules";
import { SubjectRef } from "../subjects/subject-types.registry";
import { DateScalar } from "../shared/scalars";
import { PenaltyProcedure } from "./credit-record.type";

@InputType({ description: "One item a provider submits." })
export class RecordInput {
  @Field(() => SubjectRef)
  subject!: SubjectRef;

  @Field(() => RecordCategory)
  category!: Category;

  @Field(() => String, { description: "A code of the record catalog (`recordKinds`)." })
  kind!: string;

  @Field(() => Severity, {
    nullable: true,
    description: "Negative items only; unspecified counts as serious for expiry.",
  })
  severity?: SeverityValue | null;

  @Field(() => Tier, {
    description:
      "The kind's catalogue tier (`recordKinds`: defaultTier, naturalPersonTier) or a stricter one; a wider one is refused.",
  })
  tier!: TierValue;

  @Field(() => String)
  title!: string;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: "Further facts; prohibited data (PCIM art. 14) is refused.",
  })
  attributes?: unknown;

  @Field(() => String, {
    description:
      "Number of the deciding document; with the provider it identifies the item (re-submission does not duplicate).",
  })
  documentNumber!: string;

  @Field(() => DateScalar, {
    description:
      "The date of the information; a natural person must have full civil capacity on it (PCIM art. 2).",
  })
  decidedOn!: string;

  @Field(() => PenaltyProcedure, {
    nullable: true,
    description:
      "Required for an ADMINISTRATIVE_PENALTY, and only GENERAL is accepted (PCIM art. 12(9)); no other kind states one.",
  })
  procedure?: PenaltyProcedureValue | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "The provider attests that the natural person, 16 or 17 on decidedOn, lives mainly on their own labour income and so has full civil capacity (民法典 art. 18). Without it a person under 18 is refused.",
  })
  subjectLivesOnOwnLabourIncome?: boolean | null;
}

@ObjectType()
export class SubmitResult {
  @Field(() => Int, { description: "Items in the submission (new and already stored)." })
  accepted!: number;

  @Field(() => Int, { description: "Items stored by this submission; the rest were already there." })
  created!: number;

  @Field(() => [ID])
  ids!: string[];
}
