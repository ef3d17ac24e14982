import { sql, type Kysely } from "kysely";

const TABLES = ["credit_records", "list_entries"] as const;

/**
 * The credit centre's review before a natural person's item is published (PCIM art. 14): its state, the
 * redacted text published in place of the item's free text, the reason an item was returned to its provider,
 * and when it was decided. Items published before the review existed count as reviewed (PUBLISHED): they were
 * already public, and the queue is for what has not yet reached the public; every other row needs no review.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    await db.schema
      .alterTable(table)
      .addColumn("publication", "text", (column) =>
        column.check(sql`publication in ('PENDING', 'PUBLISHED', 'REDACTED', 'RETURNED')`),
      )
      .addColumn("publication_text", "text")
      .addColumn("publication_note", "text")
      .addColumn("publication_decided_at", "timestamptz")
      .execute();
  }
  await sql`update credit_records set publication = 'PUBLISHED'
    where tier = 'PUBLIC' and subject_id in (select id from subjects where kind = 'NATURAL_PERSON')`.execute(
    db,
  );
  await sql`update list_entries set publication = 'PUBLISHED' where subject_kind = 'NATURAL_PERSON'`.execute(
    db,
  );
  // The review queue, oldest first: only the pending rows are indexed.
  await sql`create index credit_records_publication_pending on credit_records (created_at, id) where publication = 'PENDING'`.execute(
    db,
  );
  await sql`create index list_entries_publication_pending on list_entries (created_at, id) where publication = 'PENDING'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists credit_records_publication_pending`.execute(db);
  await sql`drop index if exists list_entries_publication_pending`.execute(db);
  for (const table of TABLES) {
    await db.schema
      .alterTable(table)
      .dropColumn("publication")
      .dropColumn("publication_text")
      .dropColumn("publication_note")
      .dropColumn("publication_decided_at")
      .execute();
  }
}
