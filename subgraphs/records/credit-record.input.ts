import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";
import type { RecordCategory as Category, Severity as SeverityValue, Tier as TierValue } from "../../db/database";
import { SubjectRef } from "../subjects/subject.input";
import { DateScalar } from "../shared/scalars";
import { RecordCategory, Severity, Tier } from "./credit-record.type";

@InputType({ description: "One item a provider submits." })
export class RecordInput {
  @Field(() => SubjectRef)
  subject!: SubjectRef;

  @Field(() => RecordCategory)
  category!: Category;

  @Field(() => String, { description: "A code of the record catalog (`recordKinds`)." })
  kind!: string;

  @Field(() => Severity, { nullable: true, description: "Negative items only; unspecified counts as serious for expiry." })
  severity?: SeverityValue | null;

  @Field(() => Tier)
  tier!: TierValue;

  @Field(() => String)
  title!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: "Further facts; prohibited data (PCIM art. 14) is refused." })
  attributes?: unknown;

  @Field(() => String, { description: "Number of the deciding document; with the provider it identifies the item (re-submission does not duplicate)." })
  documentNumber!: string;

  @Field(() => DateScalar)
  decidedOn!: string;
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
