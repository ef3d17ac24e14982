import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { ConsentInput } from "./consent.input";
import { findMyConsents, grantConsent, revokeConsent } from "./consent.service";
import { Consent } from "./consent.type";
import type { SubjectContext } from "./subject.loaders";

@Resolver(() => Consent)
export class ConsentResolver {
  @Mutation(() => Consent, {
    description: "SUBJECT: lets an organisation read your authorized tier for one purpose until validUntil.",
  })
  async grantConsent(
    @Arg("input", () => ConsentInput) input: ConsentInput,
    @Ctx() context: SubjectContext,
  ): Promise<Consent> {
    return grantConsent(context, input);
  }

  @Mutation(() => Consent, { description: "SUBJECT: withdraws a consent at once." })
  async revokeConsent(@Arg("id", () => ID) id: string, @Ctx() context: SubjectContext): Promise<Consent> {
    return revokeConsent(context, id);
  }

  @Query(() => [Consent], { description: "SUBJECT: your consents, newest first." })
  async myConsents(@Ctx() context: SubjectContext): Promise<Consent[]> {
    return findMyConsents(context);
  }
}
