import { subject as policySubject } from "@casl/ability";
import { accessibleBy, type AccessFilter } from "../../policies/accessible-by";
import type { RequestScope } from "../shared/context";
import { appliedOnEntryOf, type AppliedMeasureRow } from "./measure.repository";

/** A reported application as the policy sees it, in memory; `measureApplicationAccessFor` is the same in SQL. */
export function asMeasureApplicationPolicy(row: AppliedMeasureRow) {
  return policySubject("MeasureApplication", {
    subjectIdentifier: row.subject_identifier,
    reportedBy: row.reported_by,
    entryRecognizedBy: row.entry_recognized_by,
  });
}

export function measureApplicationAccessFor(scope: RequestScope): AccessFilter {
  return accessibleBy(scope.ability, "read", "MeasureApplication", {
    subjectIdentifier: { column: "measure_applications.subject_identifier" },
    reportedBy: { column: "measure_applications.reported_by" },
    entryRecognizedBy: { contains: appliedOnEntryOf },
  });
}
