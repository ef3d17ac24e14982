import { createRemoteJWKSet, type JWTVerifyGetKey } from "jose";
import { ConfigError, type OidcClaimNames, type OidcSettings } from "../platform/config";

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
export async function createOidcIssuer(settings: OidcSettings, options: { rotationCooldownMs?: number | undefined } = {}): Promise<OidcIssuer> {
  const jwksUrl = settings.jwksUrl ?? (await discoverJwksUrl(settings.issuer));
  return Object.freeze({
    issuer: settings.issuer,
    audience: settings.audience,
    claims: settings.claims,
    keys: createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: options.rotationCooldownMs ?? 30_000, timeoutDuration: 5_000 }),
  });
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
    throw new OidcDiscoveryError(`CREDIT_OIDC_ISSUER: could not read ${discoveryUrl} (${(error as Error).message}); set CREDIT_OIDC_JWKS_URL or check the issuer`);
  }
  if (document.issuer !== issuer) {
    throw new OidcDiscoveryError(`CREDIT_OIDC_ISSUER: ${discoveryUrl} names issuer ${String(document.issuer)}, not ${issuer}`);
  }
  if (typeof document.jwks_uri !== "string") throw new OidcDiscoveryError(`CREDIT_OIDC_ISSUER: ${discoveryUrl} has no jwks_uri; set CREDIT_OIDC_JWKS_URL`);
  return document.jwks_uri;
}

/** The value at a claim name or dotted path (`realm_access.org`) of a token's payload. */
export function claimAt(payload: Readonly<Record<string, unknown>>, path: string): unknown {
  if (path in payload) return payload[path];
  let value: unknown = payload;
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
