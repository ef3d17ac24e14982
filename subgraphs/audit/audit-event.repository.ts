import type { AccessFilter } from "../../policies/accessible-by";
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from "kysely";
import type { AuditEventRow, AuditEventTable, Database, NewAuditEventRow } from "../../db/database";
import { canonicalCompletion, canonicalEntry, chainHash, CURRENT_CANONICAL_FORM, type AuditAccessSet, type AuditCompletion, type AuditEntry } from "./audit-chain";

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
 * transaction of six halves the audit's share of a lookup (docs/performance.md). Returns the new head.
 */
export async function appendAuditEntries(db: Kysely<Database>, entries: readonly AuditEntry[], expected?: ChainHead): Promise<AppendedChain> {
  if (expected) {
    const moved = await writeAfter(db, entries, expected);
    if (moved) return moved;
  }
  return db.transaction().execute(async (trx) => {
    const head = await trx.selectFrom("audit_chain_head").select(["length", "hash"]).where("id", "=", 1).forUpdate().executeTakeFirstOrThrow();
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
const arrayLiteral = (values: ReadonlyArray<string | number | null> | undefined) =>
  `{${(values ?? []).map((value) => (value === null ? "NULL" : `"${String(value).replace(/["\\]/g, "\\$&")}"`)).join(",")}}`;

/** Access sets as one parameter per column (each array column as its literal); sets with no subject are not written. */
function accessSetColumns(eventIds: readonly string[], sets: ReadonlyArray<AuditAccessSet>) {
  const written = sets.map((set, index) => ({ set, eventId: eventIds[index]! })).filter(({ set }) => set.subjectIds.length > 0);
  return {
    eventIds: written.map(({ eventId }) => eventId),
    subgraphs: written.map(({ set }) => set.subgraph),
    entityTypes: written.map(({ set }) => set.entityType),
    tiers: written.map(({ set }) => arrayLiteral(set.tiers)),
    subjectIds: written.map(({ set }) => arrayLiteral(set.subjectIds)),
    subjectIdentifiers: written.map(({ set }) => arrayLiteral(set.subjectIdentifiers)),
    counts: written.map(({ set }) => arrayLiteral(set.counts)),
  };
}

