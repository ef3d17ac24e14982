import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import type { MeasuresDatabase } from "./measures.database";
import type { MeasureRow } from "./measure.table";
import type { RequestScope, SubgraphContext } from "../shared/context";
import { isUuid } from "../shared/ids";
import { groupBy, indexBy } from "../shared/loaders";
import { measureApplicationAccessFor } from "./measure-application.policy";
import {
  listApplicationsBySubjectIds,
  listMeasuresByCodes,
  type AppliedMeasureRow,
} from "./measure.repository";

export type MeasureLoaders = {
  measureByCode: DataLoader<string, MeasureRow | undefined>;
  applicationsBySubjectId: DataLoader<string, AppliedMeasureRow[]>;
};
export type MeasureContext = SubgraphContext<MeasureLoaders>;

export function createMeasureLoaders(db: Kysely<MeasuresDatabase>, scope: RequestScope): MeasureLoaders {
  const applications = measureApplicationAccessFor(scope);
  return {
    measureByCode: new DataLoader(async (codes) =>
      indexBy(codes, await listMeasuresByCodes(db, codes), (row) => row.code),
    ),
    applicationsBySubjectId: new DataLoader(async (subjectIds) =>
      groupBy(
        subjectIds,
        await listApplicationsBySubjectIds(db, subjectIds.filter(isUuid), applications),
        (row) => row.subject_id,
      ),
    ),
  };
}
