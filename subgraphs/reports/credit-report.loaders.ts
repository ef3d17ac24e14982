import DataLoader from "dataloader";
import type { Connection } from "../../db/connection";
import type { RequestScope, SubgraphContext } from "../shared/context";
import { indexBy } from "../shared/loaders";
import {
  listVisibleSubjects,
  subjectAccessFor,
  type PublicInformation,
  type VisibleSubjectRow,
} from "../subjects/subject.registry";

export type CreditReportLoaders = {
  /** The subject whose report is asked for, read under the subjects' own policy. */
  subjectByIdentifier: DataLoader<string, VisibleSubjectRow | undefined>;
};

export type CreditReportContext = SubgraphContext<CreditReportLoaders>;

/** The reports' loaders, given the subjects' "has public information" predicate the composition root wires. */
export const creditReportLoadersWith =
  (publicInformation: PublicInformation) =>
  (db: Connection, scope: RequestScope): CreditReportLoaders => {
    const access = subjectAccessFor(scope, publicInformation);
    return {
      subjectByIdentifier: new DataLoader(async (identifiers) =>
        indexBy(
          identifiers,
          await listVisibleSubjects(db, "identifier", identifiers, access),
          (row) => row.identifier,
        ),
      ),
    };
  };
