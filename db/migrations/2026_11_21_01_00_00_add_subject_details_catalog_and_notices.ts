import { sql, type Kysely } from "kysely";

/**
 * Subject details (PCIM art. 10), relations of organisations to their legal
 * representative and responsible persons (PCIM art. 26), the record catalog (PCIM arts. 10-13), related
 * record entries, list disclosure fields (JRP art. 8), employer notices (JRP art. 11), and trigram
 * indexes for public name search.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await db.schema
    .alterTable("subjects")
    .addColumn("sex", "text", (column) => column.check(sql`sex in ('MALE', 'FEMALE')`))
    .addColumn("birth_date", "date")
    .addColumn("occupation_group", "text")
    .addColumn("employer_identifier", "text")
    .addColumn("state_employee", "boolean", (column) => column.notNull().defaultTo(false))
    .addColumn("registered_address", "text")
    .addColumn("nature", "text")
    .addColumn("region", "text")
    .execute();
  await db.schema.createIndex("subjects_employer_idx").on("subjects").column("employer_identifier").execute();
  await sql`create index subjects_name_trgm_idx on subjects using gin (name gin_trgm_ops)`.execute(db);

  await db.schema
    .createTable("subject_relations")
    .addColumn("organisation_id", "uuid", (column) => column.notNull().references("subjects.id"))
    .addColumn("person_id", "uuid", (column) => column.notNull().references("subjects.id"))
    .addColumn("relation", "text", (column) =>
      column.notNull().check(sql`relation in ('LEGAL_REPRESENTATIVE', 'PRINCIPAL', 'RESPONSIBLE_PERSON')`),
    )
    .addPrimaryKeyConstraint("subject_relations_pk", ["organisation_id", "person_id", "relation"])
    .execute();
  await db.schema
    .createIndex("subject_relations_person_idx")
    .on("subject_relations")
    .column("person_id")
    .execute();

  await db.schema
    .createTable("record_kinds")
    .addColumn("code", "text", (column) => column.primaryKey())
    .addColumn("name", "text", (column) => column.notNull())
    .addColumn("category", "text", (column) =>
      column.notNull().check(sql`category in ('BASIC', 'POSITIVE', 'NEGATIVE', 'OTHER')`),
    )
    .addColumn("default_tier", "text", (column) =>
      column.notNull().check(sql`default_tier in ('PUBLIC', 'GOVERNMENT', 'AUTHORIZED')`),
    )
    .addColumn("article", "text", (column) => column.notNull())
    .execute();

  await db.schema
    .createTable("record_relations")
    .addColumn("record_id", "uuid", (column) => column.notNull().references("credit_records.id"))
    .addColumn("related_subject_id", "uuid", (column) => column.notNull())
    .addColumn("related_subject_identifier", "text", (column) => column.notNull())
    .addColumn("relation", "text", (column) => column.notNull())
    .addPrimaryKeyConstraint("record_relations_pk", ["record_id", "related_subject_id", "relation"])
    .execute();
  await db.schema
    .createIndex("record_relations_subject_idx")
    .on("record_relations")
    .column("related_subject_id")
    .execute();

  await db.schema
    .alterTable("list_entries")
    .addColumn("subject_name", "text", (column) => column.notNull().defaultTo(""))
    .addColumn("subject_kind", "text", (column) => column.notNull().defaultTo("NATURAL_PERSON"))
    .addColumn("region", "text")
    .addColumn("disclosure", "jsonb", (column) => column.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await sql`create index list_entries_name_trgm_idx on list_entries using gin (subject_name gin_trgm_ops)`.execute(
    db,
  );
  await db.schema
    .createIndex("list_entries_public_idx")
    .on("list_entries")
    .columns(["list", "status", "recognized_on", "id"])
    .execute();

  await db.schema
    .createTable("notices")
    .addColumn("id", "uuid", (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("recipient_org", "text", (column) => column.notNull())
    .addColumn("kind", "text", (column) => column.notNull())
    .addColumn("subject_id", "uuid", (column) => column.notNull())
    .addColumn("subject_identifier", "text", (column) => column.notNull())
    .addColumn("list_entry_id", "uuid", (column) => column.notNull().references("list_entries.id"))
    .addColumn("message", "text", (column) => column.notNull())
    .addColumn("created_at", "timestamptz", (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("notices_recipient_idx").on("notices").column("recipient_org").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("notices").ifExists().execute();
  await sql`drop index if exists list_entries_public_idx`.execute(db);
  await sql`drop index if exists list_entries_name_trgm_idx`.execute(db);
  await db.schema
    .alterTable("list_entries")
    .dropColumn("subject_name")
    .dropColumn("subject_kind")
    .dropColumn("region")
    .dropColumn("disclosure")
    .execute();
  await db.schema.dropTable("record_relations").ifExists().execute();
  await db.schema.dropTable("record_kinds").ifExists().execute();
  await db.schema.dropTable("subject_relations").ifExists().execute();
  await sql`drop index if exists subjects_name_trgm_idx`.execute(db);
  await db.schema
    .alterTable("subjects")
    .dropColumn("sex")
    .dropColumn("birth_date")
    .dropColumn("occupation_group")
    .dropColumn("employer_identifier")
    .dropColumn("state_employee")
    .dropColumn("registered_address")
    .dropColumn("nature")
    .dropColumn("region")
    .execute();
}
