import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import type { RecordsDatabase } from "./records.database";
import { findValidConsents } from "../../policies/consent";
import type { RequestScope, SubgraphContext } from "../shared/context";
import { isUuid } from "../shared/ids";
import { groupBy, indexBy } from "../shared/loaders";
import { recordAccessFor, relatedEntryAccessFor } from "./credit-record.policy";
import {
  listRecordsByIds,
  listRecordsBySubjectIds,
  listRelatedRecordsBySubjectIds,
  type RelatedRecordRow,
  type VisibleRecordRow,
} from "./credit-record.repository";

export type CreditRecordLoaders = {
  recordById: DataLoader<string, VisibleRecordRow | undefined>;
  recordsBySubjectId: DataLoader<string, VisibleRecordRow[]>;
  /** Organisations' items on a person's file that the viewer may read at least as related entries. */
  relatedRecordsBySubjectId: DataLoader<string, RelatedRecordRow[]>;
  /** The viewer's valid consent for a subject (id), if any. */
  consentBySubjectId: DataLoader<string, string | undefined>;
};
export type CreditRecordContext = SubgraphContext<CreditRecordLoaders>;

/** Loaders that fetch only what this request's viewer may read: the policy is part of every query. */
export function createCreditRecordLoaders(
  db: Kysely<RecordsDatabase>,
  scope: RequestScope,
): CreditRecordLoaders {
  const own = recordAccessFor(scope);
  const related = relatedEntryAccessFor(scope);
  return {
    recordById: new DataLoader(async (ids) =>
      indexBy(ids, await listRecordsByIds(db, ids.filter(isUuid), own), (row) => row.id),
    ),
    recordsBySubjectId: new DataLoader(async (subjectIds) =>
      groupBy(
        subjectIds,
        await listRecordsBySubjectIds(db, subjectIds.filter(isUuid), own),
        (row) => row.subject_id,
      ),
    ),
    relatedRecordsBySubjectId: new DataLoader(async (subjectIds) =>
      groupBy(
        subjectIds,
        await listRelatedRecordsBySubjectIds(db, subjectIds.filter(isUuid), related),
        (row) => row.related_subject_id,
      ),
    ),
    consentBySubjectId: new DataLoader(async (subjectIds) => {
      const consents = await findValidConsents(db, scope.viewer, scope.now, subjectIds.filter(isUuid));
      return subjectIds.map((id) => consents.get(id));
    }),
  };
}
