import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import type { SubjectsDatabase } from "./subjects.database";
import type { SubjectRelationRow } from "./subject.table";
import type { RequestScope, SubgraphContext } from "../shared/context";
import { isUuid } from "../shared/ids";
import { groupBy, indexBy } from "../shared/loaders";
import {
  subjectAccessFor,
  type PublicInformation,
  type SubjectAccess,
  type VisibleSubjectRow,
} from "./subject.policy";
import { listRelationsByOrganisationIds, listVisibleSubjects } from "./subject.repository";

export type SubjectLoaders = {
  /** The request's read policy on subjects, as SQL: what the loaders below and the searches filter by. */
  access: SubjectAccess;
  subjectById: DataLoader<string, VisibleSubjectRow | undefined>;
  subjectByIdentifier: DataLoader<string, VisibleSubjectRow | undefined>;
  relationsByOrganisationId: DataLoader<string, SubjectRelationRow[]>;
};

export type SubjectContext = SubgraphContext<SubjectLoaders>;

/** The subjects' loaders, given the "has public information" predicate the composition root wires. */
export const subjectLoadersWith =
  (publicInformation: PublicInformation) =>
  (db: Kysely<SubjectsDatabase>, scope: RequestScope): SubjectLoaders => {
    const access = subjectAccessFor(scope, publicInformation);
    return {
      access,
      subjectById: new DataLoader(async (ids) =>
        indexBy(ids, await listVisibleSubjects(db, "id", ids.filter(isUuid), access), (row) => row.id),
      ),
      subjectByIdentifier: new DataLoader(async (identifiers) =>
        indexBy(
          identifiers,
          await listVisibleSubjects(db, "identifier", identifiers, access),
          (row) => row.identifier,
        ),
      ),
      relationsByOrganisationId: new DataLoader(async (ids) =>
        groupBy(
          ids,
          await listRelationsByOrganisationIds(db, ids.filter(isUuid)),
          (row) => row.organisation_id,
        ),
      ),
    };
  };
