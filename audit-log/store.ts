import { sql, type Kysely } from "kysely";
import type { Database } from "../db/database";
import type { NewAuditEventRow } from "./audit-event.table";
import {
  canonicalCompletion,
  canonicalEntry,
  chainHash,
  CURRENT_CANONICAL_FORM,
  type AuditAccessSet,
  type AuditCompletion,
  type AuditEntry,
} from "./chain";

export type ChainHead = Readonly<{ length: string; hash: string }>;
/** The new head, and each appended entry's hash in the order given (a completion is hashed over it). */
export type AppendedChain = ChainHead & Readonly<{ entryHashes: readonly string[] }>;

/**
 * Appends a batch of events to the hash chain (group commit): each event is hashed over the previous
 * hash and its canonical form, and the events, their access rows and the moved head are written by one
 * statement — all of the batch, or none.
 *
 * `expected` is the head this writer saw last. The statement moves the head only if it is still there,
 * and writes the rows only if the head moved, so a writer that was overtaken by another process writes
 * nothing; it then appends again under the head's row lock. One statement instead of a locked
 * transaction of six halves the audit's share of a lookup (docs/decisions/0004-audit-append-in-one-statement.md). Returns the new head.
 */
export async function appendAuditEntries(
  db: Kysely<Database>,
  entries: readonly AuditEntry[],
  expected?: ChainHead,
): Promise<AppendedChain> {
  if (expected) {
    const moved = await writeAfter(db, entries, expected);
    if (moved) return moved;
  }
  return db.transaction().execute(async (trx) => {
    const head = await trx
      .selectFrom("audit_chain_head")
      .select(["length", "hash"])
      .where("id", "=", 1)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const moved = await writeAfter(trx, entries, head);
    if (!moved) throw new Error("the audit chain head moved while locked");
    return moved;
  });
}

/**
 * Audit rows travel one parameter per column, not per value (a 1,000-subject screen was 7,000 bound
 * parameters for Kysely to compile and `pg` to serialise). `unnest` would flatten arrays of arrays, so
 * each row's array column travels as its text literal, every element quoted (null as NULL), and is cast back per row.
 */
export const arrayLiteral = (values: ReadonlyArray<string | number | null> | undefined) =>
  `{${(values ?? []).map((value) => (value === null ? "NULL" : `"${String(value).replace(/["\\]/g, "\\$&")}"`)).join(",")}}`;

/** Access sets as one parameter per column (each array column as its literal); sets with no subject are not written. */
function accessSetColumns(eventIds: readonly string[], sets: ReadonlyArray<AuditAccessSet>) {
  const written = sets
    .map((set, index) => ({ set, eventId: eventIds[index]! }))
    .filter(({ set }) => set.subjectIds.length > 0);
  return {
    eventIds: written.map(({ eventId }) => eventId),
    subgraphs: written.map(({ set }) => set.subgraph),
    entityTypes: written.map(({ set }) => set.entityType),
    tiers: written.map(({ set }) => arrayLiteral(set.tiers)),
    subjectIds: written.map(({ set }) => arrayLiteral(set.subjectIds)),
    subjectIdentifiers: written.map(({ set }) => arrayLiteral(set.subjectIdentifiers)),
    counts: written.map(({ set }) => arrayLiteral(set.counts)),
    itemIds: written.map(({ set }) => arrayLiteral([...(set.itemIds ?? [])].sort())),
  };
}

