import { sql, type Kysely, type SelectQueryBuilder } from "kysely";
import type { ListEntryAccess } from "./list-entry.policy";
import { entryInForce } from "./list-entry.rules";
import { publicationCleared } from "../../policies/publication";
import type { Database } from "../../db/database";
import type { ListsDatabase } from "./lists.database";
import type { ListEntryRow, ListEntryUpdate, NewListEntryRow } from "./list-entry.table";
import type { NewNoticeRow, NoticeRow } from "./notice.table";
import type { ListStatus, ListType } from "../../domain/vocabulary";
import { personRelations, relationHeld } from "../subjects/subject.registry";

/** The subjects' entries the request may read (the policy filters in SQL). */
export async function listEntriesBySubjectIds(
  db: Kysely<ListsDatabase>,
  subjectIds: readonly string[],
  access: ListEntryAccess,
): Promise<ListEntryRow[]> {
  if (subjectIds.length === 0) return [];
  return db
    .selectFrom("list_entries")
    .selectAll()
    .where("subject_id", "in", subjectIds)
    .where(access)
    .orderBy("recognized_on", "desc")
    .orderBy("id")
    .execute();
}

export async function listEntriesByIds(
  db: Kysely<ListsDatabase>,
  ids: readonly string[],
  access: ListEntryAccess,
): Promise<ListEntryRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom("list_entries").selectAll().where("id", "in", ids).where(access).execute();
}

