import type { AccessFilter } from "../../policies/accessible-by";
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from "kysely";
import type { AuditEventRow, AuditEventTable } from "../../audit-log/audit-event.table";
import type { Database } from "../../db/database";
import type { AuditDatabase } from "./audit.database";
import { arrayLiteral } from "../../audit-log/store";
import { revokedConsents } from "../subjects/subject.registry";

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
const namesSubject = (subjectIdentifier: string) =>
  sql<boolean>`access.subject_identifiers @> array[${subjectIdentifier}]::text[]`;

function filterAuditEvents<QB extends SelectQueryBuilder<EventScope, "event", object>>(
  builder: QB,
  query: AuditEventQuery,
): QB {
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
      qb.where("event.id", "in", (eb) =>
        eb
          .selectFrom("audit_access_sets as access")
          .select("access.event_id")
          .where(namesSubject(query.subject!)),
      ),
    )
    .$if(Boolean(disclosed), (qb) =>
      qb
        .where("event.id", "in", (eb) =>
          eb
            .selectFrom("audit_access_sets as access")
            .select("access.event_id")
            .where(namesSubject(disclosed!.subjectIdentifier)),
        )
        .where((eb) =>
          eb.not(
            eb.and([eb("event.role", "=", "SUBJECT"), eb("event.actor", "=", disclosed!.exceptActor ?? "")]),
          ),
        ),
    ) as QB;
}

/** Events oldest first, filtered, keyset-paginated on seq, each with the identifiers and categories it disclosed. */
export async function listAuditEvents(
  db: Kysely<AuditDatabase>,
  query: AuditEventQuery,
  afterSeq: string | null,
  limit: number,
): Promise<AuditEventWithSubjects[]> {
  return auditEventsQuery(db, query, afterSeq, limit).execute() as Promise<AuditEventWithSubjects[]>;
}

