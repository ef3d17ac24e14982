import { sql, type Kysely } from "kysely";
import type {
  CreditRecordRow,
  CreditRecordUpdate,
  NewCreditRecordRow,
  RecordKindRow,
  RecordRelationRow,
} from "./credit-record.table";
import type { RecordsDatabase } from "./records.database";
import type { SubjectRelationKind } from "../subjects/subject.registry";
import { heldRelationPeriod } from "../subjects/subject.registry";
import type { RecordAccess } from "./credit-record.policy";
import { recordCurrent } from "./credit-record.rules";

export type VisibleRecordRow = CreditRecordRow & { consent_id: string | null };

/** The subjects' records the request may read (filtered in SQL), with the consent each is read under. */
export async function listRecordsBySubjectIds(
  db: Kysely<RecordsDatabase>,
  subjectIds: readonly string[],
  access: RecordAccess,
): Promise<VisibleRecordRow[]> {
  if (subjectIds.length === 0) return [];
  return db
    .selectFrom("credit_records as record")
    .selectAll("record")
    .select((eb) => access.consentId(eb).as("consent_id"))
    .where("record.subject_id", "in", subjectIds)
    .where(access.where)
    .orderBy("record.decided_on", "desc")
    .orderBy("record.id")
    .execute() as Promise<VisibleRecordRow[]>;
}

export async function listRecordsByIds(
  db: Kysely<RecordsDatabase>,
  ids: readonly string[],
  access: RecordAccess,
): Promise<VisibleRecordRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("credit_records as record")
    .selectAll("record")
    .select((eb) => access.consentId(eb).as("consent_id"))
    .where("record.id", "in", ids)
    .where(access.where)
    .execute() as Promise<VisibleRecordRow[]>;
}

export type RelatedRecordRow = VisibleRecordRow & {
  related_subject_id: string;
  related_subject_identifier: string;
  relation: SubjectRelationKind;
  relation_from: string | null;
  relation_to: string | null;
};

/**
 * Organisations' items entered on these persons' files (PCIM art. 26) that the request may read as related
 * entries (filtered in SQL), each with the period of the role that put it there and the viewer's consent
 * of the organisation, if any.
 */
export async function listRelatedRecordsBySubjectIds(
  db: Kysely<RecordsDatabase>,
  subjectIds: readonly string[],
  access: RecordAccess,
): Promise<RelatedRecordRow[]> {
  if (subjectIds.length === 0) return [];
  return db
    .selectFrom("record_relations as relation")
    .innerJoin("credit_records as record", "record.id", "relation.record_id")
    .selectAll("record")
    .select(["relation.related_subject_id", "relation.related_subject_identifier", "relation.relation"])
    .select((eb) => {
      const period = heldRelationPeriod(eb, {
        organisationId: "record.subject_id",
        personId: "relation.related_subject_id",
        relation: "relation.relation",
        date: "record.decided_on",
      });
      return [
        period.from.as("relation_from"),
        period.to.as("relation_to"),
        access.consentId(eb).as("consent_id"),
      ];
    })
    .where("relation.related_subject_id", "in", subjectIds)
    .where(access.where)
    .orderBy("record.decided_on", "desc")
    .orderBy("record.id")
    .execute() as Promise<RelatedRecordRow[]>;
}

/** Takes the subject's current records of `kinds` off publication with `reason`; returns what it took. */
export async function suspendCurrentRecords(
  db: Kysely<RecordsDatabase>,
  subjectId: string,
  kinds: readonly string[],
  reason: string,
  today: string,
  entryId: string,
) {
  return db
    .updateTable("credit_records")
    .set({ status: "SUSPENDED", status_reason: reason, suspended_by_entry: entryId })
    .where("subject_id", "=", subjectId)
    .where("kind", "in", kinds)
    .where((eb) => recordCurrent.where(eb, "credit_records", today))
    .returning(["id", "subject_id", "subject_identifier", "tier"])
    .execute();
}

/** Hands the records `entryId` suspended to the black entry `successorId`: they stay suspended, now on it. */
export async function moveSuspensions(db: Kysely<RecordsDatabase>, entryId: string, successorId: string) {
  await db
    .updateTable("credit_records")
    .set({ suspended_by_entry: successorId })
    .where("suspended_by_entry", "=", entryId)
    .where("status", "=", "SUSPENDED")
    .execute();
}

/** Gives back the records `entryId` suspended: ACTIVE again, the suspension's reason and link cleared. */
export async function restoreRecordsSuspendedBy(db: Kysely<RecordsDatabase>, entryId: string) {
  return db
    .updateTable("credit_records")
    .set({ status: "ACTIVE", status_reason: null, suspended_by_entry: null })
    .where("suspended_by_entry", "=", entryId)
    .where("status", "=", "SUSPENDED")
    .returning(["id", "subject_id", "subject_identifier", "tier"])
    .execute();
}

