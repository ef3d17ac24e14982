import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { PublicationDecision, PublicationState, Tier } from "../../domain/vocabulary";
import type { PublicationState as PublicationStateValue, Tier as TierValue } from "../../domain/vocabulary";
import { PageInfo } from "../shared/pagination";
import { DateTimeScalar } from "../shared/scalars";
import { Subject } from "./subject/subject.type";

/** The kinds of item the publication review holds: a natural person's public record or list entry. */
export const PublicationItem = { CREDIT_RECORD: "CREDIT_RECORD", LIST_ENTRY: "LIST_ENTRY" } as const;
export type PublicationItem = keyof typeof PublicationItem;

registerEnumType(PublicationItem, {
  name: "PublicationItem",
  description: "A credit record or a list entry.",
});
registerEnumType(PublicationDecision, {
  name: "PublicationDecision",
  description:
    "PUBLISH as submitted; REDACT, publishing `redactedText` in place of the free text; RETURN_TO_PROVIDER with a `reason`, unpublished.",
});
registerEnumType(Tier, { name: "Tier", description: "Use scope (PCIM arts. 18-24)" });

@ObjectType({
  description:
    "Where the prohibited-data detector found something in a text (a reviewer's aid, not a verdict): the field path and category; start and end (character offsets) where the detector tells them, else null.",
})
export class ProhibitedDataHit {
  @Field(() => String, { description: "The field it was found in, e.g. `title` or `attributes.notes`." })
  path!: string;

  @Field(() => String, { description: "The category's code." })
  category!: string;

  @Field(() => String, { description: "The category in words." })
  label!: string;

  @Field(() => String, { description: "The law that prohibits collecting it." })
  law!: string;

  @Field(() => Int, {
    nullable: true,
    description: "First character of the finding in `text`; null while the detector names only the category.",
  })
  start!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Character after the finding in `text`; null while the detector names only the category.",
  })
  end!: number | null;
}

@ObjectType({ description: "One free text of an item under review, with what the detector found in it." })
export class ReviewedText {
  @Field(() => String, { description: "title, attributes (records); facts, basis (list entries)." })
  field!: string;

  @Field(() => String)
  text!: string;

  @Field(() => [ProhibitedDataHit])
  hits!: ProhibitedDataHit[];
}

@ObjectType({
  description: "A natural person's item in the credit centre's review before publication (PCIM art. 14).",
})
export class PublicationReview {
  @Field(() => ID, { description: "The item's id (the record's or the entry's)." })
  id!: string;

  @Field(() => PublicationItem)
  item!: PublicationItem;

  @Field(() => Subject)
  subject!: Subject;

  @Field(() => String, { description: "The providing or recognising unit's code: the one a return goes to." })
  provider!: string;

  @Field(() => String, {
    description: "The record's kind, or the entry's list and grounds (e.g. BLACK B07_REFUSE_JUDGEMENT).",
  })
  kind!: string;

  @Field(() => Tier)
  tier!: TierValue;

  @Field(() => DateTimeScalar, { description: "When the item was submitted: the queue is oldest first." })
  submittedAt!: Date;

  @Field(() => PublicationState)
  state!: PublicationStateValue;

  @Field(() => [ReviewedText])
  texts!: ReviewedText[];

  @Field(() => String, {
    nullable: true,
    description: "REDACTED: the text published in place of the free text.",
  })
  redactedText!: string | null;

  @Field(() => String, { nullable: true, description: "RETURNED: why it went back to the provider." })
  reason!: string | null;
}

@ObjectType()
export class PublicationReviewEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => PublicationReview)
  node!: PublicationReview;
}

@ObjectType({ description: "The items awaiting the credit centre's publication review, oldest first." })
export class PublicationReviewConnection {
  @Field(() => [PublicationReviewEdge])
  edges!: PublicationReviewEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: "Items awaiting review in all." })
  totalCount!: number;
}
