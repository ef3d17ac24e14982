import type { Kysely } from "kysely";

/** A state organ's, institution's or SOE's superior unit or competent department (JRP art. 11), to notify when it is blacklisted. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("subjects").addColumn("superior_unit", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("subjects").dropColumn("superior_unit").execute();
}
