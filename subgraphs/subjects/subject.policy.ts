import { subject as policySubject } from "@casl/ability";
import type { SubjectsDatabase } from "./subjects.database";
import { permittedFieldsOf } from "@casl/ability/extra";
import type { AliasableExpression, Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { SubjectRow } from "./subject.table";
import type { AppAbility } from "../../policies/ability";
import { accessibleBy, type PolicyColumns, type AccessFilter } from "../../policies/accessible-by";
import { consentedPredicate, validConsentFor } from "../../policies/consent";
import type { RequestScope } from "../shared/context";

export type VisibleSubjectRow = SubjectRow & { consent_id: string | null; public_information: boolean };

export function asSubjectPolicy(row: VisibleSubjectRow) {
  return policySubject("Subject", {
    subjectIdentifier: row.identifier,
    kind: row.kind,
    consented: row.consent_id !== null,
    publicInformation: row.public_information,
  });
}

/**
 * The subject whose id is in `subjectIdColumn` has public-tier information in force on `today`: a current
 * PUBLIC record (its own, or an organisation's entered on its file as a responsible person, PCIM art. 26) or
 * a list entry in force. Records and lists define it, on higher rungs of the ladder than subjects; the
 * composition root (app/) passes it in, so that this slice imports neither.
 */
export type PublicInformation = <DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  subjectIdColumn: string,
  today: string,
) => Expression<SqlBool>;

function hasPublicInformation(publicInformation: PublicInformation, today: string) {
  return <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>): Expression<SqlBool> =>
    publicInformation(eb, "subject.id", today);
}

const ALL_SUBJECT_FIELDS = (fields: readonly string[]) => (rule: { fields?: string[] | string }) =>
  rule.fields ? (Array.isArray(rule.fields) ? rule.fields : [rule.fields]) : [...fields];

/** The fields of this subject the viewer may read, from the rules' field lists (`permittedFieldsOf`). */
export function readableSubjectFields(
  ability: AppAbility,
  row: VisibleSubjectRow,
  fields: readonly string[],
): Set<string> {
  return new Set(
    permittedFieldsOf(ability, "read", asSubjectPolicy(row), { fieldsFrom: ALL_SUBJECT_FIELDS(fields) }),
  );
}

export function subjectColumns(scope: RequestScope, publicInformation: PublicInformation): PolicyColumns {
  return {
    subjectIdentifier: { column: "subject.identifier" },
    kind: { column: "subject.kind" },
    consented: { predicate: consentedPredicate(scope.viewer, scope.now, "subject.identifier") },
    publicInformation: { predicate: hasPublicInformation(publicInformation, scope.today) },
  };
}

export type SubjectAccess = Readonly<{
  where: AccessFilter;
  consentId: (eb: ExpressionBuilder<SubjectsDatabase, any>) => AliasableExpression<string | null>;
  publicInformation: (eb: ExpressionBuilder<SubjectsDatabase, any>) => Expression<SqlBool>;
}>;

export function subjectAccessFor(scope: RequestScope, publicInformation: PublicInformation): SubjectAccess {
  return {
    where: accessibleBy(scope.ability, "read", "Subject", subjectColumns(scope, publicInformation)),
    consentId: (eb) =>
      validConsentFor(
        scope.viewer,
        scope.now,
        eb.ref("subject.identifier"),
      )(eb) as unknown as AliasableExpression<string | null>,
    publicInformation: hasPublicInformation(publicInformation, scope.today),
  };
}
