import { Arg, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import type { ListEntryContext } from "./list-entry.loaders";
import { PublicationDecisionInput } from "./publication-review.input";
import { decidePublication, findPublicationReviews } from "./publication-review.service";
import { PublicationReview, PublicationReviewConnection } from "./publication-review.type";

@Resolver(() => PublicationReview)
export class PublicationReviewResolver {
  @Query(() => PublicationReviewConnection, {
    description:
      "CREDIT_CENTER: natural persons' items awaiting review before the public tier shows them (PCIM art. 14), oldest first, with the prohibited-data detector's hits.",
  })
  async publicationReviews(
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() context: ListEntryContext,
  ): Promise<PublicationReviewConnection> {
    return findPublicationReviews(context, first, after ?? null);
  }

  @Mutation(() => PublicationReview, {
    description: "CREDIT_CENTER: publishes, redacts or returns to its provider an item awaiting review.",
  })
  async decidePublication(
    @Arg("input", () => PublicationDecisionInput) input: PublicationDecisionInput,
    @Ctx() context: ListEntryContext,
  ): Promise<PublicationReview> {
    return decidePublication(context, input);
  }
}
