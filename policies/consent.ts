import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from "kysely";
import type { Connection } from "../db/connection";
import type { SubjectsPublished } from "../subgraphs/subjects/subjects.database";
import type { Viewer } from "../platform/viewer";
// The rule itself, not the subjects registry: the registry reaches the subjects policy, which applies this one.
import { consentValid } from "../subgraphs/subjects/consent.rules";

/**
 * Consent as policy data: written by the subjects subgraph, read here for every subgraph. A consent
 * counts when it names the viewer's organisation and declared purpose, has begun, has not ended and was
 * not revoked.
 */
export function validConsentFor(viewer: Viewer, now: Date, subjectIdentifier: Expression<string>) {
  return (eb: ExpressionBuilder<SubjectsPublished, any>) =>
    eb
      .selectFrom("consents")
      .select("consents.id")
      .where(consentCounts(viewer, now))
      .where("consents.subject_identifier", "=", subjectIdentifier)
      .orderBy("consents.valid_until", "desc")
      .limit(1);
}

/** The one test of a consent row: the viewer's organisation and declared purpose, and valid now (`consentValid`). */
function consentCounts(viewer: Viewer, now: Date) {
  return (eb: ExpressionBuilder<SubjectsPublished, "consents">): Expression<SqlBool> =>
    eb.and([
      eb("consents.grantee", "=", viewer.org ?? ""),
      eb("consents.purpose", "=", viewer.purpose ?? ""),
      consentValid.where(eb, "consents", now),
    ]);
}

/** A predicate for `consented`: false outright when the viewer has no organisation or no purpose. */
export function consentedPredicate(viewer: Viewer, now: Date, subjectIdentifierColumn: string) {
  return (eb: ExpressionBuilder<SubjectsPublished, any>): Expression<SqlBool> =>
    viewer.org && viewer.purpose
      ? eb.exists(validConsentFor(viewer, now, eb.ref(subjectIdentifierColumn))(eb))
      : sql<SqlBool>`false`;
}

/** Valid consents the viewer holds, by subject id: which subjects' authorized tier it may read, and under which consent. */
export async function findValidConsents(
  connection: Connection,
  viewer: Viewer,
  now: Date,
  subjectIds: readonly string[],
): Promise<Map<string, string>> {
  if (!viewer.org || !viewer.purpose || subjectIds.length === 0) return new Map();
  const db: Kysely<SubjectsPublished> = connection;
  const rows = await db
    .selectFrom("consents")
    .select(["id", "subject_id"])
    .where(consentCounts(viewer, now))
    .where("subject_id", "in", subjectIds)
    .execute();
  return new Map(rows.map((row) => [row.subject_id, row.id]));
}

/** Which of these subject identifiers the viewer holds a valid consent for (its organisation, its declared purpose, now). */
export async function findConsentedIdentifiers(
  connection: Connection,
  viewer: Viewer,
  now: Date,
  identifiers: readonly string[],
): Promise<Set<string>> {
  if (!viewer.org || !viewer.purpose || identifiers.length === 0) return new Set();
  const db: Kysely<SubjectsPublished> = connection;
  const rows = await db
    .selectFrom("consents")
    .select("subject_identifier")
    .distinct()
    .where(consentCounts(viewer, now))
    .where("subject_identifier", "in", identifiers)
    .execute();
  return new Set(rows.map((row) => row.subject_identifier));
}
