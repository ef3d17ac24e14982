import { buildSubgraph } from "../shared/build-subgraph-schema";
import type { SubgraphDefinition } from "../shared/definition";
import type { PublicInformation } from "../subjects/subject.registry";
import {
  creditReportLoadersWith,
  type CreditReportContext,
  type CreditReportLoaders,
} from "./credit-report.loaders";
import { CreditReportResolver } from "./credit-report.resolver";

/** What the reports subgraph is given by the composition root (app/). */
export type ReportsDependencies = Readonly<{ publicInformation: PublicInformation }>;

export const reportsSubgraph = (
  dependencies: ReportsDependencies,
): SubgraphDefinition<CreditReportLoaders> => ({
  name: "reports",
  build: () => buildSubgraph<CreditReportContext>({ resolvers: [CreditReportResolver] }),
  createLoaders: creditReportLoadersWith(dependencies.publicInformation),
});
