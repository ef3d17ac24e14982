import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({
  description:
    "An organisation a correction was made known to (JRP art. 16), and how it had relied on the wrong item.",
})
export class CorrectionRecipient {
  @Field(() => String, { description: "The organisation's code." })
  org!: string;

  @Field(() => String, { description: "GOVERNMENT or ORGANIZATION, as the audit recorded it." })
  role!: string;

  @Field(() => Boolean, {
    description:
      "It was shown the item itself (the audit names the items each answer disclosed) between publication and correction; for events written before items were named, it was given the item's kind of data of the subject at its tier.",
  })
  readItem!: boolean;

  @Field(() => Boolean, { description: "It was given screening answers that rested on the item." })
  screened!: boolean;

  @Field(() => Date, {
    nullable: true,
    description: "When its CORRECTION notice was sent; null if none was (it should not happen).",
  })
  notifiedAt!: Date | null;
}

@ObjectType({ description: "A screening answer given on the subject while the wrong item was published." })
export class AffectedScreening {
  @Field(() => String)
  org!: string;

  @Field(() => String)
  role!: string;

  @Field(() => String, { nullable: true })
  purpose!: string | null;

  @Field(() => Date)
  at!: Date;

  @Field(() => String, {
    description: "The request's id (x-request-id), to find the answer in the audit log.",
  })
  requestId!: string;
}

@ObjectType({
  description:
    "CREDIT_CENTER: whom an objection's correction reached (JRP art. 16 「在原发布和提供范围内予以公示」).",
})
export class CorrectionReach {
  @Field(() => ID)
  objectionId!: string;

  @Field(() => ID)
  correctedItemId!: string;

  @Field(() => Date)
  correctedAt!: Date;

  @Field(() => [CorrectionRecipient])
  recipients!: CorrectionRecipient[];

  @Field(() => [AffectedScreening], {
    description:
      "Screening answers on the subject between the item's publication and its correction, oldest first.",
  })
  affectedScreenings!: AffectedScreening[];
}
