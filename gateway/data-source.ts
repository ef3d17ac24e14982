import type { KeyObject } from "node:crypto";
import { STATUS_CODES } from "node:http";
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayGraphQLRequestContext, GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import type { GraphQLError } from "graphql";
import type { Dispatcher } from "undici";
import { BadUserInputError, ServiceUnavailableError } from "../platform/errors";
import type { Logger } from "../platform/logger";
import { SIGNATURE_HEADER, signSubgraphRequest } from "../platform/subgraph-signature";
import { inClientSpan } from "../platform/telemetry";
import type { DisclosureGroup } from "../audit-log/chain";
import { subgraphClaimsOf, type GatewayContext } from "./context";
import type { SubgraphFetchOutcome } from "./metrics";

export type SigningDataSourceOptions = Readonly<{
  name: string;
  url: string;
  /** The gateway's Ed25519 private key: only the gateway holds it. */
  signingKey: KeyObject;
  timeoutMs: number;
  logger: Logger;
  /** The gateway's connection pool (undici), kept alive between fetches and closed with the gateway. */
  dispatcher: Dispatcher;
  /** Told of each fetch's outcome and time (the gateway's metrics). */
  observeFetch?: (outcome: SubgraphFetchOutcome, seconds: number) => void;
}>;

type Fetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>["fetcher"] & {};
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/**
 * A subgraph's answer, already read in full. Apollo asks only for a fetch-like response; building a
 * WHATWG `Response` (streams, body mixins) for a body that is already a string cost more CPU than the
 * rest of the fetch (docs/decisions/0002-subgraph-fetches-through-undici.md).
 */
class ReadResponse implements FetcherResponse {
  readonly bodyUsed = false;
  readonly redirected = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly headers: Headers,
    private readonly body: string,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get statusText(): string {
    return STATUS_CODES[this.status] ?? "";
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return new TextEncoder().encode(this.body).buffer as ArrayBuffer;
  }

  clone(): FetcherResponse {
    return new ReadResponse(this.url, this.status, this.headers, this.body);
  }
}

/** Forwards one fetch over the pool with a bounded time for headers and body together. */
function boundedFetcher(options: SigningDataSourceOptions): Fetcher {
  return async (url, init) => {
    // The timeout covers the body too (a subgraph that sends its headers and then stalls is cut as
    // well), and its timer goes as soon as the answer is in rather than living out the full timeout.
    const abort = new AbortController();
    const timer = setTimeout(
      () => abort.abort(new DOMException("subgraph timeout", "TimeoutError")),
      options.timeoutMs,
    );
    const startedAt = performance.now();
    const observe = (outcome: SubgraphFetchOutcome) =>
      options.observeFetch?.(outcome, (performance.now() - startedAt) / 1000);
    try {
      const target = new URL(url);
      // The W3C trace context travels as a header: the signature covers the viewer and the operation, not headers.
      const requestHeaders = { ...(init?.headers as Record<string, string> | undefined) };
      const { response, body } = await inClientSpan(
        `subgraph ${options.name}`,
        requestHeaders,
        async (span) => {
          const answer = await options.dispatcher.request({
            origin: target.origin,
            path: `${target.pathname}${target.search}`,
            method: (init?.method ?? "POST") as Dispatcher.HttpMethod,
            headers: requestHeaders,
            body: init?.body ?? null,
            signal: abort.signal,
          });
          span.setAttribute("http.response.status_code", answer.statusCode);
          return { response: answer, body: await answer.body.text() };
        },
      );
      const headers = new Headers();
      for (const [name, value] of Object.entries(response.headers)) {
        if (typeof value === "string") headers.set(name, value);
        else if (Array.isArray(value)) for (const each of value) headers.append(name, each);
      }
      observe(
        response.statusCode >= 200 && response.statusCode < 300
          ? "ok"
          : response.statusCode < 500
            ? "4xx"
            : "5xx",
      );
      return new ReadResponse(url, response.statusCode, headers, body);
    } catch (error) {
      observe("unavailable");
      options.logger.warn({ err: error, subgraph: options.name }, "subgraph unreachable or too slow");
      throw new ServiceUnavailableError(`the ${options.name} part of the service`);
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * The caller's own error in a subgraph's refusal, if it is one: a subgraph answers 400 with
 * BAD_USER_INPUT when the variables it was sent fail its scalars (the supergraph's custom scalars accept
 * anything at the gateway, the subgraph's do not); that error is already masked and says what to fix.
 * Shared by both transports (this file and in-process-data-source.ts), so both answer alike.
 */
export function callerErrorOfRefusal(status: number, body: unknown): BadUserInputError | null {
  const errors =
    typeof body === "object" && body !== null ? (body as { errors?: unknown }).errors : undefined;
  const first = Array.isArray(errors)
    ? (errors[0] as { message?: unknown; extensions?: { code?: unknown } } | undefined)
    : undefined;
  if (status === 400 && first?.extensions?.code === "BAD_USER_INPUT" && typeof first.message === "string")
    return new BadUserInputError(first.message);
  return null;
}

/** Adds what one subgraph fetch disclosed to the request's audit (both transports). */
export function collectDisclosures(
  context: Partial<Pick<GatewayContext, "disclosures">>,
  subgraph: string,
  disclosed: readonly DisclosureGroup[],
): void {
  if (!Array.isArray(context.disclosures)) return;
  for (const entry of disclosed) context.disclosures.push({ ...entry, subgraph });
}

/**
 * Forwards one subgraph fetch with the viewer signed for that subgraph and that operation, with a
 * bounded time, and collects what the subgraph reports it disclosed for the audit. A subgraph that is
 * down or does not answer in time becomes `SERVICE_UNAVAILABLE` for its part of the answer — without
 * its URL or the network error, which go to the log.
 */
export class SigningDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly options: SigningDataSourceOptions;

  constructor(options: SigningDataSourceOptions) {
    super({ url: options.url, fetcher: boundedFetcher(options) });
    this.options = options;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const { request, context } = options;
    if (!("requestId" in context)) return;
    const signature = signSubgraphRequest(
      this.options.signingKey,
      subgraphClaimsOf(context as GatewayContext),
      this.options.name,
      {
        query: request.query,
        operationName: request.operationName ?? null,
        variables: request.variables ?? null,
      },
    );
    request.http?.headers.set(SIGNATURE_HEADER, signature);
    request.http?.headers.set("x-request-id", context.requestId);
  }

  /** A subgraph's refusal of the caller's input reaches the caller (callerErrorOfRefusal); anything else stays internal. */
  override async errorFromResponse(
    response: Parameters<RemoteGraphQLDataSource["errorFromResponse"]>[0],
  ): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    return (
      callerErrorOfRefusal(
        response.status,
        (error.extensions.response as { body?: unknown } | undefined)?.body,
      ) ?? error
    );
  }

  override async didReceiveResponse({
    response,
    context,
  }: Required<
    Pick<GatewayGraphQLRequestContext<GatewayContext>, "request" | "response" | "context">
  >): Promise<GatewayGraphQLResponse> {
    const disclosed = response.extensions?.disclosed;
    if (Array.isArray(disclosed))
      collectDisclosures(context, this.options.name, disclosed as DisclosureGroup[]);
    return response;
  }
}
