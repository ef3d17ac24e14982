import type { Kysely } from "kysely";

/**
 * The distinct natural persons each caller not entitled to them looked up (subgraphs/shared/person-lookups.ts):
 * one budget per actor and per network across every replica, and what the `MASKED_LIST_WALK` alert reads.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("person_lookups")
    .addColumn("caller", "text", (column) => column.notNull())
    .addColumn("person", "text", (column) => column.notNull())
    .addColumn("masked", "text", (column) => column.notNull())
    .addColumn("role", "text", (column) => column.notNull())
    .addColumn("org", "text")
    .addColumn("looked_up_at", "timestamptz", (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex("person_lookups_caller_looked_up_at")
    .on("person_lookups")
    .columns(["caller", "looked_up_at"])
    .execute();
  await db.schema
    .createIndex("person_lookups_looked_up_at")
    .on("person_lookups")
    .column("looked_up_at")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("person_lookups").execute();
}
