import { buildSubgraph } from "../shared/build-subgraph-schema";
import type { SubgraphDefinition } from "../shared/definition";
import { ConsentResolver } from "./consent.resolver";
import { subjectLoadersWith, type SubjectContext, type SubjectLoaders } from "./subject.loaders";
import type { PublicInformation } from "./subject.policy";
import { resolveSubjectReference } from "./subject.reference";
import { SubjectResolver } from "./subject.resolver";

/** What the subjects subgraph is given by the composition root (app/): what higher slices define for it. */
export type SubjectsDependencies = Readonly<{ publicInformation: PublicInformation }>;

export const subjectsSubgraph = (dependencies: SubjectsDependencies): SubgraphDefinition<SubjectLoaders> => ({
  name: "subjects",
  build: () =>
    buildSubgraph<SubjectContext>({
      resolvers: [SubjectResolver, ConsentResolver],
      references: { Subject: { __resolveReference: resolveSubjectReference } },
    }),
  createLoaders: subjectLoadersWith(dependencies.publicInformation),
});
