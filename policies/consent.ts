import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { Viewer } from "../platform/viewer";

/**
 * Consent as policy data: written by the subjects subgraph, read here for every subgraph. A consent
 * counts when it names the viewer's organisation and declared purpose, has begun, has not ended and was
 * not revoked.
 */
export function validConsentFor(viewer: Viewer, now: Date, subjectIdentifier: Expression<string>) {
  return (eb: ExpressionBuilder<any, any>) =>
    eb
      .selectFrom("consents")
      .select("consents.id")
      .where("consents.grantee", "=", viewer.org ?? "")
      .where("consents.purpose", "=", viewer.purpose ?? "")
      .where("consents.subject_identifier", "=", subjectIdentifier)
      .where("consents.valid_from", "<=", now)
      .where("consents.valid_until", ">", now)
      .where("consents.revoked_at", "is", null)
      .orderBy("consents.valid_until", "desc")
      .limit(1);
}

/** A predicate for `consented`: false outright when the viewer has no organisation or no purpose. */
export function consentedPredicate(viewer: Viewer, now: Date, subjectIdentifierColumn: string) {
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> =>
    viewer.org && viewer.purpose ? eb.exists(validConsentFor(viewer, now, eb.ref(subjectIdentifierColumn))(eb)) : sql<SqlBool>`false`;
}
