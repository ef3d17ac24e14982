import { subject as policySubject } from "@casl/ability";
import { permittedFieldsOf } from "@casl/ability/extra";
import type { AliasableExpression, ExpressionBuilder } from "kysely";
import type { SubjectRow } from "../../db/database";
import type { AppAbility } from "../../policies/ability";
import { accessibleBy, type PolicyColumns, type AccessFilter } from "../../policies/accessible-by";
import { consentedPredicate, validConsentFor } from "../../policies/consent";
import type { RequestScope } from "../shared/context";

export type VisibleSubjectRow = SubjectRow & { consent_id: string | null };

export function asSubjectPolicy(row: VisibleSubjectRow) {
  return policySubject("Subject", { subjectIdentifier: row.identifier, kind: row.kind, consented: row.consent_id !== null });
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
  };
}

export type SubjectAccess = Readonly<{
  where: AccessFilter;
  consentId: (eb: ExpressionBuilder<any, any>) => AliasableExpression<string | null>;
}>;

export function subjectAccessFor(scope: RequestScope): SubjectAccess {
  return {
    where: accessibleBy(scope.ability, "read", "Subject", subjectColumns(scope)),
    consentId: (eb) => validConsentFor(scope.viewer, scope.now, eb.ref("subject.identifier"))(eb) as unknown as AliasableExpression<string | null>,
  };
}
