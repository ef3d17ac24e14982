import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import type { Database, ObjectionRow } from "../../db/database";
import { accessibleBy } from "../../policies/accessible-by";
import type { RequestScope, SubgraphContext } from "../shared/context";
import { isUuid } from "../shared/ids";
import { groupBy, indexBy } from "../shared/loaders";
import { listObjectionsByIds, listObjectionsBySubjectIds } from "./objection.repository";

export type ObjectionLoaders = {
  objectionById: DataLoader<string, ObjectionRow | undefined>;
  objectionsBySubjectId: DataLoader<string, ObjectionRow[]>;
};
export type ObjectionContext = SubgraphContext<ObjectionLoaders>;

export function createObjectionLoaders(db: Kysely<Database>, scope: RequestScope): ObjectionLoaders {
  const access = accessibleBy(scope.ability, "read", "Objection", { subjectIdentifier: { column: "objections.subject_identifier" } });
  return {
    objectionById: new DataLoader(async (ids) => indexBy(ids, await listObjectionsByIds(db, ids.filter(isUuid), access), (row) => row.id)),
    objectionsBySubjectId: new DataLoader(async (subjectIds) =>
      groupBy(subjectIds, await listObjectionsBySubjectIds(db, subjectIds.filter(isUuid), access), (row) => row.subject_id),
    ),
  };
}
