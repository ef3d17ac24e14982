import { sql, type Kysely } from "kysely";

/**
 * Access rows are written only with their event, in the same transaction (appendAuditEntries), and the
 * hash chain covers them; `verifyAuditChain` also refuses access rows whose event does not exist. The
 * foreign key checked the same thing once per row: 1,000 trigger calls for a 1,000-subject screen, about
 * a third of the audit write (docs/decisions/0004-audit-append-in-one-statement.md). The chain is the check now.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_accesses drop constraint if exists audit_accesses_event_id_fkey`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_accesses add constraint audit_accesses_event_id_fkey foreign key (event_id) references audit_events (id)`.execute(
    db,
  );
}
