import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { PublicationState, SubjectKind, Tier } from "../domain/vocabulary";
import type { ListsTables } from "../subgraphs/lists/lists.database";
import type { RecordsTables } from "../subgraphs/records/records.database";

/** The tables whose items the centre reviews before publication; both have the same review columns. */
type ReviewedTables = Pick<RecordsTables, "credit_records"> & Pick<ListsTables, "list_entries">;

/**
 * The publication review (PCIM art. 14): no free text about a natural person reaches the public tier before
 * the credit centre has reviewed it. An item is *cleared* for the public tier when it needs no review (null:
 * an organisation's item, or a person's item above the public tier) or was reviewed and published, as
 * submitted or redacted. One rule, two faces: `test` for a row in memory, `where` for SQL; the role table
 * (roles.ts) makes it a condition of every public-tier read.
 */
export const publicationCleared = {
  test(state: PublicationState | null): boolean {
    return state === null || state === "PUBLISHED" || state === "REDACTED";
  },
  where(eb: ExpressionBuilder<ReviewedTables, any>, alias: string): Expression<SqlBool> {
    const publication = `${alias}.publication` as "list_entries.publication";
    return eb.or([eb(publication, "is", null), eb(publication, "in", ["PUBLISHED", "REDACTED"])]);
  },
};

/**
 * The review state an item starts in: PENDING for a natural person's item that would be public (every list
 * entry; a record at the PUBLIC tier), else null (no review: an organisation's own text, or a tier the public
 * never reads).
 */
export function publicationOnSubmission(subjectKind: SubjectKind, tier: Tier): PublicationState | null {
  return subjectKind === "NATURAL_PERSON" && tier === "PUBLIC" ? "PENDING" : null;
}
