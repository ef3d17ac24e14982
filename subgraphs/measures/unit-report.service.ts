import { parseQuarter } from "../../domain/dates";
import { BadUserInputError } from "../../platform/errors";
import { accessibleBy } from "../../policies/accessible-by";
import { countListingsByUnit } from "../lists/list-entry.registry";
import { countCorrectedObjectionsByProvider } from "../repair/objection.registry";
import { refuseUnlessAllowed } from "../shared/authorize";
import type { MeasureContext } from "./measure.loaders";
import { countApplicationsByEntryUnit } from "./measure.repository";
import { UnitReport } from "./unit-report.type";

/**
 * `unitReports(quarter)`: per unit, what the credit office evaluates each quarter (JRP art. 21) and what art. 22
 * reprimands — listings, late pushes, measures applied on its listings, corrections of its items. Rows are the
 * units the reader may read (`UnitReport` in the role table), filtered in each statement.
 */
export async function findUnitReports(context: MeasureContext, quarterName: string): Promise<UnitReport[]> {
  refuseUnlessAllowed(
    context.ability,
    "read",
    "UnitReport",
    "unit reports are for the credit centre and, each its own, the units",
  );
  const quarter = parseQuarter(quarterName);
  if (!quarter)
    throw new BadUserInputError("a quarter is written YYYYQn, e.g. 2026Q4", { argument: "quarter" });
  const { today } = context;
  if (quarter.from > today)
    throw new BadUserInputError(`quarter ${quarter.name} has not begun`, { argument: "quarter" });
  const units = (unitColumn: string) =>
    accessibleBy(context.ability, "read", "UnitReport", { unit: { column: unitColumn } });
  const [listings, applications, objections] = await Promise.all([
    countListingsByUnit(context.db, quarter, units),
    countApplicationsByEntryUnit(context.db, quarter, units),
    countCorrectedObjectionsByProvider(context.db, quarter, units),
  ]);
  const reports = new Map<string, UnitReport>();
  const reportOf = (unit: string) => {
    const report =
      reports.get(unit) ??
      Object.assign(new UnitReport(), {
        quarter: quarter.name,
        from: quarter.from,
        to: quarter.to,
        complete: quarter.to < today,
        unit,
        entriesRecognized: 0,
        latePushes: 0,
        measuresApplied: 0,
        measureOutcomes: [],
        objectionsCorrected: 0,
      });
    reports.set(unit, report);
    return report;
  };
  for (const row of listings)
    Object.assign(reportOf(row.unit), {
      entriesRecognized: Number(row.recognized),
      latePushes: Number(row.pushed_late),
    });
  for (const row of applications) {
    const report = reportOf(row.unit);
    report.measuresApplied += Number(row.count);
    report.measureOutcomes.push({ outcome: row.outcome, count: Number(row.count) });
  }
  for (const row of objections) reportOf(row.unit).objectionsCorrected = Number(row.corrected);
  return [...reports.values()].sort((a, b) => a.unit.localeCompare(b.unit));
}
