import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { Connection } from "../../db/connection";
import type { RecordsDatabase } from "./records.database";
import type { PublicationState, RecordCategory, RecordStatus, Severity, Tier } from "../../domain/vocabulary";
import { publicationCleared } from "../../policies/publication";
import type { PolicySubject } from "../../policies/ability";
import type { RequestScope } from "../shared/context";
import { asCreditRecordPolicy, recordAccessFor } from "./credit-record.policy";
import { recordCurrent } from "./credit-record.rules";
import type { CreditRecordRow } from "./credit-record.table";
import {
  countRecordsPendingReview,
  findRecordById,
  findRecordSummary as findRecordSummaryRow,
  listRecordsBySubjectIds,
  listRecordsPendingReview,
  listRepairHistoryRecords,
  moveSuspensions,
  restoreRecordsSuspendedBy,
  settleRecordReview,
  suspendCurrentRecords,
  updateRecordStatus,
} from "./credit-record.repository";

// The records slice's published face: what other slices may do to its records.

/** Whether a record is current on a day, in memory and in SQL (the records slice's one definition). */
export { recordCurrent } from "./credit-record.rules";

/** The record kinds that are honours (表彰、奖励信息, PCIM art. 11(1)). */
const HONOUR_KINDS = ["HONOUR_AWARD"] as const;

/**
 * The subject whose id is in `subjectIdColumn` has a current PUBLIC record cleared for publication: its own, or an
 * organisation's entered on its file as a responsible person (PCIM art. 26) — by the records slice's definition of
 * "current"; a record awaiting the credit centre's review (policies/publication.ts) is not yet public information.
 */
export function hasCurrentPublicRecord(
  eb: ExpressionBuilder<RecordsDatabase, any>,
  subjectIdColumn: string,
  today: string,
): Expression<SqlBool> {
  const currentPublicRecords = () =>
    eb
      .selectFrom("credit_records as public_record")
      .select("public_record.id")
      .where("public_record.tier", "=", "PUBLIC")
      .where((inner) => recordCurrent.where(inner, "public_record", today))
      .where((inner) => publicationCleared.where(inner, "public_record"));
  return eb.or([
    eb.exists(currentPublicRecords().whereRef("public_record.subject_id", "=", subjectIdColumn)),
    eb.exists(
      currentPublicRecords()
        .innerJoin("record_relations as relation", "relation.record_id", "public_record.id")
        .whereRef("relation.related_subject_id", "=", subjectIdColumn),
    ),
  ]);
}

export type SuspendedRecord = Readonly<{
  id: string;
  subjectId: string;
  subjectIdentifier: string;
  tier: Tier;
}>;

/**
 * JRP art. 14(11) 「及时撤销严重失信主体已取得的荣誉称号」: a subject entering the black list stops having its
 * honours published. Revoking the title is the awarding unit's act; the platform suspends publication of its
 * record (SUSPENDED, with `reason`), so the public no longer reads it as a credit merit while the subject
 * still sees it and why. Runs in the caller's transaction (`trx`), so the suspension commits with the
 * listing or not at all; the caller audits the returned records as part of its mutation.
 */
export async function suspendHonours(
  trx: Connection,
  subjectId: string,
  entryId: string,
  reason: string,
  today: string,
): Promise<SuspendedRecord[]> {
  return (await suspendCurrentRecords(trx, subjectId, HONOUR_KINDS, reason, today, entryId)).map(
    toSuspendedRecord,
  );
}

/**
 * A black entry removed as wrong gives back the honours its recognition suspended: a wrong listing leaves
 * no lasting effect. (Leaving by repair or expiry does not: the titles were to be revoked, JRP art. 14(11).)
 * While the subject has another black entry in force (`stillListedBy`), they stay suspended, on that entry.
 */
export async function restoreHonoursSuspendedBy(
  trx: Connection,
  entryId: string,
  stillListedBy: string | null,
): Promise<SuspendedRecord[]> {
  if (stillListedBy) {
    await moveSuspensions(trx, entryId, stillListedBy);
    return [];
  }
  return (await restoreRecordsSuspendedBy(trx, entryId)).map(toSuspendedRecord);
}

const toSuspendedRecord = (row: {
  id: string;
  subject_id: string;
  subject_identifier: string;
  tier: Tier;
}): SuspendedRecord => ({
  id: row.id,
  subjectId: row.subject_id,
  subjectIdentifier: row.subject_identifier,
  tier: row.tier,
});

/** A record's summary: its tier, title, provider and decision date. */
export type RecordSummary = Readonly<{
  id: string;
  tier: Tier;
  title: string;
  provider: string;
  decidedOn: string;
}>;

export async function findRecordSummary(db: Connection, id: string): Promise<RecordSummary | null> {
  const row = await findRecordSummaryRow(db, id);
  return row
    ? { id: row.id, tier: row.tier, title: row.title, provider: row.provider, decidedOn: row.decided_on }
    : null;
}

/** A record as another slice may use it: its API fields, whether it is in force today, and its policy shape. */
export type ReadableRecord = Readonly<{
  id: string;
  subjectId: string;
  subjectIdentifier: string;
  category: RecordCategory;
  kind: string;
  severity: Severity | null;
  tier: Tier;
  title: string;
  provider: string;
  decidedOn: string;
  expiresOn: string | null;
  status: RecordStatus;
  /** Active and not past its expiry (PCIM art. 27). */
  current: boolean;
  policy: PolicySubject;
}>;

