import { subject as policySubject } from "@casl/ability";
import type { ListsDatabase } from "./lists.database";
import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { ListEntryRow } from "./list-entry.table";
import { chinaDateOf } from "../../domain/dates";
import { publicationCleared } from "../../policies/publication";
import { accessibleBy, type PolicyColumns, type AccessFilter } from "../../policies/accessible-by";
import type { RequestScope } from "../shared/context";

/**
 * In force: ACTIVE and within its validity, the last day included (an expired entry is no longer a basis for
 * measures, JRP art. 12). The one definition: rows use `isCurrentEntry`, SQL `entryIsInForce`, other slices
 * `isListEntryInForce` from the registry.
 */
export function isEntryInForce(entry: Readonly<{ status: string; validUntil: string | null }>, today: string): boolean {
  return entry.status === "ACTIVE" && (entry.validUntil === null || entry.validUntil >= today);
}

export function isCurrentEntry(row: Pick<ListEntryRow, "status" | "valid_until">, today: string): boolean {
  return isEntryInForce({ status: row.status, validUntil: row.valid_until }, today);
}

/** `isCurrentEntry` in SQL, over the list entries table under `alias`: ACTIVE and within its validity, the last day included. */
export function entryIsInForce(eb: ExpressionBuilder<ListsDatabase, any>, alias: string, today: string): Expression<SqlBool> {
  const column = <C extends "status" | "valid_until">(name: C) => `${alias}.${name}` as `list_entries.${C}`;
  return eb.and([eb(column("status"), "=", "ACTIVE"), eb.or([eb(column("valid_until"), "is", null), eb(column("valid_until"), ">=", today)])]);
}

export function asListEntryPolicy(row: ListEntryRow, today: string) {
  return policySubject("ListEntry", {
    subjectIdentifier: row.subject_identifier,
    list: row.list,
    status: row.status,
    recognizedBy: row.recognized_by,
    current: isCurrentEntry(row, today),
    publicationCleared: publicationCleared.test(row.publication),
  });
}

/** The publication review of an entry as the policy sees it: whose entry, and the unit that recognised it. */
export function asEntryReviewPolicy(row: Pick<ListEntryRow, "subject_identifier" | "recognized_by">) {
  return policySubject("PublicationReview", { subjectIdentifier: row.subject_identifier, provider: row.recognized_by });
}

export function listEntryColumns(scope: RequestScope): PolicyColumns {
  const today = chinaDateOf(scope.now);
  return {
    subjectIdentifier: { column: "list_entries.subject_identifier" },
    list: { column: "list_entries.list" },
    status: { column: "list_entries.status" },
    recognizedBy: { column: "list_entries.recognized_by" },
    current: { predicate: (eb) => entryIsInForce(eb, "list_entries", today) },
    publicationCleared: { predicate: (eb) => publicationCleared.where(eb, "list_entries") },
  };
}

export type ListEntryAccess = AccessFilter;

export function listEntryAccessFor(scope: RequestScope): ListEntryAccess {
  return accessibleBy(scope.ability, "read", "ListEntry", listEntryColumns(scope));
}

export function noticeAccessFor(scope: RequestScope): ListEntryAccess {
  return accessibleBy(scope.ability, "read", "Notice", { recipientOrg: { column: "notices.recipient_org" } });
}
