import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import type { SubjectsDatabase } from "./subjects.database";
import type { SubjectRelationRow } from "./subject.table";
import type { RequestScope, SubgraphContext } from "../shared/context";
import { isUuid } from "../shared/ids";
import { groupBy, indexBy } from "../shared/loaders";
import { subjectAccessFor, type VisibleSubjectRow } from "./subject.policy";
import { listRelationsByOrganisationIds, listVisibleSubjects } from "./subject.repository";

export type SubjectLoaders = {
  subjectById: DataLoader<string, VisibleSubjectRow | undefined>;
  subjectByIdentifier: DataLoader<string, VisibleSubjectRow | undefined>;
  relationsByOrganisationId: DataLoader<string, SubjectRelationRow[]>;
};

export type SubjectContext = SubgraphContext<SubjectLoaders>;

export function createSubjectLoaders(db: Kysely<SubjectsDatabase>, scope: RequestScope): SubjectLoaders {
  const access = subjectAccessFor(scope);
  return {
    subjectById: new DataLoader(async (ids) => indexBy(ids, await listVisibleSubjects(db, "id", ids.filter(isUuid), access), (row) => row.id)),
    subjectByIdentifier: new DataLoader(async (identifiers) =>
      indexBy(identifiers, await listVisibleSubjects(db, "identifier", identifiers, access), (row) => row.identifier),
    ),
    relationsByOrganisationId: new DataLoader(async (ids) =>
      groupBy(ids, await listRelationsByOrganisationIds(db, ids.filter(isUuid)), (row) => row.organisation_id),
    ),
  };
}
