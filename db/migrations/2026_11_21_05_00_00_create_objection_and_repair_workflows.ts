import { sql, type Kysely } from "kysely";

/** Objections (PCIM arts. 28-30, JRP arts. 15-17) and credit repair (JRP arts. 18-19, PCIM arts. 31-32) as workflows with history. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("objections")
    .addColumn("target_type", "text", (column) => column.notNull().defaultTo("CREDIT_RECORD"))
    .addColumn("provider", "text", (column) => column.notNull().defaultTo(""))
    .addColumn("evidence", "text")
    .addColumn("filed_on", "date", (column) => column.notNull().defaultTo(sql`current_date`))
    .addColumn("state_changed_on", "date", (column) => column.notNull().defaultTo(sql`current_date`))
    .addColumn("due_on", "date")
    .execute();
  await db.schema.createIndex("objections_target_idx").on("objections").column("target_id").execute();

  await db.schema
    .createTable("repair_cases")
    .addColumn("id", "uuid", (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("subject_id", "uuid", (column) => column.notNull())
    .addColumn("subject_identifier", "text", (column) => column.notNull())
    .addColumn("target_id", "uuid", (column) => column.notNull())
    .addColumn("target_type", "text", (column) => column.notNull())
    .addColumn("target_kind", "text", (column) => column.notNull())
    .addColumn("provider", "text", (column) => column.notNull())
    .addColumn("state", "text", (column) => column.notNull())
    .addColumn("commitment", "text", (column) => column.notNull())
    .addColumn("evidence", "text")
    .addColumn("provider_opinion", "text")
    .addColumn("applied_on", "date", (column) => column.notNull())
    .addColumn("state_changed_on", "date", (column) => column.notNull())
    .addColumn("due_on", "date")
    .addColumn("completed_on", "date")
    .addColumn("archived_original", "jsonb")
    .addColumn("created_at", "timestamptz", (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("repair_cases_subject_idx")
    .on("repair_cases")
    .column("subject_identifier")
    .execute();
  await db.schema.createIndex("repair_cases_target_idx").on("repair_cases").column("target_id").execute();

  await db.schema
    .createTable("workflow_events")
    .addColumn("id", "bigserial", (column) => column.primaryKey())
    .addColumn("workflow", "text", (column) =>
      column.notNull().check(sql`workflow in ('OBJECTION', 'REPAIR')`),
    )
    .addColumn("case_id", "uuid", (column) => column.notNull())
    .addColumn("from_state", "text")
    .addColumn("to_state", "text", (column) => column.notNull())
    .addColumn("actor", "text")
    .addColumn("role", "text", (column) => column.notNull())
    .addColumn("note", "text")
    .addColumn("at", "timestamptz", (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("workflow_events_case_idx")
    .on("workflow_events")
    .columns(["case_id", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("workflow_events").ifExists().execute();
  await db.schema.dropTable("repair_cases").ifExists().execute();
  await sql`drop index if exists objections_target_idx`.execute(db);
  await db.schema
    .alterTable("objections")
    .dropColumn("target_type")
    .dropColumn("provider")
    .dropColumn("evidence")
    .dropColumn("filed_on")
    .dropColumn("state_changed_on")
    .dropColumn("due_on")
    .execute();
}
