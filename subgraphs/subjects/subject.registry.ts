import type { ExpressionBuilder } from "kysely";
import type { SubjectsDatabase } from "./subjects.database";
import { relationHeld, type RelationPeriod } from "./subject-relation.rules";

// The subjects slice's published face: what other slices may use of its subjects and relations.

/** The roles by which a person answers for an organisation; and the tables this slice publishes (the consents). */
export type { SubjectRelationKind } from "./subject.table";
export type { SubjectsPublished } from "./subjects.database";

/**
 * Reads and the one write other slices make of the subjects' tables: registering the subjects a submission
 * names (inside the submitting slice's transaction), which identifiers have a file, an organisation's
 * responsible persons, and the facts a list entry discloses (JRP art. 8).
 */
export {
  findDisclosureFacts,
  listKnownIdentifiers,
  listResponsiblePersons,
  registerSubjects,
} from "./subject.repository";

/**
 * Subjects as a request may read them: its read policy on subjects as SQL (given the "has public information"
 * predicate the composition root wires) and the subjects it lets through, each with the consent it was read under.
 */
export {
  subjectAccessFor,
  type PublicInformation,
  type SubjectAccess,
  type VisibleSubjectRow,
} from "./subject.policy";
export { listVisibleSubjects } from "./subject.repository";

/** The units' names; and, for other slices' one-statement reads, persons' relations and revoked consents as derived tables. */
export { listUnits, personRelations, revokedConsents } from "./subject.repository";

/** Whether a consent is valid at an instant, in memory and in SQL (the subjects slice's one definition). */
export { consentValid } from "./consent.rules";

/** Whether a person held a role on a day, in memory and in SQL (the subjects slice's one definition). */
export { relationHeld, type RelationPeriod } from "./subject-relation.rules";

/**
 * The period of the role by which an organisation's item reached a person's file: the relation of that kind
 * the person held on the item's date (`relationHeld`), as two scalar subqueries over the caller's
 * columns (organisation id, person id, relation, date) for a one-statement read.
 */
export function heldRelationPeriod(
  eb: ExpressionBuilder<SubjectsDatabase, any>,
  refs: Readonly<{ organisationId: string; personId: string; relation: string; date: string }>,
) {
  const held = (column: "valid_from" | "valid_to") =>
    eb
      .selectFrom("subject_relations as held")
      .select(`held.${column}`)
      .whereRef("held.organisation_id", "=", refs.organisationId)
      .whereRef("held.person_id", "=", refs.personId)
      .whereRef("held.relation", "=", refs.relation)
      .where((inner) => relationHeld.where(inner, "held", inner.ref(refs.date)))
      .orderBy("held.valid_from", "desc")
      .limit(1);
  return { from: held("valid_from"), to: held("valid_to") };
}

/** How a relation's period reads in a reason: 「任职 2020-01-01 至今」. */
export function describeRelationPeriod(relation: RelationPeriod): string {
  return `任职 ${relation.valid_from ?? "（登记前）"} 至 ${relation.valid_to ?? "今"}`;
}
