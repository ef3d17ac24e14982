import { sql, type Kysely } from "kysely";

/**
 * Tamper evidence for the audit (every query audited: CZ 个人信息查询使用登记和审查制度, 安全审计): each event carries its position in the
 * chain, the previous event's hash and its own hash over (previous hash, canonical event with its access
 * rows). One head row, locked by each group commit, orders writers across processes. Audit rows are
 * append-only in the database itself: a trigger refuses UPDATE, DELETE and TRUNCATE on both tables.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("audit_events")
    .addColumn("variables", "jsonb", (column) => column.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("chain_index", "bigint")
    .addColumn("prev_hash", "text")
    .addColumn("hash", "text")
    .execute();
  await db.schema
    .createIndex("audit_events_chain_idx")
    .on("audit_events")
    .column("chain_index")
    .unique()
    .execute();
  await db.schema.createIndex("audit_events_actor_idx").on("audit_events").columns(["actor", "at"]).execute();
  await db.schema.alterTable("audit_accesses").addColumn("subject_identifier", "text").execute();
  await db.schema
    .createIndex("audit_accesses_identifier_idx")
    .on("audit_accesses")
    .column("subject_identifier")
    .execute();
  await db.schema
    .createTable("audit_chain_head")
    .addColumn("id", "integer", (column) => column.primaryKey().check(sql`id = 1`))
    .addColumn("length", "bigint", (column) => column.notNull())
    .addColumn("hash", "text", (column) => column.notNull())
    .execute();
  await sql`insert into audit_chain_head (id, length, hash) values (1, 0, ${"0".repeat(64)})`.execute(db);
  await sql`
    create function audit_rows_are_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit rows are append-only: % on % refused', tg_op, tg_table_name;
    end;
    $$`.execute(db);
  for (const table of ["audit_events", "audit_accesses"]) {
    await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)} for each row execute function audit_rows_are_append_only()`.execute(
      db,
    );
    await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)} for each statement execute function audit_rows_are_append_only()`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["audit_events", "audit_accesses"]) {
    await sql`drop trigger if exists ${sql.raw(`${table}_append_only`)} on ${sql.table(table)}`.execute(db);
    await sql`drop trigger if exists ${sql.raw(`${table}_no_truncate`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists audit_rows_are_append_only()`.execute(db);
  await db.schema.dropTable("audit_chain_head").ifExists().execute();
  await db.schema.alterTable("audit_accesses").dropColumn("subject_identifier").execute();
  await sql`drop index if exists audit_events_actor_idx`.execute(db);
  await sql`drop index if exists audit_events_chain_idx`.execute(db);
  await db.schema
    .alterTable("audit_events")
    .dropColumn("variables")
    .dropColumn("chain_index")
    .dropColumn("prev_hash")
    .dropColumn("hash")
    .execute();
}
