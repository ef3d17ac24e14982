import type { Kysely } from "kysely";

/**
 * An honour suspended by a black listing names the entry that suspended it, so that an entry removed as
 * wrong gives the honours back (a wrong listing leaves no lasting effect, JRP arts. 3 and 12; honours, JRP art. 14(11)).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("credit_records").addColumn("suspended_by_entry", "uuid").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("credit_records").dropColumn("suspended_by_entry").execute();
}
