import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import type { RepairDatabase } from "./repair.database";
import type { ObjectionRow } from "./objection.table";
import type { WorkflowEventRow } from "./workflow-event.table";
import { accessibleBy } from "../../policies/accessible-by";
import type { RequestScope, SubgraphContext } from "../shared/context";
import { isUuid } from "../shared/ids";
import { groupBy, indexBy } from "../shared/loaders";
import { listObjectionsByIds, listObjectionsBySubjectIds } from "./objection.repository";
import { objectionAccessFor } from "./objection.policy";
import {
  listOpenObjectionTargets,
  listPublicityByTargets,
  listRepairCases,
  listWorkflowEvents,
} from "./repair.repository";
import type { RepairCaseRow } from "./repair-case.table";

export type ObjectionLoaders = {
  objectionById: DataLoader<string, ObjectionRow | undefined>;
  objectionsBySubjectId: DataLoader<string, ObjectionRow[]>;
  repairCasesBySubjectId: DataLoader<string, RepairCaseRow[]>;
  stepsByCaseId: DataLoader<string, WorkflowEventRow[]>;
  /** Whether an item (record or entry id) has an open objection: shown to whoever can see the item. */
  underObjection: DataLoader<string, boolean>;
  /** Until when an item's repair is in publicity, if it is. */
  publicityUntil: DataLoader<string, string | null>;
};
export type ObjectionContext = SubgraphContext<ObjectionLoaders>;

/** Compiled once per request: what of the repair workflows this viewer may read. */
export function repairCaseAccessFor(scope: RequestScope) {
  return accessibleBy(scope.ability, "read", "RepairCase", {
    subjectIdentifier: { column: "repair_cases.subject_identifier" },
    provider: { column: "repair_cases.provider" },
  });
}

export function createObjectionLoaders(db: Kysely<RepairDatabase>, scope: RequestScope): ObjectionLoaders {
  const objections = objectionAccessFor(scope);
  const repairs = repairCaseAccessFor(scope);
  return {
    objectionById: new DataLoader(async (ids) =>
      indexBy(ids, await listObjectionsByIds(db, ids.filter(isUuid), objections), (row) => row.id),
    ),
    objectionsBySubjectId: new DataLoader(async (subjectIds) =>
      groupBy(
        subjectIds,
        await listObjectionsBySubjectIds(db, subjectIds.filter(isUuid), objections),
        (row) => row.subject_id,
      ),
    ),
    repairCasesBySubjectId: new DataLoader(async (ids) =>
      groupBy(
        ids,
        await listRepairCases(db, { subjectIds: ids.filter(isUuid), access: repairs }),
        (row) => row.subject_id,
      ),
    ),
    stepsByCaseId: new DataLoader(async (ids) =>
      groupBy(ids, await listWorkflowEvents(db, ids.filter(isUuid)), (row) => row.case_id),
    ),
    underObjection: new DataLoader(async (ids) => {
      const open = new Set(await listOpenObjectionTargets(db, ids.filter(isUuid)));
      return ids.map((id) => open.has(id));
    }),
    publicityUntil: new DataLoader(async (ids) =>
      indexBy(ids, await listPublicityByTargets(db, ids.filter(isUuid)), (row) => row.target_id).map(
        (row) => row?.due_on ?? null,
      ),
    ),
  };
}
