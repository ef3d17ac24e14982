import type { Kysely } from "kysely";
import type { CreditRecordRow, Database } from "../../db/database";

export async function listRecordsBySubjectIds(db: Kysely<Database>, subjectIds: readonly string[]): Promise<CreditRecordRow[]> {
  if (subjectIds.length === 0) return [];
  return db
    .selectFrom("credit_records")
    .selectAll()
    .where("subject_id", "in", subjectIds)
    .orderBy("decided_on", "desc")
    .orderBy("id")
    .execute();
}

export async function listRecordsByIds(db: Kysely<Database>, ids: readonly string[]): Promise<CreditRecordRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom("credit_records").selectAll().where("id", "in", ids).execute();
}
