import type { IncomingHttpHeaders } from "node:http";
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import { BadUserInputError, ServiceUnavailableError, UnauthenticatedError } from "../platform/errors";
import { hmacKey } from "../platform/hmac-key";
import { isPurpose, isRole, PUBLIC_VIEWER, PURPOSES, type Role, type Viewer } from "../platform/viewer";
import type { OidcClaimNames } from "../platform/config";
import { claimAt, IdentityProviderUnreachableError, OIDC_ALGORITHMS, type OidcIssuer } from "./oidc";

export const PURPOSE_HEADER = "x-credit-purpose";

const ROLES_WITH_ORGANISATION: ReadonlySet<Role> = new Set(["GOVERNMENT", "ORGANIZATION", "PROVIDER"]);

/** Clock skew allowed between the token's issuer and the gateway, for `iat` and `exp`. */
const CLOCK_TOLERANCE_SECONDS = 30;

/** Our own tokens (`npm run token`, HS256) name their claims so. */
const OWN_CLAIM_NAMES: OidcClaimNames = Object.freeze({ role: "role", org: "org", subject: "subject" });

/**
 * Whom the gateway believes: the HS256 secret (development, `npm run token`, service accounts) and, when
 * configured, one OpenID Connect issuer whose RS256/ES256 tokens are checked against its JWK set, issuer and
 * audience. The token's `alg` picks the key; each key verifies only its own algorithms, so an HS256 token can
 * never be checked with an issuer's public key as its secret.
 */
export type BearerTrust = Readonly<{ secret: Uint8Array; oidc: OidcIssuer | null }>;

/**
 * Establishes who calls from `Authorization: Bearer` (the purpose comes after, from `withPurpose`, so a
 * refused purpose is still audited under the verified caller). No header is PUBLIC; a bad, expired or
 * incomplete token is `UNAUTHENTICATED`, never silently PUBLIC. A token must say when it was issued
 * (`iat`, not in the future) and expire (`exp`) at most `maxTokenAgeSeconds` later, so a leaked token is
 * good for hours, not years. This is the trust boundary: subgraphs only ever see the viewer the gateway signs.
 */
export async function authenticate(
  headers: IncomingHttpHeaders,
  trust: BearerTrust | Uint8Array,
  maxTokenAgeSeconds: number,
): Promise<Viewer> {
  const authorization = headers.authorization;
  if (authorization === undefined) return PUBLIC_VIEWER;
  const match = /^Bearer ([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)$/.exec(authorization.trim());
  if (!match?.[1]) throw new UnauthenticatedError("the Authorization header must be `Bearer <JWT>`");
  const { secret, oidc } = trust instanceof Uint8Array ? { secret: trust, oidc: null } : trust;
  const token = match[1];
  const common = {
    requiredClaims: ["exp", "iat", "sub"],
    maxTokenAge: maxTokenAgeSeconds,
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  };
  let claims: JWTPayload;
  let claimNames = OWN_CLAIM_NAMES;
  try {
    if (algorithmOf(token) === "HS256") {
      ({ payload: claims } = await jwtVerify(token, await hmacKey(secret), {
        ...common,
        algorithms: ["HS256"],
      }));
    } else if (oidc) {
      ({ payload: claims } = await jwtVerify(token, oidc.keys, {
        ...common,
        algorithms: [...OIDC_ALGORITHMS],
        issuer: oidc.issuer,
        audience: oidc.audience,
      }));
      claimNames = oidc.claims;
    } else {
      throw new UnauthenticatedError(
        "the bearer token is not signed with HS256, and no OpenID Connect issuer is configured here; get a token from this service",
      );
    }
  } catch (error) {
    if (error instanceof UnauthenticatedError) throw error;
    // The identity provider's keys could not be read: our side is down, not the caller's token bad (fail closed).
    // Anything else — a key too weak for its algorithm, of the wrong type, a signature or a claim — is the token's.
    if (error instanceof IdentityProviderUnreachableError)
      throw new ServiceUnavailableError("the identity provider");
    throw new UnauthenticatedError(refusalOf(error));
  }
  if (typeof claims.sub !== "string" || claims.sub.trim() === "") {
    throw new UnauthenticatedError(
      "the bearer token's `sub` is empty; every caller is audited under a subject — get a new token",
    );
  }
  if (claims.exp! - claims.iat! > maxTokenAgeSeconds) {
    throw new UnauthenticatedError(
      `the bearer token lives longer than ${maxTokenAgeSeconds} s from \`iat\` to \`exp\`; get one that expires sooner`,
    );
  }
  const role = claimAt(claims, claimNames.role);
  if (!isRole(role)) throw new UnauthenticatedError("the bearer token names no known role");
  const text = (value: unknown) => (typeof value === "string" && value.length > 0 ? value : null);
  const viewer: Viewer = {
    role,
    actor: text(claims.sub),
    org: text(claimAt(claims, claimNames.org)),
    subject: text(claimAt(claims, claimNames.subject)),
    purpose: null,
  };
  if (viewer.role === "SUBJECT" && !viewer.subject) {
    throw new UnauthenticatedError(
      "a SUBJECT token must carry the `subject` claim (the caller's identifier)",
    );
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

/** The `alg` its header names; a header that is not JSON is a token that is not valid. */
function algorithmOf(token: string): string | undefined {
  try {
    return decodeProtectedHeader(token).alg;
  } catch {
    throw new UnauthenticatedError(
      "the bearer token is not valid; get a new one from your identity provider",
    );
  }
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
  if (
    error instanceof joseErrors.JWTClaimValidationFailed &&
    (error.claim === "iss" || error.claim === "aud")
  ) {
    return `the bearer token's \`${error.claim}\` is not this service's identity provider or audience; get a token issued for this service`;
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey)
    return "the bearer token is signed with a key the identity provider does not publish; get a new one";

  return "the bearer token is not valid; get a new one from your identity provider";
}

function readPurpose(header: string | string[] | undefined): Viewer["purpose"] {
  if (header === undefined || header === "") return null;
  const value = Array.isArray(header) ? header.join(",") : header.trim();
  if (!isPurpose(value)) {
    throw new BadUserInputError(
      `X-Credit-Purpose "${value.slice(0, 40)}" is not a purpose; use one of ${PURPOSES.join(", ")}`,
      {
        header: "X-Credit-Purpose",
      },
    );
  }
  return value;
}
