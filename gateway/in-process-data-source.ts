import { STATUS_CODES } from "node:http";
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import { GraphQLError, type FormattedExecutionResult } from "graphql";
import { ServiceUnavailableError, UnauthenticatedError } from "../platform/errors";
import type { Logger } from "../platform/logger";
import type { SubgraphRequestClaims } from "../platform/subgraph-signature";
import { inClientSpan } from "../platform/telemetry";
import { isRole } from "../platform/viewer";
import { subgraphClaimsOf, type GatewayContext } from "./context";
import { callerErrorOfRefusal, collectDisclosures } from "./data-source";
import type { SubgraphFetchOutcome } from "./metrics";

type Disclosed = Omit<GatewayContext["disclosures"][number], "subgraph">;

/**
 * What the gateway needs of a subgraph it executes in its own process: one operation, run for the viewer
 * the gateway verified, answered as objects with the HTTP status it would have had and what it disclosed.
 * `subgraphs/shared/executor.ts` provides it — the same executor the subgraph's HTTP server runs on.
 */
export type InProcessSubgraph = Readonly<{
  name: string;
  executeHandedOver(
    operation: Readonly<{
      query?: string | undefined;
      operationName?: string | null | undefined;
      variables?: Readonly<Record<string, unknown>> | null | undefined;
    }>,
    verified: SubgraphRequestClaims,
  ): Promise<Readonly<{ status: number; result: FormattedExecutionResult; disclosed: readonly Disclosed[] }>>;
}>;

export type InProcessDataSourceOptions = Readonly<{
  executor: InProcessSubgraph;
  timeoutMs: number;
  logger: Logger;
  /** Told of each fetch's outcome and time (the gateway's metrics), as over HTTP. */
  observeFetch?: (outcome: SubgraphFetchOutcome, seconds: number) => void;
}>;

/** The execution outlived the subgraph timeout. */
class InProcessTimeout extends Error {
  override readonly name = "InProcessTimeout";
}

/**
 * The viewer the gateway established for this request (bearer token verified, purpose checked), or a
 * refusal: a fetch without a verified viewer — Apollo's own health checks, or a context that lost it —
 * gets nothing, as an unsigned request gets nothing over HTTP. Never falls back to PUBLIC.
 */
function verifiedClaimsOf(context: Partial<GatewayContext>): SubgraphRequestClaims {
  const { viewer, requestId } = context;
  if (
    typeof requestId !== "string" ||
    typeof viewer !== "object" ||
    viewer === null ||
    !isRole(viewer.role)
  ) {
    throw new UnauthenticatedError("this subgraph answers only requests the gateway verified");
  }
  return subgraphClaimsOf({ viewer, requestId, clientAddress: context.clientAddress ?? null });
}

/**
 * Executes a subgraph's operations in the gateway's process (the one-process shape, `npm start`): no
 * loopback HTTP, no JSON, no signature — the trust boundary is the process (docs/architecture.md). The
 * subgraph gets what the HTTP path gives it: the gateway's verified viewer, request id and caller, a
 * context built by the same executor (loaders, disclosures, clock, policies), the same timeout per fetch
 * (`SERVICE_UNAVAILABLE`), the same error mask and refusals; its disclosures are handed over as objects.
 */
export class InProcessDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(private readonly options: InProcessDataSourceOptions) {}

  async process({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { executor, timeoutMs, logger } = this.options;
    const verified = verifiedClaimsOf(context as Partial<GatewayContext>);
    const startedAt = performance.now();
    const observe = (outcome: SubgraphFetchOutcome) =>
      this.options.observeFetch?.(outcome, (performance.now() - startedAt) / 1000);
    const execution = executor.executeHandedOver(request, verified);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new InProcessTimeout(`subgraph ${executor.name} did not answer in ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    let answer: Awaited<typeof execution>;
    try {
      // A fetch cut at the timeout keeps running, as a subgraph process keeps working after the gateway
      // hangs up; whatever it discloses then is never collected, because its answer is never used.
      answer = await inClientSpan(`subgraph ${executor.name}`, {}, () => Promise.race([execution, timedOut]));
    } catch (error) {
      if (error instanceof InProcessTimeout) {
        execution.catch((late: unknown) =>
          logger.error({ err: late, subgraph: executor.name }, "subgraph request failed after its timeout"),
        );
        observe("unavailable");
        logger.warn({ err: error, subgraph: executor.name }, "subgraph unreachable or too slow");
        throw new ServiceUnavailableError(`the ${executor.name} part of the service`);
      }
      // Over HTTP this is the subgraph's bare 500: nothing of the original reaches the caller.
      observe("5xx");
      logger.error({ err: error, subgraph: executor.name }, "subgraph request failed");
      throw new Error(`subgraph ${executor.name} failed`);
    } finally {
      clearTimeout(timer);
    }
    const { status, result, disclosed } = answer;
    const { data, errors, extensions } = result;
    if (status < 200 || status >= 300) {
      observe(status < 500 ? "4xx" : "5xx");
      throw (
        callerErrorOfRefusal(status, { errors }) ??
        new GraphQLError(`${status}: ${STATUS_CODES[status] ?? ""}`)
      );
    }
    observe("ok");
    collectDisclosures(context, executor.name, disclosed);
    return { data, errors, extensions };
  }
}
