import { sql, type Kysely } from "kysely";

/**
 * A red entry taken off by a black listing (JRP art. 4) names the black entry that took it, as a suspended
 * honour does (`suspended_by_entry`): removing that black entry gives it back. Red entries already taken off
 * are linked from the reason the listing wrote ("JRP art. 4: entered the black list by <unit>, document <no>").
 *
 * A black entry whose validity had ended before it was entered (`valid_until` before `pushed_on`) was never in
 * force and had no effect to take (PCIM art. 27, JRP art. 12): what such entries took is given back here —
 * honours published again, red entries on their list again unless the subject has another black entry that
 * has not ended.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("list_entries").addColumn("removed_by_entry", "uuid").execute();
  await sql`
    update list_entries as red set removed_by_entry = black.id
    from list_entries as black
    where red.list = 'RED' and red.status = 'REMOVED' and black.list = 'BLACK' and black.subject_id = red.subject_id
      and red.status_reason = 'JRP art. 4: entered the black list by ' || black.recognized_by || ', document ' || black.document_number`.execute(
    db,
  );
  const neverInForce = sql`select id from list_entries where list = 'BLACK' and valid_until is not null and pushed_on is not null and valid_until < pushed_on`;
  await sql`
    update credit_records set status = 'ACTIVE', status_reason = null, suspended_by_entry = null
    where status = 'SUSPENDED' and suspended_by_entry in (${neverInForce})`.execute(db);
  await sql`
    update list_entries as red set status = 'ACTIVE', status_reason = null, status_changed_on = null, removed_by_entry = null
    where red.list = 'RED' and red.status = 'REMOVED' and red.removed_by_entry in (${neverInForce})
      and not exists (
        select from list_entries as black
        where black.subject_id = red.subject_id and black.list = 'BLACK' and black.status = 'ACTIVE'
          and black.id <> red.removed_by_entry and (black.valid_until is null or black.valid_until >= black.pushed_on)
          and (black.valid_until is null or black.valid_until >= (now() at time zone 'Asia/Shanghai')::date))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("list_entries").dropColumn("removed_by_entry").execute();
}
