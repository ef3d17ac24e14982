import type { Kysely } from "kysely";
import type { Database, ObjectionRow } from "../../db/database";

export async function listObjectionsBySubjectIds(db: Kysely<Database>, subjectIds: readonly string[]): Promise<ObjectionRow[]> {
  if (subjectIds.length === 0) return [];
  return db.selectFrom("objections").selectAll().where("subject_id", "in", subjectIds).orderBy("filed_at", "desc").execute();
}

export async function listObjectionsByIds(db: Kysely<Database>, ids: readonly string[]): Promise<ObjectionRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom("objections").selectAll().where("id", "in", ids).execute();
}
