import type { ConsentTable } from "./consent.table";
import type { SubjectRelationTable, SubjectTable } from "./subject.table";
import type { UnitTable } from "./unit.table";

/** The subjects slice's tables: only its repositories name them. */
export interface SubjectsTables {
  subjects: SubjectTable;
  subject_relations: SubjectRelationTable;
  units: UnitTable;
  consents: ConsentTable;
}

/**
 * What the subjects slice publishes as tables to the slices above it: the consents, which the consent policy
 * (policies/consent.ts) reads inside other slices' statements. Its relations and revoked consents are
 * published as derived tables and predicates built by its registry (`personRelations`, `revokedConsents`,
 * `heldRelationPeriod`), not as tables.
 */
export type SubjectsPublished = Pick<SubjectsTables, "consents">;

/** What the subjects slice's SQL may name: the lowest rung holds only its own tables. */
export type SubjectsDatabase = SubjectsTables;
