import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import type { Database, MeasureApplicationRow, MeasureRow } from "../../db/database";
import { accessibleBy } from "../../policies/accessible-by";
import type { RequestScope, SubgraphContext } from "../shared/context";
import { isUuid } from "../shared/ids";
import { groupBy, indexBy } from "../shared/loaders";
import { listApplicationsBySubjectIds, listMeasuresByCodes } from "./measure.repository";

export type MeasureLoaders = {
  measureByCode: DataLoader<string, MeasureRow | undefined>;
  applicationsBySubjectId: DataLoader<string, MeasureApplicationRow[]>;
};
export type MeasureContext = SubgraphContext<MeasureLoaders>;

export function createMeasureLoaders(db: Kysely<Database>, scope: RequestScope): MeasureLoaders {
  const applications = accessibleBy(scope.ability, "read", "MeasureApplication", {
    subjectIdentifier: { column: "measure_applications.subject_identifier" },
    reportedBy: { column: "measure_applications.reported_by" },
  });
  return {
    measureByCode: new DataLoader(async (codes) => indexBy(codes, await listMeasuresByCodes(db, codes), (row) => row.code)),
    applicationsBySubjectId: new DataLoader(async (subjectIds) =>
      groupBy(subjectIds, await listApplicationsBySubjectIds(db, subjectIds.filter(isUuid), applications), (row) => row.subject_id),
    ),
  };
}
