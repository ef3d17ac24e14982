import { sql, type Kysely } from "kysely";

/** Each measure names the list grounds its legal basis covers (CONTRACT.md `Measure.grounds`); empty = every grounds. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("measures").addColumn("grounds", sql`text[]`, (column) => column.notNull().defaultTo(sql`'{}'::text[]`)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("measures").dropColumn("grounds").execute();
}
