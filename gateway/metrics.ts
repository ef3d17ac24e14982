import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Kind, parse } from "graphql";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { chinaDateOf } from "../domain/dates";
import type { WorkingDayCalendar } from "../domain/working-days";
import type { Clock } from "../platform/clock";
import { isErrorCode } from "../platform/errors";
import { UNRESOLVED_OPERATION } from "./plugins/use-metrics";

/** Connections of a PostgreSQL pool; the embedded database has none. */
export type PoolUse = Readonly<{ total: number; idle: number; waiting: number }>;

/** Where the gateway's metrics read state they do not own at scrape time. */
export type MetricsSources = Readonly<{
  /** The database pool's connections now; absent (or null) for the embedded database. */
  poolUse?: () => PoolUse | null;
  /** Units in flight now against the admission budget. */
  inFlightCost: () => number;
  /** The working-day calendar, whose notices for this year and next are reported as loaded or not. */
  calendar?: WorkingDayCalendar;
  clock: Clock;
  /** The operation labels there may be (`operationLabelsOf` the supergraph); any other operation is `other`. */
  operations?: ReadonlySet<string>;
}>;

/** Why a request was refused before it ran, as counted by `credit_gateway_refusals_total`. */
export type RefusalReason = "rate_limited" | "refused_address" | "admission";

/** A subgraph fetch's outcome: `ok` (2xx), the HTTP status class (`4xx`, `5xx`), or `unavailable` (unreachable or too slow). */
export type SubgraphFetchOutcome = "ok" | "4xx" | "5xx" | "unavailable";

/** The label of every operation that is not one root field the schema declares (several root fields, `__typename`, …). */
export const OTHER_OPERATION = "other";

/**
 * The operation labels a gateway may report, fixed at start from the supergraph: `query:subject`,
 * `mutation:submitRecords`, … — one per root field the schema declares. A set of root fields is not among them:
 * their combinations are the caller's to choose, and a caller must not be able to grow the metrics.
 */
export function operationLabelsOf(supergraphSdl: string): ReadonlySet<string> {
  const document = parse(supergraphSdl);
  const rootTypes = new Map<string, string>([
    ["Query", "query"],
    ["Mutation", "mutation"],
    ["Subscription", "subscription"],
  ]);
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const operationType of definition.operationTypes ?? [])
      rootTypes.set(operationType.type.name.value, operationType.operation);
  }
  const labels = new Set<string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION)
      continue;
    const operation = rootTypes.get(definition.name.value);
    if (operation)
      for (const field of definition.fields ?? []) labels.add(`${operation}:${field.name.value}`);
  }
  return labels;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The outcome label of a request: `ok`, or its first error's contract code (a closed list); anything else
 * is `INTERNAL_SERVER_ERROR`, so no caller-chosen text becomes a label.
 */
export function outcomeLabel(errorCodes: readonly string[]): string {
  if (errorCodes.length === 0) return "ok";
  const first = errorCodes[0];
  return isErrorCode(first) ? first : "INTERNAL_SERVER_ERROR";
}

