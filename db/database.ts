import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** A column the database fills in (default or serial) and the application only reads. */
type DatabaseDefault<T> = ColumnType<T, T | undefined, never>;
/** `date` columns travel as `YYYY-MM-DD` strings on both drivers (see connect.ts). */
type DateColumn = string;

import type { Decision, ListStatus, ListType, MeasureKind, PublicationState, RecordCategory, RecordStatus, Scenario, Severity, SubjectKind, Tier } from "../domain/vocabulary";

/** PENDING: a mutation's event written before it ran, whose completion was not recorded (in flight, or the audit failed after it). */
export type AuditOutcome = "OK" | "DENIED" | "ERROR" | "PENDING";
export type CompletedOutcome = Exclude<AuditOutcome, "PENDING">;

export interface SubjectTable {
  id: Generated<string>;
  kind: SubjectKind;
  identifier: string;
  name: string;
  created_at: DatabaseDefault<Date>;
  /** Natural persons: derived from the citizen ID (GB 11643). */
  sex: ColumnType<"MALE" | "FEMALE" | null, "MALE" | "FEMALE" | null | undefined>;
  birth_date: ColumnType<DateColumn | null, DateColumn | null | undefined>;
  /** One of the 29 key occupational groups (domain/occupation-groups.ts). */
  occupation_group: ColumnType<string | null, string | null | undefined>;
  /** USCC of the employer organisation. */
  employer_identifier: ColumnType<string | null, string | null | undefined>;
  state_employee: ColumnType<boolean, boolean | undefined>;
  /** Organisations: registered address, nature (enterprise, state organ, …) and region (USCC positions 3-8). */
  registered_address: ColumnType<string | null, string | null | undefined>;
  nature: ColumnType<string | null, string | null | undefined>;
  region: ColumnType<string | null, string | null | undefined>;
  /** A state organ's, institution's or SOE's superior unit or competent department (its code), told of a black listing (JRP art. 11). */
  superior_unit: ColumnType<string | null, string | null | undefined>;
  /** The unit that registered the subject's facts and relations: only it or the credit centre changes them. */
  registered_by: ColumnType<string | null, string | null | undefined>;
}

export type SubjectRelationKind = "LEGAL_REPRESENTATIVE" | "PRINCIPAL" | "RESPONSIBLE_PERSON";

/** A recognising or providing unit by its organisation code (data/units.yaml). */
export interface UnitTable {
  code: string;
  name: string;
  /** The subject kinds whose registration the unit is the authority for. */
  registers: ColumnType<SubjectKind[], SubjectKind[] | undefined, SubjectKind[]>;
}

