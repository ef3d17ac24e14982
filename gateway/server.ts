import { randomUUID, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer, type HTTPGraphQLResponse } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { Kysely } from "kysely";
import { Agent } from "undici";
import type { Database } from "../db/database";
import type { Clock } from "../platform/clock";
import type { Config, OidcSettings } from "../platform/config";
import { CreditError, ServiceUnavailableError, toClientError } from "../platform/errors";
import { BodyTooLargeError, parseJsonBody, readBody, runWithApollo, writeApolloResponse, writeGraphQLError } from "../platform/http";
import { walkJson } from "../platform/json-walk";
import { isUnstorableText } from "../platform/storable-text";
import type { Logger } from "../platform/logger";
import { PUBLIC_VIEWER } from "../platform/viewer";
import { publishedReportKey, REPORT_KEY_PATH } from "../platform/report-signature";
import { AuditLog } from "../audit-log/writer";
import { authenticate, withPurpose, type BearerTrust } from "./auth";
import { createOidcIssuer } from "./oidc";
import { answerPreflight, corsHeadersFor, isPreflight } from "./cors";
import { clientAddressOf, trustedProxiesOf } from "./client-address";
import { SharedInFlightBudget, SharedRateLimiter, type AdmissionBudget, type RateBudget } from "./shared-budgets";
import { InFlightBudget } from "./admission";
import { RateLimiter } from "./rate-limit";
import { checkQueryLimits, DEFAULT_QUERY_LIMITS, type QueryLimits } from "./query-limits";
import { addressKeyOf, callerOf, type GatewayContext } from "./context";
import { SigningDataSource } from "./data-source";
import { InProcessDataSource, type InProcessSubgraph } from "./in-process-data-source";
import { AUDIT_UNAVAILABLE_MESSAGE, createAuditPlugin, recordAuditEvent } from "./plugins/audit.plugin";
import { useOperationResolution } from "./plugins/use-operation-resolution";
import { GatewayMetrics, outcomeLabel, serveMetrics, type PoolUse, type SubgraphFetchOutcome } from "./metrics";
import { UNRESOLVED_OPERATION, useMetrics } from "./plugins/use-metrics";
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
  /** The credit-report public key published at `/.well-known/credit-report-key` (issue 23); absent: nothing published. */
  reportPublicKey?: KeyObject;
  logger: Logger;
  production: boolean;
  subgraphTimeoutMs: number;
  maxBodyBytes: number;
  queryLimits?: QueryLimits;
  /** Units (root fields, aliases, screened identifiers) each caller may spend per minute. */
  rateLimitPerMinute: number;
  /** Units all callers together may have in flight at once; past it, requests are refused (SERVICE_UNAVAILABLE). */
  maxInFlightCost: number;
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
): Pick<GatewayOptions, "production" | "subgraphTimeoutMs" | "maxBodyBytes" | "rateLimitPerMinute" | "maxInFlightCost" | "clock" | "maxTokenAgeSeconds" | "oidc" | "corsOrigins" | "trustedProxies" | "sharedBudgets" | "metricsToken"> {
  return {
    clock: config.clock,
    production: config.env === "production",
    subgraphTimeoutMs: config.subgraphTimeoutMs,
    maxBodyBytes: config.maxBodyBytes,
    rateLimitPerMinute: config.rateLimitPerMinute,
    maxInFlightCost: config.maxInFlightCost,
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

/** HTTP status of a request refused before execution, by code; anything else is 400. */
const REFUSAL_STATUS: Partial<Record<string, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, RATE_LIMITED: 429, SERVICE_UNAVAILABLE: 503 };

type Refusal = Readonly<{ status: number; code: string; message: string; details: Readonly<Record<string, unknown>> }>;

function rateLimited(retryAfter: number, headers: Record<string, string>): CreditError {
  headers["retry-after"] = String(retryAfter);
  return new CreditError("RATE_LIMITED", `too many requests from you; retry in ${retryAfter} s`, { retryAfterSeconds: retryAfter });
}

/** The contract codes of an answer Apollo refused at the HTTP level (bad JSON, CSRF, batches, methods). */
function errorCodesOf(result: HTTPGraphQLResponse): string[] {
  if (result.body.kind !== "complete" || result.body.string === "") return [];
  try {
    const parsed = JSON.parse(result.body.string) as { errors?: Array<{ extensions?: { code?: unknown } }> };
    return (parsed.errors ?? []).map((error) => String(error.extensions?.code ?? "BAD_USER_INPUT"));
  } catch {
    return ["BAD_USER_INPUT"];
  }
}

/** Text PostgreSQL cannot store is refused here, before it reaches any query (or the audit) as an internal error. */
function containsUnstorableText(value: unknown): boolean {
  for (const { key, value: child } of walkJson(value)) {
    if ((typeof key === "string" && isUnstorableText(key)) || (typeof child === "string" && isUnstorableText(child))) return true;
  }
  return false;
}

/** Query limits apply to POST bodies and GET query strings alike, before Apollo sees the request; returns the operation's cost. */
function refuseOverLimits(request: IncomingMessage, body: unknown, limits: QueryLimits): number {
  const url = new URL(request.url ?? "/", "http://localhost");
  const operation = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const query = typeof operation.query === "string" ? operation.query : url.searchParams.get("query");
  if (!query) return 1;
  let variables = operation.variables;
  if (variables === undefined && url.searchParams.has("variables")) {
    try {
      variables = JSON.parse(url.searchParams.get("variables")!);
    } catch {
      variables = undefined;
    }
  }
  if (containsUnstorableText(variables)) {
    throw new CreditError("BAD_USER_INPUT", "text may not contain the NUL character (U+0000) or a lone UTF-16 surrogate; remove them from the variables", { argument: "variables" });
  }
  const { breach, cost } = checkQueryLimits(query, variables, limits);
  if (breach) throw new CreditError("QUERY_TOO_COMPLEX", `${breach.message} (limit ${breach.limit} = ${breach.max}); simplify or split the operation`, { limit: breach.limit });
  return cost;
}

/**
 * The gateway: verifies bearer tokens, gives every request an id, plans over the static supergraph,
 * signs each subgraph fetch, audits every operation (fail closed) and masks errors to contract codes.
 */
export async function startGateway(options: GatewayOptions, port: number, host: string): Promise<RunningGateway> {
  const { logger } = options;
  const bearerTrust: BearerTrust = {
    secret: new TextEncoder().encode(options.jwtSecret),
    oidc: options.oidc ? await createOidcIssuer(options.oidc, { rotationCooldownMs: options.oidcKeyRefetchCooldownMs }) : null,
  };
  const corsOrigins = new Set(options.corsOrigins ?? []);
  const trustedProxies = trustedProxiesOf(options.trustedProxies ?? []);
  const rateLimiter: RateBudget = options.sharedBudgets
    ? new SharedRateLimiter(options.db, "rate", options.rateLimitPerMinute, logger)
    : new RateLimiter(options.rateLimitPerMinute);
  const inFlight: AdmissionBudget = options.sharedBudgets
    ? new SharedInFlightBudget(options.db, options.maxInFlightCost, admissionLeaseSeconds(options.subgraphTimeoutMs), logger)
    : new InFlightBudget(options.maxInFlightCost);
  // The cost this replica admitted and has not finished (with shared budgets the others' is in the database).
  let admittedHere = 0;
  const metrics = new GatewayMetrics({ poolUse: options.poolUse, inFlightCost: () => admittedHere, calendar: options.calendar, clock: options.clock });
  const auditLog = new AuditLog(options.db, undefined, (size, seconds, failed) => metrics.recordAuditBatch(size, seconds, failed));
  const audited = options.audit ?? true;
  const subgraphConnections = new Agent({ keepAliveTimeout: 30_000 });
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => {
      const observeFetch = (outcome: SubgraphFetchOutcome, seconds: number) => metrics.recordSubgraphFetch(name, outcome, seconds);
      const executor = options.inProcessSubgraphs?.[name];
      if (executor) return new InProcessDataSource({ executor, timeoutMs: options.subgraphTimeoutMs, logger, observeFetch });
      const subgraphUrl = options.subgraphUrls[name] ?? url;
      if (!subgraphUrl) throw new Error(`no URL for subgraph ${name}`);
      return new SigningDataSource({ name, url: subgraphUrl, signingKey: options.signingKey, timeoutMs: options.subgraphTimeoutMs, logger, dispatcher: subgraphConnections, observeFetch });
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
   * Every request to the endpoint ends here with exactly one audit event: the audit plugin writes it for
   * operations Apollo ran; requests refused before (by us or by Apollo's HTTP checks) get theirs here.
   * Nothing is written to the client until its event is.
   */
  const handleRequest = async (request: IncomingMessage, response: ServerResponse, requestId: string, graphqlEndpoint: boolean) => {
    const context: GatewayContext = {
      viewer: PUBLIC_VIEWER,
      requestId,
      clientAddress: clientAddressOf(request.socket.remoteAddress, request.headers["x-forwarded-for"], trustedProxies),
      startedAt: options.clock.now().getTime(),
      startedAtMonotonic: performance.now(),
      disclosures: [],
      audit: { written: !audited },
      observed: { operation: UNRESOLVED_OPERATION },
    };
    const headers: Record<string, string> = { [REQUEST_ID_HEADER]: requestId, ...corsHeadersFor(request.headers, corsOrigins) };
    const addressKey = addressKeyOf(context);
    let body: unknown;
    let result: HTTPGraphQLResponse | null = null;
    let refusal: Refusal | null = null;
    try {
      const refusedFor = await refusals.secondsUntil(addressKey, 1);
      if (refusedFor > 0) {
        metrics.recordRefusal("refused_address");
        throw rateLimited(refusedFor, headers);
      }
      if (!graphqlEndpoint) throw new CreditError("NOT_FOUND", "the GraphQL endpoint is /graphql");
      if (isPreflight(request.method, request.headers)) {
        result = answerPreflight(request.headers, corsOrigins);
      } else {
        body = request.method === "POST" ? parseJsonBody(request, await readBody(request, options.maxBodyBytes)) : undefined;
        context.viewer = await authenticate(request.headers, bearerTrust, options.maxTokenAgeSeconds);
        context.viewer = withPurpose(context.viewer, request.headers);
        const cost = refuseOverLimits(request, body, options.queryLimits ?? DEFAULT_QUERY_LIMITS);
        const retryAfter = await rateLimiter.take(callerOf(context), cost);
        if (retryAfter > 0) {
          metrics.recordRefusal("rate_limited");
          throw rateLimited(retryAfter, headers);
        }
        const release = await inFlight.admit(cost);
        if (!release) {
          metrics.recordRefusal("admission");
          const busy = new ServiceUnavailableError("the service");
          headers["retry-after"] = String(busy.extensions.retryAfterSeconds);
          throw busy;
        }
        admittedHere += cost;
        try {
          result = await runWithApollo(apollo, request, body, async () => context);
        } finally {
          admittedHere -= cost;
          await release();
        }
      }
    } catch (error) {
      refusal = refusalOf(error, requestId);
    }
    if (refusal || (result!.status ?? 200) >= 400) await refusals.take(addressKey, 1);
    if (!context.audit.written) {
      const operation = typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
      try {
        await recordAuditEvent(auditLog, {
          context,
          operationName: typeof operation.operationName === "string" ? operation.operationName : null,
          operationType: null,
          document: typeof operation.query === "string" ? operation.query : null,
          variables: operation.variables,
          executed: false,
          errorCodes: refusal ? [refusal.code] : errorCodesOf(result!),
        });
      } catch (auditError) {
        logger.error({ err: auditError, requestId }, "audit unavailable while refusing a request");
        writeGraphQLError(response, 503, "AUDIT_UNAVAILABLE", AUDIT_UNAVAILABLE_MESSAGE, headers);
        observeRequest(context, 503, ["AUDIT_UNAVAILABLE"]);
        return;
      }
    }
    if (refusal) {
      writeGraphQLError(response, refusal.status, refusal.code, refusal.message, headers, refusal.details);
      observeRequest(context, refusal.status, [refusal.code]);
    } else {
      await writeApolloResponse(response, result!, headers);
      observeRequest(context, result!.status ?? 200, context.observed.errorCodes?.() ?? errorCodesOf(result!));
    }
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
    describeCurrentSpan({ "credit.request_id": context.requestId, "credit.operation": operation, "credit.role": context.viewer.role, "credit.outcome": outcome, "http.response.status_code": status });
    logger.info({ requestId: context.requestId, operation, role: context.viewer.role, outcome, status, durationMs: Math.round(seconds * 1000) }, "request");
  }

  /** What the client is told when a request is refused before Apollo runs it; anything unexpected is logged and masked. */
  function refusalOf(error: unknown, requestId: string): Refusal {
    if (error instanceof CreditError) return { status: REFUSAL_STATUS[error.code] ?? 400, code: error.code, message: error.message, details: error.extensions };
    if (error instanceof BodyTooLargeError) return { status: 413, code: "QUERY_TOO_COMPLEX", message: `${error.message}; send a smaller document`, details: { limit: "maxBodyBytes" } };
    logger.error({ err: error, requestId }, "gateway request failed");
    return { status: 500, code: "INTERNAL_SERVER_ERROR", message: "internal error", details: {} };
  }


  /** The public half of the report key, for anyone to verify a report offline; no credit data, so not audited. */
  const writeReportKey = (response: ServerResponse): void => {
    if (!options.reportPublicKey) {
      writeGraphQLError(response, 404, "NOT_FOUND", "this gateway publishes no credit-report key");
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
          ? checkReadiness(options.db, options.subgraphUrls, Object.keys(options.inProcessSubgraphs ?? {})).then((readiness) => {
              response.statusCode = readiness.ready ? 200 : 503;
              response.setHeader("content-type", "application/json");
              response.end(JSON.stringify(readiness));
            })
          : path === "/metrics"
            ? serveMetrics(request, response, metrics, options.metricsToken)
            : inServerSpan(`gateway ${request.method ?? "GET"} ${path === "/graphql" ? path : "other"}`, request.headers, () => handleRequest(request, response, requestId, path === "/graphql"));
    const portal = options.portal;
    const handled = portal ? portal.handle(request, response, path).then((served) => (served ? undefined : serveApi())) : serveApi();
    handled.catch((error: unknown) => {
      logger.error({ err: error, requestId }, "gateway request failed");
      if (response.headersSent) response.destroy();
      else writeGraphQLError(response, 500, "INTERNAL_SERVER_ERROR", "internal error", { [REQUEST_ID_HEADER]: requestId });
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
