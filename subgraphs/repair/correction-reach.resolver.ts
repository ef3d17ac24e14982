import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { findCorrectionReach } from "./correction-reach.service";
import { CorrectionReach } from "./correction-reach.type";
import type { ObjectionContext } from "./objection.loaders";

@Resolver(() => CorrectionReach)
export class CorrectionReachResolver {
  @Query(() => CorrectionReach, {
    description:
      "CREDIT_CENTER: whom a corrected objection's item reached — the organisations notified and the screening answers that rested on it (JRP art. 16).",
  })
  async correctionReach(
    @Arg("objectionId", () => ID) objectionId: string,
    @Ctx() context: ObjectionContext,
  ): Promise<CorrectionReach> {
    return findCorrectionReach(context, objectionId);
  }
}
