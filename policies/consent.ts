import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from "kysely";
import type { Database } from "../db/database";
import type { Viewer } from "../platform/viewer";
import { consentValid } from "../subgraphs/subjects/subject.registry";

/**
 * Consent as policy data: written by the subjects subgraph, read here for every subgraph. A consent
 * counts when it names the viewer's organisation and declared purpose, has begun, has not ended and was
 * not revoked.
 */
export function validConsentFor(viewer: Viewer, now: Date, subjectIdentifier: Expression<string>) {
  return (eb: ExpressionBuilder<any, any>) =>
    (eb as unknown as ExpressionBuilder<Database, never>)
      .selectFrom("consents")
      .select("consents.id")
      .where(consentCounts(viewer, now))
      .where("consents.subject_identifier", "=", subjectIdentifier)
      .orderBy("consents.valid_until", "desc")
      .limit(1);
}

/** The one test of a consent row: the viewer's organisation and declared purpose, and valid now (`consentValid`). */
function consentCounts(viewer: Viewer, now: Date) {
  return (eb: ExpressionBuilder<Database, "consents">): Expression<SqlBool> =>
    eb.and([
      eb("consents.grantee", "=", viewer.org ?? ""),
      eb("consents.purpose", "=", viewer.purpose ?? ""),
      consentValid.where(eb, "consents", now),
    ]);
}

/** A predicate for `consented`: false outright when the viewer has no organisation or no purpose. */
export function consentedPredicate(viewer: Viewer, now: Date, subjectIdentifierColumn: string) {
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> =>
    viewer.org && viewer.purpose ? eb.exists(validConsentFor(viewer, now, eb.ref(subjectIdentifierColumn))(eb)) : sql<SqlBool>`false`;
}

/** Valid consents the viewer holds, by subject id: which subjects' authorized tier it may read, and under which consent. */
export async function findValidConsents(
  db: Kysely<Database>,
  viewer: Viewer,
  now: Date,
  subjectIds: readonly string[],
): Promise<Map<string, string>> {
  if (!viewer.org || !viewer.purpose || subjectIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("consents")
    .select(["id", "subject_id"])
    .where(consentCounts(viewer, now))
    .where("subject_id", "in", subjectIds)
    .execute();
  return new Map(rows.map((row) => [row.subject_id, row.id]));
}

/** Which of these subject identifiers the viewer holds a valid consent for (its organisation, its declared purpose, now). */
export async function findConsentedIdentifiers(db: Kysely<Database>, viewer: Viewer, now: Date, identifiers: readonly string[]): Promise<Set<string>> {
  if (!viewer.org || !viewer.purpose || identifiers.length === 0) return new Set();
  const rows = await db
    .selectFrom("consents")
    .select("subject_identifier")
    .distinct()
    .where(consentCounts(viewer, now))
    .where("subject_identifier", "in", identifiers)
    .execute();
  return new Set(rows.map((row) => row.subject_identifier));
}
