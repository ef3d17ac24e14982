import type { Generated, Selectable } from "kysely";
import type { DatabaseDefault } from "../../db/column-types";

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

export type ConsentRow = Selectable<ConsentTable>;