/** Writes `entries` after `head` if the chain still ends there; null (and nothing written) if it does not. */
async function writeAfter(db: Kysely<Database>, entries: readonly AuditEntry[], head: ChainHead): Promise<AppendedChain | null> {
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
  const next: AppendedChain = { length: index.toString(), hash: previousHash, entryHashes: events.map((row) => row.hash) };
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
      insert into audit_access_sets (event_id, subgraph, entity_type, tiers, subject_ids, subject_identifiers, counts)
      select event_id, subgraph, entity_type, tiers::text[], subject_ids::uuid[], subject_identifiers::text[], counts::int[]
      from unnest(${access.eventIds}::uuid[], ${access.subgraphs}::text[], ${access.entityTypes}::text[], ${access.tiers}::text[],
                  ${access.subjectIds}::text[], ${access.subjectIdentifiers}::text[], ${access.counts}::text[])
        as row(event_id, subgraph, entity_type, tiers, subject_ids, subject_identifiers, counts)
      where exists (select from moved)
    )
    select count(*)::int as moved from moved`.execute(db);
  return rows[0]!.moved === 1 ? next : null;
}

/**
 * Records how a mutation ended: its completion row and the access rows it produced, hashed over the
 * event's hash, in one statement. The event (outcome PENDING) was committed before the mutation ran.
 */
export async function completeAuditEvent(db: Kysely<Database>, completion: AuditCompletion, eventHash: string): Promise<void> {
  const hash = chainHash(eventHash, canonicalCompletion(completion, CURRENT_CANONICAL_FORM));
  const access = accessSetColumns(completion.accesses.map(() => completion.eventId), completion.accesses);
  await sql`
    with completed as (
      insert into audit_completions (event_id, outcome, error_codes, consent_ids, duration_ms, hash)
      values (${completion.eventId}, ${completion.outcome}, ${arrayLiteral(completion.errorCodes)}::text[], ${arrayLiteral(completion.consentIds)}::text[],
              ${completion.durationMs}, ${hash})
      returning event_id
    )
    insert into audit_access_sets (event_id, subgraph, entity_type, tiers, subject_ids, subject_identifiers, counts, in_completion)
    select (select event_id from completed), subgraph, entity_type, tiers::text[], subject_ids::uuid[], subject_identifiers::text[], counts::int[], true
    from unnest(${access.subgraphs}::text[], ${access.entityTypes}::text[], ${access.tiers}::text[],
                ${access.subjectIds}::text[], ${access.subjectIdentifiers}::text[], ${access.counts}::text[])
      as row(subgraph, entity_type, tiers, subject_ids, subject_identifiers, counts)`.execute(db);
}

export type AuditEventWithSubjects = AuditEventRow & { subject_identifiers: string[]; categories: string[] };

export type AuditEventQuery = Readonly<{
  actor?: string | null;
  org?: string | null;
  role?: string | null;
  purpose?: string | null;
  subject?: string | null;
  outcome?: string | null;
  operation?: string | null;
  from?: Date | null;
  to?: Date | null;
  /** Events that disclosed this subject's data, leaving out this actor's own reads (a subject's access log). */
  disclosedTo?: Readonly<{ subjectIdentifier: string; exceptActor: string | null }> | null;
}>;

type EventScope = Database & { event: AuditEventTable };

/** Sets of the event `event` that name `subjectIdentifier`: the GIN index on `subject_identifiers` finds them ("who read subject X"). */
const namesSubject = (subjectIdentifier: string) => sql<boolean>`access.subject_identifiers @> array[${subjectIdentifier}]::text[]`;

function filterAuditEvents<QB extends SelectQueryBuilder<EventScope, "event", object>>(builder: QB, query: AuditEventQuery): QB {
  const disclosed = query.disclosedTo;
  return builder
    .$if(Boolean(query.actor), (qb) => qb.where("event.actor", "=", query.actor!))
    .$if(Boolean(query.org), (qb) => qb.where("event.org", "=", query.org!))
    .$if(Boolean(query.role), (qb) => qb.where("event.role", "=", query.role!))
    .$if(Boolean(query.purpose), (qb) => qb.where("event.purpose", "=", query.purpose!))
    .$if(Boolean(query.outcome), (qb) => qb.where("event.outcome", "=", query.outcome as "OK"))
    .$if(Boolean(query.operation), (qb) => qb.where("event.operation_name", "=", query.operation!))
    .$if(Boolean(query.from), (qb) => qb.where("event.at", ">=", query.from!))
    .$if(Boolean(query.to), (qb) => qb.where("event.at", "<=", query.to!))
    .$if(Boolean(query.subject), (qb) =>
      qb.where("event.id", "in", (eb) => eb.selectFrom("audit_access_sets as access").select("access.event_id").where(namesSubject(query.subject!))),
    )
    .$if(Boolean(disclosed), (qb) =>
      qb
        .where("event.id", "in", (eb) => eb.selectFrom("audit_access_sets as access").select("access.event_id").where(namesSubject(disclosed!.subjectIdentifier)))
        .where((eb) => eb.not(eb.and([eb("event.role", "=", "SUBJECT"), eb("event.actor", "=", disclosed!.exceptActor ?? "")]))),
    ) as QB;
}

/** Events oldest first, filtered, keyset-paginated on seq, each with the identifiers and categories it disclosed. */
export async function listAuditEvents(db: Kysely<Database>, query: AuditEventQuery, afterSeq: string | null, limit: number): Promise<AuditEventWithSubjects[]> {
  return auditEventsQuery(db, query, afterSeq, limit).execute() as Promise<AuditEventWithSubjects[]>;
}

/** The statement `listAuditEvents` runs (its plan is tested: "who read subject X" must use the GIN index). */
export function auditEventsQuery(db: Kysely<Database>, query: AuditEventQuery, afterSeq: string | null, limit: number) {
  const onlySubject = query.disclosedTo?.subjectIdentifier ?? null;
  return filterAuditEvents(db.selectFrom("audit_event_log as event").selectAll("event"), query)
    .select((eb) => [
      eb.fn
        .coalesce(
          sql<string[]>`(select array_agg(distinct member.identifier)
                         from audit_access_sets as access cross join lateral unnest(access.subject_identifiers) as member(identifier)
                         where access.event_id = event.id and member.identifier is not null
                         ${onlySubject === null ? sql`` : sql`and member.identifier = ${onlySubject}`})`,
          sql<string[]>`'{}'::text[]`,
        )
        .as("subject_identifiers"),
      eb.fn
        .coalesce(
          eb
            .selectFrom("audit_access_sets as access")
            .select(sql<string[]>`array_agg(distinct access.entity_type || ':' || array_to_string(access.tiers, '+'))`.as("categories"))
            .whereRef("access.event_id", "=", "event.id")
            .$if(onlySubject !== null, (qb) => qb.where(namesSubject(onlySubject!))),
          sql<string[]>`'{}'::text[]`,
        )
        .as("categories"),
    ])
    .$if(afterSeq !== null, (qb) => qb.where("event.seq", ">", afterSeq!))
    .orderBy("event.seq")
    .limit(limit);
}

export async function countAuditEvents(db: Kysely<Database>, query: AuditEventQuery): Promise<number> {
  const { count } = await filterAuditEvents(db.selectFrom("audit_event_log as event").select((eb) => eb.fn.countAll<string>().as("count")), query).executeTakeFirstOrThrow();
  return Number(count);
}

/** The subjects of the set `access`, one row each (a lateral join). */
const membersOf = sql<{ subject_id: string; subject_identifier: string | null; count: number }>`(select * from unnest(access.subject_ids, access.subject_identifiers, access.counts) as each_member(subject_id, subject_identifier, count))`;

/** Every disclosure of these subjects, newest first, one row per event, set and subject; the GIN index on `subject_ids` finds the sets. */
export async function listAccessesBySubjectIds(
  db: Kysely<Database>,
  subjectIds: readonly string[],
  access: AccessFilter,
) {
  if (subjectIds.length === 0) return [];
  return accessesBySubjectIdsQuery(db, subjectIds, access).execute();
}

/** The statement `listAccessesBySubjectIds` runs (its plan is tested). */
export function accessesBySubjectIdsQuery(db: Kysely<Database>, subjectIds: readonly string[], access: AccessFilter) {
  return db
    .selectFrom("audit_access_sets as access")
    .innerJoin("audit_events as event", "event.id", "access.event_id")
    .innerJoinLateral(membersOf.as("member"), (join) => join.onTrue())
    .select([
      "member.subject_id",
      "access.subgraph",
      "access.entity_type",
      "access.tiers",
      "member.count",
      "event.at",
      "event.request_id",
      "event.role",
      "event.org",
      "event.purpose",
    ])
    .where(sql<boolean>`access.subject_ids && ${arrayLiteral(subjectIds)}::uuid[]`)
    .where("member.subject_id", "in", subjectIds)
    .where(access)
    .orderBy("event.seq", "desc");
}
export type AccessRow = Awaited<ReturnType<typeof listAccessesBySubjectIds>>[number];

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
  return db.selectFrom("audit_chain_head").select(["length", "hash"]).where("id", "=", 1).executeTakeFirstOrThrow();
}

/** The event id of one access set whose event does not exist (rows inserted around the chain), or null. */
export async function findAccessRowWithoutEvent(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom("audit_access_sets as access")
    .select("access.event_id")
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom("audit_events as event").select("event.id").whereRef("event.id", "=", "access.event_id"))))
    .limit(1)
    .executeTakeFirst();
  return row?.event_id ?? null;
}

export type AlertWindow = Readonly<{ from: Date; to: Date }>;

/** Actors who saw more than `limit` distinct subjects within one hour, screening left out. */
export async function findMassLookups(db: Kysely<Database>, window: AlertWindow, limit: number) {
  return db
    .selectFrom("audit_events as event")
    .innerJoin("audit_access_sets as access", "access.event_id", "event.id")
    .innerJoinLateral(membersOf.as("member"), (join) => join.onTrue())
    .select((eb) => [
      "event.actor",
      "event.role",
      "event.org",
      sql<Date>`date_trunc('hour', event.at)`.as("hour"),
      eb.fn.count<string>("member.subject_id").distinct().as("subjects"),
    ])
    .where("event.at", ">=", window.from)
    .where("event.at", "<=", window.to)
    .where("event.actor", "is not", null)
    .where("access.entity_type", "<>", "ScreeningResult")
    .groupBy(["event.actor", "event.role", "event.org", sql`date_trunc('hour', event.at)`])
    .having((eb) => eb.fn.count("member.subject_id").distinct(), ">", limit)
    .execute();
}

/**
 * Callers (actor, or client address without one) with at least `limit` events matching `condition`
 * within one hour — the shape of the denial and probing alerts.
 */
export async function countEventsPerCallerHour(db: Kysely<Database>, window: AlertWindow, condition: RawBuilder<boolean>, limit: number) {
  const caller = sql<string>`coalesce(event.actor, event.client_address, 'unknown')`;
  const hour = sql<Date>`date_trunc('hour', event.at)`;
  return db
    .selectFrom("audit_event_log as event")
    .select((eb) => [caller.as("caller"), "event.role", "event.org", hour.as("hour"), eb.fn.countAll<string>().as("count")])
    .where("event.at", ">=", window.from)
    .where("event.at", "<=", window.to)
    .where(condition)
    .groupBy([caller, "event.role", "event.org", hour])
    .having((eb) => eb.fn.countAll(), ">=", limit)
    .execute();
}

/** Callers refused at least `limit` times within one hour. */
export const findRepeatedDenials = (db: Kysely<Database>, window: AlertWindow, limit: number) =>
  countEventsPerCallerHour(db, window, sql<boolean>`event.outcome = 'DENIED'`, limit);

/**
 * Callers whose identifiers failed their checksum many times within one hour: guessing citizen IDs
 * through `subject` or `screen`. (Guesses with correct checksums that find no one are held back by the
 * rate limit, not flagged here.)
 */
export const findIdentifierProbing = (db: Kysely<Database>, window: AlertWindow, limit: number) =>
  countEventsPerCallerHour(db, window, sql<boolean>`'INVALID_IDENTIFIER' = any(event.error_codes)`, limit);

/** Reads under a consent that was revoked within `minutes` after the read. */
export async function findReadsBeforeRevocation(db: Kysely<Database>, window: AlertWindow, minutes: number) {
  return db
    .selectFrom("audit_event_log as event")
    .innerJoin("consents as consent", (join) => join.on(sql<boolean>`consent.id::text = any(event.consent_ids)`))
    .select(["event.id", "event.request_id", "event.actor", "event.role", "event.org", "event.at", "consent.id as consent_id", "consent.revoked_at"])
    .where("event.at", ">=", window.from)
    .where("event.at", "<=", window.to)
    .where("consent.revoked_at", "is not", null)
    .where(sql<boolean>`consent.revoked_at between event.at and event.at + make_interval(mins => ${minutes})`)
    .execute();
}

/** GOVERNMENT and ORGANIZATION reads of subject data outside working hours (China time) or at weekends. */
export async function findOffHoursReads(db: Kysely<Database>, window: AlertWindow, workingHours: readonly [number, number]) {
  const local = sql`(event.at at time zone 'UTC') + interval '8 hours'`;
  return db
    .selectFrom("audit_events as event")
    .select(["event.id", "event.request_id", "event.actor", "event.role", "event.org", "event.at"])
    .where("event.at", ">=", window.from)
    .where("event.at", "<=", window.to)
    .where("event.role", "in", ["GOVERNMENT", "ORGANIZATION"])
    .where((eb) => eb.exists(eb.selectFrom("audit_access_sets as access").select("access.event_id").whereRef("access.event_id", "=", "event.id")))
    .where((eb) =>
      eb.or([
        eb(sql`extract(isodow from ${local})`, ">", 5),
        eb(sql`extract(hour from ${local})`, "<", workingHours[0]),
        eb(sql`extract(hour from ${local})`, ">=", workingHours[1]),
      ]),
    )
    .orderBy("event.at")
    .limit(1_000)
    .execute();
}

/**
 * Reads by organisations of one subject's data in a period, one row per event and access set naming it: what
 * GOVERNMENT and ORGANIZATION callers were given (`tiers` as disclosed, after their policy), and when.
 * Refused or empty requests disclosed nothing and left no access row, so they are not here.
 */
export async function listOrganisationReadsOfSubject(
  db: Kysely<Database>,
  query: Readonly<{ subjectId: string; entityTypes: readonly string[]; from: Date; to: Date }>,
) {
  if (query.entityTypes.length === 0) return [];
  return organisationReadsOfSubjectQuery(db, query).execute();
}

/** The statement `listOrganisationReadsOfSubject` runs (its plan is tested: the GIN index on `subject_ids`). */
export function organisationReadsOfSubjectQuery(db: Kysely<Database>, query: Readonly<{ subjectId: string; entityTypes: readonly string[]; from: Date; to: Date }>) {
  return db
    .selectFrom("audit_access_sets as access")
    .innerJoin("audit_events as event", "event.id", "access.event_id")
    .select(["event.org", "event.role", "event.purpose", "event.at", "event.request_id", "access.entity_type", "access.tiers"])
    .where(sql<boolean>`access.subject_ids @> array[${query.subjectId}]::uuid[]`)
    .where("access.entity_type", "in", [...query.entityTypes])
    .where("event.role", "in", ["GOVERNMENT", "ORGANIZATION"])
    .where("event.org", "is not", null)
    .where("event.at", ">=", query.from)
    .where("event.at", "<=", query.to)
    .orderBy("event.seq");
}
