import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from "kysely";
import type { Connection } from "../../db/connection";
import type { ListsDatabase } from "./lists.database";
import type { ListStatus, ListType } from "../../domain/vocabulary";
import { publicationCleared } from "../../policies/publication";
import type { PolicySubject } from "../../policies/ability";
import type { AccessFilter } from "../../policies/accessible-by";
import type { RequestScope } from "../shared/context";
import { asListEntryPolicy, listEntryAccessFor } from "./list-entry.policy";
import { entryInForce } from "./list-entry.rules";
import type { ListEntryRow, ListEntryTable } from "./list-entry.table";
import { listUnits } from "../subjects/subject.registry";
import {
  findEntrySummary,
  findListEntryById,
  findOtherBlackEntryInForce,
  insertCorrectionNotices,
  listBlackListingsOf,
  listEntriesBySubjectIds,
  listNoticesOfObjection,
  markEntryCorrected,
  restoreRedEntriesRemovedBy,
  setListEntryStatus,
} from "./list-entry.repository";

// The lists slice's published face: which entries a measure rests on, a unit's listings in a period, and the
// notices other slices send (JRP art. 16 corrections).

/** Whether a list entry is in force on a day, in memory and in SQL (the lists slice's one definition). */
export { entryInForce } from "./list-entry.rules";

/**
 * The identifiers' own red and black entries in force, or black entries that left the list within the last year;
 * and the black entries in force of organisations they answer for.
 */
export {
  listResponsibleEntries,
  listScreeningEntries as listEntriesInForceOrRecentlyLeft,
} from "./list-entry.repository";

/** The list entries as a derived table (`.as(alias)`, columns as stored) for another slice's one-statement read. */
export function listEntriesRelation(eb: ExpressionBuilder<ListsDatabase, any>) {
  return eb.selectFrom("list_entries").selectAll();
}

/**
 * The subject whose id is in `subjectIdColumn` has a red or black list entry in force and cleared for publication
 * (public information, JRP art. 8); an entry awaiting the credit centre's review (policies/publication.ts) is not.
 */
export function hasListEntryInForce(
  eb: ExpressionBuilder<ListsDatabase, any>,
  subjectIdColumn: string,
  today: string,
): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom("list_entries as entry_in_force")
      .select("entry_in_force.id")
      .whereRef("entry_in_force.subject_id", "=", subjectIdColumn)
      .where((inner) => entryInForce.where(inner, "entry_in_force", today))
      .where((inner) => publicationCleared.where(inner, "entry_in_force")),
  );
}

/**
 * Whether the entry under `alias` is what a measure applied on `date` rested on (JRP art. 14, 「依法依规」): the
 * subject's entry on the measure's list, with grounds its basis covers (no grounds: every grounds), in force
 * that day — recognised, within its validity, and not yet off the list — and already entered when the
 * application was reported (`reportedAt`): an entry recognised with an earlier date after an application was
 * reported was nothing that application could rest on, so it claims neither its feedback nor its count.
 * `refs` name the caller's columns.
 */
export function entryRestedOnColumn(
  eb: ExpressionBuilder<ListsDatabase, any>,
  alias: string,
  refs: Readonly<{ subjectId: string; list: string; grounds: string; date: string; reportedAt: string }>,
): Expression<SqlBool> {
  const ref = <C extends keyof ListEntryTable & string>(column: C) =>
    eb.ref(`${alias}.${column}` as `list_entries.${C}`);
  const date = eb.ref(refs.date);
  return eb.and([
    eb(ref("subject_id"), "=", eb.ref(refs.subjectId)),
    eb(ref("list"), "=", eb.ref(refs.list)),
    eb.or([
      sql<SqlBool>`cardinality(${eb.ref(refs.grounds)}) = 0`,
      sql<SqlBool>`${ref("grounds")} = any(${eb.ref(refs.grounds)})`,
    ]),
    eb(ref("recognized_on"), "<=", date),
    eb(ref("created_at"), "<=", eb.ref(refs.reportedAt)),
    eb.or([eb(ref("valid_until"), "is", null), eb(ref("valid_until"), ">=", date)]),
    eb.or([eb(ref("status"), "=", "ACTIVE"), eb(ref("status_changed_on"), ">", date)]),
  ]);
}

