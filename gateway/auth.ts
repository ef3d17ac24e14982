import type { IncomingHttpHeaders } from "node:http";
import { errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import { BadUserInputError, UnauthenticatedError } from "../platform/errors";
import { hmacKey } from "../platform/hmac-key";
import { isPurpose, isRole, PUBLIC_VIEWER, PURPOSES, type Viewer } from "../platform/viewer";

export const PURPOSE_HEADER = "x-credit-purpose";

const ROLES_WITH_ORGANISATION = new Set(["GOVERNMENT", "ORGANIZATION", "PROVIDER"]);

/** Clock skew allowed between the token's issuer and the gateway, for `iat` and `exp`. */
const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Establishes who calls from `Authorization: Bearer` (the purpose comes after, from `withPurpose`, so a
 * refused purpose is still audited under the verified caller). No header is PUBLIC; a bad, expired or
 * incomplete token is `UNAUTHENTICATED`, never silently PUBLIC. A token must say when it was issued
 * (`iat`, not in the future) and expire (`exp`) at most `maxTokenAgeSeconds` later, so a leaked token is
 * good for hours, not years. This is the trust boundary: subgraphs only ever see the viewer the gateway signs.
 */
export async function authenticate(headers: IncomingHttpHeaders, secret: Uint8Array, maxTokenAgeSeconds: number): Promise<Viewer> {
  const authorization = headers.authorization;
  if (authorization === undefined) return PUBLIC_VIEWER;
  const match = /^Bearer ([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)$/.exec(authorization.trim());
  if (!match?.[1]) throw new UnauthenticatedError("the Authorization header must be `Bearer <JWT>`");
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(match[1], await hmacKey(secret), {
      algorithms: ["HS256"],
      requiredClaims: ["exp", "iat", "sub"],
      maxTokenAge: maxTokenAgeSeconds,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (error) {
    throw new UnauthenticatedError(refusalOf(error));
  }
  if (claims.exp! - claims.iat! > maxTokenAgeSeconds) {
    throw new UnauthenticatedError(`the bearer token lives longer than ${maxTokenAgeSeconds} s from \`iat\` to \`exp\`; get one that expires sooner`);
  }
  if (!isRole(claims.role)) throw new UnauthenticatedError("the bearer token names no known role");
  const text = (value: unknown) => (typeof value === "string" && value.length > 0 ? value : null);
  const viewer: Viewer = {
    role: claims.role,
    actor: text(claims.sub),
    org: text(claims.org),
    subject: text(claims.subject),
    purpose: null,
  };
  if (viewer.role === "SUBJECT" && !viewer.subject) {
    throw new UnauthenticatedError("a SUBJECT token must carry the `subject` claim (the caller's identifier)");
  }
  if (ROLES_WITH_ORGANISATION.has(viewer.role) && !viewer.org) {
    throw new UnauthenticatedError(`a ${viewer.role} token must carry the \`org\` claim (organisation code)`);
  }
  return Object.freeze(viewer);
}

/** The viewer with the purpose its request declares in `X-Credit-Purpose`; an unknown purpose is BAD_USER_INPUT. */
export function withPurpose(viewer: Viewer, headers: IncomingHttpHeaders): Viewer {
  const purpose = readPurpose(headers[PURPOSE_HEADER]);
  return purpose === viewer.purpose ? viewer : Object.freeze({ ...viewer, purpose });
}

/** What to tell the caller about a token jose refused: what is wrong with it, never the token. */
function refusalOf(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return "the bearer token has expired; get a new one";
  if (error instanceof joseErrors.JWTClaimValidationFailed && error.reason === "missing") {
    return `the bearer token has no \`${error.claim}\` claim; tokens must carry sub, iat and exp — get a new one`;
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "iat") {
    return "the bearer token is issued in the future (`iat`); check the issuer's clock and get a new one";
  }
  return "the bearer token is not valid; get a new one from your identity provider";
}

function readPurpose(header: string | string[] | undefined): Viewer["purpose"] {
  if (header === undefined || header === "") return null;
  const value = Array.isArray(header) ? header.join(",") : header.trim();
  if (!isPurpose(value)) {
    throw new BadUserInputError(`X-Credit-Purpose "${value.slice(0, 40)}" is not a purpose; use one of ${PURPOSES.join(", ")}`, {
      header: "X-Credit-Purpose",
    });
  }
  return value;
}