export async function listRecordKinds(db: Kysely<RecordsDatabase>): Promise<RecordKindRow[]> {
  return db.selectFrom("record_kinds").selectAll().orderBy("code").execute();
}

/** Inserts items not yet stored for (provider, document number); returns how many were new. */
export async function insertRecordsIfNew(
  db: Kysely<RecordsDatabase>,
  rows: readonly NewCreditRecordRow[],
): Promise<number> {
  let created = 0;
  for (let start = 0; start < rows.length; start += 1_000) {
    const inserted = await db
      .insertInto("credit_records")
      .values(rows.slice(start, start + 1_000))
      .onConflict((conflict) => conflict.columns(["provider", "document_number"]).doNothing())
      .returning("id")
      .execute();
    created += inserted.length;
  }
  return created;
}

export async function listRecordsByDocuments(
  db: Kysely<RecordsDatabase>,
  provider: string,
  documentNumbers: readonly string[],
) {
  const rows: Array<{ id: string; document_number: string }> = [];
  for (let start = 0; start < documentNumbers.length; start += 5_000) {
    rows.push(
      ...(await db
        .selectFrom("credit_records")
        .select(["id", "document_number"])
        .where("provider", "=", provider)
        .where("document_number", "in", documentNumbers.slice(start, start + 5_000))
        .execute()),
    );
  }
  return rows;
}

export async function insertRecordRelations(
  db: Kysely<RecordsDatabase>,
  rows: readonly RecordRelationRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("record_relations")
    .values([...rows])
    .onConflict((conflict) => conflict.columns(["record_id", "related_subject_id", "relation"]).doNothing())
    .execute();
}

export async function findRecordSummary(db: Kysely<RecordsDatabase>, id: string) {
  return db
    .selectFrom("credit_records")
    .select(["id", "tier", "title", "provider", "decided_on"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function findRecordById(
  db: Kysely<RecordsDatabase>,
  id: string,
): Promise<CreditRecordRow | undefined> {
  return db.selectFrom("credit_records").selectAll().where("id", "=", id).executeTakeFirst();
}

/** A subject's records repair eligibility weighs: negative ones, and the markers that bar or delay a repair. */
export async function listRepairHistoryRecords(
  db: Kysely<RecordsDatabase>,
  subjectIdentifier: string,
  markerKinds: readonly string[],
) {
  return db
    .selectFrom("credit_records")
    .select(["id", "kind", "category", "severity", "status", "decided_on", "provider"])
    .where("subject_identifier", "=", subjectIdentifier)
    .where((eb) => eb.or([eb("category", "=", "NEGATIVE"), eb("kind", "in", markerKinds)]))
    .execute();
}

export async function updateRecordStatus(
  db: Kysely<RecordsDatabase>,
  id: string,
  changes: Pick<CreditRecordUpdate, "status" | "status_reason" | "corrected_on" | "attributes" | "title">,
): Promise<void> {
  await db.updateTable("credit_records").set(changes).where("id", "=", id).execute();
}

/** A row's creation instant in microseconds (its place in the review queue), exact on both drivers. */
const createdMicros = (alias: string) =>
  sql<string>`(extract(epoch from ${sql.ref(`${alias}.created_at`)}) * 1000000)::bigint`;

/** Records awaiting the publication review, oldest first, after the queue position `after` (microseconds, id). */
export async function listRecordsPendingReview(
  db: Kysely<RecordsDatabase>,
  after: readonly [string, string] | null,
  limit: number,
) {
  return db
    .selectFrom("credit_records as record")
    .selectAll("record")
    .select(createdMicros("record").as("queued_at"))
    .where("record.publication", "=", "PENDING")
    .$if(after !== null, (builder) =>
      builder.where(
        sql<boolean>`(${createdMicros("record")}, record.id) > (${after![0]}::bigint, ${after![1]}::uuid)`,
      ),
    )
    .orderBy("record.created_at")
    .orderBy("record.id")
    .limit(limit)
    .execute();
}

export async function countRecordsPendingReview(db: Kysely<RecordsDatabase>): Promise<number> {
  const { count } = await db
    .selectFrom("credit_records")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("publication", "=", "PENDING")
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** Settles a PENDING record's review; undefined when it was no longer PENDING (decided meanwhile). */
export async function settleRecordReview(
  db: Kysely<RecordsDatabase>,
  id: string,
  changes: Pick<
    CreditRecordUpdate,
    "publication" | "publication_text" | "publication_note" | "publication_decided_at"
  >,
) {
  return db
    .updateTable("credit_records")
    .set(changes)
    .where("id", "=", id)
    .where("publication", "=", "PENDING")
    .returningAll()
    .executeTakeFirst();
}