/**
 * Per recognising unit, one statement: entries recognised in the period, and entries pushed to the platform in
 * the period later than JRP art. 9's 7 working days (counted against the unit, art. 22(2)). `units` compiles
 * the reader's policy over a unit column.
 */
export async function countListingsByUnit(
  connection: Connection,
  period: Readonly<{ from: string; to: string }>,
  units: (unitColumn: string) => AccessFilter,
) {
  const recognized = (eb: ExpressionBuilder<ListsDatabase, "list_entries">) =>
    eb.between("recognized_on", period.from, period.to);
  const pushedLate = (eb: ExpressionBuilder<ListsDatabase, "list_entries">) =>
    eb.and([eb("pushed_late", "=", true), eb.between("pushed_on", period.from, period.to)]);
  const db: Kysely<ListsDatabase> = connection;
  return db
    .selectFrom("list_entries")
    .select((eb) => [
      "recognized_by as unit",
      eb.fn.countAll<string>().filterWhere(recognized).as("recognized"),
      eb.fn.countAll<string>().filterWhere(pushedLate).as("pushed_late"),
    ])
    .where((eb) => eb.or([recognized(eb), pushedLate(eb)]))
    .where(units("list_entries.recognized_by"))
    .groupBy("recognized_by")
    .execute();
}

/**
 * A black entry corrected as wrong gives back the red entries it took off (JRP art. 4; JRP arts. 3 and 12 on exits: a wrong
 * entry is as if it never was), in the caller's transaction, unless another black entry of the subject is in
 * force on `today` — they then wait on that one. Returns the entries back on their list, for the caller's audit.
 */
export async function restoreRedEntriesTakenBy(
  trx: Connection,
  entryId: string,
  today: string,
): Promise<ReadonlyArray<{ id: string; subjectId: string; subjectIdentifier: string }>> {
  return (await restoreRedEntriesRemovedBy(trx, entryId, today)).map((row) => ({
    id: row.id,
    subjectId: row.subject_id,
    subjectIdentifier: row.subject_identifier,
  }));
}

/** The subject's black entry in force on `today` other than `entryId`, by id: what still keeps it listed. */
export async function findBlackEntryInForceBesides(
  db: Connection,
  subjectId: string,
  entryId: string,
  today: string,
): Promise<string | null> {
  return (await findOtherBlackEntryInForce(db, subjectId, entryId, today))?.id ?? null;
}

/** A list entry's summary: which list, on what grounds and facts, recognised by whom and when. */
export type ListEntrySummary = Readonly<{
  id: string;
  list: string;
  grounds: string;
  facts: string;
  recognizedBy: string;
  recognizedOn: string;
}>;

export async function findListEntrySummary(db: Connection, id: string): Promise<ListEntrySummary | null> {
  const row = await findEntrySummary(db, id);
  return row
    ? {
        id: row.id,
        list: row.list,
        grounds: row.grounds,
        facts: row.facts,
        recognizedBy: row.recognized_by,
        recognizedOn: row.recognized_on,
      }
    : null;
}

/** A correction notice to one organisation (JRP art. 16); `message` already holds no more than it could read. */
export type CorrectionNotice = Readonly<{
  recipientOrg: string;
  objectionId: string;
  subjectId: string;
  subjectIdentifier: string;
  item: Readonly<{ type: "CREDIT_RECORD" | "LIST_ENTRY"; id: string }>;
  correctedOn: string;
  message: string;
  at: Date;
}>;

/**
 * Sends correction notices in the caller's transaction (they commit with the correction or not at all). An
 * organisation gets one notice per objection: sending again adds nothing.
 */
