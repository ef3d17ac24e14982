import { buildSubgraph } from "../shared/build-subgraph-schema";
import type { SubgraphDefinition } from "../shared/definition";
import { createListEntryLoaders, type ListEntryContext, type ListEntryLoaders } from "./list-entry.loaders";
import { resolveListEntryReference } from "./list-entry.reference";
import { ListEntryResolver } from "./list-entry.resolver";
import { PublicationReviewResolver } from "./publication-review.resolver";
import { ListEntry } from "./list-entry.type";
import { SubjectListEntriesResolver } from "./subject/subject-list-entries.resolver";

export const listsSubgraph: SubgraphDefinition<ListEntryLoaders> = {
  name: "lists",
  build: () =>
    buildSubgraph<ListEntryContext>({
      resolvers: [ListEntryResolver, PublicationReviewResolver, SubjectListEntriesResolver],
      orphanedTypes: [ListEntry],
      references: { ListEntry: { __resolveReference: resolveListEntryReference } },
    }),
  createLoaders: createListEntryLoaders,
};