export interface SubjectRelationTable {
  id: Generated<string>;
  organisation_id: string;
  person_id: string;
  relation: SubjectRelationKind;
  /** First day the person held the role; null: since before dates were recorded. */
  valid_from: ColumnType<string | null, string | null | undefined, string | null>;
  /** First day the person no longer held it (exclusive); null: holds it now. */
  valid_to: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RecordKindTable {
  code: string;
  name: string;
  category: RecordCategory;
  default_tier: Tier;
  article: string;
}

export interface RecordRelationTable {
  record_id: string;
  related_subject_id: string;
  related_subject_identifier: string;
  relation: SubjectRelationKind;
}

export interface NoticeTable {
  id: Generated<string>;
  recipient_org: string;
  kind: string;
  subject_id: string;
  subject_identifier: string;
  /** The entry a notice is about: every JRP art. 11 notice, and a correction of an entry. */
  list_entry_id: ColumnType<string | null, string | null | undefined, never>;
  /** The record a correction notice is about (JRP art. 16); exactly one of the two is set. */
  credit_record_id: ColumnType<string | null, string | null | undefined, never>;
  /** The objection whose correction the notice makes known: one notice per organisation per objection. */
  objection_id: ColumnType<string | null, string | null | undefined, never>;
  corrected_on: ColumnType<DateColumn | null, DateColumn | null | undefined, never>;
  message: string;
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
  /** Why the record left publication, where that is not its own expiry or correction (SUSPENDED: JRP art. 14(11)). */
  status_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** The black-list entry whose recognition suspended this honour (JRP art. 14(11)); its removal as wrong restores it. */
  suspended_by_entry: ColumnType<string | null, string | null | undefined, string | null>;
  attributes: ColumnType<Record<string, unknown>, string | undefined, string>;
  /** The day an upheld objection corrected it (JRP art. 16); `status_reason` says what was corrected. */
  corrected_on: ColumnType<DateColumn | null, DateColumn | null | undefined, DateColumn | null>;
  created_at: DatabaseDefault<Date>;
  /** The credit centre's review before publication (policies/publication.ts); null: the item needs none. */
  publication: ColumnType<PublicationState | null, PublicationState | null | undefined, PublicationState | null>;
  /** REDACTED: what the public tier reads in place of the item's free text; the original stays for its subject, provider and the centre. */
  publication_text: ColumnType<string | null, string | null | undefined, string | null>;
  /** RETURNED: why the centre returned the item to its provider. */
  publication_note: ColumnType<string | null, string | null | undefined, string | null>;
  publication_decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
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
  /** The day an upheld objection corrected it (JRP art. 16): the entry was wrong and left the list. */
  corrected_on: ColumnType<DateColumn | null, DateColumn | null | undefined, DateColumn | null>;
  /** When the entry was entered, by the service's clock (the database's time only for rows seeded around it). */
  created_at: DatabaseDefault<Date>;
  /** Disclosure snapshot (JRP art. 8) so the public list is searchable without crossing subgraphs. */
  subject_name: string;
  subject_kind: SubjectKind;
  region: string | null;
  /** When the entry left ACTIVE (removed, repaired, expired). */
  status_changed_on: ColumnType<DateColumn | null, DateColumn | null | undefined>;
  /** A RED entry taken off by a black listing (JRP art. 4): that black entry, whose removal gives it back. */
  removed_by_entry: ColumnType<string | null, string | null | undefined, string | null>;
  /** The fields JRP art. 8 requires on a published entry, as they were at recognition. */
  disclosure: ColumnType<ListDisclosure, string | undefined, string>;
  /** The day the entry reached the city platform (JRP art. 9); null for seeded history. */
  pushed_on: ColumnType<DateColumn | null, DateColumn | null | undefined>;
  /** Pushed later than 7 working days after recognition (JRP art. 9), counted against the unit. */
  pushed_late: ColumnType<boolean, boolean | undefined, boolean>;
  /** The credit centre's review before publication (policies/publication.ts); null: the item needs none. */
  publication: ColumnType<PublicationState | null, PublicationState | null | undefined, PublicationState | null>;
  /** REDACTED: what the public tier reads in place of the item's free text; the original stays for its subject, provider and the centre. */
  publication_text: ColumnType<string | null, string | null | undefined, string | null>;
  /** RETURNED: why the centre returned the item to its provider. */
  publication_note: ColumnType<string | null, string | null | undefined, string | null>;
  publication_decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** JRP art. 8 disclosure fields; identifiers are masked when served, not when stored. */
export type ListDisclosure = {
  sex?: "MALE" | "FEMALE" | null;
  birthDate?: string | null;
  employer?: string | null;
  registeredAddress?: string | null;
  nature?: string | null;
  legalRepresentative?: string | null;
};

/** What a measure decides in one scenario, and the words of its text that decide it (JRP art. 14). */
export type ScenarioDecision = { decision: Exclude<Decision, "PASS">; words: string };

export interface MeasureTable {
  code: string;
  kind: MeasureKind;
  list: ListType;
  title: string;
  /** Whom the measure acts on: the listed subject itself, or its legal representative and responsible persons. */
  target: "SUBJECT" | "RESPONSIBLE_PERSONS";
  scenarios: Scenario[];
  /** The decision in each of `scenarios`: 「限制」 with discretion asks for REVIEW, BLOCK only where the text forbids. */
  decisions: ColumnType<Partial<Record<Scenario, ScenarioDecision>>, string, string>;
  /** The list grounds the measure's legal basis covers; empty = every grounds of its list. */
  grounds: ColumnType<string[], string[] | undefined, string[]>;
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
  /** When the application was reported, by the service's clock: an entry entered later cannot claim it. */
  created_at: DatabaseDefault<Date>;
  scenario: ColumnType<Scenario | null, Scenario | null | undefined>;
  reported_role: ColumnType<string | null, string | null | undefined>;
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
  target_type: "CREDIT_RECORD" | "LIST_ENTRY";
  provider: string;
  evidence: string | null;
  filed_on: DateColumn;
  state_changed_on: DateColumn;
  due_on: DateColumn | null;
  /** `due_on` counted through a year without its State Council notice (recomputed when it is loaded). */
  due_on_provisional: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface RepairCaseTable {
  id: Generated<string>;
  subject_id: string;
  subject_identifier: string;
  target_id: string;
  target_type: "CREDIT_RECORD" | "LIST_ENTRY";
  /** The record kind, or the list and grounds, of the repaired item ("same class" in PCIM art. 31). */
  target_kind: string;
  provider: string;
  state: string;
  commitment: string;
  evidence: string | null;
  provider_opinion: string | null;
  applied_on: DateColumn;
  state_changed_on: DateColumn;
  due_on: DateColumn | null;
  /** `due_on` counted through a year without its State Council notice (recomputed when it is loaded). */
  due_on_provisional: ColumnType<boolean, boolean | undefined, boolean>;
  /** The day obligations were performed or rectification completed, as the applicant states it (JRP art. 18, PCIM art. 31). */
  rectified_on: ColumnType<DateColumn | null, DateColumn | null | undefined>;
  completed_on: DateColumn | null;
  archived_original: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  created_at: DatabaseDefault<Date>;
}

export interface WorkflowEventTable {
  id: Generated<string>;
  workflow: "OBJECTION" | "REPAIR";
  case_id: string;
  from_state: string | null;
  to_state: string;
  actor: string | null;
  role: string;
  note: string | null;
  at: DatabaseDefault<Date>;
}

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

export interface ConsentTable {
  id: Generated<string>;
  subject_id: string;
  subject_identifier: string;
  /** Organisation code of the party allowed to read. */
  grantee: string;
  purpose: string;
  valid_from: Date;
  valid_until: Date;
  evidence_hash: string | null;
  revoked_at: Date | null;
  created_at: DatabaseDefault<Date>;
}

/** A signed credit report and its verification code; the code itself is never stored, only its SHA-256. */
export interface CreditReportTable {
  id: Generated<string>;
  subject_id: string;
  subject_identifier: string;
  code_hash: string;
  purpose: string;
  tiers: Tier[];
  /** The canonical content as signed (platform/report-signature.ts#canonicalJson). */
  content: ColumnType<Record<string, unknown>, string, never>;
  content_signature: string;
  /** SHA-256 of the signed PDF file, so a file shown later can be matched to this report. */
  file_sha256: string;
  key_id: string;
  issued_at: Date;
  valid_until: Date;
  revoked_at: Date | null;
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

/** A caller's token bucket, shared by every gateway replica on PostgreSQL (gateway/shared-budgets.ts). */
export interface GatewayRateBucketTable {
  /** Which budget: the per-caller rate, or the refusals charged to an address. */
  budget: string;
  caller: string;
  tokens: number;
  /** Whether the last take was granted (so one statement both spends and says whether it could). */
  granted: boolean;
  refilled_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** One request's work in flight at some gateway replica, until it ends or its lease runs out (a replica that died). */
export interface GatewayAdmissionTable {
  id: string;
  cost: number;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

/**
 * A natural person one caller not entitled to them looked up, per budget key (an actor or a network), within the
 * hour it was first counted: the per-person budget and the MASKED_LIST_WALK alert (subgraphs/shared/person-lookups.ts).
 */
export interface PersonLookupTable {
  caller: string;
  /** SHA-256 of the citizen ID: distinct persons are counted, the ID is not kept. */
  person: string;
  /** The ID as the public lists mask it (first 6 and last 4). */
  masked: string;
  role: string;
  org: string | null;
  looked_up_at: ColumnType<Date, Date | string, Date | string>;
}

/** Every table of every subgraph (and the gateway's shared budgets); each subgraph's repositories touch only their own. */
export interface Database {
  subjects: SubjectTable;
  subject_relations: SubjectRelationTable;
  units: UnitTable;
  record_kinds: RecordKindTable;
  record_relations: RecordRelationTable;
  notices: NoticeTable;
  consents: ConsentTable;
  credit_reports: CreditReportTable;
  repair_cases: RepairCaseTable;
  workflow_events: WorkflowEventTable;
  credit_records: CreditRecordTable;
  list_entries: ListEntryTable;
  measures: MeasureTable;
  measure_applications: MeasureApplicationTable;
  objections: ObjectionTable;
  audit_events: AuditEventTable;
  audit_access_sets: AuditAccessSetTable;
  /** View over `audit_access_sets`, one row per subject. */
  audit_accesses: AuditAccessTable;
  audit_chain_head: AuditChainHeadTable;
  audit_completions: AuditCompletionTable;
  /** View: each event with its completion's outcome, error codes, consents and duration. */
  audit_event_log: AuditEventTable;
  gateway_rate_buckets: GatewayRateBucketTable;
  gateway_admissions: GatewayAdmissionTable;
  person_lookups: PersonLookupTable;
}

export type SubjectRow = Selectable<SubjectTable>;
export type NewSubjectRow = Insertable<SubjectTable>;
export type CreditRecordRow = Selectable<CreditRecordTable>;
export type NewCreditRecordRow = Insertable<CreditRecordTable>;
export type CreditRecordUpdate = Updateable<CreditRecordTable>;
export type ListEntryRow = Selectable<ListEntryTable>;
export type NewListEntryRow = Insertable<ListEntryTable>;
export type ListEntryUpdate = Updateable<ListEntryTable>;
export type MeasureRow = Selectable<MeasureTable>;
export type MeasureApplicationRow = Selectable<MeasureApplicationTable>;
export type NewMeasureApplicationRow = Insertable<MeasureApplicationTable>;
export type ObjectionRow = Selectable<ObjectionTable>;
export type NewObjectionRow = Insertable<ObjectionTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type NewAuditEventRow = Insertable<AuditEventTable>;
export type NewAuditAccessRow = Insertable<AuditAccessTable>;
export type AuditAccessRow = Selectable<AuditAccessTable>;
export type AuditAccessSetRow = Selectable<AuditAccessSetTable>;
export type SubjectUpdate = Updateable<SubjectTable>;
export type SubjectRelationRow = Selectable<SubjectRelationTable>;
export type RecordKindRow = Selectable<RecordKindTable>;
export type RecordRelationRow = Selectable<RecordRelationTable>;
export type NoticeRow = Selectable<NoticeTable>;
export type ConsentRow = Selectable<ConsentTable>;
export type CreditReportRow = Selectable<CreditReportTable>;
export type NewCreditReportRow = Insertable<CreditReportTable>;
export type RepairCaseRow = Selectable<RepairCaseTable>;
export type NewRepairCaseRow = Insertable<RepairCaseTable>;
export type WorkflowEventRow = Selectable<WorkflowEventTable>;
export type NewNoticeRow = Insertable<NoticeTable>;
