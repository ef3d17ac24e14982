import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { DatabaseDefault, DateColumn } from "../../db/column-types";
import type { PublicationState, RecordCategory, RecordStatus, Severity, Tier } from "../../domain/vocabulary";
import type { SubjectRelationKind } from "../subjects/subject.registry";

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
  publication: ColumnType<
    PublicationState | null,
    PublicationState | null | undefined,
    PublicationState | null
  >;
  /** REDACTED: what the public tier reads in place of the item's free text; the original stays for its subject, provider and the centre. */
  publication_text: ColumnType<string | null, string | null | undefined, string | null>;
  /** RETURNED: why the centre returned the item to its provider. */
  publication_note: ColumnType<string | null, string | null | undefined, string | null>;
  publication_decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
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

export type CreditRecordRow = Selectable<CreditRecordTable>;
export type NewCreditRecordRow = Insertable<CreditRecordTable>;
export type CreditRecordUpdate = Updateable<CreditRecordTable>;
export type RecordKindRow = Selectable<RecordKindTable>;
export type RecordRelationRow = Selectable<RecordRelationTable>;
