import { sql, type Kysely } from "kysely";

/**
 * JRP art. 16 「更正发布，并在原发布和提供范围内予以公示」: a corrected item carries its correction mark (the day,
 * with the reason in `status_reason`), and the correction reaches every organisation that read or screened
 * the wrong item. A correction notice names the corrected item (a record or a list entry), the objection that
 * corrected it and the day; an organisation gets at most one notice per objection.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("credit_records").addColumn("corrected_on", "date").execute();
  await db.schema.alterTable("list_entries").addColumn("corrected_on", "date").execute();
  await db.schema
    .alterTable("notices")
    .alterColumn("list_entry_id", (column) => column.dropNotNull())
    .execute();
  await db.schema
    .alterTable("notices")
    .addColumn("credit_record_id", "uuid", (column) => column.references("credit_records.id"))
    .execute();
  await db.schema
    .alterTable("notices")
    .addColumn("objection_id", "uuid", (column) => column.references("objections.id"))
    .execute();
  await db.schema.alterTable("notices").addColumn("corrected_on", "date").execute();
  await sql`alter table notices add constraint notices_name_one_item check ((list_entry_id is null) <> (credit_record_id is null))`.execute(
    db,
  );
  // Null objection ids (the JRP art. 11 notices) are distinct, so only correction notices are held to one per organisation.
  await db.schema
    .createIndex("notices_one_per_correction_idx")
    .on("notices")
    .columns(["objection_id", "recipient_org"])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("notices_one_per_correction_idx").ifExists().execute();
  await sql`delete from notices where list_entry_id is null`.execute(db);
  await sql`alter table notices drop constraint if exists notices_name_one_item`.execute(db);
  await db.schema.alterTable("notices").dropColumn("corrected_on").execute();
  await db.schema.alterTable("notices").dropColumn("objection_id").execute();
  await db.schema.alterTable("notices").dropColumn("credit_record_id").execute();
  await db.schema
    .alterTable("notices")
    .alterColumn("list_entry_id", (column) => column.setNotNull())
    .execute();
  await db.schema.alterTable("list_entries").dropColumn("corrected_on").execute();
  await db.schema.alterTable("credit_records").dropColumn("corrected_on").execute();
}
