import type { Kysely } from "kysely";

/**
 * Registration has an owner (PCIM arts. 10 and 26: only the registering authority, or the credit centre, changes registration facts): the unit that first registered a subject's facts and
 * relations; only it or the credit centre changes them. Rows of earlier versions have none yet: the next
 * registering unit becomes their owner.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("subjects").addColumn("registered_by", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("subjects").dropColumn("registered_by").execute();
}
