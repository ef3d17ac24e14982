import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { DatabaseDefault, DateColumn } from "../../db/column-types";

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

export type NoticeRow = Selectable<NoticeTable>;
export type NewNoticeRow = Insertable<NoticeTable>;
