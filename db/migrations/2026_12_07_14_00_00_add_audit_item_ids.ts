import { sql, type Kysely } from "kysely";

/**
 * Each access set names the items it disclosed (events hashed in canonical form 3): a correction is made known
 * to those who were shown that item (JRP art. 16), not to everyone who read something of its subject. Sets of
 * earlier events keep an empty list, which their form does not hash and the verifier requires to stay empty.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_access_sets add column item_ids text[] not null default '{}'`.execute(db);
  await db.schema
    .createIndex("audit_access_sets_item_ids_idx")
    .on("audit_access_sets")
    .using("gin")
    .column("item_ids")
    .execute();
}

/** Events written in form 3 then no longer verify (their hash covers the item ids). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("audit_access_sets_item_ids_idx").execute();
  await sql`alter table audit_access_sets drop column item_ids`.execute(db);
}
