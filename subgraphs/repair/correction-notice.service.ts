import type { Kysely } from "kysely";
import type { RepairDatabase } from "./repair.database";
import type { ObjectionRow } from "./objection.table";
import { chinaDateOf } from "../../domain/dates";
import { withholdProhibitedData } from "../../domain/prohibited-data";
import { listOrganisationsThatRelied, type ItemReliance } from "../audit/audit-event.registry";
import {
  findBlackEntryInForceBesides,
  findListEntrySummary,
  restoreRedEntriesTakenBy,
  sendCorrectionNotices,
  type CorrectionNotice,
  type ListEntrySummary,
} from "../lists/list-entry.registry";
import {
  findRecordSummary,
  restoreHonoursSuspendedBy,
  type RecordSummary,
} from "../records/credit-record.registry";
import { recordDisclosed } from "../shared/disclose";
import type { ObjectionContext } from "./objection.loaders";
import { applyCorrection, type WorkflowTarget } from "./repair.repository";

/** The item as it stood before the correction: what those who relied on it were shown. */
export type CorrectedItem = Readonly<{
  target: WorkflowTarget;
  record: RecordSummary | null;
  entry: ListEntrySummary | null;
}>;

/** The first instant of a day in China time: an item published that day may have been read from then on. */
const startOfChinaDay = (date: string) => new Date(`${date}T00:00:00+08:00`);

/**
 * The organisations that relied on the item from its publication until `until`. Screening answers rest on
 * list entries only (measures are decided on the subject's entries), so a corrected record reaches those who
 * read it, a corrected entry those who read or screened it.
 *
 * Reliance is the audit's record of the item's own disclosure (audit-event.registry.ts): reading other items of
 * the subject, before or after this one was uploaded, is not reading this one. The window opens at the item's
 * push date (an entry) or decision date (a record: the earliest it can have been published); only events
 * written before item ids were recorded fall back to the subject's kind of data in that window.
 */
export async function findReliance(
  db: Kysely<RepairDatabase>,
  item: CorrectedItem,
  until: Date,
): Promise<ItemReliance[]> {
  return listOrganisationsThatRelied(db, {
    id: item.target.id,
    subjectId: item.target.subjectId,
    entityType: item.target.type === "CREDIT_RECORD" ? "CreditRecord" : "ListEntry",
    tier: item.record?.tier ?? "PUBLIC",
    screeningRestsOnIt: item.target.type === "LIST_ENTRY",
    from: startOfChinaDay(
      item.target.type === "CREDIT_RECORD" ? item.target.decidedOn : item.target.publishedOn,
    ),
    to: until,
  });
}

const days = (instants: readonly Date[]) => [...new Set(instants.map(chinaDateOf))].join(", ");

/**
 * What one organisation is told: which item, what changed, when — never more than it was shown. Only a reader
 * of the item learns its title or facts and the provider's note; a screener learns that an answer it was
 * given rested on a list entry (its list, unit and date, which screening reasons name) that was corrected. A
 * purged item is named by nothing of its content: the content was the prohibited data (PCIM art. 14).
 */
export function describeCorrectionFor(
  reliance: ItemReliance,
  item: CorrectedItem,
  correction: Readonly<{ on: string; purged: boolean; note: string | null }>,
): string {
  const when = `corrected on ${correction.on} after an upheld objection (JRP art. 16)`;
  const read = reliance.reads.length > 0;
  const screened =
    reliance.screenings.length > 0
      ? ` Your screening answers of ${days(reliance.screenings.map((screening) => screening.at))} rested on it: screen again for the current answer.`
      : "";
  if (correction.purged) {
    return `An item on this subject's file that you were given on ${days([...reliance.reads, ...reliance.screenings.map((screening) => screening.at)])} held data that may not be collected (PCIM art. 14); it was withdrawn, ${when}. Delete any copy of it you kept.`;
  }
  const change = correction.note ? ` The provider's correction: ${correction.note}.` : "";
  if (item.record) {
    return `The credit record "${item.record.title}" (provided by ${item.record.provider}, decided ${item.record.decidedOn}), which you read on ${days(reliance.reads)}, was ${when}; it is no longer published as it stood.${change}`;
  }
  const entry = item.entry!;
  const named = `The ${entry.list} list entry recognised by ${entry.recognizedBy} on ${entry.recognizedOn}`;
  if (read)
    return `${named} ("${entry.facts}"), which you read on ${days(reliance.reads)}, was ${when} and is no longer published.${change}${screened}`;
  return `${named} was ${when} and is no longer published.${screened}`;
}

/**
 * The CORRECTED step (JRP art. 16 「更正发布，并在原发布和提供范围内予以公示」), in the objection's transaction:
 * the item is corrected (purged when the ground was prohibited data), and every organisation that read or
 * screened it since it was published, as the audit has it, gets one correction notice.
 */
export async function correctAndNotify(
  trx: Kysely<RepairDatabase>,
  context: ObjectionContext,
  objection: ObjectionRow,
  target: WorkflowTarget,
  note: string | null,
): Promise<void> {
  const { today } = context;
  // Readers were shown the item with prohibited data withheld (disclose.ts); a notice repeats no more than that.
  const withhold = <T extends object>(value: T | null) =>
    value &&
    withholdProhibitedData(value, (finding) =>
      context.logger.warn(
        { objectionId: objection.id, field: finding.path, category: finding.category.name },
        "prohibited data withheld from a correction notice",
      ),
    );
  const item: CorrectedItem = {
    target,
    record: withhold(target.type === "CREDIT_RECORD" ? await findRecordSummary(trx, target.id) : null),
    entry: withhold(target.type === "LIST_ENTRY" ? await findListEntrySummary(trx, target.id) : null),
  };
  const purged = objection.ground === "PROHIBITED_DATA";
  await applyCorrection(trx, target, purged, today, note ?? "objection upheld by the provider");
  // A black entry corrected as wrong was never a ground to revoke honours (JRP art. 14(11)) nor to leave a red
  // list (JRP art. 4): both come back, as on its removal (lists' removeListEntry).
  if (target.type === "LIST_ENTRY") {
    const stillListedBy = await findBlackEntryInForceBesides(trx, target.subjectId, target.id, today);
    for (const record of await restoreHonoursSuspendedBy(trx, target.id, stillListedBy)) {
      recordDisclosed(context, {
        subjectId: record.subjectId,
        subjectIdentifier: record.subjectIdentifier,
        entityType: "CreditRecord",
        tier: record.tier,
        itemIds: [record.id],
      });
    }
    for (const red of await restoreRedEntriesTakenBy(trx, target.id, today)) {
      recordDisclosed(context, {
        subjectId: red.subjectId,
        subjectIdentifier: red.subjectIdentifier,
        entityType: "ListEntry",
        tier: "PUBLIC",
        itemIds: [red.id],
      });
    }
  }
  const reliance = await findReliance(trx, item, context.now);
  const notices: CorrectionNotice[] = reliance.map((organisation) => ({
    recipientOrg: organisation.org,
    objectionId: objection.id,
    subjectId: target.subjectId,
    subjectIdentifier: target.subjectIdentifier,
    item: { type: target.type, id: target.id },
    correctedOn: today,
    message: describeCorrectionFor(organisation, item, { on: today, purged, note }),
    at: context.now,
  }));
  await sendCorrectionNotices(trx, notices);
}
