import { randomUUID, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import type { Kysely } from "kysely";
import { Agent } from "undici";
import type { Database } from "../db/database";
import type { Clock } from "../platform/clock";
import type { Config, OidcSettings } from "../platform/config";
import { CreditError, toClientError } from "../platform/errors";
import { runWithApollo, writeApolloResponse, writeRefusal } from "../platform/http";
import type { Logger } from "../platform/logger";
import { PUBLIC_VIEWER } from "../platform/viewer";
import { publishedReportKey, REPORT_KEY_PATH } from "../platform/report-signature";
import { AuditLog } from "../audit-log/writer";
import type { BearerTrust } from "./auth";
import { createOidcIssuer } from "./oidc";
import { corsHeadersFor } from "./cors";
import { clientAddressOf, trustedProxiesOf } from "./client-address";
import {
  SharedInFlightBudget,
  SharedRateLimiter,
  type AdmissionBudget,
  type RateBudget,
} from "./shared-budgets";
import { InFlightBudget } from "./admission";
import { RateLimiter } from "./rate-limit";
import { argumentCostsOf, DEFAULT_QUERY_LIMITS, type QueryLimits } from "./query-limits";
import type { GatewayContext } from "./context";
import { SigningDataSource } from "./data-source";
import { InProcessDataSource, type InProcessSubgraph } from "./in-process-data-source";
import { errorCodesOf, NOTHING_SENT, runPipeline, type GatewayPlugin, type GatewayRequest } from "./pipeline";
import { createAuditPlugin } from "./plugins/audit.plugin";
import { useOperationResolution } from "./plugins/use-operation-resolution";
import { UNRESOLVED_OPERATION, useMetrics } from "./plugins/use-metrics";
import { useRefusalAudit } from "./plugins/use-refusal-audit";
import { useRefusedAddresses } from "./plugins/use-refused-addresses";
import { useGraphQLEndpoint } from "./plugins/use-graphql-endpoint";
import { useBody } from "./plugins/use-body";
import { useAuthentication } from "./plugins/use-authentication";
import { useInputHygiene } from "./plugins/use-input-hygiene";
import { useQueryLimits } from "./plugins/use-query-limits";
import { useRateLimit } from "./plugins/use-rate-limit";
import { useAdmission, type AdmittedHere } from "./plugins/use-admission";
import {
  GatewayMetrics,
  operationLabelsOf,
  outcomeLabel,
  serveMetrics,
  type PoolUse,
  type SubgraphFetchOutcome,
} from "./metrics";
import { checkReadiness } from "./readiness";
import type { PortalServer } from "./portal";
import { describeCurrentSpan, inServerSpan } from "../platform/telemetry";
import type { WorkingDayCalendar } from "../domain/working-days";

export type GatewayOptions = Readonly<{
  supergraphSdl: string;
  /** Where each subgraph listens; overrides the routing URLs in the supergraph. */
  subgraphUrls: Readonly<Record<string, string>>;
  /**
   * Subgraphs executed in this process instead (the one-process shape): no HTTP, no signature — the
   * process is the trust boundary (docs/architecture.md). A subgraph named here is never fetched over HTTP.
   */
  inProcessSubgraphs?: Readonly<Record<string, InProcessSubgraph>>;
  db: Kysely<Database>;
  jwtSecret: string;
  /** The Ed25519 private key subgraph fetches are signed with; independent of `jwtSecret`. */
  signingKey: KeyObject;
  /** The credit-report public key published at `/.well-known/credit-report-key`; absent: nothing published. */
  reportPublicKey?: KeyObject;
  logger: Logger;
  production: boolean;
  subgraphTimeoutMs: number;
  maxBodyBytes: number;
  queryLimits?: QueryLimits;
  /** Units (root fields, aliases, items of costed arguments such as screened identifiers) each caller may spend per minute. */
  rateLimitPerMinute: number;
  /** Units all callers together may have in flight at once; past it, requests are refused (SERVICE_UNAVAILABLE). */
  maxInFlightCost: number;
  /** Request bytes that add one unit to a request's cost (default 1 KiB; plugins/use-query-limits.ts). */
  bodyBytesPerUnit?: number;
  /** Audit every operation (default). Only the benchmarks turn it off, to measure its cost. */
  audit?: boolean;
  /** The service's one clock: audit events are stamped from it. */
  clock: Clock;
  /** The longest a bearer token may live, `iat` to `exp`. */
  maxTokenAgeSeconds: number;
  /** An OpenID Connect issuer whose tokens are accepted beside the HS256 ones; its keys are fetched from its JWKS. */
  oidc?: OidcSettings | undefined;
  /** Least time between two fetches of the issuer's keys (default 30 s); tests shorten it to see rotation at once. */
  oidcKeyRefetchCooldownMs?: number;
  /** Browser origins allowed to call (CORS), exact; empty or absent: none. */
  corsOrigins?: readonly string[];
  /** Proxies (CIDRs) whose `X-Forwarded-For` names the client; empty or absent: the socket's peer is the client. */
  trustedProxies?: readonly string[];
  /**
   * Keep the rate buckets and the in-flight budget in the database, shared by every gateway replica (PostgreSQL);
   * false or absent: in this process (PGlite serves one process anyway).
   */
  sharedBudgets?: boolean;
  /** The bearer of Prometheus scrapers for `/metrics`; unset: `/metrics` answers 404. */
  metricsToken?: string;
  /** The working-day calendar, reported in `/metrics` (a year's notice loaded or not). */
  calendar?: WorkingDayCalendar;
  /** The people's portal served at `/` (gateway/portal.ts); absent: the gateway serves the API only. */
  portal?: PortalServer;
  /** The database pool's connections, reported in `/metrics`; null or absent for the embedded database. */
  poolUse?: () => PoolUse | null;
}>;

export type RunningGateway = Readonly<{ url: string; port: number; stop(): Promise<void> }>;

/** The gateway options that come straight from the configuration. */
export function gatewaySettings(
  config: Config,
): Pick<
  GatewayOptions,
  | "production"
  | "subgraphTimeoutMs"
  | "maxBodyBytes"
  | "rateLimitPerMinute"
  | "maxInFlightCost"
  | "bodyBytesPerUnit"
  | "clock"
  | "maxTokenAgeSeconds"
  | "oidc"
  | "corsOrigins"
  | "trustedProxies"
  | "sharedBudgets"
  | "metricsToken"
> {
  return {
    clock: config.clock,
    production: config.env === "production",
    subgraphTimeoutMs: config.subgraphTimeoutMs,
    maxBodyBytes: config.maxBodyBytes,
    rateLimitPerMinute: config.rateLimitPerMinute,
    maxInFlightCost: config.maxInFlightCost,
    bodyBytesPerUnit: config.bodyBytesPerUnit,
    maxTokenAgeSeconds: config.maxTokenAgeSeconds,
    oidc: config.oidc,
    corsOrigins: config.corsOrigins,
    trustedProxies: config.trustedProxies,
    sharedBudgets: config.database.kind === "postgres",
    metricsToken: config.metricsToken,
  };
}

const REQUEST_ID_HEADER = "x-request-id";

/** How long a shared admission counts at most: a request may make several subgraph fetches, each bounded by the timeout. */
function admissionLeaseSeconds(subgraphTimeoutMs: number): number {
  return Math.max(60, Math.ceil((3 * subgraphTimeoutMs) / 1000));
}

/**
 * The gateway: verifies bearer tokens, gives every request an id, plans over the static supergraph,
 * signs each subgraph fetch, audits every operation (fail closed) and masks errors to contract codes.
 */
export async function startGateway(
  options: GatewayOptions,
  port: number,
  host: string,
): Promise<RunningGateway> {
  const { logger } = options;
  const bearerTrust: BearerTrust = {
    secret: new TextEncoder().encode(options.jwtSecret),
    oidc: options.oidc
      ? await createOidcIssuer(options.oidc, { rotationCooldownMs: options.oidcKeyRefetchCooldownMs })
      : null,
  };
  const corsOrigins = new Set(options.corsOrigins ?? []);
  const trustedProxies = trustedProxiesOf(options.trustedProxies ?? []);
  const rateLimiter: RateBudget = options.sharedBudgets
    ? new SharedRateLimiter(options.db, "rate", options.rateLimitPerMinute, logger)
    : new RateLimiter(options.rateLimitPerMinute);
  const inFlight: AdmissionBudget = options.sharedBudgets
    ? new SharedInFlightBudget(
        options.db,
        options.maxInFlightCost,
        admissionLeaseSeconds(options.subgraphTimeoutMs),
        logger,
      )
    : new InFlightBudget(options.maxInFlightCost);
  const admittedHere: AdmittedHere = { cost: 0 };
  const metrics = new GatewayMetrics({
    poolUse: options.poolUse,
    inFlightCost: () => admittedHere.cost,
    calendar: options.calendar,
    clock: options.clock,
    operations: operationLabelsOf(options.supergraphSdl),
  });
  const auditLog = new AuditLog(options.db, undefined, (size, seconds, failed) =>
    metrics.recordAuditBatch(size, seconds, failed),
  );
  const audited = options.audit ?? true;
  const subgraphConnections = new Agent({ keepAliveTimeout: 30_000 });
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    // Apollo re-validates the supergraph at every start unless NODE_ENV is production (~50 ms each, and the tests
    // start ~70): the file is what @apollo/composition composed, validated there, and app/composition.test.ts
    // fails when it is not what the subgraphs compose to now.
    validateSupergraph: false,
    buildService: ({ name, url }) => {
      const observeFetch = (outcome: SubgraphFetchOutcome, seconds: number) =>
        metrics.recordSubgraphFetch(name, outcome, seconds);
      const executor = options.inProcessSubgraphs?.[name];
      if (executor)
        return new InProcessDataSource({
          executor,
          timeoutMs: options.subgraphTimeoutMs,
          logger,
          observeFetch,
        });
      const subgraphUrl = options.subgraphUrls[name] ?? url;
      if (!subgraphUrl) throw new Error(`no URL for subgraph ${name}`);
      return new SigningDataSource({
        name,
        url: subgraphUrl,
        signingKey: options.signingKey,
        timeoutMs: options.subgraphTimeoutMs,
        logger,
        dispatcher: subgraphConnections,
        observeFetch,
      });
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !options.production,
    // No "Did you mean …?" suggestions in production: they disclose the schema piece by piece.
    hideSchemaDetailsFromClientErrors: options.production,
    includeStacktraceInErrorResponses: false,
    // Signals are handled once, in scripts/bootstrap.ts, so shutdown runs in order.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    plugins: [
      ...(audited ? [createAuditPlugin({ auditLog, logger })] : []),
      useOperationResolution(),
      useMetrics(),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
    ],
    formatError: (formatted, error) =>
      toClientError(formatted, error, (original) => logger.error({ err: original }, "gateway error")),
  });
  await apollo.start();

  /** Refused requests are charged to their address: a caller that is mostly refused is soon refused early. */
  const refusals: RateBudget = options.sharedBudgets
    ? new SharedRateLimiter(options.db, "refusals", options.rateLimitPerMinute, logger)
    : new RateLimiter(options.rateLimitPerMinute);

  /**
   * The request pipeline, outermost first. Every request to the endpoint gets exactly one audit event: the
   * audit plugin writes it for operations Apollo ran, `useRefusalAudit` for requests refused before (by a
   * plugin here or by Apollo's HTTP checks). Nothing is written to the client until its event is.
   */
  const plugins: GatewayPlugin[] = [
    ...(audited ? [useRefusalAudit({ auditLog, logger })] : []),
    useRefusedAddresses({ refusals, metrics }),
    useGraphQLEndpoint({ corsOrigins }),
    useBody({ maxBodyBytes: options.maxBodyBytes }),
    useAuthentication({ trust: bearerTrust, maxTokenAgeSeconds: options.maxTokenAgeSeconds }),
    useInputHygiene(),
    useQueryLimits(
      options.queryLimits ?? DEFAULT_QUERY_LIMITS,
      argumentCostsOf(options.supergraphSdl),
      options.bodyBytesPerUnit,
    ),
    useRateLimit({ budget: rateLimiter, metrics }),
    useAdmission({ budget: inFlight, admittedHere, metrics }),
  ];

  const handleRequest = async (
    http: IncomingMessage,
    response: ServerResponse,
    requestId: string,
    path: string,
  ) => {
    const context: GatewayContext = {
      viewer: PUBLIC_VIEWER,
      requestId,
      clientAddress: clientAddressOf(
        http.socket.remoteAddress,
        http.headers["x-forwarded-for"],
        trustedProxies,
      ),
      startedAt: options.clock.now().getTime(),
      startedAtMonotonic: performance.now(),
      disclosures: [],
      audit: { written: !audited },
      observed: { operation: UNRESOLVED_OPERATION },
    };
    const request: GatewayRequest = {
      http,
      path,
      context,
      headers: { [REQUEST_ID_HEADER]: requestId, ...corsHeadersFor(http.headers, corsOrigins) },
      operation: NOTHING_SENT,
      cost: 1,
      bodyBytes: 0,
    };
    const answer = await runPipeline(
      plugins,
      request,
      () => runWithApollo(apollo, http, request.operation.body, async () => context),
      (error) => logger.error({ err: error, requestId }, "gateway request failed"),
    );
    await writeApolloResponse(response, answer, request.headers);
    observeRequest(context, answer.status ?? 200, context.observed.errorCodes?.() ?? errorCodesOf(answer));
  };

  /**
   * The request's one log line and its metrics: id, operation (root fields), role, outcome, status and
   * duration — no identifiers, no variables, no client-chosen operation name.
   */
  function observeRequest(context: GatewayContext, status: number, errorCodes: readonly string[]): void {
    const seconds = (performance.now() - context.startedAtMonotonic) / 1000;
    const operation = metrics.operationLabel(context.observed.operation);
    const outcome = outcomeLabel(errorCodes);
    metrics.recordRequest({ operation, role: context.viewer.role, outcome, seconds });
    describeCurrentSpan({
      "credit.request_id": context.requestId,
      "credit.operation": operation,
      "credit.role": context.viewer.role,
      "credit.outcome": outcome,
      "http.response.status_code": status,
    });
    logger.info(
      {
        requestId: context.requestId,
        operation,
        role: context.viewer.role,
        outcome,
        status,
        durationMs: Math.round(seconds * 1000),
      },
      "request",
    );
  }

  /** The public half of the report key, for anyone to verify a report offline; no credit data, so not audited. */
  const writeReportKey = (response: ServerResponse): void => {
    if (!options.reportPublicKey) {
      writeRefusal(
        response,
        new CreditError("NOT_FOUND", "this gateway publishes no credit-report key", {
          http: { status: 404 },
        }),
        () => {},
      );
      return;
    }
    response.setHeader("content-type", "application/json; charset=utf-8");
    response.setHeader("cache-control", "public, max-age=3600");
    response.end(JSON.stringify(publishedReportKey(options.reportPublicKey)));
  };

  const server = createServer((request, response) => {
    const requestId = randomUUID();
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const serveApi = (): Promise<void> =>
      path === "/health"
        ? Promise.resolve(void response.end("ok"))
        : path === REPORT_KEY_PATH
          ? Promise.resolve(writeReportKey(response))
          : path === "/ready"
            ? checkReadiness(
                options.db,
                options.subgraphUrls,
                Object.keys(options.inProcessSubgraphs ?? {}),
              ).then((readiness) => {
                response.statusCode = readiness.ready ? 200 : 503;
                response.setHeader("content-type", "application/json");
                response.end(JSON.stringify(readiness));
              })
            : path === "/metrics"
              ? serveMetrics(request, response, metrics, options.metricsToken)
              : inServerSpan(
                  `gateway ${request.method ?? "GET"} ${path === "/graphql" ? path : "other"}`,
                  request.headers,
                  () => handleRequest(request, response, requestId, path),
                );
    const portal = options.portal;
    const handled = portal
      ? portal.handle(request, response, path).then((served) => (served ? undefined : serveApi()))
      : serveApi();
    handled.catch((error: unknown) => {
      logger.error({ err: error, requestId }, "gateway request failed");
      if (response.headersSent) response.destroy();
      else writeRefusal(response, error, () => {}, { [REQUEST_ID_HEADER]: requestId });
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host === "0.0.0.0" ? "localhost" : host}:${address.port}/graphql`;
  logger.info({ url }, "gateway listening");
  return {
    url,
    port: address.port,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await apollo.stop();
      await subgraphConnections.close();
      await auditLog.drain();
    },
  };
}
