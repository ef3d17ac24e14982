import { subject as policySubject } from "@casl/ability";
import type { RecordsDatabase } from "./records.database";
import type { AliasableExpression, ExpressionBuilder } from "kysely";
import type { CreditRecordRow } from "./credit-record.table";
import { accessibleBy, type PolicyColumns, type AccessFilter } from "../../policies/accessible-by";
import { consentedPredicate, validConsentFor } from "../../policies/consent";
import { publicationCleared } from "../../policies/publication";
import type { RequestScope } from "../shared/context";
import { recordCurrent } from "./credit-record.rules";

type RecordPolicyRow = CreditRecordRow & { consent_id: string | null };

/** The fields every record policy tests: the item's own subject, tier, provider, currency and consent. */
function recordPolicyFields(row: RecordPolicyRow, today: string) {
  return {
    subjectIdentifier: row.subject_identifier,
    tier: row.tier,
    category: row.category,
    provider: row.provider,
    current: recordCurrent.test(row, today),
    consented: row.consent_id !== null,
    publicationCleared: publicationCleared.test(row.publication),
  };
}

/** A record row as the policy sees it; `consent_id` is the consent the viewer reads it under, if any. */
export function asCreditRecordPolicy(row: RecordPolicyRow, today: string) {
  return policySubject("CreditRecord", recordPolicyFields(row, today));
}

/**
 * An organisation's item as entered on a person's file (PCIM art. 26): the item's own policy, so its tier
 * and consents are the organisation's, and the person it was entered on.
 */
export function asRelatedEntryPolicy(
  row: RecordPolicyRow & { related_subject_identifier: string },
  today: string,
) {
  return policySubject("RelatedEntry", {
    ...recordPolicyFields(row, today),
    relatedSubjectIdentifier: row.related_subject_identifier,
  });
}

/** The same policy fields in SQL over `credit_records as record`. */
export function creditRecordColumns(scope: RequestScope): PolicyColumns {
  const { today } = scope;
  return {
    subjectIdentifier: { column: "record.subject_identifier" },
    tier: { column: "record.tier" },
    category: { column: "record.category" },
    provider: { column: "record.provider" },
    current: { predicate: (eb) => recordCurrent.where(eb, "record", today) },
    consented: { predicate: consentedPredicate(scope.viewer, scope.now, "record.subject_identifier") },
    publicationCleared: { predicate: (eb) => publicationCleared.where(eb, "record") },
  };
}

export type RecordAccess = Readonly<{
  where: AccessFilter;
  /** The viewer's consent of the item's subject — for a related entry, the organisation. */
  consentId: (eb: ExpressionBuilder<RecordsDatabase, any>) => AliasableExpression<string | null>;
}>;

const consentOfRecordSubject = (scope: RequestScope) => (eb: ExpressionBuilder<RecordsDatabase, any>) =>
  validConsentFor(
    scope.viewer,
    scope.now,
    eb.ref("record.subject_identifier"),
  )(eb) as unknown as AliasableExpression<string | null>;

/** What a request may read of records, compiled once per request for its loaders. */
export function recordAccessFor(scope: RequestScope): RecordAccess {
  return {
    where: accessibleBy(scope.ability, "read", "CreditRecord", creditRecordColumns(scope)),
    consentId: consentOfRecordSubject(scope),
  };
}

/** What a request may read of related entries, over `credit_records as record` joined to `record_relations as relation`. */
export function relatedEntryAccessFor(scope: RequestScope): RecordAccess {
  const columns = {
    ...creditRecordColumns(scope),
    relatedSubjectIdentifier: { column: "relation.related_subject_identifier" },
  };
  return {
    where: accessibleBy(scope.ability, "read", "RelatedEntry", columns),
    consentId: consentOfRecordSubject(scope),
  };
}

/** The publication review of a record as the policy sees it: whose item, and who provided it. */
export function asRecordReviewPolicy(row: Pick<CreditRecordRow, "subject_identifier" | "provider">) {
  return policySubject("PublicationReview", {
    subjectIdentifier: row.subject_identifier,
    provider: row.provider,
  });
}
