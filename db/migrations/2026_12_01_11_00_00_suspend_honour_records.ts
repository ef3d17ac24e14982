import { sql, type Kysely } from "kysely";

/**
 * A subject entering the black list has its published honours taken off publication (JRP art. 14(11)
 * 「及时撤销严重失信主体已取得的荣誉称号」): the honour record becomes SUSPENDED with the reason, kept for the
 * subject to see and for the awarding unit's revocation, never deleted (JRP art. 20).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("credit_records").addColumn("status_reason", "text").execute();
  await sql`alter table credit_records drop constraint credit_records_status_check`.execute(db);
  await sql`alter table credit_records add constraint credit_records_status_check check (status in ('ACTIVE', 'EXPIRED', 'CORRECTED', 'ARCHIVED', 'SUSPENDED'))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table credit_records drop constraint credit_records_status_check`.execute(db);
  await sql`update credit_records set status = 'ACTIVE' where status = 'SUSPENDED'`.execute(db);
  await sql`alter table credit_records add constraint credit_records_status_check check (status in ('ACTIVE', 'EXPIRED', 'CORRECTED', 'ARCHIVED'))`.execute(
    db,
  );
  await db.schema.alterTable("credit_records").dropColumn("status_reason").execute();
}
