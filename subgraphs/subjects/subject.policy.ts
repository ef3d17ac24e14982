import { subject as policySubject } from "@casl/ability";
import { permittedFieldsOf } from "@casl/ability/extra";
import type { AliasableExpression, Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { SubjectRow } from "../../db/database";
import type { AppAbility } from "../../policies/ability";
import { accessibleBy, type PolicyColumns, type AccessFilter } from "../../policies/accessible-by";
import { consentedPredicate, validConsentFor } from "../../policies/consent";
import { hasListEntryInForce } from "../lists/list-entry.registry";
import { hasCurrentPublicRecord } from "../records/credit-record.registry";
import type { RequestScope } from "../shared/context";

export type VisibleSubjectRow = SubjectRow & { consent_id: string | null; public_information: boolean };

export function asSubjectPolicy(row: VisibleSubjectRow) {
  return policySubject("Subject", { subjectIdentifier: row.identifier, kind: row.kind, consented: row.consent_id !== null, publicInformation: row.public_information });
}

/**
 * The subject under `subject` has public-tier information in force: a current PUBLIC record (its own, or
 * an organisation's entered on its file as a responsible person, PCIM art. 26) or a list entry in force,
 * by the records' and lists' own definitions, through their registries.
 */
function hasPublicInformation(today: string) {
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => eb.or([hasCurrentPublicRecord(eb, "subject.id", today), hasListEntryInForce(eb, "subject.id", today)]);
}

const ALL_SUBJECT_FIELDS = (fields: readonly string[]) => (rule: { fields?: string[] | string }) =>
  rule.fields ? (Array.isArray(rule.fields) ? rule.fields : [rule.fields]) : [...fields];

/** The fields of this subject the viewer may read, from the rules' field lists (`permittedFieldsOf`). */
export function readableSubjectFields(ability: AppAbility, row: VisibleSubjectRow, fields: readonly string[]): Set<string> {
  return new Set(permittedFieldsOf(ability, "read", asSubjectPolicy(row), { fieldsFrom: ALL_SUBJECT_FIELDS(fields) }));
}

export function subjectColumns(scope: RequestScope): PolicyColumns {
  return {
    subjectIdentifier: { column: "subject.identifier" },
    kind: { column: "subject.kind" },
    consented: { predicate: consentedPredicate(scope.viewer, scope.now, "subject.identifier") },
    publicInformation: { predicate: hasPublicInformation(scope.today) },
  };
}

export type SubjectAccess = Readonly<{
  where: AccessFilter;
  consentId: (eb: ExpressionBuilder<any, any>) => AliasableExpression<string | null>;
  publicInformation: (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>;
}>;

export function subjectAccessFor(scope: RequestScope): SubjectAccess {
  return {
    where: accessibleBy(scope.ability, "read", "Subject", subjectColumns(scope)),
    consentId: (eb) => validConsentFor(scope.viewer, scope.now, eb.ref("subject.identifier"))(eb) as unknown as AliasableExpression<string | null>,
    publicInformation: hasPublicInformation(scope.today),
  };
}
