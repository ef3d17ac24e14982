import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import type { CreditRecordRow, Database } from "../../db/database";
import type { SubgraphContext } from "../shared/context";
import { groupBy, indexBy } from "../shared/loaders";
import { isUuid } from "../shared/ids";
import { listRecordsByIds, listRecordsBySubjectIds, listRelatedRecordsBySubjectIds, type RelatedRecordRow } from "./credit-record.repository";

export type CreditRecordLoaders = {
  recordById: DataLoader<string, CreditRecordRow | undefined>;
  recordsBySubjectId: DataLoader<string, CreditRecordRow[]>;
  relatedRecordsBySubjectId: DataLoader<string, RelatedRecordRow[]>;
};
export type CreditRecordContext = SubgraphContext<CreditRecordLoaders>;

export function createCreditRecordLoaders(db: Kysely<Database>): CreditRecordLoaders {
  return {
    recordById: new DataLoader(async (ids) =>
      indexBy(ids, await listRecordsByIds(db, ids.filter(isUuid)), (row) => row.id),
    ),
    recordsBySubjectId: new DataLoader(async (subjectIds) =>
      groupBy(subjectIds, await listRecordsBySubjectIds(db, subjectIds.filter(isUuid)), (row) => row.subject_id),
    ),
    relatedRecordsBySubjectId: new DataLoader(async (subjectIds) =>
      groupBy(subjectIds, await listRelatedRecordsBySubjectIds(db, subjectIds.filter(isUuid)), (row) => row.related_subject_id),
    ),
  };
}
