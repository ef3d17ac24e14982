import type { Kysely } from "kysely";
import type { Database, SubjectRow } from "../../db/database";

export async function findSubjectByIdentifier(db: Kysely<Database>, identifier: string): Promise<SubjectRow | undefined> {
  return db.selectFrom("subjects").selectAll().where("identifier", "=", identifier).executeTakeFirst();
}

export async function listSubjectsByIds(db: Kysely<Database>, ids: readonly string[]): Promise<SubjectRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom("subjects").selectAll().where("id", "in", ids).execute();
}
