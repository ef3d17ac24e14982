import { buildSubgraph } from "../shared/build-subgraph-schema";
import type { SubgraphDefinition } from "../shared/definition";
import { createMeasureLoaders, type MeasureContext, type MeasureLoaders } from "./measure.loaders";
import { resolveMeasureReference } from "./measure.reference";
import { MeasureResolver } from "./measure.resolver";
import { ScreeningResolver } from "./screening.resolver";
import { Subject } from "./subject/subject.type";
import { SubjectMeasureApplicationsResolver } from "./subject/subject-measure-applications.resolver";
import { UnitReportResolver } from "./unit-report.resolver";

export const measuresSubgraph: SubgraphDefinition<MeasureLoaders> = {
  name: "measures",
  build: () =>
    buildSubgraph<MeasureContext>({
      resolvers: [MeasureResolver, ScreeningResolver, SubjectMeasureApplicationsResolver, UnitReportResolver],
      orphanedTypes: [Subject],
      references: { Measure: { __resolveReference: resolveMeasureReference } },
    }),
  createLoaders: createMeasureLoaders,
};
