import { subject as policySubject } from "@casl/ability";
import type { ObjectionRow } from "./objection.table";
import { accessibleBy } from "../../policies/accessible-by";
import type { RequestScope } from "../shared/context";
import { objectionWentToAppeal } from "./repair.repository";

/**
 * An objection as the policy sees it: whose, whose item, its state (the condition of `move` rules), and
 * whether it went to appeal (the credit authority's `read`), from its history of steps.
 */
export function asObjectionPolicy(row: ObjectionRow, history: ReadonlyArray<Readonly<{ to: string }>>) {
  return policySubject("Objection", {
    subjectIdentifier: row.subject_identifier,
    provider: row.provider,
    state: row.state,
    appealed: history.some((step) => step.to === "APPEALED"),
  });
}

/** `asObjectionPolicy` in SQL, compiled once per request: which objections this viewer may read. */
export function objectionAccessFor(scope: RequestScope) {
  return accessibleBy(scope.ability, "read", "Objection", {
    subjectIdentifier: { column: "objections.subject_identifier" },
    provider: { column: "objections.provider" },
    state: { column: "objections.state" },
    appealed: { predicate: objectionWentToAppeal },
  });
}
