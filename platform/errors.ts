import { ForbiddenError as RoleTableRefusal } from "@casl/ability";
import { GraphQLError } from "graphql";

/** The error codes of docs/api.md "Errors"; nothing else reaches a client. */
export const ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "PURPOSE_REQUIRED",
  "CONSENT_REQUIRED",
  "BAD_USER_INPUT",
  "INVALID_IDENTIFIER",
  "PROHIBITED_DATA",
  "NOT_FOUND",
  "QUERY_TOO_COMPLEX",
  "RATE_LIMITED",
  "AUDIT_UNAVAILABLE",
  // A subgraph or the database cannot be reached (or did not answer in
  // time); the caller may retry after `retryAfterSeconds`. Distinct from a bug (INTERNAL_SERVER_ERROR).
  "SERVICE_UNAVAILABLE",
  "INTERNAL_SERVER_ERROR",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * A domain error whose message is safe to show the caller: it says what was wrong and how to fix it and
 * never carries data the caller may not read. Anything thrown that is not a `CreditError` is masked.
 */
export class CreditError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { ...details, code } });
  }
}

export class UnauthenticatedError extends CreditError {
  constructor(message: string) {
    super("UNAUTHENTICATED", message);
  }
}

export class ForbiddenError extends CreditError {
  constructor(message: string) {
    super("FORBIDDEN", message);
  }
}

export class BadUserInputError extends CreditError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("BAD_USER_INPUT", message, details);
  }
}

export class NotFoundError extends CreditError {
  constructor(message: string) {
    super("NOT_FOUND", message);
  }
}

export class InvalidIdentifierError extends CreditError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("INVALID_IDENTIFIER", message, details);
  }
}

export const SERVICE_RETRY_AFTER_SECONDS = 5;

/** A part of the service (one subgraph, or the database) is unreachable: a temporary fault, not bad input. */
export class ServiceUnavailableError extends CreditError {
  constructor(part: string) {
    super("SERVICE_UNAVAILABLE", `${part} is unavailable at the moment — retry in a few seconds`, {
      retryAfterSeconds: SERVICE_RETRY_AFTER_SECONDS,
    });
  }
}

/** What a resolver threw, when GraphQL execution wrapped it in a `GraphQLError`; else the error itself. */
function thrownByResolver(error: unknown): unknown {
  return error instanceof GraphQLError && error.originalError ? error.originalError : error;
}

/**
 * Errors of a lost or refused database connection (PostgreSQL restarting, network, pool timeout, the
 * embedded database closed) — as opposed to errors of the statement itself. SQLSTATE classes 08
 * (connection exception) and 57P (operator intervention: admin shutdown, cannot connect now).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const next = (current: Error): unknown => {
    const thrown = thrownByResolver(current);
    return thrown === current ? current.cause : thrown;
  };
  for (
    let current: unknown = error, depth = 0;
    current instanceof Error && depth < 5;
    current = next(current), depth++
  ) {
    const code = (current as { code?: unknown }).code;
    if (
      typeof code === "string" &&
      (/^08/.test(code) ||
        /^57P0[1-3]$/.test(code) ||
        ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH"].includes(code))
    ) {
      return true;
    }
    if (
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|PGlite is closed/i.test(
        current.message,
      )
    )
      return true;
  }
  return false;
}

export const INTERNAL_ERROR_MESSAGE =
  "internal error; the request id in the response headers identifies it in the logs";

const APOLLO_INPUT_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "PERSISTED_QUERY_NOT_FOUND",
]);

/** Details a subgraph's domain error may carry through the gateway: they describe the input, never data. */
const SAFE_DETAILS = ["problems", "argument", "header", "limit", "retryAfterSeconds"] as const;

export type ClientError = {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions: { code: ErrorCode } & Record<string, unknown>;
};

/**
 * The one boundary where errors become what a client sees: a `CreditError` keeps its message and
 * details, the role table's refusal is `FORBIDDEN` with its message, malformed requests become
 * `BAD_USER_INPUT`, anything else becomes a bare `INTERNAL_SERVER_ERROR` (and `onInternal` gets the
 * original to log).
 */
export function toClientError(
  formatted: {
    message: string;
    path?: ReadonlyArray<string | number> | undefined;
    extensions?: Record<string, unknown> | undefined;
  },
  original: unknown,
  onInternal: (error: unknown) => void,
): ClientError {
  const path = formatted.path ? { path: formatted.path } : {};
  if (original instanceof CreditError) {
    // `http` tells Apollo Server the status to answer with; it is not for the client.
    const {
      stacktrace: _stacktrace,
      http: _http,
      ...details
    } = original.extensions as Record<string, unknown>;
    return { message: original.message, ...path, extensions: { ...details, code: original.code } };
  }
  // The role table's refusal (`ForbiddenError.from(ability).throwUnlessCan`), as thrown or as GraphQL execution
  // wrapped it: its message names the action, never data.
  const thrown = thrownByResolver(original);
  if (thrown instanceof RoleTableRefusal)
    return { message: thrown.message, ...path, extensions: { code: "FORBIDDEN" } };
  const code = formatted.extensions?.code;
  const details = Object.fromEntries(
    SAFE_DETAILS.flatMap((key) =>
      formatted.extensions?.[key] !== undefined ? [[key, formatted.extensions[key]]] : [],
    ),
  );
  if (typeof code === "string" && APOLLO_INPUT_CODES.has(code)) {
    return { message: formatted.message, ...path, extensions: { ...details, code: "BAD_USER_INPUT" } };
  }
  if (isErrorCode(code) && code !== "INTERNAL_SERVER_ERROR") {
    return { message: formatted.message, ...path, extensions: { ...details, code } };
  }
  onInternal(original);
  if (isDatabaseUnavailable(original)) {
    const unavailable = new ServiceUnavailableError("the database");
    return {
      message: unavailable.message,
      ...path,
      extensions: { ...unavailable.extensions, code: unavailable.code },
    };
  }
  return { message: INTERNAL_ERROR_MESSAGE, ...path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}

/**
 * What a client is told of an error thrown outside GraphQL execution — a request refused before it ran, a
 * subgraph's transport refusal: the same boundary as `toClientError`, so one allow-list decides.
 */
export function clientErrorOf(error: unknown, onInternal: (error: unknown) => void): ClientError {
  return toClientError(
    { message: error instanceof Error ? error.message : String(error) },
    error,
    onInternal,
  );
}

export class PurposeRequiredError extends CreditError {
  constructor(
    message = "declare the duty or purpose of this query in the X-Credit-Purpose header (PCIM art. 33: 非履职需要，不得查询)",
  ) {
    super("PURPOSE_REQUIRED", message, { header: "X-Credit-Purpose" });
  }
}

export class ConsentRequiredError extends CreditError {
  constructor(
    message = "this is authorized-tier information: it needs the subject's valid written consent for your organisation and declared purpose (PCIM art. 21)",
  ) {
    super("CONSENT_REQUIRED", message);
  }
}
