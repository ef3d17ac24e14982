import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import type { Database, SubjectRow } from "../../db/database";
import type { SubgraphContext } from "../shared/context";
import { isUuid } from "../shared/ids";
import { indexBy } from "../shared/loaders";
import { listSubjectsByIds } from "./subject.repository";

export type SubjectLoaders = { subjectById: DataLoader<string, SubjectRow | undefined> };

export function createSubjectLoaders(db: Kysely<Database>): SubjectLoaders {
  return {
    subjectById: new DataLoader(async (ids) => indexBy(ids, await listSubjectsByIds(db, ids.filter(isUuid)), (row) => row.id)),
  };
}

export type SubjectContext = SubgraphContext<SubjectLoaders>;
