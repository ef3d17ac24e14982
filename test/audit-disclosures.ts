import { randomUUID } from "node:crypto";
import { appendAuditEntries } from "../audit-log/store";
import type { SubgraphName } from "../platform/supergraph-config";
import type { SubgraphContext } from "../subgraphs/shared/context";

/**
 * Appends to the audit chain one event for what `context`'s request disclosed, as the gateway audits a request
 * after it ran: for tests at a slice's height of what rests on the audit (correction notices, access logs).
 */
export async function auditDisclosuresOf(
  context: SubgraphContext<unknown>,
  subgraph: SubgraphName,
  operationName = "SliceTest",
): Promise<void> {
  const groups = context.disclosures.summary();
  await appendAuditEntries(context.db, [
    {
      id: randomUUID(),
      requestId: context.requestId,
      at: context.now,
      actor: context.viewer.actor,
      role: context.viewer.role,
      org: context.viewer.org,
      purpose: context.viewer.purpose,
      operationName,
      operationType: "query",
      documentHash: null,
      variables: {},
      clientAddress: null,
      outcome: "OK",
      errorCodes: [],
      consentIds: [...new Set(groups.flatMap((group) => group.consentIds))],
      durationMs: 1,
      accesses: groups.map((group) => ({ subgraph, ...group })),
    },
  ]);
}
