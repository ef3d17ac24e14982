import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { DatabaseDefault, DateColumn } from "../../db/column-types";
import type { SubjectKind } from "../../domain/vocabulary";

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

export type SubjectRow = Selectable<SubjectTable>;
export type NewSubjectRow = Insertable<SubjectTable>;
export type SubjectUpdate = Updateable<SubjectTable>;
export type SubjectRelationRow = Selectable<SubjectRelationTable>;
