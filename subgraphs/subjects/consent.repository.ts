import type { Kysely } from "kysely";
import type { ConsentRow } from "./consent.table";
import type { SubjectsDatabase } from "./subjects.database";

export async function insertConsent(
  db: Kysely<SubjectsDatabase>,
  consent: Omit<ConsentRow, "id" | "created_at" | "revoked_at">,
): Promise<ConsentRow> {
  return db.insertInto("consents").values(consent).returningAll().executeTakeFirstOrThrow();
}

export async function listConsentsBySubjectIdentifier(
  db: Kysely<SubjectsDatabase>,
  subjectIdentifier: string,
): Promise<ConsentRow[]> {
  return db
    .selectFrom("consents")
    .selectAll()
    .where("subject_identifier", "=", subjectIdentifier)
    .orderBy("created_at", "desc")
    .execute();
}

export async function findConsentById(
  db: Kysely<SubjectsDatabase>,
  id: string,
): Promise<ConsentRow | undefined> {
  return db.selectFrom("consents").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Revokes once: a revoked consent keeps its first revocation time. */
export async function revokeConsentById(
  db: Kysely<SubjectsDatabase>,
  id: string,
  at: Date,
): Promise<ConsentRow> {
  await db
    .updateTable("consents")
    .set({ revoked_at: at })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .execute();
  return db.selectFrom("consents").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}
