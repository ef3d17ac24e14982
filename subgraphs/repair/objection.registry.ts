import { subject as policySubject } from "@casl/ability";
import type { Kysely } from "kysely";
import type { Connection } from "../../db/connection";
import type { RepairDatabase } from "./repair.database";
import type { PolicySubject } from "../../policies/ability";
import { accessibleBy, type AccessFilter } from "../../policies/accessible-by";
import type { RequestScope } from "../shared/context";
import { repairCaseAccessFor } from "./objection.loaders";
import { listObjectionsBySubjectIds } from "./objection.repository";
import { listRepairCases } from "./repair.repository";

// The repair slice's published face: what other slices may read of its objections.

/**
 * Per providing unit, one statement: objections that ended in a correction in the period — the item was
 * wrong, incomplete, prohibited or expired (PCIM art. 28, JRP art. 16); `UPHELD` means the item stood and is
 * not counted. `units` compiles the reader's policy over a unit column.
 */
export async function countCorrectedObjectionsByProvider(
  connection: Connection,
  period: Readonly<{ from: string; to: string }>,
  units: (unitColumn: string) => AccessFilter,
) {
  const db: Kysely<RepairDatabase> = connection;
  return db
    .selectFrom("objections")
    .select((eb) => ["provider as unit", eb.fn.countAll<string>().as("corrected")])
    .where("state", "=", "CORRECTED")
    .where((eb) => eb.between("state_changed_on", period.from, period.to))
    .where(units("objections.provider"))
    .groupBy("provider")
    .execute();
}

/** An objection or repair case as another slice may use it: which item, what it asked, where it stands, and its policy shape. */
export type ReadableItemWorkflow = Readonly<{
  id: string;
  subjectId: string;
  subjectIdentifier: string;
  kind: "OBJECTION" | "REPAIR";
  targetId: string;
  state: string;
  stateChangedOn: string;
  entityType: "Objection" | "RepairCase";
  policy: PolicySubject;
}>;

/**
 * A subject's objections and repair cases as `scope` may read them: this slice's own policies compiled to SQL,
 * as its loaders read. The caller passes each through `discloseReadable` with `policy`.
 */
export async function listItemWorkflowsReadableIn(
  db: Connection,
  scope: RequestScope,
  subjectId: string,
): Promise<ReadableItemWorkflow[]> {
  const objectionAccess = accessibleBy(scope.ability, "read", "Objection", {
    subjectIdentifier: { column: "objections.subject_identifier" },
    provider: { column: "objections.provider" },
  });
  const [objections, repairs] = await Promise.all([
    listObjectionsBySubjectIds(db, [subjectId], objectionAccess),
    listRepairCases(db, { subjectIds: [subjectId], access: repairCaseAccessFor(scope) }),
  ]);
  return [
    ...objections.map((row) => ({
      id: row.id,
      subjectId: row.subject_id,
      subjectIdentifier: row.subject_identifier,
      kind: "OBJECTION" as const,
      targetId: row.target_id,
      state: row.state,
      stateChangedOn: row.state_changed_on,
      entityType: "Objection" as const,
      policy: policySubject("Objection", {
        subjectIdentifier: row.subject_identifier,
        provider: row.provider,
      }),
    })),
    ...repairs.map((row) => ({
      id: row.id,
      subjectId: row.subject_id,
      subjectIdentifier: row.subject_identifier,
      kind: "REPAIR" as const,
      targetId: row.target_id,
      state: row.state,
      stateChangedOn: row.state_changed_on,
      entityType: "RepairCase" as const,
      policy: policySubject("RepairCase", {
        subjectIdentifier: row.subject_identifier,
        provider: row.provider,
      }),
    })),
  ];
}
