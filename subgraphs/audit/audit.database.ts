import type { AuditLogTables } from "../../audit-log/audit-event.table";

/**
 * What the audit slice's SQL may name: the audit chain's tables, which the gateway's writer appends to and
 * this slice reads. Revoked consents arrive through the subjects' registry (`revokedConsents`).
 */
export type AuditDatabase = AuditLogTables;
