import { addYears } from "../../domain/dates";
import { checkIdentifier } from "../../domain/identifiers";
import { BadUserInputError, ForbiddenError } from "../../platform/errors";
import { refuseIfProblems } from "../../platform/input-problems";
import type { InputProblem } from "../../domain/input-problem";
import { requirePurposeForNonPublicData } from "../../policies/purpose";
import { listKnownIdentifiers } from "../subjects/subject.registry";
import { recordDisclosed } from "../shared/disclose";
import { chargeUnentitledPersons } from "../shared/person-lookups";
import { refuseUnlessAllowed } from "../shared/authorize";
import type { MeasureContext } from "./measure.loaders";
import {
  insertMeasureApplication,
  listApplicationsOnEntriesOf,
  listMeasureStats,
} from "./measure.repository";
import { discloseMeasureApplications, toMeasure } from "./measure.service";
import { measureApplicationAccessFor } from "./measure-application.policy";
import { MeasureStat, type MeasureApplicationInput } from "./screening.type";
import { MeasureApplication } from "./measure.type";

/** `reportMeasureApplied`: the calling system reports which measure it applied to whom and how it ended (触发反馈). */
export async function reportMeasureApplied(
  context: MeasureContext,
  input: MeasureApplicationInput,
): Promise<MeasureApplication> {
  requirePurposeForNonPublicData(context.viewer);
  const refusal = "measures are reported by the GOVERNMENT or ORGANIZATION systems that screen";
  refuseUnlessAllowed(context.ability, "screen", "Subject", refusal);
  if (!context.viewer.org) throw new ForbiddenError(refusal);
  const problems: InputProblem[] = [];
  const check = checkIdentifier(input.identifier, undefined, context.today);
  if (!check.valid)
    problems.push({ field: "input.identifier", reason: check.rule, code: "INVALID_IDENTIFIER" });
  const measure = await context.loaders.measureByCode.load(input.measureCode);
  if (!measure)
    problems.push({
      field: "input.measureCode",
      reason: "not in the measure list (`measures`)",
      code: "BAD_USER_INPUT",
    });
  else if (!measure.scenarios.includes(input.scenario)) {
    problems.push({
      field: "input.scenario",
      reason: `measure ${measure.code} does not apply in ${input.scenario}`,
      code: "BAD_USER_INPUT",
    });
  }
  for (const [field, value, maximum] of [
    ["caseNumber", input.caseNumber, 100],
    ["outcome", input.outcome, 500],
  ] as const) {
    if (value.trim().length === 0 || value.length > maximum)
      problems.push({
        field: `input.${field}`,
        reason: `1 to ${maximum} characters`,
        code: "BAD_USER_INPUT",
      });
  }
  if (input.appliedOn > context.today)
    problems.push({ field: "input.appliedOn", reason: "lies in the future", code: "BAD_USER_INPUT" });
  // "No credit file" answers whether a person is on file: charged as a lookup, before anything else is refused.
  if (check.valid && check.kind === "CITIZEN_ID") await chargeUnentitledPersons(context, [check.identifier]);
  const subjectId = check.valid
    ? (await listKnownIdentifiers(context.db, [check.identifier])).get(check.identifier)
    : undefined;
  if (check.valid && !subjectId)
    problems.push({
      field: "input.identifier",
      reason: "no credit file for this identifier",
      code: "BAD_USER_INPUT",
    });
  refuseIfProblems(problems, "report");
  const row = await insertMeasureApplication(context.db, {
    measure_code: measure!.code,
    subject_id: subjectId!,
    subject_identifier: check.identifier,
    reported_by: context.viewer.org,
    reported_role: context.viewer.role,
    scenario: input.scenario,
    case_number: input.caseNumber.trim(),
    outcome: input.outcome.trim(),
    applied_on: input.appliedOn,
    created_at: context.now,
  });
  recordDisclosed(context, {
    subjectId: row.subject_id,
    subjectIdentifier: row.subject_identifier,
    entityType: "MeasureApplication",
    tier: "GOVERNMENT",
  });
  return Object.assign(new MeasureApplication(), {
    id: row.id,
    subject: { id: row.subject_id },
    measure: toMeasure(measure!),
    reportedBy: row.reported_by,
    caseNumber: row.case_number,
    outcome: row.outcome,
    appliedOn: row.applied_on,
  });
}

/** `measureStats`: for the credit centre, how often each measure was applied, to how many subjects, with what outcomes. */
export async function findMeasureStats(
  context: MeasureContext,
  from: string | null,
  to: string | null,
): Promise<MeasureStat[]> {
  refuseUnlessAllowed(
    context.ability,
    "review",
    "MeasureApplication",
    "measure statistics are for the credit centre",
  );
  const rows = await listMeasureStats(context.db, from, to);
  const byCode = new Map<string, MeasureStat>();
  for (const row of rows) {
    const stat =
      byCode.get(row.code) ??
      Object.assign(new MeasureStat(), {
        measure: toMeasure(row),
        applications: 0,
        subjects: Number(row.subjects),
        reporters: Number(row.reporters),
        outcomes: [],
      });
    stat.applications += Number(row.count);
    stat.outcomes.push({ outcome: row.outcome, count: Number(row.count) });
    byCode.set(row.code, stat);
  }
  return [...byCode.values()];
}

/**
 * `myEntryFeedback(from, to)`: what business systems reported applying, in a period of at most a year, on the
 * list entries the caller's unit recognised (触发反馈, JRP arts. 13-14) — readable under `MeasureApplication`'s
 * `entryRecognizedBy` rule, so only a unit the role table lets read its entries' feedback gets any.
 */
export async function findMyEntryFeedback(context: MeasureContext, from: string, to: string) {
  if (!context.viewer.org)
    throw new ForbiddenError("feedback on list entries is read by the unit that recognised them");
  if (from > to || addYears(from, 1) < to)
    throw new BadUserInputError("from must not be after to, and the period at most a year", {
      argument: "from",
    });
  const rows = await listApplicationsOnEntriesOf(
    context.db,
    context.viewer.org,
    { from, to },
    measureApplicationAccessFor(context),
  );
  return discloseMeasureApplications(context, rows);
}
