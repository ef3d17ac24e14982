import { createHash, hkdfSync, randomUUID } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { hmacKey } from "./hmac-key";
import { isPurpose, isRole, type Viewer } from "./viewer";

/** The header that carries the gateway's signature over the viewer and the operation. */
export const SIGNATURE_HEADER = "x-credit-signature";

const ISSUER = "credit-federation-gateway";
const LIFETIME_SECONDS = 30;
const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * The key the gateway signs subgraph requests with, derived from the bearer-token secret so that a
 * bearer token can never pass as a gateway signature (different key, issuer and audience).
 */
export function deriveSubgraphSigningKey(jwtSecret: string): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", jwtSecret, "credit-federation", "subgraph-request-signature/v1", 32));
}

export type SignedOperation = Readonly<{
  query: string | undefined;
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | null | undefined;
}>;

/** Binds a signature to one operation: the same hash is computed on both sides of the wire. */
export function hashOperation(operation: SignedOperation): string {
  return createHash("sha256")
    .update(operation.query ?? "")
    .update("\u0000")
    .update(operation.operationName ?? "")
    .update("\u0000")
    .update(JSON.stringify(operation.variables ?? {}))
    .digest("base64url");
}

export type SubgraphRequestClaims = Readonly<{ viewer: Viewer; requestId: string }>;

/**
 * Signs one gateway → subgraph fetch: viewer claims, request id, the subgraph as audience, a fresh
 * nonce (jti), a 30-second lifetime and the hash of the operation, so that a captured header can be
 * used neither for another query, nor on another subgraph, nor twice.
 */
export async function signSubgraphRequest(
  key: Uint8Array,
  claims: SubgraphRequestClaims,
  audience: string,
  operation: SignedOperation,
): Promise<string> {
  return new SignJWT({ viewer: claims.viewer, rid: claims.requestId, op: hashOperation(operation) })
    .setProtectedHeader({ alg: "HS256", typ: "credit-subgraph+jwt" })
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${LIFETIME_SECONDS}s`)
    .setJti(randomUUID())
    .sign(await hmacKey(key));
}

export class SignatureError extends Error {
  override readonly name = "SignatureError";
}

/** Remembers nonces until their signature expires, so each signed fetch is accepted once. */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();
  private nextSweepAt = 0;

  /** Returns false when `nonce` was already used. */
  claim(nonce: string, expiresAtSeconds: number, nowSeconds = Date.now() / 1000): boolean {
    if (nowSeconds >= this.nextSweepAt) {
      for (const [seenNonce, expiry] of this.seen) {
        if (expiry + CLOCK_TOLERANCE_SECONDS < nowSeconds) this.seen.delete(seenNonce);
      }
      this.nextSweepAt = nowSeconds + LIFETIME_SECONDS;
    }
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, expiresAtSeconds);
    return true;
  }
}

/**
 * Verifies a subgraph request's signature against the operation actually received; throws
 * `SignatureError` (never says which check failed beyond a short reason) on anything else.
 */
export async function verifySubgraphRequest(
  key: Uint8Array,
  token: string | undefined,
  audience: string,
  operation: SignedOperation,
  replayGuard: ReplayGuard,
): Promise<SubgraphRequestClaims> {
  if (!token) throw new SignatureError("missing gateway signature");
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, await hmacKey(key), {
      issuer: ISSUER,
      audience,
      algorithms: ["HS256"],
      typ: "credit-subgraph+jwt",
      maxTokenAge: `${LIFETIME_SECONDS}s`,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["jti", "exp", "iat"],
    }));
  } catch {
    throw new SignatureError("invalid gateway signature");
  }
  if (payload.op !== hashOperation(operation)) throw new SignatureError("signature does not cover this operation");
  if (!replayGuard.claim(String(payload.jti), Number(payload.exp))) throw new SignatureError("signature already used");
  const viewer = parseViewer(payload.viewer);
  if (!viewer || typeof payload.rid !== "string") throw new SignatureError("malformed gateway signature");
  return { viewer, requestId: payload.rid };
}

function parseViewer(value: unknown): Viewer | null {
  if (typeof value !== "object" || value === null) return null;
  const candidate = value as Record<string, unknown>;
  const optionalString = (field: unknown) => (typeof field === "string" ? field : null);
  if (!isRole(candidate.role)) return null;
  if (candidate.purpose != null && !isPurpose(candidate.purpose)) return null;
  return Object.freeze({
    role: candidate.role,
    actor: optionalString(candidate.actor),
    org: optionalString(candidate.org),
    subject: optionalString(candidate.subject),
    purpose: isPurpose(candidate.purpose) ? candidate.purpose : null,
  });
}
