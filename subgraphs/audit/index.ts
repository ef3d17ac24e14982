import { buildSubgraph } from "../shared/build-subgraph-schema";
import type { SubgraphDefinition } from "../shared/definition";
import { createAuditLoaders, type AuditContext, type AuditLoaders } from "./audit-event.loaders";
import { AuditEventResolver } from "./audit-event.resolver";
import { Subject } from "./subject/subject.type";
import { SubjectAccessLogResolver } from "./subject/subject-access-log.resolver";

export const auditSubgraph: SubgraphDefinition<AuditLoaders> = {
  name: "audit",
  build: () =>
    buildSubgraph<AuditContext>({
      resolvers: [AuditEventResolver, SubjectAccessLogResolver],
      orphanedTypes: [Subject],
    }),
  createLoaders: createAuditLoaders,
};
