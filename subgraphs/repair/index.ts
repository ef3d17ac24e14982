import { buildSubgraph } from "../shared/build-subgraph-schema";
import { confirmProvisionalDeadlines } from "./deadline.service";
import type { SubgraphDefinition } from "../shared/definition";
import { createObjectionLoaders, type ObjectionContext, type ObjectionLoaders } from "./objection.loaders";
import { resolveObjectionReference } from "./objection.reference";
import { Objection } from "./objection.type";
import { CreditRecordWorkflowResolver, ListEntryWorkflowResolver } from "./items/item-workflow.resolver";
import { CreditRecord, ListEntry } from "./items/item.type";
import { RepairResolver } from "./repair.resolver";
import { CalendarStatusResolver } from "./calendar-status.resolver";
import { CorrectionReachResolver } from "./correction-reach.resolver";
import { SubjectObjectionsResolver } from "./subject/subject-objections.resolver";

export const repairSubgraph: SubgraphDefinition<ObjectionLoaders> = {
  name: "repair",
  build: () =>
    buildSubgraph<ObjectionContext>({
      resolvers: [
        RepairResolver,
        SubjectObjectionsResolver,
        CreditRecordWorkflowResolver,
        ListEntryWorkflowResolver,
        CorrectionReachResolver,
        CalendarStatusResolver,
      ],
      orphanedTypes: [Objection, CreditRecord, ListEntry],
      references: { Objection: { __resolveReference: resolveObjectionReference } },
    }),
  createLoaders: createObjectionLoaders,
  beforeServing: async (db, services) => {
    await confirmProvisionalDeadlines(db, services);
  },
};
