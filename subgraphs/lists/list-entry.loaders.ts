import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import type { Database, ListEntryRow } from "../../db/database";
import type { RequestScope, SubgraphContext } from "../shared/context";
import { isUuid } from "../shared/ids";
import { groupBy, indexBy } from "../shared/loaders";
import { listEntryAccessFor } from "./list-entry.policy";
import { listEntriesByIds, listEntriesBySubjectIds } from "./list-entry.repository";

export type ListEntryLoaders = {
  entryById: DataLoader<string, ListEntryRow | undefined>;
  entriesBySubjectId: DataLoader<string, ListEntryRow[]>;
};
export type ListEntryContext = SubgraphContext<ListEntryLoaders>;

/** Loaders that fetch only what this request's viewer may read: the policy is part of every query. */
export function createListEntryLoaders(db: Kysely<Database>, scope: RequestScope): ListEntryLoaders {
  const access = listEntryAccessFor(scope);
  return {
    entryById: new DataLoader(async (ids) => indexBy(ids, await listEntriesByIds(db, ids.filter(isUuid), access), (row) => row.id)),
    entriesBySubjectId: new DataLoader(async (subjectIds) =>
      groupBy(subjectIds, await listEntriesBySubjectIds(db, subjectIds.filter(isUuid), access), (row) => row.subject_id),
    ),
  };
}
