import { sql, type Kysely } from "kysely";

/** Each measure names the list grounds its legal basis covers (`Measure.grounds`; JRP art. 14: a measure applies only where its basis does); empty = every grounds. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("measures")
    .addColumn("grounds", sql`text[]`, (column) => column.notNull().defaultTo(sql`'{}'::text[]`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("measures").dropColumn("grounds").execute();
}
