import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { MeasureContext } from "./measure.loaders";
import { findUnitReports } from "./unit-report.service";
import { UnitReport } from "./unit-report.type";

@Resolver(() => UnitReport)
export class UnitReportResolver {
  @Query(() => [UnitReport], {
    description: "CREDIT_CENTER: every unit's quarter (JRP arts. 9, 21-22); a PROVIDER: its own unit's row.",
  })
  async unitReports(
    @Arg("quarter", () => String, { description: "YYYYQn, e.g. 2026Q4; not one that has not begun." })
    quarter: string,
    @Ctx() context: MeasureContext,
  ): Promise<UnitReport[]> {
    return findUnitReports(context, quarter);
  }
}