export async function sendCorrectionNotices(
  trx: Connection,
  notices: readonly CorrectionNotice[],
): Promise<void> {
  await insertCorrectionNotices(
    trx,
    notices.map((notice) => ({
      recipient_org: notice.recipientOrg,
      kind: "CORRECTION",
      subject_id: notice.subjectId,
      subject_identifier: notice.subjectIdentifier,
      list_entry_id: notice.item.type === "LIST_ENTRY" ? notice.item.id : null,
      credit_record_id: notice.item.type === "CREDIT_RECORD" ? notice.item.id : null,
      objection_id: notice.objectionId,
      corrected_on: notice.correctedOn,
      message: notice.message,
      created_at: notice.at,
    })),
  );
}

/** The organisations an objection's correction was sent to, by code. */
export async function listCorrectionRecipients(
  db: Connection,
  objectionId: string,
): Promise<Array<{ org: string; notifiedAt: Date }>> {
  return (await listNoticesOfObjection(db, objectionId)).map((row) => ({
    org: row.recipient_org,
    notifiedAt: row.created_at,
  }));
}

/** A list entry as another slice may use it: its disclosed fields, whether it is in force today, its policy shape. */
export type ReadableListEntry = Readonly<{
  id: string;
  subjectId: string;
  subjectIdentifier: string;
  list: ListType;
  status: ListStatus;
  grounds: string;
  facts: string;
  basis: string;
  documentNumber: string;
  recognizedBy: string;
  /** The recognising unit by its name, not its code (JRP art. 8); the code when the unit is not on file. */
  recognizedByName: string;
  recognizedOn: string;
  validUntil: string | null;
  /** ACTIVE and within its validity (JRP art. 12). */
  current: boolean;
  policy: PolicySubject;
}>;

/**
 * A subject's list entries as `scope` may read them: the lists slice's own policy compiled to SQL, as its
 * loaders read. The caller passes each through `discloseReadable` with `policy`.
 */
export async function listEntriesReadableIn(
  db: Connection,
  scope: RequestScope,
  subjectId: string,
): Promise<ReadableListEntry[]> {
  const { today } = scope;
  const rows = await listEntriesBySubjectIds(db, [subjectId], listEntryAccessFor(scope));
  const names = new Map(
    (await listUnits(db, [...new Set(rows.map((row) => row.recognized_by))])).map((unit) => [
      unit.code,
      unit.name,
    ]),
  );
  return rows.map((row) => ({
    id: row.id,
    subjectId: row.subject_id,
    subjectIdentifier: row.subject_identifier,
    list: row.list,
    status: row.status,
    grounds: row.grounds,
    facts: row.facts,
    basis: row.basis,
    documentNumber: row.document_number,
    recognizedBy: row.recognized_by,
    recognizedByName: names.get(row.recognized_by) ?? row.recognized_by,
    recognizedOn: row.recognized_on,
    validUntil: row.valid_until,
    current: entryInForce.test(row, today),
    policy: asListEntryPolicy(row, today),
  }));
}

// The lists' side of the objection and repair procedures (JRP art. 20: an entry changes only through them).

/** A list entry as stored; undefined when the id is not an entry's. */
export async function findListEntry(db: Connection, id: string): Promise<ListEntryRow | undefined> {
  return findListEntryById(db, id);
}

/** A subject's black listings, whatever their status. */
export async function listBlackListings(db: Connection, subjectIdentifier: string) {
  return listBlackListingsOf(db, subjectIdentifier);
}

/** An entry corrected after an objection comes off the list, marked with the day and the note. */
export async function correctEntry(
  db: Connection,
  id: string,
  correction: Readonly<{ on: string; note: string }>,
): Promise<void> {
  await markEntryCorrected(db, id, `corrected after objection: ${correction.note}`, correction.on);
}

/** A repaired entry leaves publication (REPAIRED); its original is returned for the repair case's archive. */
export async function markEntryRepaired(
  db: Connection,
  id: string,
  on: string,
  caseId: string,
): Promise<ListEntryRow> {
  const original = await findListEntryById(db, id);
  if (!original) throw new Error(`no list entry ${id} to mark repaired`);
  await setListEntryStatus(db, id, "REPAIRED", `credit repair completed (case ${caseId})`, on);
  return original;
}
