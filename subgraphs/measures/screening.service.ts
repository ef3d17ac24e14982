import { addYears } from "../../domain/dates";
import { checkIdentifier } from "../../domain/identifiers";
import {
  decideScreening,
  undecidableScreening,
  type ResponsibleEntry,
  type ScreeningEntry,
} from "./screening.rules";
import type { Scenario } from "../../domain/vocabulary";
import { BadUserInputError } from "../../platform/errors";
import { requirePurposeForNonPublicData } from "../../policies/purpose";
import { groupBy } from "../shared/loaders";
import { listEntriesInForceOrRecentlyLeft, listResponsibleEntries } from "../lists/list-entry.registry";
import { describeRelationPeriod, listKnownIdentifiers } from "../subjects/subject.registry";
import { MAX_ITEMS_PER_CALL } from "../../domain/limits";
import { recordDisclosed } from "../shared/disclose";
import { chargeUnentitledPersons } from "../shared/person-lookups";
import { refuseUnlessAllowed } from "../shared/authorize";
import type { MeasureContext } from "./measure.loaders";
import { listMeasures } from "./measure.repository";
import { toMeasure } from "./measure.service";
import { ScreeningResult } from "./screening.type";

/**
 * `screen`: the embedded check at the counter. Reads lists, subjects and measures with a fixed number
 * of statements whatever the batch size (one per table), validates each identifier on its own (a bad one
 * gets its own error, the batch goes on) and decides each with `decideScreening`.
 *
 * Screening is the one read that spans the lists and subjects tables from the measures subgraph: the
 * decision needs entries, relations and measures together, at the counter's latency.
 *
 * A GOVERNMENT caller screening for a duty (PCIM art. 22) is entitled to the persons it screens; any other caller
 * is charged each natural person it holds no consent for (subgraphs/shared/person-lookups.ts).
 */
export async function screen(
  context: MeasureContext,
  identifiers: readonly string[],
  scenario: Scenario,
): Promise<ScreeningResult[]> {
  requirePurposeForNonPublicData(context.viewer);
  refuseUnlessAllowed(
    context.ability,
    "screen",
    "Subject",
    "screening is for GOVERNMENT and ORGANIZATION callers with a declared purpose",
  );
  if (identifiers.length > MAX_ITEMS_PER_CALL) {
    throw new BadUserInputError(`at most ${MAX_ITEMS_PER_CALL} identifiers per call; split the batch`, {
      argument: "identifiers",
      limit: MAX_ITEMS_PER_CALL,
    });
  }
  const { today } = context;
  const showsMonitoring = context.ability.can("read", "FocusedMonitoring");
  const checks = identifiers.map((raw) => checkIdentifier(raw, undefined, today));
  const valid = [...new Set(checks.flatMap((check) => (check.valid ? [check.identifier] : [])))];
  // Whether a person is listed is what a masked ID's middle is guessed by: persons the caller has no consent or
  // duty for count against its per-person budget, as `subject(identifier)` does; past it the batch is refused whole.
  await chargeUnentitledPersons(
    context,
    checks.flatMap((check) => (check.valid && check.kind === "CITIZEN_ID" ? [check.identifier] : [])),
  );
  const [known, entries, responsible, catalog] = await Promise.all([
    listKnownIdentifiers(context.db, valid),
    listEntriesInForceOrRecentlyLeft(context.db, valid, today, addYears(today, -1)),
    listResponsibleEntries(context.db, valid, today),
    listMeasures(context.db, { list: null, scenario }),
  ]);
  const entriesGrouped = groupBy(valid, entries, (row) => row.subject_identifier);
  const responsibleGrouped = groupBy(valid, responsible, (row) => row.person_identifier);
  const entriesOf = new Map(valid.map((identifier, index) => [identifier, entriesGrouped[index]!]));
  const responsibleByIdentifier = new Map(
    valid.map((identifier, index) => [identifier, responsibleGrouped[index]!]),
  );
  const measureByCode = new Map(catalog.map((row) => [row.code, toMeasure(row, scenario)]));

  return checks.map((check, index) => {
    if (!check.valid)
      return Object.assign(new ScreeningResult(), {
        identifier: identifiers[index]!,
        ...undecidableScreening(check.rule),
      });
    const subjectId = known.get(check.identifier);
    const toEntry = (row: Omit<(typeof entries)[number], "subject_identifier">): ScreeningEntry => ({
      list: row.list,
      status: row.status,
      grounds: row.grounds,
      recognizedBy: row.recognized_by,
      recognizedOn: row.recognized_on,
      documentNumber: row.document_number,
      validUntil: row.valid_until,
      statusChangedOn: row.status_changed_on,
    });
    const answerable = (responsibleByIdentifier.get(check.identifier) ?? []).map(
      (row): ResponsibleEntry => ({
        ...toEntry(row),
        organisationName: row.organisation_name,
        organisationIdentifier: row.organisation_identifier,
        relation: row.relation,
        relationPeriod: describeRelationPeriod({ valid_from: row.relation_from, valid_to: row.relation_to }),
      }),
    );
    const own = entriesOf.get(check.identifier) ?? [];
    const result = decideScreening(own.map(toEntry), answerable, catalog, scenario, today, showsMonitoring);
    // The entries the answer was decided on: a correction of one of them is made known to this screener (JRP art. 16).
    const restedOn = [...own, ...(responsibleByIdentifier.get(check.identifier) ?? [])].map((row) => row.id);
    if (subjectId)
      recordDisclosed(context, {
        subjectId,
        subjectIdentifier: check.identifier,
        entityType: "ScreeningResult",
        tier: "PUBLIC",
        itemIds: restedOn,
      });
    return Object.assign(new ScreeningResult(), {
      identifier: check.identifier,
      decision: result.decision,
      reasons: result.reasons,
      measures: result.measures.map((measure) => measureByCode.get(measure.code)!),
      error: null,
    });
  });
}
