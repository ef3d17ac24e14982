import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from "kysely";
import type { AuditEventRow, Database, NewAuditAccessRow, NewAuditEventRow } from "../../db/database";

export type NewAccess = Omit<NewAuditAccessRow, "event_id">;

/** Writes one event and its access rows in one transaction: both are there, or neither. */
export async function insertAuditEvent(db: Kysely<Database>, event: NewAuditEventRow, accesses: readonly NewAccess[]): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto("audit_events").values(event).returning("id").executeTakeFirstOrThrow();
    if (accesses.length > 0) {
      await trx.insertInto("audit_accesses").values(accesses.map((access) => ({ ...access, event_id: id }))).execute();
    }
    return id;
  });
}

export type AuditEventWithSubjects = AuditEventRow & { subject_ids: string[] };

export async function listAuditEvents(db: Kysely<Database>, afterSeq: string | null, limit: number): Promise<AuditEventWithSubjects[]> {
  let query = db
    .selectFrom("audit_events as event")
    .selectAll("event")
    .select((eb) =>
      eb.fn
        .coalesce(
          eb
            .selectFrom("audit_accesses as access")
            .select(sql<string[]>`array_agg(distinct access.subject_id::text)`.as("ids"))
            .whereRef("access.event_id", "=", "event.id"),
          sql<string[]>`'{}'::text[]`,
        )
        .as("subject_ids"),
    )
    .orderBy("event.seq")
    .limit(limit);
  if (afterSeq !== null) query = query.where("event.seq", ">", afterSeq);
  return query.execute();
}

export async function countAuditEvents(db: Kysely<Database>): Promise<number> {
  const { count } = await db.selectFrom("audit_events").select((eb) => eb.fn.countAll<string>().as("count")).executeTakeFirstOrThrow();
  return Number(count);
}

export async function listAccessesBySubjectIds(
  db: Kysely<Database>,
  subjectIds: readonly string[],
  access: (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>,
) {
  if (subjectIds.length === 0) return [];
  return db
    .selectFrom("audit_accesses as access")
    .innerJoin("audit_events as event", "event.id", "access.event_id")
    .select([
      "access.subject_id",
      "access.subgraph",
      "access.entity_type",
      "access.tiers",
      "access.count",
      "event.at",
      "event.request_id",
      "event.role",
      "event.org",
      "event.purpose",
    ])
    .where("access.subject_id", "in", subjectIds)
    .where(access)
    .orderBy("event.seq", "desc")
    .execute();
}
export type AccessRow = Awaited<ReturnType<typeof listAccessesBySubjectIds>>[number];
