import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { ListType, Scenario } from "../../domain/vocabulary";
import type { ListType as ListTypeValue, Scenario as ScenarioValue } from "../../domain/vocabulary";
import type { MeasureContext } from "./measure.loaders";
import { findMeasures } from "./measure.service";
import { Measure } from "./measure.type";

@Resolver(() => Measure)
export class MeasureResolver {
  @Query(() => [Measure], {
    description: "The joint measure catalog, optionally for one list and one scenario. Public.",
  })
  async measures(
    @Arg("list", () => ListType, { nullable: true }) list: ListTypeValue | null,
    @Arg("scenario", () => Scenario, { nullable: true }) scenario: ScenarioValue | null,
    @Ctx() context: MeasureContext,
  ): Promise<Measure[]> {
    return findMeasures(context, list ?? null, scenario ?? null);
  }
}
