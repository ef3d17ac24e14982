import { subject as policySubject } from "@casl/ability";
import type { AliasableExpression, Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { CreditRecordRow } from "../../db/database";
import { chinaDateOf } from "../../domain/dates";
import { accessibleBy, type PolicyColumns, type AccessFilter } from "../../policies/accessible-by";
import { consentedPredicate, validConsentFor } from "../../policies/consent";
import type { RequestScope } from "../shared/context";

/** Still publishable: active and not past its expiry (PCIM art. 27: expired items are no longer published). */
export function isCurrentRecord(row: Pick<CreditRecordRow, "status" | "expires_on">, today: string): boolean {
  return row.status === "ACTIVE" && (row.expires_on === null || row.expires_on >= today);
}

/** `isCurrentRecord` in SQL, over the records table under `alias`. */
export function recordIsCurrent(eb: ExpressionBuilder<any, any>, alias: string, today: string): Expression<SqlBool> {
  return eb.and([eb(`${alias}.status`, "=", "ACTIVE"), eb.or([eb(`${alias}.expires_on`, "is", null), eb(`${alias}.expires_on`, ">=", today)])]);
}

/** A record row as the policy sees it; `consent_id` is the consent the viewer reads it under, if any. */
export function asCreditRecordPolicy(row: CreditRecordRow & { consent_id: string | null }, today: string) {
  return policySubject("CreditRecord", {
    subjectIdentifier: row.subject_identifier,
    tier: row.tier,
    category: row.category,
    provider: row.provider,
    current: isCurrentRecord(row, today),
    consented: row.consent_id !== null,
  });
}

/**
 * The same policy fields in SQL over `credit_records as record`; `owner` is the column that names whose
 * record it is for this query (the record's subject, or the person it is related to, PCIM art. 26).
 */
export function creditRecordColumns(scope: RequestScope, owner = "record.subject_identifier"): PolicyColumns {
  const today = chinaDateOf(scope.now);
  return {
    subjectIdentifier: { column: owner },
    tier: { column: "record.tier" },
    category: { column: "record.category" },
    provider: { column: "record.provider" },
    current: { predicate: (eb) => recordIsCurrent(eb, "record", today) },
    consented: { predicate: consentedPredicate(scope.viewer, scope.now, owner) },
  };
}

export type RecordAccess = Readonly<{
  where: AccessFilter;
  consentId: (eb: ExpressionBuilder<any, any>) => AliasableExpression<string | null>;
}>;

/** What a request may read of records, compiled once per request for its loaders. */
export function recordAccessFor(scope: RequestScope, owner = "record.subject_identifier"): RecordAccess {
  return {
    where: accessibleBy(scope.ability, "read", "CreditRecord", creditRecordColumns(scope, owner)),
    consentId: (eb) => validConsentFor(scope.viewer, scope.now, eb.ref(owner))(eb) as unknown as AliasableExpression<string | null>,
  };
}
