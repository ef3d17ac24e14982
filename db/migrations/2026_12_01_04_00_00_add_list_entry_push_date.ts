import { sql, type Kysely } from "kysely";

/**
 * The day an entry reached the city platform (JRP art. 9: within 7 working days of recognition), and
 * whether that was late. Entries stored before are taken as pushed on their creation day, not late
 * (their lateness was never measured).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("list_entries")
    .addColumn("pushed_on", "date")
    .addColumn("pushed_late", "boolean", (column) => column.notNull().defaultTo(false))
    .execute();
  await sql`update list_entries set pushed_on = ((created_at at time zone 'UTC') + interval '8 hours')::date`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("list_entries").dropColumn("pushed_on").dropColumn("pushed_late").execute();
}
