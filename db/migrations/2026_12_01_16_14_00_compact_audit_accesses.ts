import { sql, type Kysely } from "kysely";

/**
 * The compact access form: one row per event, subgraph, entity type and tiers holding
 * the subjects as arrays, GIN-indexed, instead of one row per subject — a 1,000-identifier screen writes
 * one row instead of 1,000. Existing rows move into it unchanged in content, and their events keep
 * canonical form 1 (which hashes per-subject rows, rebuilt from the arrays), so old chains still verify;
 * events written from now on use form 2. `audit_accesses` stays as a read-only view, one row per subject,
 * for people reading the log by hand; it refuses updates and deletes as the table did.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("audit_access_sets")
    .addColumn("event_id", "uuid", (column) => column.notNull())
    .addColumn("subgraph", "text", (column) => column.notNull())
    .addColumn("entity_type", "text", (column) => column.notNull())
    .addColumn("tiers", sql`text[]`, (column) => column.notNull().defaultTo(sql`'{}'`))
    .addColumn("in_completion", "boolean", (column) => column.notNull().defaultTo(false))
    .addColumn("subject_ids", sql`uuid[]`, (column) => column.notNull())
    .addColumn("subject_identifiers", sql`text[]`, (column) => column.notNull())
    .addColumn("counts", sql`integer[]`, (column) => column.notNull())
    .addCheckConstraint(
      "audit_access_sets_parallel_arrays",
      sql`cardinality(subject_ids) > 0 and cardinality(subject_identifiers) = cardinality(subject_ids) and cardinality(counts) = cardinality(subject_ids)`,
    )
    .execute();
  await db.schema
    .createIndex("audit_access_sets_event_idx")
    .on("audit_access_sets")
    .column("event_id")
    .execute();
  await db.schema
    .createIndex("audit_access_sets_subject_ids_idx")
    .on("audit_access_sets")
    .using("gin")
    .column("subject_ids")
    .execute();
  await db.schema
    .createIndex("audit_access_sets_subject_identifiers_idx")
    .on("audit_access_sets")
    .using("gin")
    .column("subject_identifiers")
    .execute();
  await sql`create trigger audit_access_sets_append_only before update or delete on audit_access_sets for each row execute function audit_rows_are_append_only()`.execute(
    db,
  );
  await sql`create trigger audit_access_sets_no_truncate before truncate on audit_access_sets for each statement execute function audit_rows_are_append_only()`.execute(
    db,
  );

  await sql`alter table audit_events add column canonical_form smallint not null default 1`.execute(db);
  await sql`
    insert into audit_access_sets (event_id, subgraph, entity_type, tiers, in_completion, subject_ids, subject_identifiers, counts)
    select event_id, subgraph, entity_type, tiers, in_completion, array_agg(subject_id), array_agg(subject_identifier), array_agg(count)
    from audit_accesses
    group by event_id, subgraph, entity_type, tiers, in_completion`.execute(db);
  await sql`drop table audit_accesses`.execute(db);
  await sql`
    create view audit_accesses as
    select access.event_id, access.subgraph, member.subject_id, access.entity_type, access.tiers, member.count, member.subject_identifier, access.in_completion
    from audit_access_sets as access
    cross join lateral unnest(access.subject_ids, access.subject_identifiers, access.counts) as member(subject_id, subject_identifier, count)`.execute(
    db,
  );
  await sql`create trigger audit_accesses_append_only instead of update or delete on audit_accesses for each row execute function audit_rows_are_append_only()`.execute(
    db,
  );
  // A row appended by hand becomes a one-subject set: the chain then finds it as it found such rows before.
  await sql`
    create function audit_access_row_as_set() returns trigger language plpgsql as $$
    begin
      insert into audit_access_sets (event_id, subgraph, entity_type, tiers, in_completion, subject_ids, subject_identifiers, counts)
      values (new.event_id, new.subgraph, new.entity_type, coalesce(new.tiers, '{}'), coalesce(new.in_completion, false),
              array[new.subject_id], array[new.subject_identifier], array[new.count]);
      return new;
    end;
    $$`.execute(db);
  await sql`create trigger audit_accesses_insert_as_set instead of insert on audit_accesses for each row execute function audit_access_row_as_set()`.execute(
    db,
  );
  await sql`
    create or replace view audit_event_log as
    select event.seq, event.id, event.request_id, event.at, event.actor, event.role, event.org, event.purpose,
           event.operation_name, event.operation_type, event.document_hash, event.client_address,
           coalesce(completion.outcome, event.outcome) as outcome,
           coalesce(completion.error_codes, event.error_codes) as error_codes,
           coalesce(completion.duration_ms, event.duration_ms) as duration_ms,
           coalesce(completion.consent_ids, event.consent_ids) as consent_ids,
           event.variables, event.chain_index, event.prev_hash, event.hash, event.canonical_form
    from audit_events as event
    left join audit_completions as completion on completion.event_id = event.id`.execute(db);
}

/** Back to one row per subject. Events written in form 2 then no longer verify (their hash covers the sets). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop view audit_event_log`.execute(db);
  await sql`drop view audit_accesses`.execute(db);
  await sql`drop function audit_access_row_as_set()`.execute(db);
  await sql`
    create table audit_accesses (
      event_id uuid not null, subgraph text not null, subject_id uuid not null, entity_type text not null,
      tiers text[] not null default '{}', count integer not null, subject_identifier text, in_completion boolean not null default false
    )`.execute(db);
  await sql`
    insert into audit_accesses (event_id, subgraph, subject_id, entity_type, tiers, count, subject_identifier, in_completion)
    select access.event_id, access.subgraph, member.subject_id, access.entity_type, access.tiers, member.count, member.subject_identifier, access.in_completion
    from audit_access_sets as access
    cross join lateral unnest(access.subject_ids, access.subject_identifiers, access.counts) as member(subject_id, subject_identifier, count)`.execute(
    db,
  );
  await sql`create index audit_accesses_subject_idx on audit_accesses (subject_id)`.execute(db);
  await sql`create index audit_accesses_event_idx on audit_accesses (event_id)`.execute(db);
  await sql`create index audit_accesses_identifier_idx on audit_accesses (subject_identifier)`.execute(db);
  await sql`create trigger audit_accesses_append_only before update or delete on audit_accesses for each row execute function audit_rows_are_append_only()`.execute(
    db,
  );
  await sql`create trigger audit_accesses_no_truncate before truncate on audit_accesses for each statement execute function audit_rows_are_append_only()`.execute(
    db,
  );
  await sql`drop table audit_access_sets`.execute(db);
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
  await sql`alter table audit_events drop column canonical_form`.execute(db);
}
