import type { Kysely } from "kysely";
import type { Database, ListEntryRow } from "../../db/database";

export async function listEntriesBySubjectIds(db: Kysely<Database>, subjectIds: readonly string[]): Promise<ListEntryRow[]> {
  if (subjectIds.length === 0) return [];
  return db
    .selectFrom("list_entries")
    .selectAll()
    .where("subject_id", "in", subjectIds)
    .orderBy("recognized_on", "desc")
    .orderBy("id")
    .execute();
}

export async function listEntriesByIds(db: Kysely<Database>, ids: readonly string[]): Promise<ListEntryRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom("list_entries").selectAll().where("id", "in", ids).execute();
}
