import type { IncomingHttpHeaders } from "node:http";
import { HeaderMap, type HTTPGraphQLResponse } from "@apollo/server";
import { CreditError } from "../platform/errors";

/** What a browser on an allowed origin may send; `apollo-require-preflight` is Apollo's CSRF header. */
const ALLOWED_REQUEST_HEADERS =
  "authorization, content-type, x-credit-purpose, apollo-require-preflight, x-request-id";
/** What a page on an allowed origin may read of an answer beside the safe-listed headers. */
const EXPOSED_HEADERS = "x-request-id, retry-after";
const PREFLIGHT_MAX_AGE_SECONDS = "600";

/**
 * CORS headers for an answer: the exact origin echoed when it is on the allow-list (`CREDIT_CORS_ORIGINS`), none
 * otherwise. Never `*` and never `Access-Control-Allow-Credentials`: callers authenticate with a bearer token the
 * page sends itself, not with cookies, so no browser ever attaches ambient credentials to a cross-origin call.
 */
export function corsHeadersFor(
  headers: IncomingHttpHeaders,
  allowedOrigins: ReadonlySet<string>,
): Record<string, string> {
  if (allowedOrigins.size === 0) return {};
  const origin = headers.origin;
  // Vary on every answer, so a shared cache never serves one origin's answer to another.
  if (origin === undefined || !allowedOrigins.has(origin)) return { vary: "Origin" };
  return {
    vary: "Origin",
    "access-control-allow-origin": origin,
    "access-control-expose-headers": EXPOSED_HEADERS,
  };
}

/** Whether the request is a browser's CORS preflight (OPTIONS naming the method it wants to send). */
export function isPreflight(method: string | undefined, headers: IncomingHttpHeaders): boolean {
  return method === "OPTIONS" && headers["access-control-request-method"] !== undefined;
}

/**
 * The answer to a preflight: 204 with the allowed methods and headers for an allowed origin; `FORBIDDEN` for any
 * other, so a portal that is not on the list learns why in its console.
 */
export function answerPreflight(
  headers: IncomingHttpHeaders,
  allowedOrigins: ReadonlySet<string>,
): HTTPGraphQLResponse {
  const origin = headers.origin;
  if (origin === undefined || !allowedOrigins.has(origin)) {
    throw new CreditError(
      "FORBIDDEN",
      "this origin may not call the service from a browser; ask the operator to add it to CREDIT_CORS_ORIGINS",
      { header: "Origin" },
    );
  }
  const answer = new HeaderMap([
    ["access-control-allow-methods", "GET, POST"],
    ["access-control-allow-headers", ALLOWED_REQUEST_HEADERS],
    ["access-control-max-age", PREFLIGHT_MAX_AGE_SECONDS],
  ]);
  return { status: 204, headers: answer, body: { kind: "complete", string: "" } };
}
