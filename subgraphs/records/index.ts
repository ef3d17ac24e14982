import { buildSubgraph } from "../shared/build-subgraph-schema";
import type { SubgraphDefinition } from "../shared/definition";
import {
  createCreditRecordLoaders,
  type CreditRecordContext,
  type CreditRecordLoaders,
} from "./credit-record.loaders";
import { resolveCreditRecordReference } from "./credit-record.reference";
import { CreditRecordResolver } from "./credit-record.resolver";
import { CreditRecord } from "./credit-record.type";
import { SubjectRecordsResolver } from "./subject/subject-records.resolver";
import { SubjectRelatedEntriesResolver } from "./subject/subject-related-entries.resolver";

export const recordsSubgraph: SubgraphDefinition<CreditRecordLoaders> = {
  name: "records",
  build: () =>
    buildSubgraph<CreditRecordContext>({
      resolvers: [CreditRecordResolver, SubjectRecordsResolver, SubjectRelatedEntriesResolver],
      orphanedTypes: [CreditRecord],
      references: { CreditRecord: { __resolveReference: resolveCreditRecordReference } },
    }),
  createLoaders: createCreditRecordLoaders,
};
