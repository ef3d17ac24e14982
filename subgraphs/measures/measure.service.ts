import type { MeasureApplicationRow, MeasureRow } from "./measure.table";
import type { ListType, Scenario } from "../../domain/vocabulary";
import { decisionIn, strictestDecision } from "./screening.rules";
import { discloseReadable } from "../shared/disclose";
import { asMeasureApplicationPolicy } from "./measure-application.policy";
import type { MeasureContext } from "./measure.loaders";
import { listMeasures, type AppliedMeasureRow } from "./measure.repository";
import { Measure, MeasureApplication } from "./measure.type";

/**
 * A measure as the API shows it: `decision` is what it decides in `scenario` where one is asked about
 * (screening, `measures(scenario:)`), otherwise the strictest of its scenarios.
 */
export function toMeasure(row: MeasureRow, scenario: Scenario | null = null): Measure {
  return Object.assign(new Measure(), {
    code: row.code,
    kind: row.kind,
    list: row.list,
    title: row.title,
    decision: scenario ? decisionIn(row, scenario).decision : strictestDecision(row),
    scenarios: row.scenarios,
    grounds: row.grounds,
    basis: row.basis,
    department: row.department,
  });
}

function toMeasureApplication(row: MeasureApplicationRow, measure: MeasureRow): MeasureApplication {
  return Object.assign(new MeasureApplication(), {
    id: row.id,
    subject: { id: row.subject_id },
    measure: toMeasure(measure),
    reportedBy: row.reported_by,
    caseNumber: row.case_number,
    outcome: row.outcome,
    appliedOn: row.applied_on,
  });
}

/** `measures(list, scenario)`: the public catalog. */
export async function findMeasures(
  context: MeasureContext,
  list: ListType | null,
  scenario: Scenario | null,
): Promise<Measure[]> {
  if (!context.ability.can("read", "Measure")) return [];
  const rows = await listMeasures(context.db, { list, scenario });
  for (const row of rows) context.loaders.measureByCode.prime(row.code, row);
  return rows.map((row) => toMeasure(row, scenario));
}

export async function resolveMeasureByCode(context: MeasureContext, code: string): Promise<Measure | null> {
  if (!context.ability.can("read", "Measure")) return null;
  const row = await context.loaders.measureByCode.load(code);
  return row ? toMeasure(row) : null;
}

/** `Subject.measureApplications`: who applied which measure to the subject, for those who may know. */
export async function listSubjectMeasureApplications(
  context: MeasureContext,
  subjectId: string,
): Promise<MeasureApplication[]> {
  return discloseMeasureApplications(context, await context.loaders.applicationsBySubjectId.load(subjectId));
}

/** Applications the viewer may read, each with its measure, recorded for the audit as the subject's government-tier data. */
export async function discloseMeasureApplications(
  context: MeasureContext,
  rows: readonly AppliedMeasureRow[],
): Promise<MeasureApplication[]> {
  const measures = await context.loaders.measureByCode.loadMany(rows.map((row) => row.measure_code));
  const measureByCode = new Map(
    measures.flatMap((measure) => (measure && !(measure instanceof Error) ? [[measure.code, measure]] : [])),
  );
  return discloseReadable(
    context,
    rows.filter((row) => measureByCode.has(row.measure_code)),
    {
      entityType: "MeasureApplication",
      policyOf: asMeasureApplicationPolicy,
      subjectIdOf: (row) => row.subject_id,
      subjectIdentifierOf: (row) => row.subject_identifier,
      tierOf: () => "GOVERNMENT",
      toType: (row) => toMeasureApplication(row, measureByCode.get(row.measure_code)!),
    },
  );
}
