import type { Role } from "../../platform/viewer";
import { BadUserInputError, ForbiddenError } from "../../platform/errors";
import type { AuditContext } from "./audit-event.loaders";
import { countAuditEvents, listAuditEvents, type AuditEventWithSubjects } from "./audit-event.repository";
import { AccessRecord, AuditEvent, AuditEventConnection } from "./audit-event.type";

const MAX_PAGE = 500;

function toAuditEvent(row: AuditEventWithSubjects): AuditEvent {
  return Object.assign(new AuditEvent(), {
    id: row.id,
    requestId: row.request_id,
    at: row.at,
    actor: row.actor,
    role: row.role as Role,
    org: row.org,
    purpose: row.purpose,
    operationName: row.operation_name,
    outcome: row.outcome,
    errorCodes: row.error_codes,
    subjects: row.subject_ids,
  });
}

const encodeCursor = (seq: string) => Buffer.from(`audit:${seq}`).toString("base64url");

function decodeCursor(cursor: string): string {
  const match = /^audit:(\d{1,19})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match?.[1]) throw new BadUserInputError("`after` is not a cursor from this connection; pass an endCursor you received", { argument: "after" });
  return match[1];
}

/** `auditEvents`: AUDITOR only, oldest first, cursor-paginated. */
export async function findAuditEvents(context: AuditContext, first: number, after: string | null): Promise<AuditEventConnection> {
  if (!context.ability.can("read", "AuditEvent")) throw new ForbiddenError("audit events are for auditors only");
  if (first < 1 || first > MAX_PAGE) throw new BadUserInputError(`first must be between 1 and ${MAX_PAGE}`, { argument: "first" });
  const rows = await listAuditEvents(context.db, after ? decodeCursor(after) : null, first + 1);
  const page = rows.slice(0, first);
  const edges = page.map((row) => ({ cursor: encodeCursor(row.seq), node: toAuditEvent(row) }));
  return Object.assign(new AuditEventConnection(), {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: await countAuditEvents(context.db),
  });
}

/** `Subject.accessLog`: for auditors, every disclosure of the subject's data. */
export async function listSubjectAccessLog(context: AuditContext, subjectId: string): Promise<AccessRecord[]> {
  if (!context.ability.can("read", "AuditEvent")) return [];
  const rows = await context.loaders.accessesBySubjectId.load(subjectId);
  return rows.map((row) =>
    Object.assign(new AccessRecord(), {
      at: row.at,
      requestId: row.request_id,
      role: row.role as Role,
      org: row.org,
      purpose: row.purpose,
      subgraph: row.subgraph,
      entityType: row.entity_type,
      tiers: row.tiers,
      count: row.count,
    }),
  );
}