/** Writes `entries` after `head` if the chain still ends there; null (and nothing written) if it does not. */
async function writeAfter(
  db: Kysely<Database>,
  entries: readonly AuditEntry[],
  head: ChainHead,
): Promise<AppendedChain | null> {
  let previousHash = head.hash;
  let index = BigInt(head.length);
  const events: NewAuditEventRow[] = [];
  const setEventIds: string[] = [];
  const sets: AuditAccessSet[] = [];
  for (const entry of entries) {
    const hash = chainHash(previousHash, canonicalEntry(entry, index, CURRENT_CANONICAL_FORM));
    events.push({
      id: entry.id,
      request_id: entry.requestId,
      at: entry.at,
      actor: entry.actor,
      role: entry.role,
      org: entry.org,
      purpose: entry.purpose,
      operation_name: entry.operationName,
      operation_type: entry.operationType,
      document_hash: entry.documentHash,
      client_address: entry.clientAddress,
      outcome: entry.outcome,
      error_codes: entry.errorCodes,
      consent_ids: entry.consentIds,
      duration_ms: entry.durationMs,
      variables: JSON.stringify(entry.variables),
      chain_index: index.toString(),
      prev_hash: previousHash,
      hash,
      canonical_form: CURRENT_CANONICAL_FORM,
    });
    for (const set of entry.accesses) {
      setEventIds.push(entry.id);
      sets.push(set);
    }
    previousHash = hash;
    index += 1n;
  }
  const next: AppendedChain = {
    length: index.toString(),
    hash: previousHash,
    entryHashes: events.map((row) => row.hash),
  };
  const event = <K extends keyof NewAuditEventRow>(key: K) => events.map((row) => row[key]);
  const access = accessSetColumns(setEventIds, sets);
  const { rows } = await sql<{ moved: number }>`
    with moved as (
      update audit_chain_head set length = ${next.length}, hash = ${next.hash}
      where id = 1 and length = ${head.length} and hash = ${head.hash}
      returning 1
    ), inserted_events as (
      insert into audit_events (id, request_id, at, actor, role, org, purpose, operation_name, operation_type, document_hash,
                                client_address, outcome, error_codes, consent_ids, duration_ms, variables, chain_index, prev_hash, hash, canonical_form)
      select id, request_id, at, actor, role, org, purpose, operation_name, operation_type, document_hash,
             client_address, outcome, error_codes::text[], consent_ids::text[], duration_ms, variables::jsonb, chain_index, prev_hash, hash, ${CURRENT_CANONICAL_FORM}
      from unnest(${event("id")}::uuid[], ${event("request_id")}::text[], ${event("at")}::timestamptz[], ${event("actor")}::text[], ${event("role")}::text[],
                  ${event("org")}::text[], ${event("purpose")}::text[], ${event("operation_name")}::text[], ${event("operation_type")}::text[],
                  ${event("document_hash")}::text[], ${event("client_address")}::text[], ${event("outcome")}::text[], ${events.map((row) => arrayLiteral(row.error_codes))}::text[],
                  ${events.map((row) => arrayLiteral(row.consent_ids))}::text[], ${event("duration_ms")}::int[], ${event("variables")}::text[], ${event("chain_index")}::bigint[],
                  ${event("prev_hash")}::text[], ${event("hash")}::text[])
        with ordinality as row(id, request_id, at, actor, role, org, purpose, operation_name, operation_type, document_hash,
                               client_address, outcome, error_codes, consent_ids, duration_ms, variables, chain_index, prev_hash, hash, position)
      where exists (select from moved)
      order by position
    ), inserted_access_sets as (
      insert into audit_access_sets (event_id, subgraph, entity_type, tiers, subject_ids, subject_identifiers, counts, item_ids)
      select event_id, subgraph, entity_type, tiers::text[], subject_ids::uuid[], subject_identifiers::text[], counts::int[], item_ids::text[]
      from unnest(${access.eventIds}::uuid[], ${access.subgraphs}::text[], ${access.entityTypes}::text[], ${access.tiers}::text[],
                  ${access.subjectIds}::text[], ${access.subjectIdentifiers}::text[], ${access.counts}::text[], ${access.itemIds}::text[])
        as row(event_id, subgraph, entity_type, tiers, subject_ids, subject_identifiers, counts, item_ids)
      where exists (select from moved)
    )
    select count(*)::int as moved from moved`.execute(db);
  return rows[0]!.moved === 1 ? next : null;
}

/**
 * Records how a mutation ended: its completion row and the access rows it produced, hashed over the
 * event's hash, in one statement. The event (outcome PENDING) was committed before the mutation ran.
 */
export async function completeAuditEvent(
  db: Kysely<Database>,
  completion: AuditCompletion,
  eventHash: string,
): Promise<void> {
  const hash = chainHash(eventHash, canonicalCompletion(completion, CURRENT_CANONICAL_FORM));
  const access = accessSetColumns(
    completion.accesses.map(() => completion.eventId),
    completion.accesses,
  );
  await sql`
    with completed as (
      insert into audit_completions (event_id, outcome, error_codes, consent_ids, duration_ms, hash)
      values (${completion.eventId}, ${completion.outcome}, ${arrayLiteral(completion.errorCodes)}::text[], ${arrayLiteral(completion.consentIds)}::text[],
              ${completion.durationMs}, ${hash})
      returning event_id
    )
    insert into audit_access_sets (event_id, subgraph, entity_type, tiers, subject_ids, subject_identifiers, counts, item_ids, in_completion)
    select (select event_id from completed), subgraph, entity_type, tiers::text[], subject_ids::uuid[], subject_identifiers::text[], counts::int[], item_ids::text[], true
    from unnest(${access.subgraphs}::text[], ${access.entityTypes}::text[], ${access.tiers}::text[],
                ${access.subjectIds}::text[], ${access.subjectIdentifiers}::text[], ${access.counts}::text[], ${access.itemIds}::text[])
      as row(subgraph, entity_type, tiers, subject_ids, subject_identifiers, counts, item_ids)`.execute(db);
}

/** A page of the chain in chain order, each event with its access sets and completion, for verification and export. */
export async function listChainPage(db: Kysely<Database>, afterIndex: string | null, limit: number) {
  const events = await db
    .selectFrom("audit_events")
    .selectAll()
    .$if(afterIndex !== null, (qb) => qb.where("chain_index", ">", afterIndex!))
    .orderBy("chain_index")
    .limit(limit)
    .execute();
  const ids = events.map((event) => event.id);
  const [accesses, completions] = events.length
    ? await Promise.all([
        db.selectFrom("audit_access_sets").selectAll().where("event_id", "in", ids).execute(),
        db.selectFrom("audit_completions").selectAll().where("event_id", "in", ids).execute(),
      ])
    : [[], []];
  return { events, accesses, completions };
}

export async function findChainHead(db: Kysely<Database>) {
  return db
    .selectFrom("audit_chain_head")
    .select(["length", "hash"])
    .where("id", "=", 1)
    .executeTakeFirstOrThrow();
}

/** The event id of one access set whose event does not exist (rows inserted around the chain), or null. */
export async function findAccessRowWithoutEvent(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom("audit_access_sets as access")
    .select("access.event_id")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("audit_events as event").select("event.id").whereRef("event.id", "=", "access.event_id"),
        ),
      ),
    )
    .limit(1)
    .executeTakeFirst();
  return row?.event_id ?? null;
}