/**
 * The gateway's Prometheus metrics, one registry per gateway (no process-wide default registry, so two
 * gateways in one process — tests, benchmarks — count apart). Labels are closed sets fixed at start: roles,
 * contract codes, subgraph names, and operations named by one root field of the schema (`operationLabelsOf`),
 * `unresolved` or `other` — never a client-chosen name, a combination of fields, a variable or an identifier.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly operationLabels: ReadonlySet<string>;
  private readonly requests: Counter<"operation" | "role" | "outcome">;
  private readonly requestDuration: Histogram<"operation" | "outcome">;
  private readonly refusals: Counter<"reason">;
  private readonly subgraphFetchDuration: Histogram<"subgraph" | "outcome">;
  private readonly subgraphFetchErrors: Counter<"subgraph" | "outcome">;
  private readonly auditBatchSize: Histogram<never>;
  private readonly auditBatchDuration: Histogram<never>;
  private readonly auditBatchFailures: Counter<never>;

  constructor(sources: MetricsSources) {
    this.operationLabels = sources.operations ?? new Set();
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: "credit_" });
    this.requests = new Counter({
      name: "credit_gateway_requests_total",
      help: "Requests to the GraphQL endpoint by operation (root fields), role and outcome (ok or the contract error code)",
      labelNames: ["operation", "role", "outcome"],
      registers,
    });
    this.requestDuration = new Histogram({
      name: "credit_gateway_request_duration_seconds",
      help: "Time from a request's arrival to its answer, by operation and outcome",
      labelNames: ["operation", "outcome"],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.refusals = new Counter({
      name: "credit_gateway_refusals_total",
      help: "Requests refused before they ran: rate_limited (caller's budget), refused_address (an address mostly refused), admission (in-flight budget spent)",
      labelNames: ["reason"],
      registers,
    });
    new Gauge({
      name: "credit_gateway_in_flight_cost",
      help: "Work units in flight now against CREDIT_MAX_IN_FLIGHT_COST",
      registers,
      collect() {
        this.set(sources.inFlightCost());
      },
    });
    this.subgraphFetchDuration = new Histogram({
      name: "credit_subgraph_fetch_duration_seconds",
      help: "Time of one subgraph fetch from the gateway, by subgraph and outcome (ok, 4xx, 5xx, unavailable)",
      labelNames: ["subgraph", "outcome"],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.subgraphFetchErrors = new Counter({
      name: "credit_subgraph_fetch_errors_total",
      help: "Subgraph fetches that did not answer 2xx, by subgraph and outcome (4xx, 5xx, unavailable)",
      labelNames: ["subgraph", "outcome"],
      registers,
    });
    this.auditBatchSize = new Histogram({
      name: "credit_audit_batch_size",
      help: "Audit events written per group commit",
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500],
      registers,
    });
    this.auditBatchDuration = new Histogram({
      name: "credit_audit_batch_duration_seconds",
      help: "Time to write one audit batch (chain head lock to commit)",
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.auditBatchFailures = new Counter({
      name: "credit_audit_batch_failures_total",
      help: "Audit batches that could not be written (their requests were answered AUDIT_UNAVAILABLE)",
      registers,
    });
    new Gauge({
      name: "credit_db_pool_connections",
      help: "PostgreSQL pool connections by state (total, idle, waiting: clients queued for one); absent on the embedded database",
      labelNames: ["state"],
      registers,
      collect() {
        this.reset();
        const use = sources.poolUse?.();
        if (!use) return;
        this.set({ state: "total" }, use.total);
        this.set({ state: "idle" }, use.idle);
        this.set({ state: "waiting" }, use.waiting);
      },
    });
    new Gauge({
      name: "credit_calendar_notice_loaded",
      help: "1 when the State Council holiday notice of the year (current, next) is loaded; 0 when its deadlines are provisional",
      labelNames: ["year"],
      registers,
      collect() {
        this.reset();
        if (!sources.calendar) return;
        const year = Number(chinaDateOf(sources.clock.now()).slice(0, 4));
        this.set({ year: "current" }, sources.calendar.yearOf(year).official ? 1 : 0);
        this.set({ year: "next" }, sources.calendar.yearOf(year + 1).official ? 1 : 0);
      },
    });
  }

  /** The label of an operation's root fields (`rootFieldsOf`): itself when it is one the schema declares, `unresolved` as such, else `other`. */
  operationLabel(rootFields: string): string {
    return rootFields === UNRESOLVED_OPERATION || this.operationLabels.has(rootFields)
      ? rootFields
      : OTHER_OPERATION;
  }

  recordRequest(
    request: Readonly<{ operation: string; role: string; outcome: string; seconds: number }>,
  ): void {
    this.requests.inc({ operation: request.operation, role: request.role, outcome: request.outcome });
    this.requestDuration.observe({ operation: request.operation, outcome: request.outcome }, request.seconds);
  }

  recordRefusal(reason: RefusalReason): void {
    this.refusals.inc({ reason });
  }

  recordSubgraphFetch(subgraph: string, outcome: SubgraphFetchOutcome, seconds: number): void {
    this.subgraphFetchDuration.observe({ subgraph, outcome }, seconds);
    if (outcome !== "ok") this.subgraphFetchErrors.inc({ subgraph, outcome });
  }

  recordAuditBatch(size: number, seconds: number, failed: boolean): void {
    this.auditBatchSize.observe(size);
    this.auditBatchDuration.observe(seconds);
    if (failed) this.auditBatchFailures.inc();
  }
}

/**
 * Answers `/metrics` for a scraper presenting `Bearer <CREDIT_METRICS_TOKEN>`; without a configured
 * token the endpoint does not exist (404), with a wrong or missing one it is 401. A separate secret,
 * not a caller's JWT: no role of the API reads operational data, and a scraper holds no identity.
 */
export async function serveMetrics(
  request: IncomingMessage,
  response: ServerResponse,
  metrics: GatewayMetrics,
  scrapeToken: string | undefined,
): Promise<void> {
  if (!scrapeToken) {
    response.statusCode = 404;
    response.end("metrics are off: set CREDIT_METRICS_TOKEN to serve them");
    return;
  }
  const presented = Buffer.from(request.headers.authorization ?? "");
  const expected = Buffer.from(`Bearer ${scrapeToken}`);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
    response.statusCode = 401;
    response.setHeader("www-authenticate", 'Bearer realm="metrics"');
    response.end("send Authorization: Bearer <CREDIT_METRICS_TOKEN>");
    return;
  }
  response.setHeader("content-type", metrics.registry.contentType);
  response.end(await metrics.registry.metrics());
}
