import type { KeyObject } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { GraphQLSchema } from "graphql";
import type { Kysely } from "kysely";
import type { Database } from "../../db/database";
import type { WorkingDayCalendar } from "../../domain/working-days";
import type { Clock } from "../../platform/clock";
import type { DomainRules } from "../../platform/config";
import { toClientError } from "../../platform/errors";
import { BodyTooLargeError, executeWithApollo, parseJsonBody, readBody, writeGraphQLError } from "../../platform/http";
import { DistinctBudget } from "../../platform/distinct-budget";
import type { Logger } from "../../platform/logger";
import { ReplayGuard, SIGNATURE_HEADER, SignatureError, verifySubgraphRequest } from "../../platform/subgraph-signature";
import { inServerSpan } from "../../platform/telemetry";
import { defineAbilityFor } from "../../policies/define-ability-for";
import { DisclosureLog, type RequestScope, type SubgraphContext } from "./context";

export type SubgraphServerOptions<TLoaders> = Readonly<{
  name: string;
  schema: GraphQLSchema;
  db: Kysely<Database>;
  /** The Ed25519 public keys of the gateway this subgraph accepts signatures from (several while rotating). */
  verifyKeys: readonly KeyObject[];
  /** The service's credit-report signing key (issue 23), independent of the bearer secret and the subgraph keys; the subjects subgraph needs it. */
  reportSigningKey?: KeyObject;
  logger: Logger;
  maxBodyBytes: number;
  rules: DomainRules;
  /** The service's one clock: each request reads "now" from it once. */
  clock: Clock;
  calendar: WorkingDayCalendar;
  /** Builds this subgraph's DataLoaders for one request. */
  createLoaders: (db: Kysely<Database>, scope: RequestScope) => TLoaders;
}>;

export type RunningSubgraph = Readonly<{ name: string; url: string; stop(): Promise<void> }>;

/**
 * Serves one subgraph over HTTP. Every GraphQL request must carry the gateway's signature over this
 * very operation (see platform/subgraph-signature.ts): `_entities` and `_service` included, nothing is
 * answered to a caller that went around the gateway.
 */
export async function startSubgraphServer<TLoaders>(
  options: SubgraphServerOptions<TLoaders>,
  port: number,
  host: string,
): Promise<RunningSubgraph> {
  const { name, logger } = options;
  const replayGuard = new ReplayGuard();
  const personLookups = new DistinctBudget(options.rules.publicPersonLookupsPerHour);
  const reportCodes = new DistinctBudget(options.rules.reportCodesPerHour);
  const apollo = new ApolloServer<SubgraphContext<TLoaders>>({
    schema: options.schema,
    introspection: false,
    includeStacktraceInErrorResponses: false,
    // Signals are handled once, in scripts/bootstrap.ts, so shutdown runs in order.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    plugins: [
      // No HTTP caching of credit data, and its per-field hook wrapped every resolver (measured in
      // docs/performance.md): off.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      {
        async requestDidStart() {
          return {
            async willSendResponse({ response, contextValue }) {
              if (response.body.kind !== "single") return;
              const result = response.body.singleResult;
              result.extensions = { ...result.extensions, disclosed: contextValue.disclosures.summary() };
            },
          };
        },
      },
    ],
    formatError: (formatted, error) =>
      toClientError(formatted, error, (original) => logger.error({ err: original, subgraph: name }, "subgraph error")),
  });
  await apollo.start();

  const server: Server = createServer((request, response) => {
    void inServerSpan(`subgraph ${name}`, request.headers, async () => {
      const url = new URL(request.url ?? "/", "http://localhost");
      if (url.pathname === "/health") {
        response.end("ok");
        return;
      }
      if (url.pathname !== "/graphql") {
        writeGraphQLError(response, 404, "NOT_FOUND", "the GraphQL endpoint is /graphql");
        return;
      }
      if (request.method !== "POST") {
        writeGraphQLError(response, 405, "BAD_USER_INPUT", "subgraphs accept only POST from the gateway");
        return;
      }
      const body = parseJsonBody(request, await readBody(request, options.maxBodyBytes));
      const operation = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
      const signature = request.headers[SIGNATURE_HEADER];
      const claims = verifySubgraphRequest(
        options.verifyKeys,
        typeof signature === "string" ? signature : undefined,
        name,
        {
          query: typeof operation.query === "string" ? operation.query : undefined,
          operationName: typeof operation.operationName === "string" ? operation.operationName : null,
          variables: (operation.variables as Record<string, unknown> | undefined) ?? null,
        },
        replayGuard,
      );
      await executeWithApollo(apollo, request, response, body, async () => {
        const base = {
          viewer: claims.viewer,
          ability: defineAbilityFor(claims.viewer),
          requestId: claims.requestId,
          caller: claims.caller,
          personLookups,
          reportCodes,
          reportSigningKey: options.reportSigningKey,
          db: options.db,
          disclosures: new DisclosureLog(),
          logger: logger.child({ requestId: claims.requestId, subgraph: name }),
          now: options.clock.now(),
          rules: options.rules,
          calendar: options.calendar,
        };
        return { ...base, loaders: options.createLoaders(options.db, base) };
      });
    }).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
      } else if (error instanceof SignatureError) {
        logger.warn({ subgraph: name, reason: error.message }, "refused unsigned request");
        writeGraphQLError(response, 401, "UNAUTHENTICATED", "this subgraph answers only requests signed by the gateway");
      } else if (error instanceof BodyTooLargeError) {
        writeGraphQLError(response, 413, "BAD_USER_INPUT", error.message);
      } else {
        logger.error({ err: error, subgraph: name }, "subgraph request failed");
        writeGraphQLError(response, 500, "INTERNAL_SERVER_ERROR", "internal error");
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${address.port}/graphql`;
  logger.info({ subgraph: name, url }, "subgraph listening");
  return {
    name,
    url,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await apollo.stop();
    },
  };
}
