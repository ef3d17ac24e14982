import type { Kysely } from "kysely";

/** The day the applicant performed its obligations or completed rectification (JRP art. 18, PCIM art. 31): repair periods count from it. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("repair_cases").addColumn("rectified_on", "date").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("repair_cases").dropColumn("rectified_on").execute();
}
