import { subject as policySubject } from "@casl/ability";
import type { ListEntryRow } from "./list-entry.table";
import { publicationCleared } from "../../policies/publication";
import { accessibleBy, type PolicyColumns, type AccessFilter } from "../../policies/accessible-by";
import type { RequestScope } from "../shared/context";
import { entryInForce } from "./list-entry.rules";

export function asListEntryPolicy(row: ListEntryRow, today: string) {
  return policySubject("ListEntry", {
    subjectIdentifier: row.subject_identifier,
    list: row.list,
    status: row.status,
    recognizedBy: row.recognized_by,
    current: entryInForce.test(row, today),
    publicationCleared: publicationCleared.test(row.publication),
  });
}

/** The publication review of an entry as the policy sees it: whose entry, and the unit that recognised it. */
export function asEntryReviewPolicy(row: Pick<ListEntryRow, "subject_identifier" | "recognized_by">) {
  return policySubject("PublicationReview", {
    subjectIdentifier: row.subject_identifier,
    provider: row.recognized_by,
  });
}

export function listEntryColumns(scope: RequestScope): PolicyColumns {
  return {
    subjectIdentifier: { column: "list_entries.subject_identifier" },
    list: { column: "list_entries.list" },
    status: { column: "list_entries.status" },
    recognizedBy: { column: "list_entries.recognized_by" },
    current: { predicate: (eb) => entryInForce.where(eb, "list_entries", scope.today) },
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
