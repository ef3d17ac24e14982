import { sql, type Kysely } from "kysely";

/**
 * Credit reports (信用报告): what the service signed for a subject, and the verification code that
 * lets a third party read it back until `valid_until` or the subject's revocation. Only a hash of the code is
 * kept, so the table alone never opens a report. Written and read by the reports subgraph.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("credit_reports")
    .addColumn("id", "uuid", (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("subject_id", "uuid", (column) => column.notNull())
    .addColumn("subject_identifier", "text", (column) => column.notNull())
    .addColumn("code_hash", "text", (column) => column.notNull().unique())
    .addColumn("purpose", "text", (column) => column.notNull())
    .addColumn("tiers", sql`text[]`, (column) => column.notNull())
    .addColumn("content", "jsonb", (column) => column.notNull())
    .addColumn("content_signature", "text", (column) => column.notNull())
    .addColumn("file_sha256", "text", (column) => column.notNull())
    .addColumn("key_id", "text", (column) => column.notNull())
    .addColumn("issued_at", "timestamptz", (column) => column.notNull())
    .addColumn("valid_until", "timestamptz", (column) => column.notNull())
    .addColumn("revoked_at", "timestamptz")
    .addCheckConstraint("credit_reports_window_check", sql`valid_until > issued_at`)
    .execute();
  await db.schema
    .createIndex("credit_reports_subject_idx")
    .on("credit_reports")
    .column("subject_identifier")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("credit_reports").ifExists().execute();
}
