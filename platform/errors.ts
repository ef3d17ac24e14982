import { GraphQLError } from "graphql";

/** The error codes of CONTRACT.md "Errors"; nothing else reaches a client. */
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

export const INTERNAL_ERROR_MESSAGE = "internal error; the request id in the response headers identifies it in the logs";
