import type { IncomingMessage } from "node:http";
import { CreditError } from "../../platform/errors";
import { BodyTooLargeError, parseJsonBody, readBody } from "../../platform/http";
import type { GatewayPlugin, SentOperation } from "../pipeline";

/** Reads the body (at most `maxBodyBytes`) and the operation it, or the GET query string, carries. */
export function useBody(options: { maxBodyBytes: number }): GatewayPlugin {
  return async (request, next) => {
    let body: unknown;
    request.bodyBytes = Buffer.byteLength(new URL(request.http.url ?? "/", "http://localhost").search);
    if (request.http.method === "POST") {
      try {
        const text = await readBody(request.http, options.maxBodyBytes);
        request.bodyBytes += Buffer.byteLength(text);
        body = parseJsonBody(request.http, text);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          throw new CreditError("QUERY_TOO_COMPLEX", `${error.message}; send a smaller document`, {
            limit: "maxBodyBytes",
            http: { status: 413 },
          });
        }
        // The client's stream broke off (it aborted, or the connection reset): its request, not our fault, and not
        // the database's — an ECONNRESET here must not be counted as a database outage.
        throw new CreditError(
          "BAD_USER_INPUT",
          "the request body ended before it was complete; send it again",
        );
      }
    }
    request.operation = sentOperationOf(request.http, body);
    return next();
  };
}

function sentOperationOf(request: IncomingMessage, body: unknown): SentOperation {
  const fields =
    typeof body === "object" && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {};
  const search = new URL(request.url ?? "/", "http://localhost").searchParams;
  const query = typeof fields.query === "string" ? fields.query : search.get("query");
  let variables = fields.variables;
  if (variables === undefined && search.has("variables")) {
    try {
      variables = JSON.parse(search.get("variables")!);
    } catch {
      variables = undefined;
    }
  }
  const operationName =
    typeof fields.operationName === "string" ? fields.operationName : search.get("operationName");
  return { body, query, variables, operationName };
}
