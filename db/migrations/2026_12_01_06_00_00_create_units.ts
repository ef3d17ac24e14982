import type { Kysely } from "kysely";

/** The recognising units' names (data/units.yaml): a list entry discloses its unit by name (JRP art. 8). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("units")
    .addColumn("code", "text", (column) => column.primaryKey())
    .addColumn("name", "text", (column) => column.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("units").ifExists().execute();
}