export async function insertListEntryIfNew(
  db: Kysely<ListsDatabase>,
  row: NewListEntryRow,
): Promise<boolean> {
  const inserted = await db
    .insertInto("list_entries")
    .values(row)
    .onConflict((conflict) => conflict.columns(["recognized_by", "document_number"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function findListEntryByDocument(
  db: Kysely<ListsDatabase>,
  recognizedBy: string,
  documentNumber: string,
) {
  return db
    .selectFrom("list_entries")
    .selectAll()
    .where("recognized_by", "=", recognizedBy)
    .where("document_number", "=", documentNumber)
    .executeTakeFirstOrThrow();
}

/** JRP art. 4: a subject entering a black list leaves every red list; each red entry names the black `entryId` that took it. */
export async function removeActiveRedEntries(
  db: Kysely<ListsDatabase>,
  subjectId: string,
  reason: string,
  on: string,
  entryId: string,
) {
  return db
    .updateTable("list_entries")
    .set({ status: "REMOVED", status_reason: reason, status_changed_on: on, removed_by_entry: entryId })
    .where("subject_id", "=", subjectId)
    .where("list", "=", "RED")
    .where("status", "=", "ACTIVE")
    .returning(["id", "subject_id", "subject_identifier"])
    .execute();
}

/** Another black entry of the subject than `entryId` in force on `today` (the one that lasts longest), if any. */
export async function findOtherBlackEntryInForce(
  db: Kysely<ListsDatabase>,
  subjectId: string,
  entryId: string,
  today: string,
) {
  return db
    .selectFrom("list_entries")
    .select("id")
    .where("subject_id", "=", subjectId)
    .where("list", "=", "BLACK")
    .where("id", "<>", entryId)
    .where((eb) => entryInForce.where(eb, "list_entries", today))
    .orderBy("valid_until", "desc")
    .limit(1)
    .executeTakeFirst();
}

/**
 * The red entries the black `entryId` took off: back on their list, as if never taken, when the subject has no
 * other black entry in force on `today`; otherwise they wait on that entry instead (JRP art. 4 still holds).
 */
export async function restoreRedEntriesRemovedBy(db: Kysely<ListsDatabase>, entryId: string, today: string) {
  const taken = await db
    .selectFrom("list_entries")
    .select(["id", "subject_id"])
    .where("removed_by_entry", "=", entryId)
    .where("list", "=", "RED")
    .where("status", "=", "REMOVED")
    .execute();
  if (taken.length === 0) return [];
  const stillBlack = await findOtherBlackEntryInForce(db, taken[0]!.subject_id, entryId, today);
  const ids = taken.map((row) => row.id);
  if (stillBlack) {
    await db
      .updateTable("list_entries")
      .set({ removed_by_entry: stillBlack.id })
      .where("id", "in", ids)
      .execute();
    return [];
  }
  return db
    .updateTable("list_entries")
    .set({ status: "ACTIVE", status_reason: null, status_changed_on: null, removed_by_entry: null })
    .where("id", "in", ids)
    .returning(["id", "subject_id", "subject_identifier"])
    .execute();
}

export async function setListEntryStatus(
  db: Kysely<ListsDatabase>,
  id: string,
  status: ListStatus,
  reason: string,
  on: string,
): Promise<ListEntryRow> {
  return db
    .updateTable("list_entries")
    .set({ status, status_reason: reason, status_changed_on: on })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertNotice(db: Kysely<ListsDatabase>, notice: NewNoticeRow): Promise<void> {
  await db.insertInto("notices").values(notice).execute();
}

export async function listNoticesByRecipient(
  db: Kysely<ListsDatabase>,
  recipientOrg: string,
  access: ListEntryAccess,
): Promise<NoticeRow[]> {
  return db
    .selectFrom("notices")
    .selectAll()
    .where("recipient_org", "=", recipientOrg)
    .where(access)
    .orderBy("created_at", "desc")
    .execute();
}

export type PublicListQuery = Readonly<{
  list: ListType;
  today: string;
  id?: string | null;
  name?: string | null;
  region?: string | null;
  recognizedBy?: string | null;
  grounds?: string | null;
  from?: string | null;
  to?: string | null;
}>;

/**
 * Entries in force on a public list, filtered; newest recognition first, keyset-paginated on (recognized_on, id).
 * A public list is what is published, whoever reads it: never an entry awaiting the credit centre's review.
 */
export async function listPublicEntries(
  db: Kysely<ListsDatabase>,
  query: PublicListQuery,
  access: ListEntryAccess,
  after: readonly [string, string] | null,
  limit: number,
) {
  return filterPublicEntries(db.selectFrom("list_entries").selectAll(), query)
    .where(access)
    .$if(after !== null, (builder) =>
      builder.where((eb) =>
        eb.or([
          eb("recognized_on", "<", after![0]),
          eb.and([eb("recognized_on", "=", after![0]), eb("id", "<", after![1])]),
        ]),
      ),
    )
    .orderBy("recognized_on", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

export async function countPublicEntries(db: Kysely<ListsDatabase>, query: PublicListQuery): Promise<number> {
  const { count } = await filterPublicEntries(
    db.selectFrom("list_entries").select((eb) => eb.fn.countAll<string>().as("count")),
    query,
  ).executeTakeFirstOrThrow();
  return Number(count);
}

function filterPublicEntries<QB extends SelectQueryBuilder<Database, "list_entries", object>>(
  builder: QB,
  query: PublicListQuery,
): QB {
  const escapeLike = (value: string) => value.replace(/[\\%_]/g, (character) => `\\${character}`);
  return builder
    .where("list", "=", query.list)
    .where((eb) => entryInForce.where(eb, "list_entries", query.today))
    .where((eb) => publicationCleared.where(eb, "list_entries"))
    .$if(Boolean(query.id), (qb) => qb.where("id", "=", query.id!))
    .$if(Boolean(query.name), (qb) => qb.where("subject_name", "ilike", `%${escapeLike(query.name!)}%`))
    .$if(Boolean(query.region), (qb) => qb.where("region", "like", `${escapeLike(query.region!)}%`))
    .$if(Boolean(query.recognizedBy), (qb) => qb.where("recognized_by", "=", query.recognizedBy!))
    .$if(Boolean(query.grounds), (qb) => qb.where("grounds", "=", query.grounds!))
    .$if(Boolean(query.from), (qb) => qb.where("recognized_on", ">=", query.from!))
    .$if(Boolean(query.to), (qb) => qb.where("recognized_on", "<=", query.to!)) as QB;
}

/**
 * Screening's one read of the lists (one statement for any number of subjects): every red or black
 * entry of the identifiers that is in force, or a black entry that left the list within the last year.
 */
export async function listScreeningEntries(
  db: Kysely<ListsDatabase>,
  identifiers: readonly string[],
  today: string,
  yearAgo: string,
) {
  if (identifiers.length === 0) return [];
  return db
    .selectFrom("list_entries")
    .select([
      "id",
      "subject_identifier",
      "list",
      "status",
      "grounds",
      "recognized_by",
      "recognized_on",
      "document_number",
      "valid_until",
      "status_changed_on",
    ])
    .where("subject_identifier", "in", identifiers)
    .where((eb) =>
      eb.or([
        entryInForce.where(eb, "list_entries", today),
        eb.and([
          eb("list", "=", "BLACK"),
          eb.or([eb("status_changed_on", ">", yearAgo), eb("valid_until", ">", yearAgo)]),
        ]),
      ]),
    )
    .execute();
}

/** Black-list entries in force of organisations whose legal representative or responsible person one of the identifiers was when the entry was recognised. */
export async function listResponsibleEntries(
  db: Kysely<ListsDatabase>,
  personIdentifiers: readonly string[],
  today: string,
) {
  if (personIdentifiers.length === 0) return [];
  return db
    .selectFrom(personRelations(db).as("relation"))
    .innerJoin("list_entries as entry", "entry.subject_id", "relation.organisation_id")
    .select([
      "relation.person_identifier",
      "relation.relation",
      "relation.valid_from as relation_from",
      "relation.valid_to as relation_to",
      "entry.subject_name as organisation_name",
      "entry.subject_identifier as organisation_identifier",
      "entry.id",
      "entry.list",
      "entry.status",
      "entry.grounds",
      "entry.recognized_by",
      "entry.recognized_on",
      "entry.document_number",
      "entry.valid_until",
      "entry.status_changed_on",
    ])
    .where("relation.person_identifier", "in", personIdentifiers)
    .where("entry.list", "=", "BLACK")
    .where((eb) => entryInForce.where(eb, "entry", today))
    .where((eb) => relationHeld.where(eb, "relation", eb.ref("entry.recognized_on")))
    .execute();
}

/** The black-list entries in force of a subject (JRP art. 4's cross-check of a red recognition against them). */
export async function listBlackEntriesInForce(
  db: Kysely<ListsDatabase>,
  subjectIdentifier: string,
  today: string,
) {
  return db
    .selectFrom("list_entries")
    .select(["id", "subject_id", "recognized_by", "recognized_on", "document_number"])
    .where("subject_identifier", "=", subjectIdentifier)
    .where("list", "=", "BLACK")
    .where((eb) => entryInForce.where(eb, "list_entries", today))
    .orderBy("recognized_on")
    .execute();
}

export async function findEntrySummary(db: Kysely<ListsDatabase>, id: string) {
  return db
    .selectFrom("list_entries")
    .select(["id", "list", "grounds", "facts", "recognized_by", "recognized_on"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Inserts correction notices; one an organisation already has for the same objection is kept, not repeated. */
export async function insertCorrectionNotices(
  db: Kysely<ListsDatabase>,
  notices: readonly NewNoticeRow[],
): Promise<void> {
  if (notices.length === 0) return;
  await db
    .insertInto("notices")
    .values([...notices])
    .onConflict((conflict) => conflict.columns(["objection_id", "recipient_org"]).doNothing())
    .execute();
}

export async function listNoticesOfObjection(db: Kysely<ListsDatabase>, objectionId: string) {
  return db
    .selectFrom("notices")
    .select(["recipient_org", "created_at"])
    .where("objection_id", "=", objectionId)
    .orderBy("recipient_org")
    .execute();
}

export async function findListEntryById(
  db: Kysely<ListsDatabase>,
  id: string,
): Promise<ListEntryRow | undefined> {
  return db.selectFrom("list_entries").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listBlackListingsOf(db: Kysely<ListsDatabase>, subjectIdentifier: string) {
  return db
    .selectFrom("list_entries")
    .select(["id", "recognized_on", "status", "recognized_by"])
    .where("subject_identifier", "=", subjectIdentifier)
    .where("list", "=", "BLACK")
    .execute();
}

export async function markEntryCorrected(
  db: Kysely<ListsDatabase>,
  id: string,
  reason: string,
  on: string,
): Promise<void> {
  await db
    .updateTable("list_entries")
    .set({ status: "REMOVED", status_reason: reason, status_changed_on: on, corrected_on: on })
    .where("id", "=", id)
    .execute();
}

/** A row's creation instant in microseconds (its place in the review queue), exact on both drivers. */
const createdMicros = sql<string>`(extract(epoch from list_entries.created_at) * 1000000)::bigint`;

/** Entries awaiting the publication review, oldest first, after the queue position `after` (microseconds, id). */
export async function listEntriesPendingReview(
  db: Kysely<ListsDatabase>,
  after: readonly [string, string] | null,
  limit: number,
) {
  return db
    .selectFrom("list_entries")
    .selectAll()
    .select(createdMicros.as("queued_at"))
    .where("publication", "=", "PENDING")
    .$if(after !== null, (builder) =>
      builder.where(
        sql<boolean>`(${createdMicros}, list_entries.id) > (${after![0]}::bigint, ${after![1]}::uuid)`,
      ),
    )
    .orderBy("created_at")
    .orderBy("id")
    .limit(limit)
    .execute();
}

export async function countEntriesPendingReview(db: Kysely<ListsDatabase>): Promise<number> {
  const { count } = await db
    .selectFrom("list_entries")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("publication", "=", "PENDING")
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** Settles a PENDING entry's review; undefined when it was no longer PENDING (decided meanwhile). */
export async function settleEntryReview(
  db: Kysely<ListsDatabase>,
  id: string,
  changes: Pick<
    ListEntryUpdate,
    "publication" | "publication_text" | "publication_note" | "publication_decided_at"
  >,
) {
  return db
    .updateTable("list_entries")
    .set(changes)
    .where("id", "=", id)
    .where("publication", "=", "PENDING")
    .returningAll()
    .executeTakeFirst();
}
