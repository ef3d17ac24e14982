import { sql, type Kysely } from "kysely";

/**
 * A mutation's audit event is written before the mutation runs (outcome PENDING) and completed after it,
 * so no effect can commit without its event (NIST 800-53 AU-5: no action unaudited). The completion — outcome, error codes, consents,
 * duration and the access rows the mutation produced — is its own append-only row, hashed over the
 * event's hash and its content; `audit_event_log` shows each event with its completed outcome.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_events drop constraint if exists audit_events_outcome_check`.execute(db);
  await sql`alter table audit_events add constraint audit_events_outcome_check check (outcome in ('OK', 'DENIED', 'ERROR', 'PENDING'))`.execute(
    db,
  );
  await db.schema
    .createTable("audit_completions")
    .addColumn("event_id", "uuid", (column) => column.primaryKey().references("audit_events.id"))
    .addColumn("outcome", "text", (column) =>
      column.notNull().check(sql`outcome in ('OK', 'DENIED', 'ERROR')`),
    )
    .addColumn("error_codes", sql`text[]`, (column) => column.notNull())
    .addColumn("consent_ids", sql`text[]`, (column) => column.notNull())
    .addColumn("duration_ms", "integer", (column) => column.notNull())
    .addColumn("hash", "text", (column) => column.notNull())
    .execute();
  await sql`create trigger audit_completions_append_only before update or delete on audit_completions for each row execute function audit_rows_are_append_only()`.execute(
    db,
  );
  await sql`create trigger audit_completions_no_truncate before truncate on audit_completions for each statement execute function audit_rows_are_append_only()`.execute(
    db,
  );
  await db.schema
    .alterTable("audit_accesses")
    .addColumn("in_completion", "boolean", (column) => column.notNull().defaultTo(false))
    .execute();
  await sql`
    create view audit_event_log as
    select event.seq, event.id, event.request_id, event.at, event.actor, event.role, event.org, event.purpose,
           event.operation_name, event.operation_type, event.document_hash, event.client_address,
           coalesce(completion.outcome, event.outcome) as outcome,
           coalesce(completion.error_codes, event.error_codes) as error_codes,
           coalesce(completion.duration_ms, event.duration_ms) as duration_ms,
           coalesce(completion.consent_ids, event.consent_ids) as consent_ids,
           event.variables, event.chain_index, event.prev_hash, event.hash
    from audit_events as event
    left join audit_completions as completion on completion.event_id = event.id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop view if exists audit_event_log`.execute(db);
  await db.schema.alterTable("audit_accesses").dropColumn("in_completion").execute();
  await db.schema.dropTable("audit_completions").ifExists().execute();
  await sql`alter table audit_events drop constraint if exists audit_events_outcome_check`.execute(db);
  await sql`alter table audit_events add constraint audit_events_outcome_check check (outcome in ('OK', 'DENIED', 'ERROR'))`.execute(
    db,
  );
}
