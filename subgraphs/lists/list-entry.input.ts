import { Field, ID, InputType } from "type-graphql";
import { ListType } from "../../domain/vocabulary";
import type { ListType as ListTypeValue } from "../../domain/vocabulary";
import { SubjectRef } from "../subjects/subject-types.registry";
import { DateScalar } from "../shared/scalars";

@InputType({ description: "A red or black list entry the recognising unit enters (JRP arts. 3-9)." })
export class ListEntryInput {
  @Field(() => SubjectRef)
  subject!: SubjectRef;

  @Field(() => ListType)
  list!: ListTypeValue;

  @Field(() => String, {
    description: "A grounds code of JRP art. 5 (red) or art. 6 (black): `listGrounds`.",
  })
  grounds!: string;

  @Field(() => String)
  facts!: string;

  @Field(() => String)
  basis!: string;

  @Field(() => String)
  documentNumber!: string;

  @Field(() => DateScalar, {
    description: "A natural person must have full civil capacity on this date (PCIM art. 2).",
  })
  recognizedOn!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "The entry's validity (信息有效期, JRP art. 8). A black-list entry without one is valid 36 months from recognizedOn (PCIM art. 27).",
  })
  validUntil?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "The recognising unit attests that the natural person, 16 or 17 on recognizedOn, lives mainly on their own labour income and so has full civil capacity (民法典 art. 18). Without it a person under 18 is refused.",
  })
  subjectLivesOnOwnLabourIncome?: boolean | null;
}

@InputType()
export class ListFilter {
  @Field(() => ID, {
    nullable: true,
    description:
      "One entry by its id (the portal's disclosure page of an entry); still only an entry in force on this list.",
  })
  id?: string | null;

  @Field(() => String, { nullable: true, description: "Part of the subject's name." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "Region code or its prefix (320800 Huai'an, 3208 …)." })
  region?: string | null;

  @Field(() => String, { nullable: true })
  recognizedBy?: string | null;

  @Field(() => String, { nullable: true })
  grounds?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Recognised on or after." })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Recognised on or before." })
  to?: string | null;
}
