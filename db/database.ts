import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** A column the database fills in (default or serial) and the application only reads. */
type DatabaseDefault<T> = ColumnType<T, T | undefined, never>;
/** `date` columns travel as `YYYY-MM-DD` strings on both drivers (see connect.ts). */
type DateColumn = string;

export type SubjectKind = "NATURAL_PERSON" | "LEGAL_PERSON" | "OTHER_ORGANIZATION";
export type Tier = "PUBLIC" | "GOVERNMENT" | "AUTHORIZED";
export type RecordCategory = "BASIC" | "POSITIVE" | "NEGATIVE" | "OTHER";
export type Severity = "GENERAL" | "SERIOUS" | "SEVERE";
export type RecordStatus = "ACTIVE" | "EXPIRED" | "CORRECTED" | "ARCHIVED";
export type ListType = "RED" | "BLACK";
export type ListStatus = "ACTIVE" | "EXPIRED" | "REMOVED" | "REPAIRED";
export type MeasureKind = "REWARD" | "PUNISHMENT";
export type Decision = "BLOCK" | "REVIEW" | "GREEN_CHANNEL" | "PASS";
export type Scenario =
  | "ADMINISTRATIVE_LICENSING"
  | "FISCAL_FUNDS"
  | "PUBLIC_RESOURCE_TRADING"
  | "PROJECT_APPROVAL"
  | "PUBLIC_EMPLOYMENT"
  | "HONORS"
  | "CREDIT_LENDING"
  | "HIGH_CONSUMPTION";
export type AuditOutcome = "OK" | "DENIED" | "ERROR";

export interface SubjectTable {
  id: Generated<string>;
  kind: SubjectKind;
  identifier: string;
  name: string;
  created_at: DatabaseDefault<Date>;
}

export interface CreditRecordTable {
  id: Generated<string>;
  subject_id: string;
  /** Records are keyed on identifiers (PCIM art. 15); kept beside the id so policies and screening need no join. */
  subject_identifier: string;
  category: RecordCategory;
  kind: string;
  severity: Severity | null;
  tier: Tier;
  title: string;
  provider: string;
  document_number: string;
  decided_on: DateColumn;
  expires_on: DateColumn | null;
  status: RecordStatus;
  attributes: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: DatabaseDefault<Date>;
}

export interface ListEntryTable {
  id: Generated<string>;
  subject_id: string;
  /** Records are keyed on identifiers (PCIM art. 15); kept beside the id so policies and screening need no join. */
  subject_identifier: string;
  list: ListType;
  status: ListStatus;
  grounds: string;
  facts: string;
  basis: string;
  document_number: string;
  recognized_by: string;
  recognized_on: DateColumn;
  valid_until: DateColumn | null;
  status_reason: string | null;
  created_at: DatabaseDefault<Date>;
}

export interface MeasureTable {
  code: string;
  kind: MeasureKind;
  list: ListType;
  title: string;
  decision: Decision;
  /** Whom the measure acts on: the listed subject itself, or its legal representative and responsible persons. */
  target: "SUBJECT" | "RESPONSIBLE_PERSONS";
  scenarios: Scenario[];
  basis: string;
  department: string;
}

export interface MeasureApplicationTable {
  id: Generated<string>;
  measure_code: string;
  subject_id: string;
  /** Records are keyed on identifiers (PCIM art. 15); kept beside the id so policies and screening need no join. */
  subject_identifier: string;
  reported_by: string;
  case_number: string;
  outcome: string;
  applied_on: DateColumn;
  created_at: DatabaseDefault<Date>;
}

export interface ObjectionTable {
  id: Generated<string>;
  subject_id: string;
  /** Records are keyed on identifiers (PCIM art. 15); kept beside the id so policies and screening need no join. */
  subject_identifier: string;
  target_id: string;
  ground: "WRONG_OR_INCOMPLETE" | "PROHIBITED_DATA" | "EXPIRED_STILL_USED";
  statement: string;
  state: string;
  filed_at: DatabaseDefault<Date>;
}

export interface AuditEventTable {
  seq: Generated<string>;
  id: Generated<string>;
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
}

export interface AuditAccessTable {
  event_id: string;
  subgraph: string;
  subject_id: string;
  entity_type: string;
  tiers: string[];
  count: number;
}

/** Every table of every subgraph; each subgraph's repositories touch only their own. */
export interface Database {
  subjects: SubjectTable;
  credit_records: CreditRecordTable;
  list_entries: ListEntryTable;
  measures: MeasureTable;
  measure_applications: MeasureApplicationTable;
  objections: ObjectionTable;
  audit_events: AuditEventTable;
  audit_accesses: AuditAccessTable;
}

export type SubjectRow = Selectable<SubjectTable>;
export type NewSubjectRow = Insertable<SubjectTable>;
export type CreditRecordRow = Selectable<CreditRecordTable>;
export type NewCreditRecordRow = Insertable<CreditRecordTable>;
export type ListEntryRow = Selectable<ListEntryTable>;
export type NewListEntryRow = Insertable<ListEntryTable>;
export type MeasureRow = Selectable<MeasureTable>;
export type MeasureApplicationRow = Selectable<MeasureApplicationTable>;
export type NewMeasureApplicationRow = Insertable<MeasureApplicationTable>;
export type ObjectionRow = Selectable<ObjectionTable>;
export type NewObjectionRow = Insertable<ObjectionTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type NewAuditEventRow = Insertable<AuditEventTable>;
export type NewAuditAccessRow = Insertable<AuditAccessTable>;
export type SubjectUpdate = Updateable<SubjectTable>;
