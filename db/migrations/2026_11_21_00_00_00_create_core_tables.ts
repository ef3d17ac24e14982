import { sql, type Kysely } from "kysely";

/** One table (or two) per subgraph; subjects owns `subjects`, every other table refers to it by id only. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const uuidPrimaryKey = sql`gen_random_uuid()`;

  await db.schema
    .createTable("subjects")
    .addColumn("id", "uuid", (column) => column.primaryKey().defaultTo(uuidPrimaryKey))
    .addColumn("kind", "text", (column) =>
      column.notNull().check(sql`kind in ('NATURAL_PERSON', 'LEGAL_PERSON', 'OTHER_ORGANIZATION')`),
    )
    .addColumn("identifier", "text", (column) => column.notNull().unique())
    .addColumn("name", "text", (column) => column.notNull())
    .addColumn("created_at", "timestamptz", (column) => column.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("credit_records")
    .addColumn("id", "uuid", (column) => column.primaryKey().defaultTo(uuidPrimaryKey))
    .addColumn("subject_id", "uuid", (column) => column.notNull())
    .addColumn("subject_identifier", "text", (column) => column.notNull())
    .addColumn("category", "text", (column) =>
      column.notNull().check(sql`category in ('BASIC', 'POSITIVE', 'NEGATIVE', 'OTHER')`),
    )
    .addColumn("kind", "text", (column) => column.notNull())
    .addColumn("severity", "text", (column) =>
      column.check(sql`severity in ('GENERAL', 'SERIOUS', 'SEVERE')`),
    )
    .addColumn("tier", "text", (column) =>
      column.notNull().check(sql`tier in ('PUBLIC', 'GOVERNMENT', 'AUTHORIZED')`),
    )
    .addColumn("title", "text", (column) => column.notNull())
    .addColumn("provider", "text", (column) => column.notNull())
    .addColumn("document_number", "text", (column) => column.notNull())
    .addColumn("decided_on", "date", (column) => column.notNull())
    .addColumn("expires_on", "date")
    .addColumn("status", "text", (column) =>
      column.notNull().check(sql`status in ('ACTIVE', 'EXPIRED', 'CORRECTED', 'ARCHIVED')`),
    )
    .addColumn("attributes", "jsonb", (column) => column.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("created_at", "timestamptz", (column) => column.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("credit_records_provider_document_unique", ["provider", "document_number"])
    .execute();
  await db.schema
    .createIndex("credit_records_subject_idx")
    .on("credit_records")
    .column("subject_id")
    .execute();
  await db.schema
    .createIndex("credit_records_identifier_idx")
    .on("credit_records")
    .column("subject_identifier")
    .execute();

  await db.schema
    .createTable("list_entries")
    .addColumn("id", "uuid", (column) => column.primaryKey().defaultTo(uuidPrimaryKey))
    .addColumn("subject_id", "uuid", (column) => column.notNull())
    .addColumn("subject_identifier", "text", (column) => column.notNull())
    .addColumn("list", "text", (column) => column.notNull().check(sql`list in ('RED', 'BLACK')`))
    .addColumn("status", "text", (column) =>
      column.notNull().check(sql`status in ('ACTIVE', 'EXPIRED', 'REMOVED', 'REPAIRED')`),
    )
    .addColumn("grounds", "text", (column) => column.notNull())
    .addColumn("facts", "text", (column) => column.notNull())
    .addColumn("basis", "text", (column) => column.notNull())
    .addColumn("document_number", "text", (column) => column.notNull())
    .addColumn("recognized_by", "text", (column) => column.notNull())
    .addColumn("recognized_on", "date", (column) => column.notNull())
    .addColumn("valid_until", "date")
    .addColumn("status_reason", "text")
    .addColumn("created_at", "timestamptz", (column) => column.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("list_entries_unit_document_unique", ["recognized_by", "document_number"])
    .execute();
  await db.schema.createIndex("list_entries_subject_idx").on("list_entries").column("subject_id").execute();
  await db.schema
    .createIndex("list_entries_identifier_idx")
    .on("list_entries")
    .column("subject_identifier")
    .execute();

  await db.schema
    .createTable("measures")
    .addColumn("code", "text", (column) => column.primaryKey())
    .addColumn("kind", "text", (column) => column.notNull().check(sql`kind in ('REWARD', 'PUNISHMENT')`))
    .addColumn("list", "text", (column) => column.notNull().check(sql`list in ('RED', 'BLACK')`))
    .addColumn("title", "text", (column) => column.notNull())
    .addColumn("decision", "text", (column) =>
      column.notNull().check(sql`decision in ('BLOCK', 'REVIEW', 'GREEN_CHANNEL', 'PASS')`),
    )
    .addColumn("target", "text", (column) =>
      column.notNull().check(sql`target in ('SUBJECT', 'RESPONSIBLE_PERSONS')`),
    )
    .addColumn("scenarios", sql`text[]`, (column) => column.notNull())
    .addColumn("basis", "text", (column) => column.notNull())
    .addColumn("department", "text", (column) => column.notNull())
    .execute();

  await db.schema
    .createTable("measure_applications")
    .addColumn("id", "uuid", (column) => column.primaryKey().defaultTo(uuidPrimaryKey))
    .addColumn("measure_code", "text", (column) => column.notNull().references("measures.code"))
    .addColumn("subject_id", "uuid", (column) => column.notNull())
    .addColumn("subject_identifier", "text", (column) => column.notNull())
    .addColumn("reported_by", "text", (column) => column.notNull())
    .addColumn("case_number", "text", (column) => column.notNull())
    .addColumn("outcome", "text", (column) => column.notNull())
    .addColumn("applied_on", "date", (column) => column.notNull())
    .addColumn("created_at", "timestamptz", (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("measure_applications_subject_idx")
    .on("measure_applications")
    .column("subject_id")
    .execute();
  await db.schema
    .createIndex("measure_applications_identifier_idx")
    .on("measure_applications")
    .column("subject_identifier")
    .execute();

  await db.schema
    .createTable("objections")
    .addColumn("id", "uuid", (column) => column.primaryKey().defaultTo(uuidPrimaryKey))
    .addColumn("subject_id", "uuid", (column) => column.notNull())
    .addColumn("subject_identifier", "text", (column) => column.notNull())
    .addColumn("target_id", "uuid", (column) => column.notNull())
    .addColumn("ground", "text", (column) =>
      column.notNull().check(sql`ground in ('WRONG_OR_INCOMPLETE', 'PROHIBITED_DATA', 'EXPIRED_STILL_USED')`),
    )
    .addColumn("statement", "text", (column) => column.notNull())
    .addColumn("state", "text", (column) => column.notNull())
    .addColumn("filed_at", "timestamptz", (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("objections_subject_idx").on("objections").column("subject_id").execute();
  await db.schema
    .createIndex("objections_identifier_idx")
    .on("objections")
    .column("subject_identifier")
    .execute();

  await db.schema
    .createTable("audit_events")
    .addColumn("seq", "bigserial", (column) => column.primaryKey())
    .addColumn("id", "uuid", (column) => column.notNull().unique().defaultTo(uuidPrimaryKey))
    .addColumn("request_id", "text", (column) => column.notNull())
    .addColumn("at", "timestamptz", (column) => column.notNull())
    .addColumn("actor", "text")
    .addColumn("role", "text", (column) => column.notNull())
    .addColumn("org", "text")
    .addColumn("purpose", "text")
    .addColumn("operation_name", "text")
    .addColumn("operation_type", "text")
    .addColumn("document_hash", "text")
    .addColumn("client_address", "text")
    .addColumn("outcome", "text", (column) =>
      column.notNull().check(sql`outcome in ('OK', 'DENIED', 'ERROR')`),
    )
    .addColumn("error_codes", sql`text[]`, (column) => column.notNull().defaultTo(sql`'{}'`))
    .addColumn("duration_ms", "integer", (column) => column.notNull())
    .execute();
  await db.schema.createIndex("audit_events_at_idx").on("audit_events").column("at").execute();

  await db.schema
    .createTable("audit_accesses")
    .addColumn("event_id", "uuid", (column) => column.notNull().references("audit_events.id"))
    .addColumn("subgraph", "text", (column) => column.notNull())
    .addColumn("subject_id", "uuid", (column) => column.notNull())
    .addColumn("entity_type", "text", (column) => column.notNull())
    .addColumn("tiers", sql`text[]`, (column) => column.notNull().defaultTo(sql`'{}'`))
    .addColumn("count", "integer", (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex("audit_accesses_subject_idx")
    .on("audit_accesses")
    .column("subject_id")
    .execute();
  await db.schema.createIndex("audit_accesses_event_idx").on("audit_accesses").column("event_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "audit_accesses",
    "audit_events",
    "objections",
    "measure_applications",
    "measures",
    "list_entries",
    "credit_records",
    "subjects",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
