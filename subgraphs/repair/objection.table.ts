import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { DatabaseDefault, DateColumn } from "../../db/column-types";

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

export type ObjectionRow = Selectable<ObjectionTable>;
export type NewObjectionRow = Insertable<ObjectionTable>;
