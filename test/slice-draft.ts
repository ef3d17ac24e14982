import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../db/database";
import { loadWorkingDayCalendar } from "../platform/calendar-files";
import { createLogger } from "../platform/logger";
import type { Viewer } from "../platform/viewer";
import { defineAbilityFor } from "../policies/define-ability-for";
import { DistinctBudget } from "../platform/distinct-budget";
import { WeightBudget } from "../platform/weight-budget";
import { DisclosureLog, type RequestScope, type SubgraphContext } from "../subgraphs/shared/context";
import { PersonLookupBudget } from "../subgraphs/shared/person-lookups";
import { startTestDatabase, type TestDatabase } from "./harness";

export type Slice = TestDatabase & {
  db: Kysely<Database>;
  now: Date;
  contextFor<L>(viewer: Partial<Viewer> & Pick<Viewer, "role">, createLoaders: (db: Kysely<Database>, scope: RequestScope) => L, now?: Date): SubgraphContext<L>;
};

export async function startSlice(now: string): Promise<Slice> {
  const database = await startTestDatabase();
  const db = database.connection.db;
  const config = database.config;
  const calendar = loadWorkingDayCalendar(config.calendarDir).calendar;
  const logger = createLogger(config);
  const personLookups = new PersonLookupBudget(db, config.rules.publicPersonLookupsPerHour);
  const pinned = new Date(now);
  return {
    ...database,
    db,
    now: pinned,
    contextFor(partial, createLoaders, at = pinned) {
      const viewer: Viewer = { actor: partial.role === "PUBLIC" ? null : `${partial.role.toLowerCase()}-t`, org: null, subject: null, purpose: null, ...partial };
      const base = {
        viewer,
        ability: defineAbilityFor(viewer),
        requestId: randomUUID(),
        caller: viewer.actor ?? "203.0.113.9",
        network: "203.0.113.0",
        personLookups,
        reportCodes: new DistinctBudget(config.rules.reportCodesPerHour),
        reportSigningKey: undefined,
        reportPrinter: undefined,
        reportWeights: new WeightBudget(config.rules.reportWeightPerHour),
        db,
        disclosures: new DisclosureLog(),
        logger,
        now: at,
        rules: config.rules,
        calendar,
      };
      return { ...base, loaders: createLoaders(db, base) };
    },
  };
}

/** The contract's error code a call is refused with (as the one error boundary maps it), or "OK". */
export async function refusalOf(call: () => Promise<unknown> | unknown): Promise<string> {
  try {
    await call();
  } catch (error) {
    const { clientErrorOf } = await import("../platform/errors");
    return clientErrorOf(error, () => {}).extensions.code;
  }
  return "OK";
}

/**
 * Writes to the audit chain what `context` disclosed, as the gateway would after the request: for a test of what
 * rests on the audit (correction notices, access logs) without a gateway.
 */
export async function auditDisclosuresOf(context: SubgraphContext<unknown>, subgraph: string, operationName = "Test"): Promise<void> {
  const { appendAuditEntries } = await import("../audit-log/store");
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
      accesses: groups.map((group) => ({ subgraph, entityType: group.entityType, tiers: group.tiers, subjectIds: group.subjectIds, subjectIdentifiers: group.subjectIdentifiers, counts: group.counts, itemIds: group.itemIds })),
    },
  ]);
}
