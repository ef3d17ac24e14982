import { sql, type Kysely } from "kysely";

/**
 * The budgets every gateway replica shares on PostgreSQL: per-caller token buckets and the work in
 * flight. Created on PGlite too (same migrations on both databases), where one process keeps them in memory.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("gateway_rate_buckets")
    .addColumn("budget", "text", (column) => column.notNull())
    .addColumn("caller", "text", (column) => column.notNull())
    .addColumn("tokens", "double precision", (column) => column.notNull())
    .addColumn("granted", "boolean", (column) => column.notNull())
    .addColumn("refilled_at", "timestamptz", (column) => column.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("gateway_rate_buckets_pkey", ["budget", "caller"])
    .execute();
  await db.schema
    .createIndex("gateway_rate_buckets_refilled_at")
    .on("gateway_rate_buckets")
    .column("refilled_at")
    .execute();
  await db.schema
    .createTable("gateway_admissions")
    .addColumn("id", "uuid", (column) => column.primaryKey())
    .addColumn("cost", "integer", (column) => column.notNull())
    .addColumn("expires_at", "timestamptz", (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex("gateway_admissions_expires_at")
    .on("gateway_admissions")
    .column("expires_at")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("gateway_admissions").execute();
  await db.schema.dropTable("gateway_rate_buckets").execute();
}
