import { sql, type Kysely } from "kysely";

/** The units (data/units.yaml): names a list entry discloses (JRP art. 8), and which registrations each is the authority for. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("units")
    .addColumn("code", "text", (column) => column.primaryKey())
    .addColumn("name", "text", (column) => column.notNull())
    .addColumn("registers", sql`text[]`, (column) => column.notNull().defaultTo(sql`'{}'::text[]`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("units").ifExists().execute();
}
