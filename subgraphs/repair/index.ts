import { buildSubgraph } from "../shared/build-subgraph-schema";
import type { SubgraphDefinition } from "../shared/definition";
import { createObjectionLoaders, type ObjectionContext, type ObjectionLoaders } from "./objection.loaders";
import { resolveObjectionReference } from "./objection.reference";
import { Objection } from "./objection.type";
import { SubjectObjectionsResolver } from "./subject/subject-objections.resolver";

export const repairSubgraph: SubgraphDefinition<ObjectionLoaders> = {
  name: "repair",
  build: () =>
    buildSubgraph<ObjectionContext>({
      resolvers: [SubjectObjectionsResolver],
      orphanedTypes: [Objection],
      references: { Objection: { __resolveReference: resolveObjectionReference } },
    }),
  createLoaders: createObjectionLoaders,
};
