import type { ColumnType, Selectable } from "kysely";
import type { SubjectKind } from "../../domain/vocabulary";

/** A recognising or providing unit by its organisation code (data/units.yaml). */
export interface UnitTable {
  code: string;
  name: string;
  /** The subject kinds whose registration the unit is the authority for. */
  registers: ColumnType<SubjectKind[], SubjectKind[] | undefined, SubjectKind[]>;
}

export type UnitRow = Selectable<UnitTable>;
