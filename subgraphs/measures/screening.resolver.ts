import { Arg, Ctx, Directive, Mutation, Query, Resolver } from "type-graphql";
import { MAX_ITEMS_PER_CALL } from "../../domain/limits";
import { Scenario } from "../../domain/vocabulary";
import type { Scenario as ScenarioValue } from "../../domain/vocabulary";
import { findMeasureStats, findMyEntryFeedback, reportMeasureApplied } from "./feedback.service";
import type { MeasureContext } from "./measure.loaders";
import { MeasureApplication } from "./measure.type";
import { screen } from "./screening.service";
import { MeasureApplicationInput, MeasureStat, ScreeningResult } from "./screening.type";
import { DateScalar } from "../shared/scalars";

@Resolver(() => ScreeningResult)
export class ScreeningResolver {
  @Query(() => [ScreeningResult], {
    description: `GOVERNMENT or ORGANIZATION with X-Credit-Purpose: up to ${MAX_ITEMS_PER_CALL.toLocaleString("en")} identifiers, each decided BLOCK, REVIEW, GREEN_CHANNEL or PASS with reasons.`,
  })
  async screen(
    // Each identifier is a unit of work: the gateway charges and caps it by this declaration (gateway/query-limits.ts).
    @Arg("identifiers", () => [String]) @Directive("@cost(weight: 1)") identifiers: string[],
    @Arg("scenario", () => Scenario) scenario: ScenarioValue,
    @Ctx() context: MeasureContext,
  ): Promise<ScreeningResult[]> {
    return screen(context, identifiers, scenario);
  }

  @Mutation(() => MeasureApplication, {
    description:
      "GOVERNMENT or ORGANIZATION with X-Credit-Purpose: the calling system reports a measure it applied (触发反馈).",
  })
  async reportMeasureApplied(
    @Arg("input", () => MeasureApplicationInput) input: MeasureApplicationInput,
    @Ctx() context: MeasureContext,
  ): Promise<MeasureApplication> {
    return reportMeasureApplied(context, input);
  }

  @Query(() => [MeasureStat], {
    description: "CREDIT_CENTER: measures applied per code and outcome in a period.",
  })
  async measureStats(
    @Arg("from", () => DateScalar, { nullable: true }) from: string | null,
    @Arg("to", () => DateScalar, { nullable: true }) to: string | null,
    @Ctx() context: MeasureContext,
  ): Promise<MeasureStat[]> {
    return findMeasureStats(context, from ?? null, to ?? null);
  }

  @Query(() => [MeasureApplication], {
    description:
      "A unit (PROVIDER): measures business systems reported applying, applied from `from` to `to` (at most a year), on list entries it recognised (触发反馈).",
  })
  async myEntryFeedback(
    @Arg("from", () => DateScalar) from: string,
    @Arg("to", () => DateScalar) to: string,
    @Ctx() context: MeasureContext,
  ): Promise<MeasureApplication[]> {
    return findMyEntryFeedback(context, from, to);
  }
}
