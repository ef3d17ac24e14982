import type { Kysely } from "kysely";

/**
 * A deadline counted through a year whose State Council notice was not loaded is provisional
 * (docs/api.md, "Deadlines never stop a filing") and is recomputed when the notice is loaded.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ["objections", "repair_cases"]) {
    await db.schema
      .alterTable(table)
      .addColumn("due_on_provisional", "boolean", (column) => column.notNull().defaultTo(false))
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["objections", "repair_cases"]) {
    await db.schema.alterTable(table).dropColumn("due_on_provisional").execute();
  }
}
