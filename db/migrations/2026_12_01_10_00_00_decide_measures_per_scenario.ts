import { sql, type Kysely } from "kysely";

/**
 * A measure decides per scenario, with the words of its text that decide it (JRP art. 14: 「限制」 leaves the
 * department discretion, 「暂停」 does not): `decisions` maps each scenario to `{ decision, words }` and
 * replaces the one `decision` a measure had. The catalogue reloads it from data/measures.yaml at start.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("measures")
    .addColumn("decisions", "jsonb", (column) => column.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.alterTable("measures").dropColumn("decision").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("measures")
    .addColumn("decision", "text", (column) =>
      column
        .notNull()
        .defaultTo("REVIEW")
        .check(sql`decision in ('BLOCK', 'REVIEW', 'GREEN_CHANNEL', 'PASS')`),
    )
    .execute();
  await db.schema.alterTable("measures").dropColumn("decisions").execute();
}
