import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import type { AuditDatabase } from "./audit.database";
import { accessibleBy } from "../../policies/accessible-by";
import type { RequestScope, SubgraphContext } from "../shared/context";
import { isUuid } from "../shared/ids";
import { groupBy } from "../shared/loaders";
import { listAccessesBySubjectIds, type AccessRow } from "./audit-event.repository";

export type AuditLoaders = { accessesBySubjectId: DataLoader<string, AccessRow[]> };
export type AuditContext = SubgraphContext<AuditLoaders>;

export function createAuditLoaders(db: Kysely<AuditDatabase>, scope: RequestScope): AuditLoaders {
  const access = accessibleBy(scope.ability, "read", "AuditEvent", {
    subjectIdentifiers: { column: "member.subject_identifier" },
  });
  return {
    accessesBySubjectId: new DataLoader(async (subjectIds) =>
      groupBy(
        subjectIds,
        await listAccessesBySubjectIds(db, subjectIds.filter(isUuid), access),
        (row) => row.subject_id,
      ),
    ),
  };
}
