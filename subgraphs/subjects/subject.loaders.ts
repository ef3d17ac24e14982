import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import type { Database, SubjectRelationRow, SubjectRow } from "../../db/database";
import type { SubgraphContext } from "../shared/context";
import { isUuid } from "../shared/ids";
import { groupBy, indexBy } from "../shared/loaders";
import { listRelationsByOrganisationIds, listSubjectsByIdentifiers, listSubjectsByIds } from "./subject.repository";

export type SubjectLoaders = {
  subjectById: DataLoader<string, SubjectRow | undefined>;
  subjectByIdentifier: DataLoader<string, SubjectRow | undefined>;
  relationsByOrganisationId: DataLoader<string, SubjectRelationRow[]>;
};

export type SubjectContext = SubgraphContext<SubjectLoaders>;

export function createSubjectLoaders(db: Kysely<Database>): SubjectLoaders {
  return {
    subjectById: new DataLoader(async (ids) => indexBy(ids, await listSubjectsByIds(db, ids.filter(isUuid)), (row) => row.id)),
    subjectByIdentifier: new DataLoader(async (identifiers) =>
      indexBy(identifiers, await listSubjectsByIdentifiers(db, identifiers), (row) => row.identifier),
    ),
    relationsByOrganisationId: new DataLoader(async (ids) =>
      groupBy(ids, await listRelationsByOrganisationIds(db, ids.filter(isUuid)), (row) => row.organisation_id),
    ),
  };
}
