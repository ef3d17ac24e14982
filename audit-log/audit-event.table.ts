import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

/** PENDING: a mutation's event written before it ran, whose completion was not recorded (in flight, or the audit failed after it). */
export type AuditOutcome = "OK" | "DENIED" | "ERROR" | "PENDING";
export type CompletedOutcome = Exclude<AuditOutcome, "PENDING">;

export interface AuditEventTable {
  seq: Generated<string>;
  id: string;
  request_id: string;
  at: Date;
  actor: string | null;
  role: string;
  org: string | null;
  purpose: string | null;
  operation_name: string | null;
  operation_type: string | null;
  document_hash: string | null;
  client_address: string | null;
  outcome: AuditOutcome;
  error_codes: string[];
  duration_ms: number;
  consent_ids: ColumnType<string[], string[] | undefined, never>;
  /** The call's variables with secrets removed (identifiers kept). */
  variables: ColumnType<Record<string, unknown>, string, never>;
  /** Position in the hash chain, previous event's hash and this event's hash. */
  chain_index: string;
  prev_hash: string;
  hash: string;
  /** Which canonical form the hash covers (audit-log/chain.ts): 1 for events written before the compact access form. */
  canonical_form: ColumnType<number, number | undefined, never>;
}

export interface AuditChainHeadTable {
  id: number;
  length: string;
  hash: string;
}

/**
 * What one event (or its completion) disclosed of one entity type at one set of tiers in one subgraph:
 * the subjects as arrays in the same order (GIN-indexed for "who read subject X").
 */
export interface AuditAccessSetTable {
  event_id: string;
  subgraph: string;
  entity_type: string;
  tiers: string[];
  /** Written with a mutation's completion (hashed there), not with its event. */
  in_completion: Generated<boolean>;
  subject_ids: string[];
  subject_identifiers: Array<string | null>;
  counts: number[];
  /** The items disclosed (screening: the entries the answer rested on); empty for events hashed before form 3. */
  item_ids: Generated<string[]>;
}

/** View: the access sets one row per subject (for people reading the log by hand; the service reads the sets). */
export interface AuditAccessTable {
  event_id: string;
  subgraph: string;
  subject_id: string;
  subject_identifier: string | null;
  entity_type: string;
  tiers: string[];
  count: number;
  /** Written with a mutation's completion (hashed there), not with its event. */
  in_completion: Generated<boolean>;
}

/** How a mutation whose event was written before it ran ended. */
export interface AuditCompletionTable {
  event_id: string;
  outcome: CompletedOutcome;
  error_codes: string[];
  consent_ids: string[];
  duration_ms: number;
  /** SHA-256 over the event's hash and the completion's canonical form with its access rows. */
  hash: string;
}

export type AuditEventRow = Selectable<AuditEventTable>;
export type NewAuditEventRow = Insertable<AuditEventTable>;
export type AuditAccessRow = Selectable<AuditAccessTable>;
export type NewAuditAccessRow = Insertable<AuditAccessTable>;
export type AuditAccessSetRow = Selectable<AuditAccessSetTable>;

/**
 * The audit chain's tables: written by the gateway's audit writer (audit-log/store.ts), read by the audit
 * subgraph and the verifier. They live beside the chain, which both use and which loads neither.
 */
export interface AuditLogTables {
  audit_events: AuditEventTable;
  audit_access_sets: AuditAccessSetTable;
  /** View over `audit_access_sets`, one row per subject. */
  audit_accesses: AuditAccessTable;
  audit_chain_head: AuditChainHeadTable;
  audit_completions: AuditCompletionTable;
  /** View: each event with its completion's outcome, error codes, consents and duration. */
  audit_event_log: AuditEventTable;
}