/**
 * A subject's records as `scope` may read them: the records slice's own policy compiled to SQL, exactly as its
 * loaders read (the credit report is built from what the policies allow, never around them). The
 * caller passes each through `discloseReadable` with `policy`.
 */
export async function listRecordsReadableIn(
  db: Connection,
  scope: RequestScope,
  subjectId: string,
): Promise<ReadableRecord[]> {
  const { today } = scope;
  return (await listRecordsBySubjectIds(db, [subjectId], recordAccessFor(scope))).map((row) => ({
    id: row.id,
    subjectId: row.subject_id,
    subjectIdentifier: row.subject_identifier,
    category: row.category,
    kind: row.kind,
    severity: row.severity,
    tier: row.tier,
    title: row.title,
    provider: row.provider,
    decidedOn: row.decided_on,
    expiresOn: row.expires_on,
    status: row.status,
    current: recordCurrent.test(row, today),
    policy: asCreditRecordPolicy(row, today),
  }));
}

// The records' side of the objection and repair procedures (JRP art. 20: an item changes only through them).

/** A credit record as stored; undefined when the id is not a record's. */
export async function findCreditRecord(db: Connection, id: string): Promise<CreditRecordRow | undefined> {
  return findRecordById(db, id);
}

/** A subject's record history: its negative records and its records of `markerKinds` (e.g. repair markers). */
export async function listRecordHistory(
  db: Connection,
  subjectIdentifier: string,
  markerKinds: readonly string[],
) {
  return listRepairHistoryRecords(db, subjectIdentifier, markerKinds);
}

/**
 * A corrected record stops being published in its wrong form and carries its correction mark (the day, and
 * what was corrected); prohibited data is purged from it (PCIM art. 28(2)), the mark naming none of it.
 */
export async function correctRecord(
  db: Connection,
  id: string,
  correction: Readonly<{ purge: boolean; on: string; note: string }>,
): Promise<void> {
  const { purge, on, note } = correction;
  const reason = purge
    ? `withdrawn on ${on}: it held data that may not be collected (PCIM art. 14)`
    : `corrected on ${on} after an upheld objection (JRP art. 16): ${note}`;
  await updateRecordStatus(db, id, {
    status: "CORRECTED",
    status_reason: reason,
    corrected_on: on,
    ...(purge ? { attributes: "{}", title: "（已删除：禁止归集的信息）" } : {}),
  });
}

/** A repaired record leaves publication (ARCHIVED); its original is returned for the repair case's archive. */
export async function archiveRepairedRecord(db: Connection, id: string): Promise<CreditRecordRow> {
  const original = await findRecordById(db, id);
  if (!original) throw new Error(`no credit record ${id} to archive`);
  await updateRecordStatus(db, id, { status: "ARCHIVED" });
  return original;
}

// The records' side of the publication review (policies/publication.ts); the queue itself is the lists slice's.

/** A natural person's record in the publication review: whose, from whom, its free text, its place in the queue. */
export type RecordUnderReview = Readonly<{
  id: string;
  subjectId: string;
  subjectIdentifier: string;
  provider: string;
  kind: string;
  tier: Tier;
  /** The free text under review: the title and the further facts, as submitted. */
  title: string;
  attributes: Record<string, unknown>;
  state: PublicationState | null;
  redactedText: string | null;
  note: string | null;
  createdAt: Date;
  /** Creation instant in microseconds: the queue's order, with the id. */
  queuedAt: string;
}>;

const toRecordUnderReview = (row: CreditRecordRow & { queued_at?: string }): RecordUnderReview => ({
  id: row.id,
  subjectId: row.subject_id,
  subjectIdentifier: row.subject_identifier,
  provider: row.provider,
  kind: row.kind,
  tier: row.tier,
  title: row.title,
  attributes: row.attributes,
  state: row.publication,
  redactedText: row.publication_text,
  note: row.publication_note,
  createdAt: row.created_at,
  queuedAt: String(row.queued_at ?? ""),
});

/** Records awaiting review, oldest first, after queue position `after` ([microseconds, id]); at most `limit`. */
export async function listRecordsAwaitingReview(
  db: Connection,
  after: readonly [string, string] | null,
  limit: number,
): Promise<RecordUnderReview[]> {
  return (await listRecordsPendingReview(db, after, limit)).map(toRecordUnderReview);
}

export async function countRecordsAwaitingReview(db: Connection): Promise<number> {
  return countRecordsPendingReview(db);
}

export async function findRecordUnderReview(
  db: Connection,
  id: string,
): Promise<RecordUnderReview | undefined> {
  const row = await findRecordById(db, id);
  return row ? toRecordUnderReview(row) : undefined;
}

/** The centre's decision on a PENDING record; undefined when it is no longer PENDING. */
export type PublicationSettlement = Readonly<{
  state: Exclude<PublicationState, "PENDING">;
  redactedText: string | null;
  note: string | null;
  at: Date;
}>;

export async function settleRecordPublication(
  db: Connection,
  id: string,
  settlement: PublicationSettlement,
): Promise<RecordUnderReview | undefined> {
  const row = await settleRecordReview(db, id, {
    publication: settlement.state,
    publication_text: settlement.redactedText,
    publication_note: settlement.note,
    publication_decided_at: settlement.at,
  });
  return row ? toRecordUnderReview(row) : undefined;
}
