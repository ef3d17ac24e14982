import { buildSubgraph } from "../shared/build-subgraph-schema";
import type { SubgraphDefinition } from "../shared/definition";
import { ConsentResolver } from "./consent.resolver";
import { CreditReportResolver } from "./credit-report.resolver";
import { createSubjectLoaders, type SubjectContext, type SubjectLoaders } from "./subject.loaders";
import { resolveSubjectReference } from "./subject.reference";
import { SubjectResolver } from "./subject.resolver";

export const subjectsSubgraph: SubgraphDefinition<SubjectLoaders> = {
  name: "subjects",
  build: () =>
    buildSubgraph<SubjectContext>({
      resolvers: [SubjectResolver, ConsentResolver, CreditReportResolver],
      references: { Subject: { __resolveReference: resolveSubjectReference } },
    }),
  createLoaders: createSubjectLoaders,
};
