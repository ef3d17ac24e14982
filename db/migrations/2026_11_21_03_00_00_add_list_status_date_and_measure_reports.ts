import { sql, type Kysely } from "kysely";

/**
 * When an entry left its list (for "focused monitoring" of subjects that left a black list in the last
 * year, CZ annex 2 §4.2), and the feedback systems give on the measures they applied (触发反馈).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("list_entries").addColumn("status_changed_on", "date").execute();
  await db.schema
    .alterTable("measure_applications")
    .addColumn("scenario", "text")
    .addColumn("reported_role", "text")
    .execute();
  await db.schema
    .createIndex("measure_applications_code_idx")
    .on("measure_applications")
    .column("measure_code")
    .execute();
  await sql`update list_entries set status_changed_on = valid_until where status = 'EXPIRED'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("measure_applications")
    .dropColumn("scenario")
    .dropColumn("reported_role")
    .execute();
  await sql`drop index if exists measure_applications_code_idx`.execute(db);
  await db.schema.alterTable("list_entries").dropColumn("status_changed_on").execute();
}
