import type { Generated, Selectable } from "kysely";
import type { DatabaseDefault } from "../../db/column-types";

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

export type WorkflowEventRow = Selectable<WorkflowEventTable>;
