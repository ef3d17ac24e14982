import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { DatabaseDefault, DateColumn } from "../../db/column-types";

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

export type RepairCaseRow = Selectable<RepairCaseTable>;
export type NewRepairCaseRow = Insertable<RepairCaseTable>;
