import type { KeyObject } from "node:crypto";
import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import type { FormattedExecutionResult, GraphQLSchema } from "graphql";
import type { Kysely } from "kysely";
import type { Database } from "../../db/database";
import { chinaDateOf } from "../../domain/dates";
import type { WorkingDayCalendar } from "../../domain/working-days";
import type { Clock } from "../../platform/clock";
import type { DomainRules } from "../../platform/config";
import { DistinctBudget } from "../../platform/distinct-budget";
import { WeightBudget } from "../../platform/weight-budget";
import { toClientError } from "../../platform/errors";
import type { Logger } from "../../platform/logger";
import type { SubgraphRequestClaims } from "../../platform/subgraph-signature";
import { defineAbilityFor } from "../../policies/define-ability-for";
import type { DisclosureGroup } from "../../audit-log/chain";
import type { ReportPrinter } from "../reports/credit-report.printer";
import { DisclosureLog, type RequestScope, type SubgraphContext } from "./context";
import { PersonLookupBudget } from "./person-lookups";

export type SubgraphExecutorOptions<TLoaders> = Readonly<{
  name: string;
  schema: GraphQLSchema;
  db: Kysely<Database>;
  /** The service's credit-report signing key, independent of the bearer secret and the subgraph keys; the reports subgraph needs it. */
  reportSigningKey?: KeyObject | undefined;
  /** The worker pool the reports subgraph lays credit reports out in; closed when the executor stops. */
  reportPrinter?: ReportPrinter | undefined;
  logger: Logger;
  rules: DomainRules;
  /** The service's one clock: each request reads "now" from it once. */
  clock: Clock;
  calendar: WorkingDayCalendar;
  /** Builds this subgraph's DataLoaders for one request. */
  createLoaders: (db: Kysely<Database>, scope: RequestScope) => TLoaders;
}>;

/**
 * How a request's disclosures reach the gateway: `extensions` in the response's `extensions.disclosed`
 * (over HTTP), `handed-over` as the `DisclosureLog` object itself (in the gateway's process).
 */
export type DisclosureReport = "extensions" | "handed-over";

/** One operation as the gateway's query plan sends it to a subgraph. */
export type SubgraphOperation = Readonly<{
  query?: string | undefined;
  operationName?: string | null | undefined;
  variables?: Readonly<Record<string, unknown>> | null | undefined;
}>;

/** A subgraph's answer in the gateway's own process: what HTTP would carry, as objects. */
export type HandedOverAnswer = Readonly<{
  /** The HTTP status the answer would have had (400: the variables failed this subgraph's scalars). */
  status: number;
  result: FormattedExecutionResult;
  /** What this request disclosed, in place of `extensions.disclosed`. */
  disclosed: readonly DisclosureGroup[];
}>;

/**
 * One subgraph's schema behind Apollo Server, with the one per-request context and the one error mask,
 * whichever way the request arrives: over signed HTTP (server.ts) or from the gateway in its own process
 * (gateway/in-process-data-source.ts). Neither path builds a context or formats an error itself.
 * Outside its own subgraph the loaders' type is opaque (`unknown`, as app/subgraphs.ts holds them).
 */
export type SubgraphExecutor<TLoaders = unknown> = Readonly<{
  name: string;
  apollo: ApolloServer<SubgraphContext<TLoaders>>;
  /**
   * The context of one request, for the viewer the gateway vouches for: from a verified signature over
   * HTTP, from the gateway's own verified context in process. Everything in it is built anew.
   */
  contextFor(verified: SubgraphRequestClaims, report: DisclosureReport): SubgraphContext<TLoaders>;
  /**
   * Runs one operation for the gateway in its own process, for the viewer it verified: through the same
   * Apollo Server (parsing, validation, plugins, error mask) with a context from `contextFor`.
   */
  executeHandedOver(operation: SubgraphOperation, verified: SubgraphRequestClaims): Promise<HandedOverAnswer>;
  stop(): Promise<void>;
}>;

/** Builds and starts a subgraph's Apollo Server (no transport: see server.ts and the gateway's in-process data source). */
export async function createSubgraphExecutor<TLoaders>(
  options: SubgraphExecutorOptions<TLoaders>,
): Promise<SubgraphExecutor<TLoaders>> {
  const { name, logger } = options;
  // The person budget is kept in the database (one for every replica); report codes per serving instance.
  const personLookups = new PersonLookupBudget(options.db, options.rules.publicPersonLookupsPerHour);
  const reportCodes = new DistinctBudget(options.rules.reportCodesPerHour);
  const reportWeights = new WeightBudget(options.rules.reportWeightPerHour);
  // Logs whose summary travels in `extensions.disclosed`; a handed-over log is read by the gateway itself.
  const reportedInExtensions = new WeakSet<DisclosureLog>();
  const apollo = new ApolloServer<SubgraphContext<TLoaders>>({
    schema: options.schema,
    introspection: false,
    includeStacktraceInErrorResponses: false,
    // Signals are handled once, in scripts/bootstrap.ts, so shutdown runs in order.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    plugins: [
      // No HTTP caching of credit data, and its per-field hook wrapped every resolver (seen in a CPU
      // profile): off.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      {
        async requestDidStart() {
          return {
            async willSendResponse({ response, contextValue }) {
              if (response.body.kind !== "single" || !reportedInExtensions.has(contextValue.disclosures))
                return;
              const result = response.body.singleResult;
              result.extensions = { ...result.extensions, disclosed: contextValue.disclosures.summary() };
            },
          };
        },
      },
    ],
    formatError: (formatted, error) =>
      toClientError(formatted, error, (original) =>
        logger.error({ err: original, subgraph: name }, "subgraph error"),
      ),
  });
  await apollo.start();
  const contextFor = (
    verified: SubgraphRequestClaims,
    report: DisclosureReport,
  ): SubgraphContext<TLoaders> => {
    const disclosures = new DisclosureLog();
    if (report === "extensions") reportedInExtensions.add(disclosures);
    const now = options.clock.now();
    const base = {
      viewer: verified.viewer,
      ability: defineAbilityFor(verified.viewer),
      requestId: verified.requestId,
      caller: verified.caller,
      // Without the gateway's network claim (only tools that sign for themselves), the caller's own key stands in.
      network: verified.network ?? verified.caller,
      personLookups,
      reportCodes,
      reportSigningKey: options.reportSigningKey,
      reportPrinter: options.reportPrinter,
      reportWeights,
      db: options.db,
      disclosures,
      logger: logger.child({ requestId: verified.requestId, subgraph: name }),
      now,
      today: chinaDateOf(now),
      rules: options.rules,
      calendar: options.calendar,
    };
    return { ...base, loaders: options.createLoaders(options.db, base) };
  };
  return {
    name,
    apollo,
    contextFor,
    async executeHandedOver(operation, verified) {
      const contextValue = contextFor(verified, "handed-over");
      const response = await apollo.executeOperation(
        {
          query: operation.query,
          operationName: operation.operationName ?? undefined,
          variables: operation.variables ?? undefined,
        },
        { contextValue },
      );
      if (response.body.kind !== "single") throw new Error(`subgraph ${name} answered incrementally`);
      return {
        status: response.http.status ?? 200,
        result: response.body.singleResult,
        disclosed: contextValue.disclosures.summary(),
      };
    },
    async stop() {
      await Promise.all([apollo.stop(), options.reportPrinter?.close()]);
    },
  };
}
