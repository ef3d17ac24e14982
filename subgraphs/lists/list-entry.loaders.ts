import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import type { ListsDatabase } from "./lists.database";
import type { ListEntryRow } from "./list-entry.table";
import type { RequestScope, SubgraphContext } from "../shared/context";
import { isUuid } from "../shared/ids";
import { groupBy, indexBy } from "../shared/loaders";
import { listEntryAccessFor } from "./list-entry.policy";
import { listEntriesByIds, listEntriesBySubjectIds } from "./list-entry.repository";
import { listUnits } from "../subjects/subject.registry";

export type ListEntryLoaders = {
  entryById: DataLoader<string, ListEntryRow | undefined>;
  entriesBySubjectId: DataLoader<string, ListEntryRow[]>;
  /** A unit's name by its code (data/units.yaml); null when the directory lacks it. */
  unitName: DataLoader<string, string | null>;
};
export type ListEntryContext = SubgraphContext<ListEntryLoaders>;

/** Loaders that fetch only what this request's viewer may read: the policy is part of every query. */
export function createListEntryLoaders(db: Kysely<ListsDatabase>, scope: RequestScope): ListEntryLoaders {
  const access = listEntryAccessFor(scope);
  return {
    entryById: new DataLoader(async (ids) =>
      indexBy(ids, await listEntriesByIds(db, ids.filter(isUuid), access), (row) => row.id),
    ),
    entriesBySubjectId: new DataLoader(async (subjectIds) =>
      groupBy(
        subjectIds,
        await listEntriesBySubjectIds(db, subjectIds.filter(isUuid), access),
        (row) => row.subject_id,
      ),
    ),
    unitName: new DataLoader(async (codes) =>
      indexBy(codes, await listUnits(db, codes), (row) => row.code).map((row) => row?.name ?? null),
    ),
  };
}
