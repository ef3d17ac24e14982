import { Field, ID, InputType } from "type-graphql";
import { PublicationDecision } from "../../domain/vocabulary";
import type { PublicationDecision as PublicationDecisionValue } from "../../domain/vocabulary";

@InputType({ description: "The credit centre's decision on an item awaiting its publication review." })
export class PublicationDecisionInput {
  @Field(() => ID, { description: "The item's id (`PublicationReview.id`)." })
  id!: string;

  @Field(() => PublicationDecision)
  decision!: PublicationDecisionValue;

  @Field(() => String, {
    nullable: true,
    description:
      "REDACT: what the public reads in place of the free text (a record's title, an entry's facts); 1-2,000 characters, itself free of prohibited data.",
  })
  redactedText?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "RETURN_TO_PROVIDER: why, for the provider; 1-500 characters.",
  })
  reason?: string | null;
}
