import { createRemoteJWKSet, errors as joseErrors, type JWTVerifyGetKey } from "jose";
import { ConfigError, type OidcClaimNames, type OidcSettings } from "../platform/config";
import { UnauthenticatedError } from "../platform/errors";

/** Signature algorithms accepted from an OpenID Connect issuer; HMAC is never among them (no shared secret with an IdP). */
export const OIDC_ALGORITHMS = ["RS256", "ES256"] as const;

/** A trusted issuer, ready to verify: its keys are fetched on first use and again when a token names an unknown `kid` (rotation). */
export type OidcIssuer = Readonly<{
  issuer: string;
  audience: string;
  keys: JWTVerifyGetKey;
  claims: OidcClaimNames;
}>;

/** The issuer's discovery document could not be used at start: a configuration error naming CREDIT_OIDC_ISSUER. */
export class OidcDiscoveryError extends ConfigError {
  override readonly name: string = "OidcDiscoveryError";
}

/**
 * Builds the issuer the gateway trusts. `rotationCooldownMs` is the least time between two fetches of the key
 * set (jose's cooldown, 30 s by default), so a flood of tokens with made-up `kid`s cannot turn the gateway
 * into a load generator against the identity provider; tests shorten it.
 */
export async function createOidcIssuer(
  settings: OidcSettings,
  options: { rotationCooldownMs?: number | undefined } = {},
): Promise<OidcIssuer> {
  const jwksUrl = settings.jwksUrl ?? (await discoverJwksUrl(settings.issuer));
  return Object.freeze({
    issuer: settings.issuer,
    audience: settings.audience,
    claims: settings.claims,
    keys: keysOrUnreachable(
      createRemoteJWKSet(new URL(jwksUrl), {
        cooldownDuration: options.rotationCooldownMs ?? 30_000,
        timeoutDuration: 5_000,
      }),
    ),
  });
}

/**
 * The issuer's key set could not be read (network, timeout, an answer that is no key set): our side is down, so
 * the caller is told SERVICE_UNAVAILABLE, never that its token is bad — and never PUBLIC.
 */
export class IdentityProviderUnreachableError extends Error {
  override readonly name = "IdentityProviderUnreachableError";
}

/**
 * The key getter with the one failure that is not the token's marked as such: everything the getter throws except
 * "no (single) published key matches this token" means the key set could not be read. Whatever fails after a key
 * is found (a key too weak for its algorithm, a key of the wrong type, a bad signature or claim) is the token's.
 */
function keysOrUnreachable(keys: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await keys(header, token);
    } catch (error) {
      if (
        error instanceof joseErrors.JWKSNoMatchingKey ||
        error instanceof joseErrors.JWKSMultipleMatchingKeys
      )
        throw error;
      throw new IdentityProviderUnreachableError("the identity provider's key set could not be read", {
        cause: error,
      });
    }
  };
}

/** The `jwks_uri` of the issuer's `/.well-known/openid-configuration`, which must name the same issuer (OIDC Discovery §4.3). */
async function discoverJwksUrl(issuer: string): Promise<string> {
  const discoveryUrl = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  let document: { issuer?: unknown; jwks_uri?: unknown };
  try {
    const response = await fetch(discoveryUrl, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    document = (await response.json()) as typeof document;
  } catch (error) {
    throw new OidcDiscoveryError(
      `CREDIT_OIDC_ISSUER: could not read ${discoveryUrl} (${(error as Error).message}); set CREDIT_OIDC_JWKS_URL or check the issuer`,
    );
  }
  if (document.issuer !== issuer) {
    throw new OidcDiscoveryError(
      `CREDIT_OIDC_ISSUER: ${discoveryUrl} names issuer ${String(document.issuer)}, not ${issuer}`,
    );
  }
  if (typeof document.jwks_uri !== "string")
    throw new OidcDiscoveryError(
      `CREDIT_OIDC_ISSUER: ${discoveryUrl} has no jwks_uri; set CREDIT_OIDC_JWKS_URL`,
    );
  return document.jwks_uri;
}

/**
 * The value at a claim name (`org`) or a dotted path into nested claims (`realm_access.org`) of a token's payload.
 * A dotted path is read nested only: a top-level claim whose own name is the path (`"credit.role": …`) is never
 * read, and a token carrying one is refused as ambiguous (the issuer may let a user write flat attributes, never
 * the nested ones we were told to trust).
 */
export function claimAt(payload: Readonly<Record<string, unknown>>, path: string): unknown {
  if (!path.includes(".")) return Object.hasOwn(payload, path) ? payload[path] : undefined;
  if (Object.hasOwn(payload, path))
    throw new UnauthenticatedError(
      `the bearer token carries a claim named "${path}" beside the nested path configured for it; the claim is ambiguous — get a token from your identity provider without it`,
    );
  let value: unknown = payload;
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    value = Object.hasOwn(value, part) ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}
