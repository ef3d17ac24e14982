import { sql, type Kysely } from "kysely";

/**
 * Written consents (PCIM art. 21): a subject lets an organisation read its authorized tier for one
 * purpose within a validity window. Written by the subjects subgraph, read by the policies of every
 * subgraph; the audit records which consent a disclosure relied on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("consents")
    .addColumn("id", "uuid", (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("subject_id", "uuid", (column) => column.notNull())
    .addColumn("subject_identifier", "text", (column) => column.notNull())
    .addColumn("grantee", "text", (column) => column.notNull())
    .addColumn("purpose", "text", (column) => column.notNull())
    .addColumn("valid_from", "timestamptz", (column) => column.notNull())
    .addColumn("valid_until", "timestamptz", (column) => column.notNull())
    .addColumn("evidence_hash", "text")
    .addColumn("revoked_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (column) => column.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("consents_window_check", sql`valid_until > valid_from`)
    .execute();
  await db.schema
    .createIndex("consents_lookup_idx")
    .on("consents")
    .columns(["grantee", "purpose", "subject_identifier"])
    .execute();
  await db.schema.createIndex("consents_subject_idx").on("consents").column("subject_identifier").execute();
  await db.schema
    .alterTable("audit_events")
    .addColumn("consent_ids", sql`text[]`, (column) => column.notNull().defaultTo(sql`'{}'`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("audit_events").dropColumn("consent_ids").execute();
  await db.schema.dropTable("consents").ifExists().execute();
}
