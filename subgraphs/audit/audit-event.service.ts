import { subject as policySubject } from "@casl/ability";
import { nextYearCalendarWarning } from "../../domain/working-days";
import type { Role } from "../../platform/viewer";
import { checkPageSize, decodeCursor, encodeCursor } from "../shared/pagination";
import type { AuditContext } from "./audit-event.loaders";
import {
  countAuditEvents,
  findIdentifierProbing,
  findMassLookups,
  findOffHoursReads,
  findReadsBeforeRevocation,
  findRepeatedDenials,
  listAuditEvents,
  type AuditEventQuery,
  type AuditEventWithSubjects,
} from "./audit-event.repository";
import {
  AccessRecord,
  AuditAlert,
  AuditChainStatus,
  AuditEvent,
  AuditEventConnection,
  type AuditFilter,
} from "./audit-event.type";
import { verifyAuditChain } from "../../audit-log/verifier";
import { findMaskedListWalks } from "../shared/person-lookups";
import { refuseUnlessAllowed, requireOwnSubject } from "../shared/authorize";

const MAX_PAGE = 500;

function toAuditEvent(row: AuditEventWithSubjects, hideActor: boolean): AuditEvent {
  return Object.assign(new AuditEvent(), {
    id: row.id,
    requestId: row.request_id,
    at: row.at,
    actor: hideActor ? null : row.actor,
    role: row.role as Role,
    org: row.org,
    purpose: row.purpose,
    operationName: row.operation_name,
    operationType: row.operation_type,
    outcome: row.outcome,
    errorCodes: row.error_codes,
    subjects: row.subject_identifiers,
    categories: row.categories,
    consentIds: row.consent_ids,
    clientAddress: hideActor ? null : row.client_address,
    durationMs: row.duration_ms,
  });
}

async function page(
  context: AuditContext,
  connection: string,
  query: AuditEventQuery,
  first: number,
  after: string | null,
  hideActor: boolean,
) {
  checkPageSize(first, MAX_PAGE);
  const rows = await listAuditEvents(
    context.db,
    query,
    after ? decodeCursor(connection, after, ["bigint"])[0]! : null,
    first + 1,
  );
  const edges = rows
    .slice(0, first)
    .map((row) => ({ cursor: encodeCursor(connection, [row.seq]), node: toAuditEvent(row, hideActor) }));
  return Object.assign(new AuditEventConnection(), {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: await countAuditEvents(context.db, query),
  });
}

/** The whole log: an AuditEvent about nobody in particular, which only an unconditional rule (AUDITOR) allows. */
function requireAuditor(context: AuditContext): void {
  refuseUnlessAllowed(
    context.ability,
    "read",
    policySubject("AuditEvent", { subjectIdentifiers: [] }),
    "the audit log is for auditors",
  );
}

/** `auditEvents`: AUDITOR only, oldest first, filtered, cursor-paginated. */
export async function findAuditEvents(
  context: AuditContext,
  filter: AuditFilter | null,
  first: number,
  after: string | null,
): Promise<AuditEventConnection> {
  requireAuditor(context);
  return page(context, "auditEvents", filter ?? {}, first, after, false);
}

/**
 * `myAccessLog`: for the subject, who was shown its data — when, which organisation (never the individual
 * officer), for what purpose, which categories. Its own reads are left out.
 */
export async function findMyAccessLog(
  context: AuditContext,
  first: number,
  after: string | null,
): Promise<AuditEventConnection> {
  const own = requireOwnSubject(context, "read", "AccessLog", "the access log is for the subject itself");
  return page(
    context,
    "myAccessLog",
    { disclosedTo: { subjectIdentifier: own, exceptActor: context.viewer.actor } },
    first,
    after,
    true,
  );
}

/** `auditChain`: verifies the whole hash chain now. */
export async function checkAuditChain(context: AuditContext): Promise<AuditChainStatus> {
  requireAuditor(context);
  return Object.assign(new AuditChainStatus(), await verifyAuditChain(context.db));
}

