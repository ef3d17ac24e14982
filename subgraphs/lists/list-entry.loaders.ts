import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import type { Database, ListEntryRow } from "../../db/database";
import type { SubgraphContext } from "../shared/context";
import { isUuid } from "../shared/ids";
import { groupBy, indexBy } from "../shared/loaders";
import { listEntriesByIds, listEntriesBySubjectIds } from "./list-entry.repository";

export type ListEntryLoaders = {
  entryById: DataLoader<string, ListEntryRow | undefined>;
  entriesBySubjectId: DataLoader<string, ListEntryRow[]>;
};
export type ListEntryContext = SubgraphContext<ListEntryLoaders>;

export function createListEntryLoaders(db: Kysely<Database>): ListEntryLoaders {
  return {
    entryById: new DataLoader(async (ids) => indexBy(ids, await listEntriesByIds(db, ids.filter(isUuid)), (row) => row.id)),
    entriesBySubjectId: new DataLoader(async (subjectIds) =>
      groupBy(subjectIds, await listEntriesBySubjectIds(db, subjectIds.filter(isUuid)), (row) => row.subject_id),
    ),
  };
}
