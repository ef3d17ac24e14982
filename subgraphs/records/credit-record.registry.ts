import type { Kysely } from "kysely";
import type { Database, Tier } from "../../db/database";
import { findRecordSummary, restoreRecordsSuspendedBy, suspendCurrentRecords } from "./credit-record.repository";

// The records slice's published face: what other slices may do to its records.

/** The record kinds that are honours (表彰、奖励信息, PCIM art. 11(1)). */
const HONOUR_KINDS = ["HONOUR_AWARD"] as const;

export type SuspendedRecord = Readonly<{ id: string; subjectId: string; subjectIdentifier: string; tier: Tier }>;

/**
 * JRP art. 14(11) 「及时撤销严重失信主体已取得的荣誉称号」: a subject entering the black list stops having its
 * honours published. Revoking the title is the awarding unit's act; the platform suspends publication of its
 * record (SUSPENDED, with `reason`), so the public no longer reads it as a credit merit while the subject
 * still sees it and why. Runs in the caller's transaction (`trx`), so the suspension commits with the
 * listing or not at all; the caller audits the returned records as part of its mutation.
 */
export async function suspendHonours(trx: Kysely<Database>, subjectId: string, entryId: string, reason: string, today: string): Promise<SuspendedRecord[]> {
  return (await suspendCurrentRecords(trx, subjectId, HONOUR_KINDS, reason, today, entryId)).map(toSuspendedRecord);
}

/**
 * A black entry removed as wrong gives back the honours its recognition suspended: a wrong listing leaves
 * no lasting effect. (Leaving by repair or expiry does not: the titles were to be revoked, JRP art. 14(11).)
 */
export async function restoreHonoursSuspendedBy(trx: Kysely<Database>, entryId: string): Promise<SuspendedRecord[]> {
  return (await restoreRecordsSuspendedBy(trx, entryId)).map(toSuspendedRecord);
}

const toSuspendedRecord = (row: { id: string; subject_id: string; subject_identifier: string; tier: Tier }): SuspendedRecord => ({
  id: row.id,
  subjectId: row.subject_id,
  subjectIdentifier: row.subject_identifier,
  tier: row.tier,
});

/** What a correction notice may say of a record, read before the correction changes it. */
export type RecordForCorrection = Readonly<{ id: string; tier: Tier; title: string; provider: string; decidedOn: string }>;

export async function findRecordForCorrection(db: Kysely<Database>, id: string): Promise<RecordForCorrection | null> {
  const row = await findRecordSummary(db, id);
  return row ? { id: row.id, tier: row.tier, title: row.title, provider: row.provider, decidedOn: row.decided_on } : null;
}
