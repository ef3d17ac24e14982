import type { Role } from "../../platform/viewer";
import { BadUserInputError, ForbiddenError } from "../../platform/errors";
import { checkPageSize, decodeCursor, encodeCursor } from "../shared/pagination";
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

const CONNECTION = "auditEvents";

function decodeSeq(cursor: string): string {
  const [seq] = decodeCursor(CONNECTION, cursor, 1);
  if (!/^\d{1,19}$/.test(seq!)) throw new BadUserInputError("`after` is not a cursor of this connection", { argument: "after" });
  return seq!;
}

/** `auditEvents`: AUDITOR only, oldest first, cursor-paginated. */
export async function findAuditEvents(context: AuditContext, first: number, after: string | null): Promise<AuditEventConnection> {
  if (!context.ability.can("read", "AuditEvent")) throw new ForbiddenError("audit events are for auditors only");
  checkPageSize(first, MAX_PAGE);
  const rows = await listAuditEvents(context.db, after ? decodeSeq(after) : null, first + 1);
  const page = rows.slice(0, first);
  const edges = page.map((row) => ({ cursor: encodeCursor(CONNECTION, [row.seq]), node: toAuditEvent(row) }));
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
