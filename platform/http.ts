import type { IncomingMessage, ServerResponse } from "node:http";
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from "@apollo/server";
import { clientErrorOf, CreditError, type ClientError, type ErrorCode } from "./errors";

export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";
}

/** Reads a request body, refusing (and draining no further than) `maxBytes`. */
export async function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > maxBytes) throw new BodyTooLargeError(`request body over ${maxBytes} bytes`);
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of request) {
    received += (chunk as Buffer).length;
    if (received > maxBytes) throw new BodyTooLargeError(`request body over ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function headerMapOf(request: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

/** Parses a JSON body as Apollo's own integrations do; undefined when absent or not JSON. */
export function parseJsonBody(request: IncomingMessage, raw: string): unknown {
  const contentType = request.headers["content-type"] ?? "";
  if (!raw || !contentType.toLowerCase().includes("application/json")) return raw || undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Runs one HTTP request through Apollo Server (the documented integration API); the answer is not written yet. */
export async function runWithApollo<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  request: IncomingMessage,
  body: unknown,
  context: () => Promise<TContext>,
): Promise<HTTPGraphQLResponse> {
  const url = new URL(request.url ?? "/", "http://localhost");
  return server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: request.method ?? "GET",
      headers: headerMapOf(request),
      search: url.search,
      body,
    },
    context,
  });
}

/** Runs one HTTP request through Apollo Server and writes the answer. */
export async function executeWithApollo<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  request: IncomingMessage,
  response: ServerResponse,
  body: unknown,
  context: () => Promise<TContext>,
  extraHeaders: Record<string, string> = {},
): Promise<HTTPGraphQLResponse> {
  const result = await runWithApollo(server, request, body, context);
  await writeApolloResponse(response, result, extraHeaders);
  return result;
}

export async function writeApolloResponse(
  response: ServerResponse,
  result: HTTPGraphQLResponse,
  extraHeaders: Record<string, string> = {},
): Promise<void> {
  for (const [name, value] of result.headers) response.setHeader(name, value);
  for (const [name, value] of Object.entries(extraHeaders)) response.setHeader(name, value);
  response.statusCode = result.status ?? 200;
  if (result.body.kind === "complete") {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

/** The answer to a request refused before Apollo ran it: a GraphQL error response holding one client error (errors.ts). */
export function errorAnswer(status: number, error: ClientError): HTTPGraphQLResponse {
  return {
    status,
    headers: new HeaderMap([["content-type", "application/json; charset=utf-8"]]),
    body: { kind: "complete", string: JSON.stringify({ errors: [error] }) },
  };
}

/** HTTP status of a request refused before it ran, by code; anything else is 400. A `CreditError` may name its own (`http.status`). */
const REFUSAL_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  AUDIT_UNAVAILABLE: 503,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

/**
 * The answer to a request refused before Apollo ran it (by the gateway's plugins, by a subgraph's
 * transport checks): the one error boundary (`clientErrorOf`) decides what the client reads.
 */
export function refusalAnswer(error: unknown, onInternal: (error: unknown) => void): HTTPGraphQLResponse {
  const clientError = clientErrorOf(error, onInternal);
  const declared =
    error instanceof CreditError
      ? (error.extensions.http as { status?: number } | undefined)?.status
      : undefined;
  return errorAnswer(declared ?? REFUSAL_STATUS[clientError.extensions.code] ?? 400, clientError);
}

/** Writes `refusalAnswer(error, onInternal)`. */
export function writeRefusal(
  response: ServerResponse,
  error: unknown,
  onInternal: (error: unknown) => void,
  extraHeaders: Record<string, string> = {},
): void {
  void writeApolloResponse(response, refusalAnswer(error, onInternal), extraHeaders);
}
