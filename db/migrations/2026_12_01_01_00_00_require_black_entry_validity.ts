import { sql, type Kysely } from "kysely";

/**
 * No black-list entry is in force forever (PCIM art. 27, JRP arts. 8 and 12; docs/api.md "A black-list
 * entry always has validUntil"). Entries stored without one get recognition + 36 months — the default of
 * the day this ran, kept here as a literal because a migration records history — and reports how many;
 * from now on the database refuses a black entry without a validity.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ id: string }>`
    update list_entries set valid_until = (recognized_on + interval '36 months')::date
    where list = 'BLACK' and valid_until is null
    returning id`.execute(db);
  if (rows.length > 0) {
    process.emitWarning(
      `${rows.length} black-list entries had no validUntil; each now ends 36 months after recognition: ${rows.map((row) => row.id).join(", ")}`,
      "CreditMigration",
    );
  }
  await sql`alter table list_entries add constraint list_entries_black_has_validity check (list <> 'BLACK' or valid_until is not null)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table list_entries drop constraint if exists list_entries_black_has_validity`.execute(db);
}