/**
 * `auditAlerts`: the abuse rules over a period; thresholds are configuration (CREDIT_ALERT_*). From 1
 * November, also the operators' reminder while next year's holiday notice is not loaded.
 */
export async function findAuditAlerts(
  context: AuditContext,
  from: Date | null,
  to: Date | null,
): Promise<AuditAlert[]> {
  requireAuditor(context);
  const window = { from: from ?? new Date(context.now.getTime() - 7 * 86_400_000), to: to ?? context.now };
  const thresholds = context.rules.alerts;
  const [mass, denials, probes, revoked, offHours, walks] = await Promise.all([
    findMassLookups(context.db, window, thresholds.subjectsPerHour),
    findRepeatedDenials(context.db, window, thresholds.denialsPerHour),
    findIdentifierProbing(context.db, window, thresholds.probesPerHour),
    findReadsBeforeRevocation(context.db, window, thresholds.revokedWithinMinutes),
    findOffHoursReads(context.db, window, thresholds.workingHours),
    findMaskedListWalks(context.db, window, thresholds.maskWalkPerHour),
  ]);
  const alert = (fields: Omit<AuditAlert, never>) => Object.assign(new AuditAlert(), fields);
  return [
    ...mass.map((row) =>
      alert({
        rule: "MASS_LOOKUP",
        actor: row.actor,
        role: row.role,
        org: row.org,
        at: row.hour,
        count: Number(row.subjects),
        detail: `${row.subjects} distinct subjects within one hour outside screening (threshold ${thresholds.subjectsPerHour})`,
      }),
    ),
    ...denials.map((row) =>
      alert({
        rule: "REPEATED_DENIALS",
        actor: row.caller,
        role: row.role,
        org: row.org,
        at: row.hour,
        count: Number(row.count),
        detail: `${row.count} refused requests within one hour (threshold ${thresholds.denialsPerHour})`,
      }),
    ),
    ...probes.map((row) =>
      alert({
        rule: "IDENTIFIER_PROBING",
        actor: row.caller,
        role: row.role,
        org: row.org,
        at: row.hour,
        count: Number(row.count),
        detail: `${row.count} lookups by identifier that found no one within one hour (threshold ${thresholds.probesPerHour})`,
      }),
    ),
    ...walks.map((row) =>
      alert({
        rule: "MASKED_LIST_WALK",
        actor: row.caller.startsWith("actor:") ? row.caller.slice("actor:".length) : row.caller,
        role: row.role,
        org: row.org,
        at: row.hour,
        count: Number(row.persons),
        detail: `${row.persons} distinct persons whose IDs all read ${row.masked} once masked, looked up within one hour: the hidden digits of a published masked ID being guessed (threshold ${thresholds.maskWalkPerHour})`,
      }),
    ),
    ...revoked.map((row) =>
      alert({
        rule: "READ_BEFORE_CONSENT_REVOKED",
        actor: row.actor,
        role: row.role,
        org: row.org,
        at: row.at,
        count: 1,
        detail: `request ${row.request_id} read under consent ${row.consent_id}, revoked ${row.revoked_at?.toISOString()}`,
      }),
    ),
    ...offHours.map((row) =>
      alert({
        rule: "OFF_HOURS",
        actor: row.actor,
        role: row.role,
        org: row.org,
        at: row.at,
        count: 1,
        detail: `request ${row.request_id} read subject data outside ${thresholds.workingHours[0]}:00-${thresholds.workingHours[1]}:00 on a working day (China time)`,
      }),
    ),
    ...[nextYearCalendarWarning(context.calendar, context.today)]
      .filter((warning) => warning !== null)
      .map((warning) =>
        alert({
          rule: "CALENDAR_PROVISIONAL",
          actor: null,
          role: null,
          org: null,
          at: context.now,
          count: 1,
          detail: warning,
        }),
      ),
  ];
}

/** `Subject.accessLog`: for auditors, every disclosure of the subject's data. */
export async function listSubjectAccessLog(
  context: AuditContext,
  subjectId: string,
): Promise<AccessRecord[]> {
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