/** The statement `listAuditEvents` runs (its plan is tested: "who read subject X" must use the GIN index). */
export function auditEventsQuery(
  db: Kysely<AuditDatabase>,
  query: AuditEventQuery,
  afterSeq: string | null,
  limit: number,
) {
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
            .select(
              sql<
                string[]
              >`array_agg(distinct access.entity_type || ':' || array_to_string(access.tiers, '+'))`.as(
                "categories",
              ),
            )
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

export async function countAuditEvents(db: Kysely<AuditDatabase>, query: AuditEventQuery): Promise<number> {
  const { count } = await filterAuditEvents(
    db.selectFrom("audit_event_log as event").select((eb) => eb.fn.countAll<string>().as("count")),
    query,
  ).executeTakeFirstOrThrow();
  return Number(count);
}

/** The subjects of the set `access`, one row each (a lateral join). */
const membersOf = sql<{
  subject_id: string;
  subject_identifier: string | null;
  count: number;
}>`(select * from unnest(access.subject_ids, access.subject_identifiers, access.counts) as each_member(subject_id, subject_identifier, count))`;

/** Every disclosure of these subjects, newest first, one row per event, set and subject; the GIN index on `subject_ids` finds the sets. */
export async function listAccessesBySubjectIds(
  db: Kysely<AuditDatabase>,
  subjectIds: readonly string[],
  access: AccessFilter,
) {
  if (subjectIds.length === 0) return [];
  return accessesBySubjectIdsQuery(db, subjectIds, access).execute();
}

/** The statement `listAccessesBySubjectIds` runs (its plan is tested). */
export function accessesBySubjectIdsQuery(
  db: Kysely<AuditDatabase>,
  subjectIds: readonly string[],
  access: AccessFilter,
) {
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

export type AlertWindow = Readonly<{ from: Date; to: Date }>;

/** Actors who saw more than `limit` distinct subjects within one hour, screening left out. */
export async function findMassLookups(db: Kysely<AuditDatabase>, window: AlertWindow, limit: number) {
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
export async function countEventsPerCallerHour(
  db: Kysely<AuditDatabase>,
  window: AlertWindow,
  condition: RawBuilder<boolean>,
  limit: number,
) {
  const caller = sql<string>`coalesce(event.actor, event.client_address, 'unknown')`;
  const hour = sql<Date>`date_trunc('hour', event.at)`;
  return db
    .selectFrom("audit_event_log as event")
    .select((eb) => [
      caller.as("caller"),
      "event.role",
      "event.org",
      hour.as("hour"),
      eb.fn.countAll<string>().as("count"),
    ])
    .where("event.at", ">=", window.from)
    .where("event.at", "<=", window.to)
    .where(condition)
    .groupBy([caller, "event.role", "event.org", hour])
    .having((eb) => eb.fn.countAll(), ">=", limit)
    .execute();
}

/** Callers refused at least `limit` times within one hour. */
export const findRepeatedDenials = (db: Kysely<AuditDatabase>, window: AlertWindow, limit: number) =>
  countEventsPerCallerHour(db, window, sql<boolean>`event.outcome = 'DENIED'`, limit);

/**
 * Callers whose identifiers failed their checksum many times within one hour: guessing citizen IDs
 * through `subject` or `screen`. (Guesses with correct checksums that find no one are held back by the
 * rate limit, not flagged here.)
 */
export const findIdentifierProbing = (db: Kysely<AuditDatabase>, window: AlertWindow, limit: number) =>
  countEventsPerCallerHour(db, window, sql<boolean>`'INVALID_IDENTIFIER' = any(event.error_codes)`, limit);

/** Reads under a consent that was revoked within `minutes` after the read. */
export async function findReadsBeforeRevocation(
  db: Kysely<AuditDatabase>,
  window: AlertWindow,
  minutes: number,
) {
  return db
    .selectFrom("audit_event_log as event")
    .innerJoin(revokedConsents(db).as("consent"), (join) =>
      join.on(sql<boolean>`consent.id::text = any(event.consent_ids)`),
    )
    .select([
      "event.id",
      "event.request_id",
      "event.actor",
      "event.role",
      "event.org",
      "event.at",
      "consent.id as consent_id",
      "consent.revoked_at",
    ])
    .where("event.at", ">=", window.from)
    .where("event.at", "<=", window.to)
    .where(sql<boolean>`consent.revoked_at between event.at and event.at + make_interval(mins => ${minutes})`)
    .execute();
}

/** GOVERNMENT and ORGANIZATION reads of subject data outside working hours (China time) or at weekends. */
export async function findOffHoursReads(
  db: Kysely<AuditDatabase>,
  window: AlertWindow,
  workingHours: readonly [number, number],
) {
  const local = sql`(event.at at time zone 'UTC') + interval '8 hours'`;
  return db
    .selectFrom("audit_events as event")
    .select(["event.id", "event.request_id", "event.actor", "event.role", "event.org", "event.at"])
    .where("event.at", ">=", window.from)
    .where("event.at", "<=", window.to)
    .where("event.role", "in", ["GOVERNMENT", "ORGANIZATION"])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("audit_access_sets as access")
          .select("access.event_id")
          .whereRef("access.event_id", "=", "event.id"),
      ),
    )
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
 * Disclosures of one item to organisations in a period, one row per event and access set naming it: the sets of
 * events hashed in canonical form 3 or later name the items they showed (a screening answer: the entries it
 * rested on), and a row disclosed there passed the reader's policy — its consent or duty — when it was read.
 * The GIN index on `item_ids` finds them.
 */
export function organisationDisclosuresOfItemQuery(
  db: Kysely<AuditDatabase>,
  query: Readonly<{ itemId: string; from: Date; to: Date }>,
) {
  return db
    .selectFrom("audit_access_sets as access")
    .innerJoin("audit_events as event", "event.id", "access.event_id")
    .select([
      "event.org",
      "event.role",
      "event.purpose",
      "event.at",
      "event.request_id",
      "access.entity_type",
      "access.tiers",
    ])
    .where(sql<boolean>`access.item_ids @> array[${query.itemId}]::text[]`)
    .where("event.role", "in", ["GOVERNMENT", "ORGANIZATION"])
    .where("event.org", "is not", null)
    .where("event.at", ">=", query.from)
    .where("event.at", "<=", query.to)
    .orderBy("event.seq");
}

export async function listOrganisationDisclosuresOfItem(
  db: Kysely<AuditDatabase>,
  query: Readonly<{ itemId: string; from: Date; to: Date }>,
) {
  return organisationDisclosuresOfItemQuery(db, query).execute();
}

/** The canonical form from which access sets name the items they disclosed (audit-log/chain.ts). */
export const FIRST_FORM_NAMING_ITEMS = 3;

/**
 * Reads by organisations of one subject's data in a period, one row per event and access set naming it: what
 * GOVERNMENT and ORGANIZATION callers were given (`tiers` as disclosed, after their policy), and when.
 * Refused or empty requests disclosed nothing and left no access row, so they are not here. Only events hashed
 * before form 3, whose sets name subjects and not items: later ones are read item by item.
 */
export async function listOrganisationReadsOfSubject(
  db: Kysely<AuditDatabase>,
  query: Readonly<{ subjectId: string; entityTypes: readonly string[]; from: Date; to: Date }>,
) {
  if (query.entityTypes.length === 0) return [];
  return organisationReadsOfSubjectQuery(db, query).execute();
}

/** The statement `listOrganisationReadsOfSubject` runs (its plan is tested: the GIN index on `subject_ids`). */
export function organisationReadsOfSubjectQuery(
  db: Kysely<AuditDatabase>,
  query: Readonly<{ subjectId: string; entityTypes: readonly string[]; from: Date; to: Date }>,
) {
  return db
    .selectFrom("audit_access_sets as access")
    .innerJoin("audit_events as event", "event.id", "access.event_id")
    .select([
      "event.org",
      "event.role",
      "event.purpose",
      "event.at",
      "event.request_id",
      "access.entity_type",
      "access.tiers",
    ])
    .where(sql<boolean>`access.subject_ids @> array[${query.subjectId}]::uuid[]`)
    .where("access.entity_type", "in", [...query.entityTypes])
    .where("event.canonical_form", "<", FIRST_FORM_NAMING_ITEMS)
    .where("event.role", "in", ["GOVERNMENT", "ORGANIZATION"])
    .where("event.org", "is not", null)
    .where("event.at", ">=", query.from)
    .where("event.at", "<=", query.to)
    .orderBy("event.seq");
}
